//! The visible rows of a tree (or of one subtree) of any backend, and their expansion.
//!
//! Trees are flat pre-order arrays in which every node knows its subtree's end
//! ([`rod_view::nav`]), so the flat list of visible rows is one pass that jumps over
//! collapsed subtrees: its cost is the number of visible rows, never the size of the
//! tree. What a row shows is asked of the cache only when it scrolls into view. Rows
//! that fold their children ([`rod_view::Cache::folds_children`]) never list them.

use std::rc::Rc;

use rod_view::nav::Tree;
use rod_view::NodePos;

/// One visible row of a tree view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RowMeta {
    /// The node (its position in the tree's pre-order array).
    pub key: NodePos,
    /// 1-based depth (`aria-level`).
    pub level: u16,
    pub has_children: bool,
    pub expanded: bool,
}

/// Trees with at most this many nodes start fully expanded.
const EXPAND_SMALL: u32 = 400;

/// Expansion state and visible rows of one tree, or of the subtree at `root`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TreeRows {
    /// Shown node range `[start, end)`.
    start: u32,
    end: u32,
    root: bool,
    /// Per node of the range: expanded.
    expanded: Vec<bool>,
    pub rows: Rc<Vec<RowMeta>>,
}

impl TreeRows {
    /// The rows of `t`, or of the subtree at `root` (opened: the root and its children).
    pub fn new(t: &Tree, root: Option<NodePos>) -> TreeRows {
        let len = t.len() as u32;
        let (start, end) = match root {
            Some(r) if r.0 < len => (r.0, t.end(r).0),
            Some(_) => (0, 0),
            None => (0, len),
        };
        let n = end - start;
        // Small trees (and symbol definitions) open expanded; big ones show their roots.
        let open_all = n <= EXPAND_SMALL;
        let mut tr = TreeRows {
            start,
            end,
            root: root.is_some(),
            expanded: vec![open_all; n as usize],
            rows: Rc::new(Vec::new()),
        };
        if !open_all && root.is_some() && n > 0 {
            // A big definition: open the root and its direct children.
            tr.expanded[0] = true;
            for c in t.children(Some(NodePos(start))) {
                if let Some(x) = tr.expanded.get_mut((c.0 - start) as usize) {
                    *x = true;
                }
            }
        }
        tr.rebuild(t);
        tr
    }

    pub fn contains(&self, node: NodePos) -> bool {
        (self.start..self.end).contains(&node.0)
    }

    fn idx(&self, node: NodePos) -> Option<usize> {
        self.contains(node).then(|| (node.0 - self.start) as usize)
    }

    /// Recomputes the visible rows: O(visible rows).
    fn rebuild(&mut self, t: &Tree) {
        let mut rows = Vec::new();
        let mut stack: Vec<u32> = Vec::new();
        let end = self.end.min(t.len() as u32);
        let mut i = self.start;
        while i < end {
            while stack.last().is_some_and(|&e| e <= i) {
                stack.pop();
            }
            let limit = stack.last().copied().unwrap_or(end);
            let e = t.end(NodePos(i)).0.min(limit).max(i + 1);
            let has_children = e > i + 1 && !t.folds(NodePos(i));
            let open = has_children && self.expanded.get((i - self.start) as usize) == Some(&true);
            rows.push(RowMeta {
                key: NodePos(i),
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
    pub fn set_expanded(&mut self, t: &Tree, node: NodePos, want: Option<bool>) -> bool {
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
    pub fn expand_subtree(&mut self, t: &Tree, node: NodePos) {
        let Some(i) = self.idx(node) else { return };
        let e = t.end(node).0.min(self.end);
        let j = ((e - self.start) as usize).min(self.expanded.len());
        for x in self.expanded.get_mut(i..j).into_iter().flatten() {
            *x = true;
        }
        self.rebuild(t);
    }

    /// Expands or collapses everything (a subtree view keeps its root open).
    pub fn set_all(&mut self, t: &Tree, on: bool) {
        self.expanded.iter_mut().for_each(|x| *x = on);
        if !on && self.root {
            if let Some(x) = self.expanded.first_mut() {
                *x = true;
            }
        }
        self.rebuild(t);
    }

    /// Makes `node` visible by expanding its ancestors. Returns whether anything changed.
    pub fn reveal(&mut self, t: &Tree, node: NodePos) -> bool {
        if !self.contains(node) || self.position(node).is_some() {
            return false;
        }
        let mut changed = false;
        for a in t.ancestors(node) {
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

    /// The nearest visible row at or above `node` (itself, or its nearest visible
    /// ancestor).
    pub fn visible_at(&self, t: &Tree, node: NodePos) -> Option<NodePos> {
        if self.position(node).is_some() {
            return Some(node);
        }
        t.ancestors(node)
            .into_iter()
            .rev()
            .find(|&a| self.position(a).is_some())
    }

    /// The row position of a node, if visible.
    pub fn position(&self, node: NodePos) -> Option<usize> {
        self.rows.binary_search_by_key(&node.0, |r| r.key.0).ok()
    }

    /// The shown node range `[start, end)`.
    pub fn range(&self) -> (NodePos, NodePos) {
        (NodePos(self.start), NodePos(self.end))
    }

    /// Number of nodes in the shown range.
    pub fn node_count(&self) -> u32 {
        self.end - self.start
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rod_view::backend::packed::PackedCache;
    use rod_view::{Cache, ModuleIdx};

    fn sample() -> Option<(PackedCache, ModuleIdx)> {
        let c = crate::test_sample::load()?;
        let m = c.module_by_key("main.nim")?;
        Some((c, m))
    }

    #[test]
    fn rows_reveal_collapse() {
        let Some((c, m)) = sample() else { return };
        let t = c.tree_by_slug(m, "toplevel").unwrap_or(rod_view::TreeId(0));
        let tree = Tree::new(&c, m, t);
        let mut r = TreeRows::new(&tree, None);
        r.set_all(&tree, true);
        let all = r.rows.len();
        // every node is a row except the operands of folding rows
        let folded: usize = (0..tree.len() as u32)
            .map(NodePos)
            .filter(|&n| tree.folds(n))
            .map(|n| tree.span(n) as usize - 1)
            .sum();
        assert_eq!(all, tree.len() - folded);
        r.set_all(&tree, false);
        let roots = tree.children(None).count();
        assert_eq!(r.rows.len(), roots);
        // a deep node: revealing it opens its ancestors
        let deep = (0..tree.len() as u32)
            .map(NodePos)
            .find(|&n| tree.ancestors(n).len() >= 2)
            .expect("a node at depth 2");
        assert!(r.position(deep).is_none());
        assert!(r.reveal(&tree, deep));
        assert!(r.position(deep).is_some());
        let top = tree.ancestors(deep)[0];
        assert_eq!(r.visible_at(&tree, deep), Some(deep));
        r.set_expanded(&tree, top, Some(false));
        assert_eq!(r.visible_at(&tree, deep), Some(top));
        println!("ORACLE: tree rows of main.nim top level: {all} rows of {} nodes ({folded} folded), {roots} roots", tree.len());
    }
}
