//! The dummy tree of the `#/demo` test page (100,000 rows), which checks the virtualized
//! tree view on its own.
//!
//! Nodes are stored in pre-order; each node knows the end of its subtree, so the flat
//! list of visible rows (what the view renders a window of) is one linear pass that jumps
//! over collapsed subtrees.

use std::collections::HashMap;
use std::rc::Rc;

use rod_view::NodePos;

use crate::tree_rows::RowMeta;

pub const NO_PARENT: u32 = u32::MAX;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TreeNode {
    pub label: Rc<str>,
    /// Second column (kind, size, ...).
    pub detail: Rc<str>,
    /// The URL fragment that selects this node (see [`crate::route`]).
    pub hash: Rc<str>,
    /// 1-based depth, as `aria-level` wants it.
    pub level: u16,
    pub parent: u32,
    /// One past the last node of this node's subtree.
    pub end: u32,
}

/// Compared by identity (see the `PartialEq` impl): props and hook dependencies holding an
/// `Rc<TreeModel>` must not compare 100k nodes on every render.
#[derive(Debug)]
pub struct TreeModel {
    pub nodes: Vec<TreeNode>,
    by_hash: HashMap<Rc<str>, u32>,
}

impl PartialEq for TreeModel {
    /// Identity: a tree is only ever replaced, never changed in place.
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Eq for TreeModel {}

impl TreeModel {
    fn new(nodes: Vec<TreeNode>) -> Self {
        let by_hash = nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.hash.clone(), i as u32))
            .collect();
        TreeModel { nodes, by_hash }
    }

    /// A dummy tree of `modules * (1 + sections * (1 + items))` nodes.
    pub fn demo(modules: u32, sections: u32, items: u32) -> Self {
        const SECTION_NAMES: [&str; 9] = [
            "symbols",
            "types",
            "top-level",
            "bodies",
            "exports",
            "hidden",
            "converters",
            "methods",
            "imports",
        ];
        const KINDS: [&str; 6] = [
            "skProc",
            "skType",
            "skVar",
            "skConst",
            "skIterator",
            "skTemplate",
        ];
        let kinds: Vec<Rc<str>> = KINDS.iter().map(|k| Rc::from(*k)).collect();
        let section_detail: Rc<str> = Rc::from("section");
        let per_module = 1 + sections * (1 + items);
        let mut nodes = Vec::with_capacity((modules * per_module) as usize);
        for m in 0..modules {
            let m_idx = nodes.len() as u32;
            nodes.push(TreeNode {
                label: Rc::from(format!("module_{m:04}.nim").as_str()),
                detail: Rc::from(format!("{} entries", sections * items).as_str()),
                hash: Rc::from(format!("#/demo/module/{m}").as_str()),
                level: 1,
                parent: NO_PARENT,
                end: m_idx + per_module,
            });
            for s in 0..sections {
                let s_idx = nodes.len() as u32;
                let name = SECTION_NAMES[(s as usize) % SECTION_NAMES.len()];
                nodes.push(TreeNode {
                    label: Rc::from(name),
                    detail: section_detail.clone(),
                    hash: Rc::from(format!("#/demo/module/{m}/{name}").as_str()),
                    level: 2,
                    parent: m_idx,
                    end: s_idx + 1 + items,
                });
                for i in 0..items {
                    let idx = nodes.len() as u32;
                    nodes.push(TreeNode {
                        label: Rc::from(format!("item_{m}_{s}_{i}").as_str()),
                        detail: kinds[((m + s + i) as usize) % kinds.len()].clone(),
                        hash: Rc::from(format!("#/demo/module/{m}/{name}/{i}").as_str()),
                        level: 3,
                        parent: s_idx,
                        end: idx + 1,
                    });
                }
            }
        }
        TreeModel::new(nodes)
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn has_children(&self, i: u32) -> bool {
        self.nodes[i as usize].end > i + 1
    }

    pub fn parent(&self, i: u32) -> Option<u32> {
        let p = self.nodes[i as usize].parent;
        (p != NO_PARENT).then_some(p)
    }

    /// The node a fragment selects: the exact one, else the nearest ancestor path that
    /// exists (`#/module/3/unknown` selects `#/module/3`).
    pub fn find(&self, hash: &str) -> Option<u32> {
        let mut h = hash.trim_end_matches('/');
        loop {
            if let Some(&i) = self.by_hash.get(h) {
                return Some(i);
            }
            let cut = h.rfind('/')?;
            if cut <= 1 {
                return None;
            }
            h = &h[..cut];
        }
    }

    /// The flat list of visible rows: node indices in display order.
    #[cfg(test)]
    pub fn visible_rows(&self, expanded: &[bool]) -> Vec<u32> {
        self.row_metas(expanded)
            .into_iter()
            .map(|r| r.key.0)
            .collect()
    }

    /// The flat list of visible rows with their levels and expansion.
    pub fn row_metas(&self, expanded: &[bool]) -> Vec<RowMeta> {
        let mut rows = Vec::with_capacity(self.nodes.len().min(1 << 20));
        let mut i = 0u32;
        let n = self.nodes.len() as u32;
        while i < n {
            let node = &self.nodes[i as usize];
            let open = expanded.get(i as usize) == Some(&true);
            rows.push(RowMeta {
                key: NodePos(i),
                level: node.level,
                has_children: node.end > i + 1,
                expanded: open && node.end > i + 1,
            });
            if !open {
                i = self.nodes[i as usize].end;
            } else {
                i += 1;
            }
        }
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_shape_and_rows() {
        let t = TreeModel::demo(3, 2, 4);
        assert_eq!(t.len(), 3 * (1 + 2 * 5));
        let mut expanded = vec![true; t.len()];
        assert_eq!(t.visible_rows(&expanded).len(), t.len());
        expanded[0] = false;
        let rows = t.visible_rows(&expanded);
        assert_eq!(rows.len(), t.len() - 10);
        assert_eq!(rows[1], 11);
        assert_eq!(t.find("#/demo/module/1/types/3"), Some(11 + 6 + 4));
        assert_eq!(t.find("#/demo/module/1/nope"), Some(11));
        assert_eq!(t.find("#/nothing"), None);
        assert_eq!(t.parent(12), Some(11));
    }
}
