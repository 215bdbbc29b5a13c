//! The compiler's dead code elimination for IC (`dce.nim`, `computeAliveSyms`),
//! reproduced over a [`ModuleGraph`], remembering the first cause of every mark.
//!
//! The roots are every topLevel root of every module of the current build. Marking
//! a symbol (`followLater`) pushes a job for its ast (son 6, the body, for routine
//! kinds); jobs are popped from a LIFO stack until it is empty. Scanning a tree
//! follows `nkSym` and `nkModuleRef`, does not enter declarative contexts, checks
//! routine definitions for "exported to C" and analyses range checks. No recursion:
//! a tree is a pre-order array, so "visit the children" is "go to the next node" and
//! "skip" is "jump to the end of the subtree".

use super::bitset::IdSet;
use super::vocab::{Action, OrdSet, Vocab};
use super::{ModuleGraph, ModuleIdx, PathCache, UnresolvedLink};
use crate::ids::{NodeId, NodePos, PackedItemId, SymId, TreeKind, TypeId};
use crate::module::SymRef;
use std::collections::HashMap;

/// Where a symbol was found to be alive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Site {
    /// A top-level statement of `module`, at `node` of its topLevel tree.
    TopLevel {
        /// The module.
        module: ModuleIdx,
        /// The node in topLevel.
        node: NodePos,
    },
    /// The ast (body, for routines) of the alive symbol `owner` of `module`, at
    /// `node` of its bodies tree.
    Body {
        /// The module of `owner` (and of the node).
        module: ModuleIdx,
        /// The symbol whose ast was being scanned.
        owner: SymId,
        /// The node in bodies.
        node: NodePos,
    },
}

impl Site {
    /// The module the node is in.
    pub fn module(self) -> ModuleIdx {
        match self {
            Site::TopLevel { module, .. } | Site::Body { module, .. } => module,
        }
    }
    /// The node and its tree.
    pub fn node(self) -> (TreeKind, NodePos) {
        match self {
            Site::TopLevel { node, .. } => (TreeKind::TopLevel, node),
            Site::Body { node, .. } => (TreeKind::Bodies, node),
        }
    }
}

/// Why a routine definition counts as "exported to C" (`isExportedToC`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportRule {
    /// `sfExportc`.
    Exportc,
    /// `sfCompilerProc` (without `sfExportc`).
    CompilerProc,
    /// An `skMethod`.
    Method,
}

impl ExportRule {
    /// A short word: `exportc`, `compilerproc`, `method`.
    pub fn word(self) -> &'static str {
        match self {
            ExportRule::Exportc => "exportc",
            ExportRule::CompilerProc => "compilerproc",
            ExportRule::Method => "method",
        }
    }
}

/// How the node at the site made the symbol alive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// The node names the symbol (`nkSym` or `nkModuleRef`).
    Mention,
    /// The node is the symbol's own non-generic definition and it is exported to C.
    ExportedToC(ExportRule),
    /// A range-check node requested this compilerproc.
    RangeCheck(&'static str),
}

/// The first cause of an alive symbol.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cause {
    /// Where.
    pub site: Site,
    /// How.
    pub rule: Rule,
}

/// Something the compiler would have crashed on or silently misread; the DCE goes on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Anomaly {
    /// A reference into a module that is not loaded (or only in another version).
    UnresolvedLink {
        /// The referring node.
        site: Site,
        /// The reference.
        link: UnresolvedLink,
    },
    /// A followed id that the module does not store (1.6/2.0: out of the slot
    /// array; 2.2: not in the table). It is still counted alive, as the compiler
    /// adds it before reading the record.
    MissingSymbol {
        /// The target module.
        module: ModuleIdx,
        /// The id.
        id: SymId,
        /// Where it was followed from.
        site: Site,
    },
    /// A symbol whose ast is neither -1 nor a bodies node, or a routine whose ast has
    /// no son 6: nothing is scanned for it.
    BadAst {
        /// The module.
        module: ModuleIdx,
        /// The symbol.
        id: SymId,
        /// Its ast field.
        ast: NodeId,
    },
    /// A symbol of a module outside the current build was followed.
    OutsideBuild {
        /// The referring node.
        site: Site,
        /// The module reached.
        target: ModuleIdx,
    },
    /// A range check requested a compilerproc that has not been registered.
    MissingCompilerProc {
        /// The range-check node.
        site: Site,
        /// `raiseRangeErrorI` etc.
        name: &'static str,
    },
    /// A range check whose types could not be read.
    UnreadableType {
        /// The range-check node.
        site: Site,
    },
    /// A routine definition without son 2 (generic parameters).
    MalformedDef {
        /// The definition node.
        site: Site,
    },
}

/// The alive symbols of every module: the reproduction of `.alivesyms`.
#[derive(Clone, Debug, Default)]
pub struct LiveSet {
    alive: Vec<Vec<SymId>>,
    causes: Vec<Vec<(SymId, Cause)>>,
    anomalies: Vec<Anomaly>,
    nodes_scanned: usize,
    jobs: usize,
}

/// A pending scan: the ast (or body) of an alive symbol.
#[derive(Clone, Copy, Debug)]
struct Job {
    module: ModuleIdx,
    options: u32,
    node: NodePos,
    owner: SymId,
}

/// What a what-if leaves out of the DCE ([`LiveSet::compute_without`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Without {
    /// Top-level statements (roots of a module's topLevel tree) not scanned.
    pub statements: Vec<(ModuleIdx, NodePos)>,
    /// Symbols never marked alive (so their asts are never scanned).
    pub symbols: Vec<(ModuleIdx, SymId)>,
}

struct Marker<'g> {
    g: &'g ModuleGraph,
    without_syms: &'g [(ModuleIdx, SymId)],
    sets: Vec<IdSet>,
    causes: Vec<Vec<(SymId, Cause)>>,
    stack: Vec<Job>,
    compiler_procs: HashMap<String, (ModuleIdx, SymId)>,
    anomalies: Vec<Anomaly>,
    paths: PathCache,
    scanned: usize,
    jobs: usize,
}

/// Bound on the type chain walked by the range-check analysis (cycles in damaged files).
const TYPE_CHAIN_LIMIT: usize = 10_000;

impl LiveSet {
    /// Runs the DCE over the modules of the current build (`computeAliveSyms`).
    /// Modules outside the build get an empty set (unless something in the build
    /// refers into them, which is reported as an [`Anomaly::OutsideBuild`]).
    pub fn compute(g: &ModuleGraph) -> LiveSet {
        LiveSet::compute_without(g, &Without::default())
    }

    /// The DCE as if the statements and symbols of `without` were not there: the
    /// statements are not scanned as roots, the symbols are never marked. Same cost
    /// as [`LiveSet::compute`] (the exclusions are sorted once, looked up by binary
    /// search).
    pub fn compute_without(g: &ModuleGraph, without: &Without) -> LiveSet {
        let mut skip_stmts = without.statements.clone();
        skip_stmts.sort_unstable();
        skip_stmts.dedup();
        let mut skip_syms = without.symbols.clone();
        skip_syms.sort_unstable();
        skip_syms.dedup();
        let mut mk = Marker {
            g,
            without_syms: &skip_syms,
            sets: g.modules().iter().map(|m| IdSet::with_slots(if m.in_build() { m.module.syms.records.len() } else { 0 })).collect(),
            causes: vec![Vec::new(); g.len()],
            stack: Vec::new(),
            compiler_procs: HashMap::new(),
            anomalies: Vec::new(),
            paths: PathCache::default(),
            scanned: 0,
            jobs: 0,
        };
        // Roots, in descending module order as the compiler does (the set does not
        // depend on it; the recorded first causes do).
        for i in g.indexes().rev() {
            let Some(gm) = g.get(i).filter(|m| m.in_build()) else { continue };
            let options = gm.module.config.options;
            let len = gm.module.top_level.len() as u32;
            // the statements of this module to leave out, ascending
            let lo = skip_stmts.partition_point(|x| x.0 < i);
            let hi = skip_stmts.partition_point(|x| x.0 <= i);
            let mut from = 0u32;
            for &(_, stmt) in skip_stmts.get(lo..hi).unwrap_or(&[]) {
                if stmt.0 < from || stmt.0 >= len {
                    continue;
                }
                mk.scan(i, TreeKind::TopLevel, NodePos(from), stmt.0, options, None);
                from = gm.module.top_level.subtree_end(stmt).0.max(stmt.0 + 1);
            }
            mk.scan(i, TreeKind::TopLevel, NodePos(from), len, options, None);
        }
        // followNow.
        while let Some(job) = mk.stack.pop() {
            mk.jobs += 1;
            let Some(gm) = g.get(job.module) else { continue };
            let end = gm.module.bodies.subtree_end(job.node).0;
            mk.scan(job.module, TreeKind::Bodies, job.node, end, job.options, Some(job.owner));
        }
        let alive = mk.sets.iter().zip(g.modules()).map(|(s, m)| s.to_sorted_vec(m.module.syms.keys())).collect();
        let mut causes = mk.causes;
        for c in &mut causes {
            c.sort_by_key(|x| x.0);
        }
        LiveSet { alive, causes, anomalies: mk.anomalies, nodes_scanned: mk.scanned, jobs: mk.jobs }
    }

    /// The alive ids of a module, ascending (what its `.alivesyms` holds).
    pub fn alive(&self, m: ModuleIdx) -> &[SymId] {
        self.alive.get(m.index()).map_or(&[], |v| v.as_slice())
    }
    /// True if symbol `id` of module `m` is alive.
    pub fn is_alive(&self, m: ModuleIdx, id: SymId) -> bool {
        self.alive(m).binary_search(&id).is_ok()
    }
    /// The first cause of an alive symbol.
    pub fn cause(&self, m: ModuleIdx, id: SymId) -> Option<&Cause> {
        let c = self.causes.get(m.index())?;
        c.binary_search_by_key(&id, |x| x.0).ok().and_then(|i| c.get(i)).map(|x| &x.1)
    }
    /// Total number of alive symbols.
    pub fn total_alive(&self) -> usize {
        self.alive.iter().map(Vec::len).sum()
    }
    /// What went wrong on the way (empty for every real cache).
    pub fn anomalies(&self) -> &[Anomaly] {
        &self.anomalies
    }
    /// Number of nodes the DCE looked at (roots and jobs).
    pub fn nodes_scanned(&self) -> usize {
        self.nodes_scanned
    }
    /// Number of jobs (symbol asts) scanned.
    pub fn jobs(&self) -> usize {
        self.jobs
    }
}

impl Marker<'_> {
    fn site(module: ModuleIdx, owner: Option<SymId>, node: NodePos) -> Site {
        match owner {
            Some(owner) => Site::Body { module, owner, node },
            None => Site::TopLevel { module, node },
        }
    }

    /// `aliveCode` over the nodes `start..end` of one tree, without recursion.
    fn scan(&mut self, module: ModuleIdx, tk: TreeKind, start: NodePos, end: u32, options: u32, owner: Option<SymId>) {
        let g = self.g;
        let Some(gm) = g.get(module) else { return };
        let m = &gm.module;
        let voc = Vocab::of(m.version);
        let tree = m.tree(tk);
        let end = end.min(tree.len() as u32);
        let mut p = start.0;
        while p < end {
            let pos = NodePos(p);
            let Some(n) = tree.node(pos) else { break };
            self.scanned += 1;
            let skip = tree.subtree_end(pos).0.min(end).max(p + 1);
            match voc.action(n.kind.0) {
                Action::Ignore | Action::Descend => p += 1,
                Action::Sym => {
                    let cause = Cause { site: Self::site(module, owner, pos), rule: Rule::Mention };
                    self.follow_later(module, SymId(n.operand), cause);
                    p += 1;
                }
                Action::ModuleRef => {
                    let site = Self::site(module, owner, pos);
                    let cause = Cause { site, rule: Rule::Mention };
                    match m.sym_ref(tk, pos) {
                        Some(SymRef::Local(id)) => self.follow_later(module, id, cause),
                        Some(SymRef::Remote(r)) => match self.paths.resolve(g, module, r.module) {
                            Ok(t) => self.follow_later(t, SymId(r.item), cause),
                            Err(reason) => self.anomalies.push(Anomaly::UnresolvedLink {
                                site,
                                link: UnresolvedLink { from: module, path: r.module, item: r.item, reason },
                            }),
                        },
                        None => {}
                    }
                    p = skip;
                }
                Action::Skip => p = skip,
                Action::RangeCheck => {
                    self.range_check(module, tk, pos, options, Self::site(module, owner, pos));
                    p = skip;
                }
                Action::RoutineDef => {
                    self.routine_def(module, tk, pos, Self::site(module, owner, pos));
                    p = skip;
                }
            }
        }
    }

    /// `followLater`: mark, then queue the symbol's ast (its body for routines).
    fn follow_later(&mut self, module: ModuleIdx, id: SymId, cause: Cause) {
        let g = self.g;
        let slot = g.get(module).and_then(|gm| gm.module.syms.record_index(id));
        if !self.without_syms.is_empty() && self.without_syms.binary_search(&(module, id)).is_ok() {
            return;
        }
        let Some(set) = self.sets.get_mut(module.index()) else { return };
        if !set.insert(id, slot) {
            return;
        }
        if let Some(c) = self.causes.get_mut(module.index()) {
            c.push((id, cause));
        }
        let Some(gm) = g.get(module) else { return };
        if !gm.in_build() {
            self.anomalies.push(Anomaly::OutsideBuild { site: cause.site, target: module });
        }
        let m = &gm.module;
        // Holes of 1.6/2.0 slot arrays are read as the compiler reads them (ast 0).
        let Some(s) = m.syms.slot(id) else {
            self.anomalies.push(Anomaly::MissingSymbol { module, id, site: cause.site });
            return;
        };
        if s.ast == NodeId::EMPTY {
            return;
        }
        let bad = Anomaly::BadAst { module, id, ast: s.ast };
        let Some(ast) = s.ast.pos().filter(|p| p.index() < m.bodies.len()) else {
            self.anomalies.push(bad);
            return;
        };
        let node = if Vocab::of(m.version).routine_kinds.contains(s.kind as u32) {
            match m.bodies.child(ast, 6) {
                Some(b) => b,
                None => {
                    self.anomalies.push(bad);
                    return;
                }
            }
        } else {
            ast
        };
        self.stack.push(Job { module, options: s.options, node, owner: id });
    }

    /// The nkProcDef (etc.) rule: a non-generic definition whose symbol is exported
    /// to C is a root.
    fn routine_def(&mut self, module: ModuleIdx, tk: TreeKind, pos: NodePos, site: Site) {
        let Some(gm) = self.g.get(module) else { return };
        let m = &gm.module;
        let voc = Vocab::of(m.version);
        let tree = m.tree(tk);
        let Some(name) = tree.child(pos, 0).and_then(|p| tree.node(p)) else { return };
        if name.kind.0 != voc.nk_sym {
            return;
        }
        match tree.child(pos, 2).and_then(|p| tree.node(p)) {
            Some(gp) if gp.kind.0 == voc.nk_empty => {}
            Some(_) => return,
            None => {
                self.anomalies.push(Anomaly::MalformedDef { site });
                return;
            }
        }
        let item = SymId(name.operand);
        if let Some(rule) = self.is_exported_to_c(module, item) {
            self.follow_later(module, item, Cause { site, rule: Rule::ExportedToC(rule) });
        }
    }

    /// `isExportedToC`, which also registers compilerprocs by name.
    fn is_exported_to_c(&mut self, module: ModuleIdx, item: SymId) -> Option<ExportRule> {
        let m = &self.g.get(module)?.module;
        let voc = Vocab::of(m.version);
        let s = m.syms.slot(item)?;
        if s.flags & voc.sf_compile_time != 0 {
            return None;
        }
        let rule = if s.flags & voc.sf_exportc != 0 {
            Some(ExportRule::Exportc)
        } else if s.flags & voc.sf_compiler_proc != 0 {
            Some(ExportRule::CompilerProc)
        } else if voc.sk_method == Some(s.kind as u32) {
            Some(ExportRule::Method)
        } else {
            None
        };
        if s.flags & voc.sf_compiler_proc != 0 {
            self.compiler_procs.insert(m.str(s.name).into_owned(), (module, item));
        }
        rule
    }

    /// `rangeCheckAnalysis`: the compilerproc a range check would call in C.
    fn range_check(&mut self, module: ModuleIdx, tk: TreeKind, pos: NodePos, options: u32, site: Site) {
        let Some(gm) = self.g.get(module) else { return };
        let m = &gm.module;
        let voc = Vocab::of(m.version);
        let tree = m.tree(tk);
        let Some(n) = tree.node(pos) else { return };
        let Some(dest) = self.type_kind(module, n.typ, voc.abstract_var) else {
            self.anomalies.push(Anomaly::UnreadableType { site });
            return;
        };
        if options & voc.opt_range_check == 0 || voc.uint_kinds.contains(dest) {
            return;
        }
        let first = tree.node(NodePos(pos.0 + 1)).filter(|_| tree.span(pos) > 1).map(|f| f.typ);
        let Some(n0t) = first.and_then(|t| self.type_kind(module, t, OrdSet::default())) else {
            self.anomalies.push(Anomaly::UnreadableType { site });
            return;
        };
        let name = if voc.uint_or_uint64.contains(n0t) {
            "raiseRangeErrorNoArgs"
        } else {
            let Some(k) = self.type_kind(module, n.typ, voc.abstract_var_range) else {
                self.anomalies.push(Anomaly::UnreadableType { site });
                return;
            };
            if voc.unsigned_or_char.contains(k) {
                "raiseRangeErrorU"
            } else if voc.float_kinds.contains(k) {
                "raiseRangeErrorF"
            } else {
                "raiseRangeErrorI"
            }
        };
        match self.compiler_procs.get(name).copied() {
            Some((m2, id)) => self.follow_later(m2, id, Cause { site, rule: Rule::RangeCheck(name) }),
            None => self.anomalies.push(Anomaly::MissingCompilerProc { site, name }),
        }
    }

    /// `loadTypeKind`: the kind of a type after skipping `skip` kinds through their
    /// last son. A module LitId of 0 means the current module (`translateId`).
    fn type_kind(&mut self, module: ModuleIdx, id: PackedItemId, skip: OrdSet) -> Option<u32> {
        let g = self.g;
        let (mut cur, mut id) = (module, id);
        for _ in 0..TYPE_CHAIN_LIMIT {
            let target = if id.module.is_none() { cur } else { self.paths.resolve(g, cur, id.module).ok()? };
            let tm = &g.get(target)?.module;
            let t = tm.types.table.slot(TypeId(id.item))?;
            let k = t.kind as u32;
            if !skip.contains(k) {
                return Some(k);
            }
            id = *tm.types.sons_of(t).last()?;
            cur = target;
        }
        None
    }
}
