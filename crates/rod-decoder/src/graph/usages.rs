//! Every node of every loaded module that names a symbol, indexed by the symbol.

use super::{LinkFailure, ModuleGraph, ModuleIdx, UnresolvedLink};
use crate::ids::{LitId, NodePos, SymId, TreeKind};
use crate::module::SymRef;
use crate::tree::{LineInfo, NodeKind};
use std::collections::HashMap;

/// One node that names a symbol: a local `nkSym` or an `nkModuleRef`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Usage {
    /// The module the node is in.
    pub module: ModuleIdx,
    /// Its tree.
    pub tree: TreeKind,
    /// Its position.
    pub node: NodePos,
    /// Its source position (file is a LitId of `module`).
    pub info: LineInfo,
}

/// The usages of every symbol, built once over all three trees of every module.
#[derive(Clone, Debug, Default)]
pub struct UsageIndex {
    /// Per target module: symbol ids, ascending, parallel to `usages`.
    ids: Vec<Vec<SymId>>,
    /// Per target module: the usages, sorted by (symbol, module, tree, node).
    usages: Vec<Vec<Usage>>,
    unresolved: Vec<(Usage, UnresolvedLink)>,
    nodes: usize,
}

impl UsageIndex {
    /// Scans every node of every loaded module once.
    pub fn build(g: &ModuleGraph) -> UsageIndex {
        let mut per: Vec<Vec<(SymId, Usage)>> = vec![Vec::new(); g.len()];
        let mut unresolved = Vec::new();
        let mut nodes = 0;
        for from in g.indexes() {
            let Some(gm) = g.get(from) else { continue };
            let m = &gm.module;
            let mut cache: HashMap<LitId, Result<ModuleIdx, LinkFailure>> = HashMap::new();
            for tk in TreeKind::ALL {
                let tree = m.tree(tk);
                nodes += tree.len();
                for (i, n) in tree.iter().enumerate() {
                    if n.kind != NodeKind::SYM && n.kind != NodeKind::MODULE_REF {
                        continue;
                    }
                    let node = NodePos(i as u32);
                    let usage = Usage { module: from, tree: tk, node, info: n.info };
                    let (target, id) = match m.sym_ref(tk, node) {
                        Some(SymRef::Local(id)) => (from, id),
                        Some(SymRef::Remote(r)) => match *cache.entry(r.module).or_insert_with(|| g.resolve_path(from, r.module)) {
                            Ok(t) => (t, SymId(r.item)),
                            Err(reason) => {
                                unresolved.push((usage, UnresolvedLink { from, path: r.module, item: r.item, reason }));
                                continue;
                            }
                        },
                        None => continue,
                    };
                    if let Some(v) = per.get_mut(target.index()) {
                        v.push((id, usage));
                    }
                }
            }
        }
        let mut ids = Vec::with_capacity(per.len());
        let mut usages = Vec::with_capacity(per.len());
        for mut v in per {
            // Stable: the scan already produced (module, tree, node) order.
            v.sort_by_key(|x| x.0);
            ids.push(v.iter().map(|x| x.0).collect());
            usages.push(v.into_iter().map(|x| x.1).collect());
        }
        UsageIndex { ids, usages, unresolved, nodes }
    }

    /// The usages of symbol `id` of module `m`, sorted by (module, tree, node).
    pub fn of(&self, m: ModuleIdx, id: SymId) -> &[Usage] {
        let (Some(ids), Some(us)) = (self.ids.get(m.index()), self.usages.get(m.index())) else { return &[] };
        let lo = ids.partition_point(|&x| x < id);
        let hi = ids.partition_point(|&x| x <= id);
        us.get(lo..hi).unwrap_or(&[])
    }
    /// References into modules that are not loaded (or only in another version).
    pub fn unresolved(&self) -> &[(Usage, UnresolvedLink)] {
        &self.unresolved
    }
    /// Number of resolved usages.
    pub fn len(&self) -> usize {
        self.usages.iter().map(Vec::len).sum()
    }
    /// True if no symbol is used anywhere.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Number of nodes scanned to build the index.
    pub fn nodes_scanned(&self) -> usize {
        self.nodes
    }
}
