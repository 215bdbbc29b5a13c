//! The visible rows of a packed tree, built lazily from the packed array.
//!
//! A packed tree is a pre-order node array in which every non-atom knows its span, so the
//! flat list of visible rows is one pass that jumps over collapsed subtrees: its cost is
//! the number of visible rows, never the size of the tree. Nothing else is materialized;
//! what a row shows is computed when it scrolls into view (see `model::node_row`).
//!
//! Spans are clamped to the parent's end (a damaged file cannot make a row appear twice
//! or the walk run past the array), and nkModuleRef rows never show their two operand
//! children.

use std::rc::Rc;

use rod_decoder::graph::ModuleIdx;
use rod_decoder::{NodeKind, NodePos, PackedTree, TreeKind};

/// One visible row of a tree view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RowMeta {
    /// The node (packed position, or demo node index).
    pub key: u32,
    /// 1-based depth (`aria-level`).
    pub level: u16,
    pub has_children: bool,
    pub expanded: bool,
}

/// Trees with at most this many nodes start fully expanded.
const EXPAND_SMALL: u32 = 400;

/// Which packed tree (or subtree) a view shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TreeId {
    pub module: ModuleIdx,
    pub tree: TreeKind,
    /// Only the subtree at this node (a symbol's definition).
    pub root: Option<u32>,
}

/// Expansion state and visible rows of one packed tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PackedRows {
    pub id: TreeId,
    /// Shown node range `[start, end)`.
    start: u32,
    end: u32,
    /// Per node of the range: expanded.
    expanded: Vec<bool>,
    pub rows: Rc<Vec<RowMeta>>,
}

/// The end of `pos`'s subtree, clamped into `[pos + 1, limit]`.
fn sub_end(t: &PackedTree, pos: u32, limit: u32) -> u32 {
    t.subtree_end(NodePos(pos)).0.min(limit).max(pos + 1)
}

fn is_module_ref(t: &PackedTree, pos: u32) -> bool {
    t.node(NodePos(pos))
        .is_some_and(|n| n.kind == NodeKind::MODULE_REF)
}

impl PackedRows {
    pub fn new(id: TreeId, t: &PackedTree) -> PackedRows {
        let len = t.len() as u32;
        let (start, end) = match id.root {
            Some(r) if r < len => (r, sub_end(t, r, len)),
            Some(_) => (0, 0),
            None => (0, len),
        };
        let n = end - start;
        // Small trees (and symbol definitions) open expanded; big ones show their roots.
        let open_all = n <= EXPAND_SMALL;
        let mut pr = PackedRows {
            id,
            start,
            end,
            expanded: vec![open_all; n as usize],
            rows: Rc::new(Vec::new()),
        };
        if !open_all && id.root.is_some() && n > 0 {
            // A big definition: open the root and its direct children.
            pr.expanded[0] = true;
            let mut c = start + 1;
            while c < end {
                let e = sub_end(t, c, end);
                if let Some(x) = pr.expanded.get_mut((c - start) as usize) {
                    *x = true;
                }
                c = e;
            }
        }
        pr.rebuild(t);
        pr
    }

    pub fn contains(&self, node: u32) -> bool {
        (self.start..self.end).contains(&node)
    }

    fn idx(&self, node: u32) -> Option<usize> {
        self.contains(node).then(|| (node - self.start) as usize)
    }

    /// Recomputes the visible rows: O(visible rows).
    pub fn rebuild(&mut self, t: &PackedTree) {
        let mut rows = Vec::new();
        let mut stack: Vec<u32> = Vec::new();
        let end = self.end.min(t.len() as u32);
        let mut i = self.start;
        while i < end {
            while stack.last().is_some_and(|&e| e <= i) {
                stack.pop();
            }
            let limit = stack.last().copied().unwrap_or(end);
            let e = sub_end(t, i, limit);
            let has_children = e > i + 1 && !is_module_ref(t, i);
            let open = has_children && self.expanded.get((i - self.start) as usize) == Some(&true);
            rows.push(RowMeta {
                key: i,
                level: (stack.len() + 1).min(u16::MAX as usize) as u16,
                has_children,
                expanded: open,
            });
            if open {
                stack.push(e);
                i += 1;
            } else {
                i = e;
            }
        }
        self.rows = Rc::new(rows);
    }

    /// Expands or collapses one node (`None` toggles). Returns whether anything changed.
    pub fn set_expanded(&mut self, t: &PackedTree, node: u32, want: Option<bool>) -> bool {
        let Some(i) = self.idx(node) else {
            return false;
        };
        let Some(cur) = self.expanded.get(i).copied() else {
            return false;
        };
        let new = want.unwrap_or(!cur);
        if new == cur {
            return false;
        }
        self.expanded[i] = new;
        self.rebuild(t);
        true
    }

    /// Expands `node` and everything below it.
    pub fn expand_subtree(&mut self, t: &PackedTree, node: u32) {
        let Some(i) = self.idx(node) else { return };
        let e = sub_end(t, node, self.end);
        let j = ((e - self.start) as usize).min(self.expanded.len());
        for x in &mut self.expanded[i..j] {
            *x = true;
        }
        self.rebuild(t);
    }

    /// Expands or collapses everything.
    pub fn set_all(&mut self, t: &PackedTree, on: bool) {
        self.expanded.iter_mut().for_each(|x| *x = on);
        if !on && self.id.root.is_some() {
            if let Some(x) = self.expanded.first_mut() {
                *x = true;
            }
        }
        self.rebuild(t);
    }

    /// The ancestors of `node` inside the shown range, outermost first (descends from
    /// the roots: O(depth × children per level), no parent array needed).
    pub fn ancestors(&self, t: &PackedTree, node: u32) -> Vec<u32> {
        let mut out = Vec::new();
        if !self.contains(node) {
            return out;
        }
        let (mut lo, mut hi) = (self.start, self.end.min(t.len() as u32));
        // Find the root containing the node, then the child containing it, and so on.
        let mut c = lo;
        while c < hi {
            let e = sub_end(t, c, hi);
            if node < e {
                if c == node {
                    return out;
                }
                out.push(c);
                lo = c + 1;
                hi = e;
                c = lo;
                continue;
            }
            c = e;
        }
        let _ = lo;
        out
    }

    /// Makes `node` visible by expanding its ancestors. Returns whether anything changed.
    pub fn reveal(&mut self, t: &PackedTree, node: u32) -> bool {
        let mut changed = false;
        for a in self.ancestors(t, node) {
            if let Some(i) = self.idx(a) {
                if !self.expanded[i] {
                    self.expanded[i] = true;
                    changed = true;
                }
            }
        }
        if changed {
            self.rebuild(t);
        }
        changed
    }

    /// The row position of a node, if visible.
    pub fn position(&self, node: u32) -> Option<usize> {
        self.rows.binary_search_by_key(&node, |r| r.key).ok()
    }

    /// Number of nodes in the shown range.
    pub fn node_count(&self) -> u32 {
        self.end - self.start
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rod_decoder::PackedNode;

    fn n(kind: u8, operand: i32) -> PackedNode {
        PackedNode {
            kind: NodeKind(kind),
            operand,
            ..Default::default()
        }
    }

    fn id() -> TreeId {
        TreeId {
            module: ModuleIdx(0),
            tree: TreeKind::Bodies,
            root: None,
        }
    }

    #[test]
    fn rows_and_reveal() {
        // 0: StmtList(5) [1: Call(3) [2: sym, 3: ident], 4: ident], 5: ident
        let t = PackedTree::new(vec![n(115, 5), n(27, 3), n(3, 0), n(2, 0), n(2, 0), n(2, 0)]);
        let mut r = PackedRows::new(id(), &t);
        // small: all open
        assert_eq!(
            r.rows.iter().map(|x| x.key).collect::<Vec<_>>(),
            vec![0, 1, 2, 3, 4, 5]
        );
        assert_eq!(r.rows[2].level, 3);
        r.set_all(&t, false);
        assert_eq!(r.rows.iter().map(|x| x.key).collect::<Vec<_>>(), vec![0, 5]);
        assert_eq!(r.ancestors(&t, 3), vec![0, 1]);
        assert!(r.reveal(&t, 3));
        assert_eq!(
            r.rows.iter().map(|x| x.key).collect::<Vec<_>>(),
            vec![0, 1, 2, 3, 4, 5]
        );
        assert_eq!(r.position(4), Some(4));
        r.set_expanded(&t, 1, Some(false));
        assert_eq!(
            r.rows.iter().map(|x| x.key).collect::<Vec<_>>(),
            vec![0, 1, 4, 5]
        );
        // subtree view
        let sub = PackedRows::new(
            TreeId {
                root: Some(1),
                ..id()
            },
            &t,
        );
        assert_eq!(
            sub.rows.iter().map(|x| x.key).collect::<Vec<_>>(),
            vec![1, 2, 3]
        );
    }

    #[test]
    fn hostile_spans() {
        let t = PackedTree::new(vec![n(115, 1000), n(115, 0), n(115, -5), n(27, 2)]);
        let mut r = PackedRows::new(id(), &t);
        r.set_all(&t, true);
        assert_eq!(r.rows.len(), 4);
        let _ = r.ancestors(&t, 3);
    }
}
