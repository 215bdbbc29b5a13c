//! The module import graph: `deps` edges, with how many `nkModuleRef` nodes of the
//! importer point into the imported module, plus edges that only references make
//! (the implicit `system` import, generic instances of indirectly imported modules).

use super::{ModuleGraph, ModuleIdx};
use crate::ids::{LitId, NodePos, TreeKind};
use crate::module::SymRef;
use crate::tree::NodeKind;
use std::collections::BTreeMap;

/// One edge `from → to`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImportEdge {
    /// The importer.
    pub from: ModuleIdx,
    /// The imported module.
    pub to: ModuleIdx,
    /// `to` is in `from`'s deps.
    pub imported: bool,
    /// Number of `nkModuleRef` nodes of `from` (all three trees) that resolve into `to`.
    pub refs: usize,
}

/// The import graph of the loaded modules.
#[derive(Clone, Debug, Default)]
pub struct ImportGraph {
    /// Edges sorted by (from, to).
    pub edges: Vec<ImportEdge>,
    /// Deps entries and references naming no loaded module: (module, path LitId,
    /// is a deps entry, number of references).
    pub unresolved: Vec<(ModuleIdx, LitId, bool, usize)>,
}

impl ImportGraph {
    /// Scans the deps and every nkModuleRef of every loaded module.
    pub fn build(g: &ModuleGraph) -> ImportGraph {
        let mut out = ImportGraph::default();
        for from in g.indexes() {
            let Some(gm) = g.get(from) else { continue };
            let m = &gm.module;
            // path LitId → (is a dep, reference count)
            let mut by_lit: BTreeMap<LitId, (bool, usize)> = BTreeMap::new();
            for &d in &m.imports {
                by_lit.entry(d).or_default().0 = true;
            }
            for tk in TreeKind::ALL {
                let tree = m.tree(tk);
                for (i, n) in tree.iter().enumerate() {
                    if n.kind != NodeKind::MODULE_REF {
                        continue;
                    }
                    if let Some(SymRef::Remote(r)) = m.sym_ref(tk, NodePos(i as u32)) {
                        by_lit.entry(r.module).or_default().1 += 1;
                    }
                }
            }
            let mut edges: BTreeMap<ModuleIdx, (bool, usize)> = BTreeMap::new();
            for (lit, (dep, refs)) in by_lit {
                match g.resolve_path(from, lit) {
                    Ok(to) if to != from => {
                        let e = edges.entry(to).or_default();
                        e.0 |= dep;
                        e.1 += refs;
                    }
                    Ok(_) => {}
                    Err(_) => out.unresolved.push((from, lit, dep, refs)),
                }
            }
            out.edges.extend(edges.into_iter().map(|(to, (imported, refs))| ImportEdge { from, to, imported, refs }));
        }
        out
    }
    /// The edges leaving `m`.
    pub fn from(&self, m: ModuleIdx) -> impl Iterator<Item = &ImportEdge> {
        let lo = self.edges.partition_point(|e| e.from < m);
        let hi = self.edges.partition_point(|e| e.from <= m);
        self.edges.get(lo..hi).unwrap_or(&[]).iter()
    }
}
