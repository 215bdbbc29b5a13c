//! Why a symbol is alive (the chain of first causes from a root), or why it is not
//! (where it is mentioned only in places the DCE does not look).

use super::dce::{Cause, LiveSet, Site};
use super::usages::{Usage, UsageIndex};
use super::vocab::{Action, Vocab};
use super::{ModuleGraph, ModuleIdx, ModuleStatus};
use crate::ids::{NodePos, SymId, TreeKind, TypeId};
use crate::tree::NodeKind;
use std::collections::HashMap;

/// One step of a why-alive chain: `sym` of `module` became alive because of `cause`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WhyStep {
    /// The module of the symbol.
    pub module: ModuleIdx,
    /// The symbol.
    pub sym: SymId,
    /// Its first cause.
    pub cause: Cause,
}

impl LiveSet {
    /// The chain that made `id` of module `m` alive, root first: the first step's
    /// cause is a top-level site, each further step's cause is in the body (ast) of
    /// the previous step's symbol. `None` if the symbol is not alive.
    pub fn why_alive(&self, m: ModuleIdx, id: SymId) -> Option<Vec<WhyStep>> {
        let mut steps = Vec::new();
        let (mut cm, mut cid) = (m, id);
        // Each owner was marked before what its body marks, so the chain ends; the
        // bound only guards against a corrupted cause table.
        let bound = self.total_alive() + 1;
        loop {
            let cause = *self.cause(cm, cid)?;
            steps.push(WhyStep { module: cm, sym: cid, cause });
            match cause.site {
                Site::TopLevel { .. } => break,
                Site::Body { module, owner, .. } => {
                    (cm, cid) = (module, owner);
                }
            }
            if steps.len() > bound {
                break;
            }
        }
        steps.reverse();
        Some(steps)
    }

    /// Why `id` of module `m` is not alive, with every mention of it classified by
    /// the reason the DCE did not follow it. `None` if it is alive.
    pub fn why_dead(&self, g: &ModuleGraph, usages: &UsageIndex, m: ModuleIdx, id: SymId) -> Option<WhyDead> {
        self.why_dead_in(g, usages, m, id, &mut TreeContexts::default())
    }

    /// [`Self::why_dead`], reusing the per-module tree data of earlier questions.
    pub fn why_dead_in(&self, g: &ModuleGraph, usages: &UsageIndex, m: ModuleIdx, id: SymId, ctx: &mut TreeContexts) -> Option<WhyDead> {
        if self.is_alive(m, id) {
            return None;
        }
        let status = g.get(m).map_or(ModuleStatus::NoPath, |x| x.status);
        let reason = if status == ModuleStatus::InBuild { DeadReason::NotReachable } else { DeadReason::NotInBuild(status) };
        let mentions = usages.of(m, id).iter().map(|&u| Mention { usage: u, context: ctx.classify(g, self, u) }).collect();
        Some(WhyDead { module: m, sym: id, reason, mentions })
    }
}

/// Why a symbol is dead.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeadReason {
    /// Its module is not part of the current build.
    NotInBuild(ModuleStatus),
    /// No root reaches it.
    NotReachable,
}

/// The answer of [`LiveSet::why_dead`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WhyDead {
    /// The module.
    pub module: ModuleIdx,
    /// The symbol.
    pub sym: SymId,
    /// Why.
    pub reason: DeadReason,
    /// Every node that names it, with the reason it was not followed.
    pub mentions: Vec<Mention>,
}

/// A node naming a dead symbol, and why the DCE did not follow it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mention {
    /// The node.
    pub usage: Usage,
    /// Why it was not followed.
    pub context: MentionContext,
}

/// Why a mention was not followed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MentionContext {
    /// The toReplay tree is never scanned.
    ToReplay,
    /// The module of the mention is not in the current build.
    NotInBuild,
    /// Inside a subtree the DCE does not enter: a declarative context (type section,
    /// template, macro, `typeof`, `static`, import...), a routine definition (whose
    /// body is scanned only if its symbol is followed) or a range check. `kind` and
    /// `node` name the outermost such node on the way from the scan's start.
    Skipped {
        /// Its node kind.
        kind: NodeKind,
        /// Its position (same tree as the mention).
        node: NodePos,
    },
    /// In the ast of a symbol that is itself dead.
    DeadOwner {
        /// The dead symbol (same module as the mention).
        owner: SymId,
    },
    /// In the ast of an alive routine, but outside its body (son 6): parameters,
    /// pragmas, generic parameters. Or in a symbol's constraint or library path.
    OutsideBody {
        /// The symbol.
        owner: SymId,
    },
    /// In the node tree of a type: types are never followed.
    TypeNode {
        /// The type (same module as the mention).
        type_id: TypeId,
    },
    /// In a bodies root that no symbol or type points at: in 2.x files, the record
    /// of a template or macro expansion (an nkSym or nkModuleRef root).
    UnownedRoot,
    /// On a path the DCE does scan (a contradiction: the symbol would be alive).
    Scanned,
}

/// Who points at a bodies root.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Owner {
    /// The root is this symbol's `ast` (its definition, or its value).
    Ast(SymId),
    /// The root is this symbol's `constraint` or `annex.path` (library path).
    Extra(SymId),
    /// The root is this type's `n`.
    Type(TypeId),
}

/// Per-tree facts for the why-dead questions, computed in one linear pass: the
/// root above every node and the outermost node above it where the DCE's scan stops
/// (so each question costs O(1), whatever the depth of the tree).
#[derive(Clone, Debug, Default)]
struct TreeFacts {
    /// The root of each node's tree.
    root: Vec<u32>,
    /// The outermost ancestor-or-self whose kind stops the scan (skip, routine
    /// definition, range check, module reference), over the whole path to the root.
    outer_stop: Vec<Option<u32>>,
    /// The same, not counting the root (for scans that start at a child of the root).
    outer_stop_below_root: Vec<Option<u32>>,
    /// The parent of each node.
    parents: Vec<Option<NodePos>>,
}

impl TreeFacts {
    fn of(g: &ModuleGraph, m: ModuleIdx, tree: TreeKind) -> TreeFacts {
        let Some(gm) = g.get(m) else { return TreeFacts::default() };
        let t = gm.module.tree(tree);
        let voc = Vocab::of(gm.module.version);
        let parents = t.parents();
        let mut f = TreeFacts {
            parents: Vec::new(),
            root: Vec::with_capacity(t.len()),
            outer_stop: Vec::with_capacity(t.len()),
            outer_stop_below_root: Vec::with_capacity(t.len()),
        };
        for (i, (n, parent)) in t.iter().zip(&parents).enumerate() {
            let i = i as u32;
            let stops = matches!(voc.action(n.kind.0), Action::Skip | Action::RoutineDef | Action::RangeCheck | Action::ModuleRef);
            let own = stops.then_some(i);
            // parents come before their children, so their facts are known
            match parent.map(|p| p.index()) {
                Some(p) if p < f.root.len() => {
                    let below = if f.root[p] == p as u32 { own } else { f.outer_stop_below_root[p].or(own) };
                    f.root.push(f.root[p]);
                    f.outer_stop.push(f.outer_stop[p].or(own));
                    f.outer_stop_below_root.push(below);
                }
                _ => {
                    f.root.push(i);
                    f.outer_stop.push(own);
                    f.outer_stop_below_root.push(None);
                }
            }
        }
        f.parents = parents;
        f
    }
}

/// Tree facts and bodies-root owners, computed once per module on demand and
/// kept for later questions (pass the same value to many [`LiveSet::why_dead_in`]
/// calls).
#[derive(Clone, Debug, Default)]
pub struct TreeContexts {
    facts: HashMap<(ModuleIdx, TreeKind), TreeFacts>,
    owners: HashMap<ModuleIdx, HashMap<u32, Vec<Owner>>>,
}

impl TreeContexts {
    fn facts(&mut self, g: &ModuleGraph, m: ModuleIdx, tree: TreeKind) -> &TreeFacts {
        self.facts.entry((m, tree)).or_insert_with(|| TreeFacts::of(g, m, tree))
    }
    /// The root of a node of a tree.
    fn root_of(&mut self, g: &ModuleGraph, m: ModuleIdx, tree: TreeKind, node: NodePos) -> NodePos {
        NodePos(self.facts(g, m, tree).root.get(node.index()).copied().unwrap_or(node.0))
    }

    /// What a bodies node belongs to: the symbols (their ast, constraint or library
    /// path) and types pointing at its root.
    /// Who refers to the bodies root above `node` of module `m`: the symbols and types
    /// whose trees contain it (empty for unreferenced roots, the expansion records).
    pub fn owners_of(&mut self, g: &ModuleGraph, m: ModuleIdx, node: NodePos) -> Vec<Owner> {
        let root = self.root_of(g, m, TreeKind::Bodies, node);
        let owners = self.owners.entry(m).or_insert_with(|| bodies_owners(g, m));
        owners.get(&root.0).cloned().unwrap_or_default()
    }

    fn classify(&mut self, g: &ModuleGraph, live: &LiveSet, u: Usage) -> MentionContext {
        let Some(gm) = g.get(u.module) else { return MentionContext::UnownedRoot };
        if !gm.in_build() {
            return MentionContext::NotInBuild;
        }
        if u.tree == TreeKind::ToReplay {
            return MentionContext::ToReplay;
        }
        let m = &gm.module;
        let tree = m.tree(u.tree);
        let root = self.root_of(g, u.module, u.tree, u.node);
        let start = match u.tree {
            TreeKind::ToReplay => return MentionContext::ToReplay,
            TreeKind::TopLevel => root,
            TreeKind::Bodies => {
                let owners = self.owners.entry(u.module).or_insert_with(|| bodies_owners(g, u.module));
                let list = owners.get(&root.0).map_or(&[][..], |v| v.as_slice());
                let alive_owner = list.iter().find_map(|o| match *o {
                    Owner::Ast(s) if live.is_alive(u.module, s) => Some(s),
                    _ => None,
                });
                let first_of = |want: fn(&Owner) -> bool| list.iter().find(|o| want(o)).copied();
                let other = first_of(|o| matches!(o, Owner::Ast(_)))
                    .or_else(|| first_of(|o| matches!(o, Owner::Extra(_))))
                    .or_else(|| first_of(|o| matches!(o, Owner::Type(_))));
                match (alive_owner, other) {
                    (Some(s), _) => {
                        let routine = m.sym(s).is_some_and(|x| Vocab::of(m.version).routine_kinds.contains(x.kind as u32));
                        if !routine {
                            root
                        } else {
                            match m.bodies.child(root, 6) {
                                Some(b) if b.0 <= u.node.0 && u.node.0 < m.bodies.subtree_end(b).0 => b,
                                _ => return MentionContext::OutsideBody { owner: s },
                            }
                        }
                    }
                    (None, Some(Owner::Ast(s))) => return MentionContext::DeadOwner { owner: s },
                    (None, Some(Owner::Extra(s))) => return MentionContext::OutsideBody { owner: s },
                    (None, Some(Owner::Type(t))) => return MentionContext::TypeNode { type_id: t },
                    (None, None) => return MentionContext::UnownedRoot,
                }
            }
        };
        // The outermost node between the scan's start (the root, or the body below
        // it) and the mention, excluding the mention, where the scan stops.
        let facts = self.facts(g, u.module, u.tree);
        let parent = facts_parent(facts, u.node);
        let found = parent.and_then(|p| {
            if start == root {
                facts.outer_stop.get(p.index()).copied().flatten()
            } else {
                facts.outer_stop_below_root.get(p.index()).copied().flatten()
            }
        });
        match found.and_then(|p| tree.node(NodePos(p)).map(|n| (n.kind, NodePos(p)))) {
            Some((kind, node)) => MentionContext::Skipped { kind, node },
            None => MentionContext::Scanned,
        }
    }
}

/// The parent of `node`, from the facts (`None` for roots and out of range).
fn facts_parent(facts: &TreeFacts, node: NodePos) -> Option<NodePos> {
    facts.parents.get(node.index()).copied().flatten()
}

/// Which symbols (their ast, constraint or library path) and types (their node) point
/// at each root of a module's bodies, symbols first in id order, then types.
pub fn bodies_owners(g: &ModuleGraph, mi: ModuleIdx) -> HashMap<u32, Vec<Owner>> {
    let mut out: HashMap<u32, Vec<Owner>> = HashMap::new();
    let Some(gm) = g.get(mi) else { return out };
    let m = &gm.module;
    for (id, s) in m.syms.iter() {
        if s.is_hole() {
            continue;
        }
        if let Some(p) = s.ast.pos() {
            out.entry(p.0).or_default().push(Owner::Ast(id));
        }
        if let Some(p) = s.constraint.pos() {
            out.entry(p.0).or_default().push(Owner::Extra(id));
        }
        if let Some(p) = s.annex.path.pos().filter(|_| s.annex.is_some()) {
            out.entry(p.0).or_default().push(Owner::Extra(id));
        }
    }
    for (id, t) in m.types.table.iter() {
        if t.is_hole() {
            continue;
        }
        if let Some(p) = t.n.pos() {
            out.entry(p.0).or_default().push(Owner::Type(id));
        }
    }
    out
}
