//! Dead-code elimination: the per-module `.dce.nif` graphs, the whole-program
//! `.live.nif`, and an independent recomputation of the live set.
//!
//! The recomputation follows hexer's `dce2`: every generic instance key
//! (name minus module) picks as winner the lexicographically smallest offered
//! full name; then a mark phase from all roots of all modules, each symbol's
//! dependencies taken from the `uses` of its own module's graph, instance
//! references translated to their winners. Symbols are interned to dense ids;
//! the mark phase is a bitset + worklist, no recursion.

use crate::interner::FnvMap;
use crate::model::{Document, NodeId, NodeKind};
use crate::symbol::{is_instance, module_of, without_module};
use crate::{Error, ErrorKind, Result};
use std::collections::BTreeMap;

/// One module's `.dce.nif`: `(stmts (roots SYM*) (uses OWNER SYM*)* (offers SYM*))`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DceGraph {
    /// The module suffix.
    pub suffix: String,
    /// Symbols referenced outside any global declaration (and `exportc` decls).
    pub roots: Vec<String>,
    /// `(uses OWNER deps…)` in file order.
    pub uses: Vec<(String, Vec<String>)>,
    /// Generic instances defined here.
    pub offers: Vec<String>,
}

/// The whole-program `.live.nif`: `(stmts (resolved (kv "key" winner)*) (live (mod "M" SYM*)*))`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LiveFile {
    /// Instance key → winner, in file order.
    pub resolved: Vec<(String, String)>,
    /// Per module suffix, its live symbols in file order.
    pub modules: Vec<(String, Vec<String>)>,
}

impl LiveFile {
    /// Total number of live symbols.
    pub fn total(&self) -> usize {
        self.modules.iter().map(|m| m.1.len()).sum()
    }
}

fn shape_err(doc: &Document, id: NodeId, what: &str, section: &'static str) -> Error {
    Error::new(ErrorKind::InvalidValue, what, doc.source_offset(id).unwrap_or(0) as usize).in_section(section)
}

fn symbols_of(doc: &Document, id: NodeId, skip: usize) -> Vec<String> {
    doc.children(id).skip(skip).filter_map(|c| doc.symbol(c).map(|s| s.into_owned())).collect()
}

/// Reads a `.dce.nif` document (`suffix` = its module).
pub fn read_dce(doc: &Document) -> Result<DceGraph> {
    let sec = "dce graph";
    let root = *doc.roots().first().ok_or_else(|| Error::new(ErrorKind::InvalidValue, "empty file", 0).in_section(sec))?;
    if !doc.is_tag(root, "stmts") {
        return Err(shape_err(doc, root, "a DCE graph starts with (stmts", sec));
    }
    let mut g = DceGraph { suffix: doc.suffix().to_owned(), ..DceGraph::default() };
    for c in doc.children(root) {
        if doc.is_tag(c, "roots") {
            g.roots.extend(symbols_of(doc, c, 0));
        } else if doc.is_tag(c, "uses") {
            let owner = doc.children(c).next().and_then(|o| doc.symbol(o)).ok_or_else(|| shape_err(doc, c, "(uses) without an owner symbol", sec))?;
            g.uses.push((owner.into_owned(), symbols_of(doc, c, 1)));
        } else if doc.is_tag(c, "offers") {
            g.offers.extend(symbols_of(doc, c, 0));
        } else {
            return Err(shape_err(doc, c, "expected (roots), (uses) or (offers)", sec));
        }
    }
    Ok(g)
}

/// Reads a `.live.nif` document.
pub fn read_live(doc: &Document) -> Result<LiveFile> {
    let sec = "live set";
    let root = *doc.roots().first().ok_or_else(|| Error::new(ErrorKind::InvalidValue, "empty file", 0).in_section(sec))?;
    if !doc.is_tag(root, "stmts") {
        return Err(shape_err(doc, root, "a live set starts with (stmts", sec));
    }
    let mut l = LiveFile::default();
    for c in doc.children(root) {
        if doc.is_tag(c, "resolved") {
            for kv in doc.children(c) {
                let mut it = doc.children(kv);
                let key = it.next().and_then(|k| doc.text(k).filter(|_| doc.node(k).is_some_and(|n| n.kind == NodeKind::StrLit)));
                let win = it.next().and_then(|w| doc.symbol(w));
                match (doc.is_tag(kv, "kv"), key, win) {
                    (true, Some(k), Some(w)) => l.resolved.push((k.into_owned(), w.into_owned())),
                    _ => return Err(shape_err(doc, kv, "expected (kv \"key\" winner)", sec)),
                }
            }
        } else if doc.is_tag(c, "live") {
            for m in doc.children(c) {
                let name = doc.children(m).next().and_then(|k| doc.text(k));
                match (doc.is_tag(m, "mod"), name) {
                    (true, Some(n)) => l.modules.push((n.into_owned(), symbols_of(doc, m, 1))),
                    _ => return Err(shape_err(doc, m, "expected (mod \"suffix\" SYM*)", sec)),
                }
            }
        } else {
            return Err(shape_err(doc, c, "expected (resolved) or (live)", sec));
        }
    }
    Ok(l)
}

/// Dense symbol id in a [`Reachability`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SymIdx(pub u32);

const NO_PARENT: u32 = u32::MAX;
const ROOT: u32 = u32::MAX - 1;

/// The recomputed whole-program live set with its explanation graph.
#[derive(Clone, Debug, Default)]
pub struct Reachability {
    names: Vec<String>,
    ids: FnvMap<String, u32>,
    live: Vec<u64>,
    parent: Vec<u32>,
    /// Per symbol: the owners whose `uses` name it (before translation), and the
    /// modules whose `roots` name it.
    used_by: Vec<Vec<u32>>,
    rooted_in: Vec<Vec<u32>>,
    /// The module suffixes of the graphs, by graph index.
    pub graph_modules: Vec<String>,
    /// Instance key → winner (computed), sorted by key.
    pub resolved: BTreeMap<String, String>,
}

impl Reachability {
    fn intern(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.ids.get(s) {
            return i;
        }
        let i = self.names.len() as u32;
        self.names.push(s.to_owned());
        self.ids.insert(s.to_owned(), i);
        self.parent.push(NO_PARENT);
        self.used_by.push(Vec::new());
        self.rooted_in.push(Vec::new());
        i
    }

    /// Marks the live set of a whole program from its modules' graphs.
    pub fn compute(graphs: &[DceGraph]) -> Reachability {
        let mut r = Reachability::default();
        // Winners: smallest full name per instance key.
        for g in graphs {
            for o in &g.offers {
                let key = without_module(o).to_owned();
                let e = r.resolved.entry(key).or_insert_with(|| o.clone());
                if o < e {
                    *e = o.clone();
                }
            }
        }
        let module_graph: FnvMap<&str, usize> = graphs.iter().enumerate().map(|(i, g)| (g.suffix.as_str(), i)).collect();
        r.graph_modules = graphs.iter().map(|g| g.suffix.clone()).collect();
        // uses[g] : owner id -> list of dep ids
        let mut uses: Vec<FnvMap<u32, Vec<u32>>> = vec![FnvMap::default(); graphs.len()];
        let mut roots = Vec::new();
        for (gi, g) in graphs.iter().enumerate() {
            for s in &g.roots {
                let id = r.intern(s);
                roots.push(id);
                if let Some(v) = r.rooted_in.get_mut(id as usize) {
                    v.push(gi as u32);
                }
            }
            for (owner, deps) in &g.uses {
                let o = r.intern(owner);
                let ds: Vec<u32> = deps.iter().map(|d| r.intern(d)).collect();
                for &d in &ds {
                    if let Some(v) = r.used_by.get_mut(d as usize) {
                        v.push(o);
                    }
                }
                if let Some(u) = uses.get_mut(gi) {
                    u.entry(o).or_default().extend(ds);
                }
            }
        }
        let translate = |r: &mut Reachability, s: u32| -> u32 {
            let name = r.names.get(s as usize).cloned().unwrap_or_default();
            if is_instance(&name) {
                if let Some(w) = r.resolved.get(without_module(&name)).cloned() {
                    return r.intern(&w);
                }
            }
            s
        };
        let mut work: Vec<(u32, u32)> = roots.iter().rev().map(|&s| (s, ROOT)).collect();
        while let Some((s0, from)) = work.pop() {
            let s = translate(&mut r, s0);
            if r.live.len() * 64 <= s as usize {
                r.live.resize(s as usize / 64 + 1, 0);
            }
            if r.is_live_idx(s) {
                continue;
            }
            if let Some(w) = r.live.get_mut(s as usize / 64) {
                *w |= 1 << (s % 64);
            }
            if r.parent.get(s as usize) == Some(&NO_PARENT) {
                if let Some(p) = r.parent.get_mut(s as usize) {
                    *p = from;
                }
            }
            let name = r.names.get(s as usize).cloned().unwrap_or_default();
            let Some(&gi) = module_of(&name).and_then(|m| module_graph.get(m)) else { continue };
            let deps = uses.get(gi).and_then(|u| u.get(&s)).cloned().unwrap_or_default();
            for d in deps.into_iter().rev() {
                let t = translate(&mut r, d);
                let tn = r.names.get(t as usize).map(String::as_str).unwrap_or("");
                if module_of(tn).is_some() && !r.is_live_idx(t) {
                    work.push((t, s));
                }
            }
        }
        r
    }

    fn is_live_idx(&self, s: u32) -> bool {
        self.live.get(s as usize / 64).is_some_and(|w| w & (1 << (s % 64)) != 0)
    }

    /// The id of a symbol name, if the graphs mention it.
    pub fn id(&self, name: &str) -> Option<SymIdx> {
        self.ids.get(name).map(|&i| SymIdx(i))
    }
    /// A symbol's name.
    pub fn name(&self, s: SymIdx) -> &str {
        self.names.get(s.0 as usize).map_or("", String::as_str)
    }
    /// Whether a symbol is live.
    pub fn is_live(&self, name: &str) -> bool {
        self.id(name).is_some_and(|s| self.is_live_idx(s.0))
    }
    /// The live symbols per owning module (by suffix), sorted.
    pub fn live_by_module(&self) -> BTreeMap<String, Vec<String>> {
        let mut m: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (i, n) in self.names.iter().enumerate() {
            if self.is_live_idx(i as u32) {
                m.entry(module_of(n).unwrap_or("").to_owned()).or_default().push(n.clone());
            }
        }
        for v in m.values_mut() {
            v.sort();
        }
        m
    }
    /// Number of live symbols.
    pub fn live_count(&self) -> usize {
        self.live.iter().map(|w| w.count_ones() as usize).sum()
    }
    /// Why a symbol is live: the chain from a root to it (root first), or `None`
    /// when it is not live.
    pub fn why(&self, name: &str) -> Option<Vec<String>> {
        let s = self.id(name)?.0;
        if !self.is_live_idx(s) {
            return None;
        }
        let mut chain = vec![self.name(SymIdx(s)).to_owned()];
        let mut cur = s;
        for _ in 0..self.names.len() {
            match self.parent.get(cur as usize).copied() {
                Some(ROOT) | Some(NO_PARENT) | None => break,
                Some(p) => {
                    chain.push(self.name(SymIdx(p)).to_owned());
                    cur = p;
                }
            }
        }
        chain.reverse();
        Some(chain)
    }
    /// Whether the chain of [`Reachability::why`] starts at a root (the symbol or its first link).
    pub fn is_root(&self, name: &str) -> bool {
        self.id(name).is_some_and(|s| self.rooted_in.get(s.0 as usize).is_some_and(|v| !v.is_empty()))
    }
    /// Who uses a symbol: the owners whose `(uses …)` name it, and the modules
    /// whose `(roots …)` name it.
    pub fn usages(&self, name: &str) -> (Vec<String>, Vec<String>) {
        let Some(s) = self.id(name) else { return (Vec::new(), Vec::new()) };
        let owners = self.used_by.get(s.0 as usize).map_or(Vec::new(), |v| v.iter().map(|&o| self.name(SymIdx(o)).to_owned()).collect());
        let mods = self
            .rooted_in
            .get(s.0 as usize)
            .map_or(Vec::new(), |v| v.iter().filter_map(|&g| self.graph_modules.get(g as usize).cloned()).collect());
        (owners, mods)
    }
}

/// The comparison of a computed live set with a recorded one, per module.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModuleCheck {
    /// Module suffix.
    pub module: String,
    /// Symbols in the recorded set.
    pub recorded: usize,
    /// Symbols in the computed set.
    pub computed: usize,
    /// Recorded but not computed.
    pub missing: Vec<String>,
    /// Computed but not recorded.
    pub extra: Vec<String>,
}

impl ModuleCheck {
    /// Whether the two sets are equal.
    pub fn matches(&self) -> bool {
        self.missing.is_empty() && self.extra.is_empty()
    }
}

/// Compares per module (the union of both sides' modules, sorted).
pub fn check(computed: &Reachability, recorded: &LiveFile) -> Vec<ModuleCheck> {
    let comp = computed.live_by_module();
    let mut rec: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (m, syms) in &recorded.modules {
        rec.entry(m.clone()).or_default().extend(syms.iter().cloned());
    }
    let mut mods: Vec<&String> = comp.keys().chain(rec.keys()).collect();
    mods.sort();
    mods.dedup();
    mods.into_iter()
        .map(|m| {
            let empty = Vec::new();
            let c = comp.get(m).unwrap_or(&empty);
            let mut r = rec.get(m).cloned().unwrap_or_default();
            r.sort();
            r.dedup();
            let missing = r.iter().filter(|s| c.binary_search(s).is_err()).cloned().collect();
            let extra = c.iter().filter(|s| r.binary_search(s).is_err()).cloned().collect();
            ModuleCheck { module: m.clone(), recorded: r.len(), computed: c.len(), missing, extra }
        })
        .collect()
}
