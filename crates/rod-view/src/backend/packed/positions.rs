//! Source positions → nodes, for the source pane and `rodscope at`: per module, every
//! node with a position, sorted by (file, line, col), built once on first use.

use rod_decoder::graph::ModuleIdx;
use rod_decoder::names::name_or_raw;
use rod_decoder::{LitId, NodePos, PackedModule, SymId, TreeKind};

use super::{tree_id, PackedCache, TREES};
use crate::rows::{NodeAt, SourceFile};

/// One node with a position.
#[derive(Clone, Copy, Debug)]
pub(crate) struct PosEntry {
    file: LitId,
    line: i32,
    col: i32,
    tree: TreeKind,
    node: NodePos,
    depth: u32,
}

/// The positioned nodes of a module and the distinct files they name.
#[derive(Debug, Default)]
pub(crate) struct PosIndex {
    entries: Vec<PosEntry>,
    files: Vec<LitId>,
}

/// Every positioned node of a module, sorted by (file, line, col, tree, node).
pub(crate) fn index(m: &PackedModule) -> PosIndex {
    let mut v = Vec::new();
    for k in TREES {
        let t = m.tree(k);
        // The operands of an nkModuleRef are part of its row, not nodes of their own.
        let mut folded_until = 0u32;
        for (p, depth) in t.preorder_all() {
            let Some(n) = t.node(p) else { continue };
            if p.0 < folded_until {
                continue;
            }
            if n.kind == rod_decoder::NodeKind::MODULE_REF {
                folded_until = t.subtree_end(p).0;
            }
            if n.info.line <= 0 {
                continue;
            }
            let file = if n.info.file.is_none() { m.path_id().unwrap_or(LitId::NONE) } else { n.info.file };
            v.push(PosEntry { file, line: n.info.line, col: n.info.col, tree: k, node: p, depth });
        }
    }
    v.sort_unstable_by_key(|e| (e.file, e.line, e.col, e.tree, e.node));
    let mut files: Vec<LitId> = v.iter().map(|e| e.file).collect();
    files.dedup();
    PosIndex { entries: v, files }
}

/// True when the recorded `path` is `query` or ends with `/query`.
pub fn path_matches(path: &str, query: &str) -> bool {
    let q = query.trim_start_matches("./");
    !q.is_empty() && (path == q || path.strip_suffix(q).is_some_and(|rest| rest.ends_with('/') || rest.ends_with('\\')))
}

impl PackedCache {
    pub(crate) fn packed_nodes_at(&self, file: &str, line: i32, col: Option<i32>) -> Vec<NodeAt> {
        let mut out = Vec::new();
        for mi in self.graph.indexes() {
            let Some(pm) = self.module(mi) else { continue };
            let ix = self.positions(mi);
            // The files the module's nodes name are few: test each path once.
            for &f in &ix.files {
                if !path_matches(&pm.str(f), file) {
                    continue;
                }
                let lo = ix.entries.partition_point(|e| (e.file, e.line) < (f, line));
                for e in ix.entries.get(lo..).unwrap_or(&[]).iter().take_while(|e| e.file == f && e.line == line) {
                    if col.is_some_and(|c| c != e.col) {
                        continue;
                    }
                    let kind = pm.tree(e.tree).node(e.node).map_or(0, |n| n.kind.0 as u32);
                    out.push(NodeAt {
                        module: mi,
                        tree: tree_id(e.tree),
                        node: e.node,
                        kind: name_or_raw(pm.version.names().node_kind, kind).into_owned(),
                        depth: e.depth,
                    });
                }
            }
        }
        out.sort_by(|a, b| b.depth.cmp(&a.depth).then(a.module.cmp(&b.module)).then(a.tree.cmp(&b.tree)).then(a.node.cmp(&b.node)));
        out
    }

    pub(crate) fn packed_source_files(&self, mi: ModuleIdx) -> Vec<SourceFile> {
        let Some(pm) = self.module(mi) else { return Vec::new() };
        let n = pm.includes.len();
        // The last entry of each path is the current one; earlier ones with another hash are stale.
        let mut last: std::collections::HashMap<LitId, usize> = std::collections::HashMap::with_capacity(n);
        for (i, (p, _)) in pm.includes.iter().enumerate() {
            last.insert(*p, i);
        }
        pm.includes
            .iter()
            .enumerate()
            .map(|(i, (p, h))| {
                let stale = last.get(p).is_some_and(|&j| j != i && pm.includes.get(j).is_some_and(|x| x.1 != *h));
                SourceFile { path: pm.str(*p).into_owned(), sha1: Some(h.clone()), stale }
            })
            .collect()
    }
}

impl PackedCache {
    /// Find in a tree without building rows: kinds by the version's table, literals
    /// and symbol names from the string table.
    pub(crate) fn packed_find(&self, mi: ModuleIdx, t: crate::ids::TreeId, query: &str, cap: usize) -> Vec<NodePos> {
        use crate::find::Query;
        use rod_decoder::{Literal, SymRef};
        let (Some(pm), Some(k)) = (self.module(mi), super::tree_kind(t)) else { return Vec::new() };
        let Some(q) = Query::parse(query) else { return Vec::new() };
        let tree = pm.tree(k);
        let names = pm.version.names();
        let mut out = Vec::new();
        for i in 0..tree.len() as u32 {
            if out.len() >= cap {
                break;
            }
            let p = NodePos(i);
            let Some(n) = tree.node(p) else { continue };
            let hit = match &q {
                Query::Line(l) => n.info.line == *l,
                Query::Text(_) => {
                    let kind = name_or_raw(names.node_kind, n.kind.0 as u32);
                    let text: Option<String> = match pm.sym_ref(k, p) {
                        Some(SymRef::Local(id)) => pm.sym(id).map(|s| pm.sym_name(s).into_owned()),
                        Some(SymRef::Remote(r)) => self.graph.resolve_ref(mi, r).target().and_then(|(tm, item)| {
                            self.module(tm).and_then(|x| x.sym(SymId(item)).map(|s| x.sym_name(s).into_owned()))
                        }),
                        None => match pm.literal(k, p) {
                            Literal::None | Literal::Sym(_) | Literal::Missing(_) => None,
                            Literal::Ident(b) | Literal::Str(b) => Some(String::from_utf8_lossy(b).into_owned()),
                            l => Some(l.display()),
                        },
                    };
                    q.matches_text(&kind, text.as_deref())
                }
            };
            if hit {
                out.push(p);
            }
        }
        out
    }
}
