//! Navigation of any backend's trees, from the one rule of [`crate::Cache::subtree_end`].
//! Nothing recurses: children skip whole subtrees, walks keep explicit stacks.

use crate::cache::Cache;
use crate::ids::{ModuleIdx, NodePos, TreeId};

/// A tree of one module of a cache.
#[derive(Clone, Copy)]
pub struct Tree<'a> {
    cache: &'a dyn Cache,
    module: ModuleIdx,
    tree: TreeId,
    len: u32,
}

impl<'a> Tree<'a> {
    /// Tree `t` of module `m`.
    pub fn new(cache: &'a dyn Cache, m: ModuleIdx, t: TreeId) -> Tree<'a> {
        let len = u32::try_from(cache.tree_len(m, t)).unwrap_or(u32::MAX);
        Tree {
            cache,
            module: m,
            tree: t,
            len,
        }
    }
    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.len as usize
    }
    /// True when the tree has no node.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
    /// One past the end of `n`'s subtree (at least `n + 1` for a node in range).
    pub fn end(&self, n: NodePos) -> NodePos {
        if n.0 >= self.len {
            return n;
        }
        let e = self.cache.subtree_end(self.module, self.tree, n).0;
        NodePos(e.clamp(n.0 + 1, self.len))
    }
    /// Number of nodes in `n`'s subtree, itself included.
    pub fn span(&self, n: NodePos) -> u32 {
        self.end(n).0.saturating_sub(n.0)
    }
    /// The children of `n` (the roots for `None`).
    pub fn children(&self, n: Option<NodePos>) -> Children<'a> {
        match n {
            None => Children {
                tree: *self,
                next: 0,
                end: self.len,
            },
            Some(p) => Children {
                tree: *self,
                next: p.0.saturating_add(1).min(self.end(p).0),
                end: self.end(p).0,
            },
        }
    }
    /// True when views hide `n`'s children: they are operands its row shows
    /// ([`Cache::folds_children`]).
    pub fn folds(&self, n: NodePos) -> bool {
        self.cache.folds_children(self.module, self.tree, n)
    }
    /// True when `n` has children.
    pub fn has_children(&self, n: NodePos) -> bool {
        self.span(n) > 1
    }
    /// The `i`-th child.
    pub fn child(&self, n: NodePos, i: usize) -> Option<NodePos> {
        self.children(Some(n)).nth(i)
    }
    /// The chain of ancestors of `n`, outermost first (walks down from the roots:
    /// O(depth × siblings), no parent array needed).
    pub fn ancestors(&self, n: NodePos) -> Vec<NodePos> {
        let mut out = Vec::new();
        if n.0 >= self.len {
            return out;
        }
        let mut level = self.children(None);
        while let Some(c) = level.find(|&c| c.0 <= n.0 && n.0 < self.end(c).0) {
            if c == n {
                break;
            }
            out.push(c);
            level = self.children(Some(c));
        }
        out
    }
}

/// The children of a node (or the roots).
#[derive(Clone)]
pub struct Children<'a> {
    tree: Tree<'a>,
    next: u32,
    end: u32,
}

impl Iterator for Children<'_> {
    type Item = NodePos;
    fn next(&mut self) -> Option<NodePos> {
        if self.next >= self.end {
            return None;
        }
        let p = NodePos(self.next);
        self.next = self.tree.end(p).0.min(self.end).max(self.next + 1);
        Some(p)
    }
}
