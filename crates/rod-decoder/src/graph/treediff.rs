//! A structural diff of one module's trees between two builds.
//!
//! [`TreeDiff::between`] matches the module's top-level statements and routine
//! bodies of the old and the new build by symbol name (a statement by the name
//! of the first symbol it defines, else by its kind and content; a body by the
//! routine's name and kind, overloads in order), and marks in each matched pair
//! the nodes whose subtrees differ. Nodes are compared by content, not by ids:
//! kind, literal value, the name and kind of a named symbol, the target path and
//! id of an `nkModuleRef`, and the number of children. Subtree hashes are made
//! bottom-up in one reverse pass over each tree and the pairs are walked with an
//! explicit stack, so the work is linear in the nodes and never recursive.

use super::{ModuleGraph, ModuleIdx};
use crate::ids::{NodePos, SymId, TreeKind};
use crate::literal::Literal;
use crate::module::{PackedModule, SymRef};
use crate::names::name_or_raw;
use std::collections::{BTreeMap, HashMap};
use std::hash::{DefaultHasher, Hash, Hasher};

/// What a matched item is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ItemKind {
    /// A top-level statement (topLevel tree).
    Statement,
    /// A routine's body (bodies tree, son 6 of its definition).
    Body,
}

/// How an item changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemChange {
    /// Only in the new build.
    Added,
    /// Only in the old build.
    Removed,
    /// In both, with different trees.
    Changed,
    /// In both, identical.
    Same,
}

/// One matched (or unmatched) item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemDiff {
    /// Statement or body.
    pub kind: ItemKind,
    /// The symbol name it was matched by (or `nkCall …` for an anonymous statement).
    pub name: String,
    /// What happened.
    pub change: ItemChange,
    /// Its root in the old build's tree.
    pub old: Option<NodePos>,
    /// Its root in the new build's tree.
    pub new: Option<NodePos>,
    /// The roots of the differing subtrees in the old tree (empty unless changed).
    pub changed_old: Vec<NodePos>,
    /// The roots of the differing subtrees in the new tree.
    pub changed_new: Vec<NodePos>,
}

/// The structural diff of one module.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TreeDiff {
    /// Statements first (in new-build order, removed ones after), then bodies.
    pub items: Vec<ItemDiff>,
}

/// Pairs pushed at most while marking one item (a bound against degenerate files).
const MAX_PAIRS: usize = 1_000_000;

struct Side<'a> {
    m: &'a PackedModule,
    g: &'a ModuleGraph,
    hashes: [Vec<u64>; 2],
}

fn tree_slot(tk: TreeKind) -> usize {
    usize::from(tk != TreeKind::TopLevel)
}

impl<'a> Side<'a> {
    fn new(g: &'a ModuleGraph, m: &'a PackedModule) -> Side<'a> {
        let mut s = Side { m, g, hashes: [Vec::new(), Vec::new()] };
        for tk in [TreeKind::TopLevel, TreeKind::Bodies] {
            let tree = m.tree(tk);
            let n = tree.len();
            let mut h = vec![0u64; n];
            for p in (0..n as u32).rev() {
                let pos = NodePos(p);
                let mut st = DefaultHasher::new();
                s.label(tk, pos).hash(&mut st);
                for c in tree.children(pos) {
                    h.get(c.index()).copied().unwrap_or(0).hash(&mut st);
                }
                if let Some(x) = h.get_mut(p as usize) {
                    *x = st.finish();
                }
            }
            s.hashes[tree_slot(tk)] = h;
        }
        s
    }
    fn hash(&self, tk: TreeKind, p: NodePos) -> u64 {
        self.hashes[tree_slot(tk)].get(p.index()).copied().unwrap_or(0)
    }
    /// The node's own content, ids replaced by names.
    fn label(&self, tk: TreeKind, p: NodePos) -> String {
        let m = self.m;
        let Some(n) = m.tree(tk).node(p) else { return String::new() };
        let kind = name_or_raw(m.version.names().node_kind, n.kind.0 as u32);
        let kids = m.tree(tk).child_count(p);
        let what = match m.literal(tk, p) {
            Literal::Sym(id) => self.sym_name(id),
            Literal::None => match m.sym_ref(tk, p) {
                Some(SymRef::Remote(r)) => format!("{}#{}", m.str(r.module), r.item),
                Some(SymRef::Local(id)) => self.sym_name(id),
                None => String::new(),
            },
            l => l.display(),
        };
        format!("{kind} {what} /{kids}")
    }
    fn sym_name(&self, id: SymId) -> String {
        match self.m.sym(id) {
            Some(s) => format!("{}:{}", self.m.sym_name(s), name_or_raw(self.m.version.names().sym_kind, s.kind as u32)),
            None => format!("#{id}"),
        }
    }
    /// Statements keyed by the first defined symbol's name, else kind and hash.
    fn statements(&self) -> Vec<(String, NodePos)> {
        let tree = &self.m.top_level;
        let mut out = Vec::new();
        for r in tree.roots() {
            let end = tree.subtree_end(r).0;
            let mut name = None;
            for q in (r.0..end).take(8) {
                if let Literal::Sym(id) = self.m.literal(TreeKind::TopLevel, NodePos(q)) {
                    name = Some(self.sym_name(id));
                    break;
                }
            }
            let kind = tree.node(r).map_or(0, |n| n.kind.0 as u32);
            let key = match name {
                Some(n) => n,
                None => format!("{} {:016x}", name_or_raw(self.m.version.names().node_kind, kind), self.hash(TreeKind::TopLevel, r)),
            };
            out.push((key, r));
        }
        out
    }
    /// Routine bodies keyed by name and kind, in symbol order.
    fn bodies(&self) -> Vec<(String, NodePos)> {
        let m = self.m;
        let mut out = Vec::new();
        for (id, s) in m.syms.iter() {
            if s.is_hole() || !super::vocab::Vocab::of(m.version).routine_kinds.contains(s.kind as u32) {
                continue;
            }
            let Some(ast) = s.ast.pos().filter(|p| p.index() < m.bodies.len()) else { continue };
            let Some(body) = m.bodies.child(ast, 6) else { continue };
            out.push((self.sym_name(id), body));
        }
        out
    }
}

/// Keys made unique by their order: `name`, `name (2)`, ...
fn numbered(items: Vec<(String, NodePos)>) -> Vec<(String, NodePos)> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    items
        .into_iter()
        .map(|(k, p)| {
            let n = seen.entry(k.clone()).or_default();
            *n += 1;
            (if *n == 1 { k } else { format!("{k} ({n})") }, p)
        })
        .collect()
}

impl TreeDiff {
    /// Compares module `a` of `old` with module `b` of `new`.
    pub fn between(old: &ModuleGraph, a: ModuleIdx, new: &ModuleGraph, b: ModuleIdx) -> TreeDiff {
        let (Some(ma), Some(mb)) = (old.get(a), new.get(b)) else { return TreeDiff::default() };
        let (sa, sb) = (Side::new(old, &ma.module), Side::new(new, &mb.module));
        let _ = (sa.g, sb.g);
        let mut items = Vec::new();
        for (kind, tk) in [(ItemKind::Statement, TreeKind::TopLevel), (ItemKind::Body, TreeKind::Bodies)] {
            let (la, lb) = match kind {
                ItemKind::Statement => (numbered(sa.statements()), numbered(sb.statements())),
                ItemKind::Body => (numbered(sa.bodies()), numbered(sb.bodies())),
            };
            let mut olds: BTreeMap<String, NodePos> = la.iter().cloned().collect();
            for (key, pb) in lb {
                match olds.remove(&key) {
                    Some(pa) => {
                        let (co, cn) = mark(&sa, &sb, tk, pa, pb);
                        let change = if co.is_empty() && cn.is_empty() { ItemChange::Same } else { ItemChange::Changed };
                        items.push(ItemDiff { kind, name: key, change, old: Some(pa), new: Some(pb), changed_old: co, changed_new: cn });
                    }
                    None => items.push(ItemDiff {
                        kind,
                        name: key,
                        change: ItemChange::Added,
                        old: None,
                        new: Some(pb),
                        changed_old: Vec::new(),
                        changed_new: vec![pb],
                    }),
                }
            }
            for (key, pa) in la {
                if olds.contains_key(&key) {
                    items.push(ItemDiff {
                        kind,
                        name: key,
                        change: ItemChange::Removed,
                        old: Some(pa),
                        new: None,
                        changed_old: vec![pa],
                        changed_new: Vec::new(),
                    });
                }
            }
        }
        TreeDiff { items }
    }
    /// The items that are not [`ItemChange::Same`].
    pub fn changed(&self) -> impl Iterator<Item = &ItemDiff> {
        self.items.iter().filter(|i| i.change != ItemChange::Same)
    }
}

/// The roots of the differing subtrees of a matched pair.
fn mark(a: &Side<'_>, b: &Side<'_>, tk: TreeKind, pa: NodePos, pb: NodePos) -> (Vec<NodePos>, Vec<NodePos>) {
    let (mut co, mut cn) = (Vec::new(), Vec::new());
    let mut stack = vec![(pa, pb)];
    let mut pushed = 0usize;
    while let Some((x, y)) = stack.pop() {
        if a.hash(tk, x) == b.hash(tk, y) {
            continue;
        }
        let (ka, kb): (Vec<NodePos>, Vec<NodePos>) = (a.m.tree(tk).children(x).collect(), b.m.tree(tk).children(y).collect());
        if a.label(tk, x) != b.label(tk, y) || ka.len() != kb.len() || ka.is_empty() || pushed > MAX_PAIRS {
            co.push(x);
            cn.push(y);
            continue;
        }
        pushed += ka.len();
        for (c, d) in ka.into_iter().zip(kb).rev() {
            stack.push((c, d));
        }
    }
    co.sort_unstable();
    cn.sort_unstable();
    (co, cn)
}
