//! Packed trees: flat pre-order node arrays in which every non-atom knows its span.
//!
//! Navigation never recurses: children are found by skipping whole subtrees with
//! the stored span, preorder walks keep an explicit stack of subtree ends, and a
//! span that runs past its parent (a damaged file) is clamped, never trusted.

use crate::ids::{LitId, NodePos, PackedItemId};

/// `TNodeKind` ordinal. Ordinals used by the IC are the same in 1.6, 2.0 and 2.2;
/// names come from the version's table ([`crate::names::Names::node_kind`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeKind(pub u8);

#[allow(missing_docs)]
impl NodeKind {
    pub const NONE: NodeKind = NodeKind(0);
    pub const EMPTY: NodeKind = NodeKind(1);
    pub const IDENT: NodeKind = NodeKind(2);
    pub const SYM: NodeKind = NodeKind(3);
    pub const TYPE: NodeKind = NodeKind(4);
    pub const CHAR_LIT: NodeKind = NodeKind(5);
    pub const INT_LIT: NodeKind = NodeKind(6);
    pub const INT32_LIT: NodeKind = NodeKind(9);
    pub const INT64_LIT: NodeKind = NodeKind(10);
    pub const UINT_LIT: NodeKind = NodeKind(11);
    pub const UINT64_LIT: NodeKind = NodeKind(15);
    pub const FLOAT_LIT: NodeKind = NodeKind(16);
    pub const FLOAT128_LIT: NodeKind = NodeKind(19);
    pub const STR_LIT: NodeKind = NodeKind(20);
    pub const TRIPLE_STR_LIT: NodeKind = NodeKind(22);
    pub const NIL_LIT: NodeKind = NodeKind(23);
    pub const CLOSED_SYM_CHOICE: NodeKind = NodeKind(56);
    pub const OPEN_SYM_CHOICE: NodeKind = NodeKind(57);
    pub const CHCK_RANGE_F: NodeKind = NodeKind(68);
    pub const CHCK_RANGE_64: NodeKind = NodeKind(69);
    pub const CHCK_RANGE: NodeKind = NodeKind(70);
    pub const PROC_DEF: NodeKind = NodeKind(79);
    pub const METHOD_DEF: NodeKind = NodeKind(80);
    pub const CONVERTER_DEF: NodeKind = NodeKind(81);
    pub const MACRO_DEF: NodeKind = NodeKind(82);
    pub const TEMPLATE_DEF: NodeKind = NodeKind(83);
    pub const ITERATOR_DEF: NodeKind = NodeKind(84);
    pub const TYPE_DEF: NodeKind = NodeKind(103);
    pub const FUNC_DEF: NodeKind = NodeKind(159);
    pub const MODULE_REF: NodeKind = NodeKind(162);
    pub const REPLAY_ACTION: NodeKind = NodeKind(163);
    pub const NIL_ROD_NODE: NodeKind = NodeKind(164);

    /// Atoms (`kind <= nkNilLit`) have an operand instead of a span.
    pub fn is_atom(self) -> bool {
        self.0 <= Self::NIL_LIT.0
    }
    /// The routine definitions whose son 6 is the body.
    pub fn is_routine_def(self) -> bool {
        use crate::names::ordinals::nk;
        matches!(self.0, nk::PROC_DEF..=nk::ITERATOR_DEF | nk::FUNC_DEF | nk::LAMBDA | nk::DO)
    }
}

/// A position in the source: file (a LitId of the module's strings), line, column.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct LineInfo {
    /// LitId of the file path; 0 for no position.
    pub file: LitId,
    /// 1-based line (0 = unknown).
    pub line: i32,
    /// 0-based column (-1 = unknown).
    pub col: i32,
}

/// One node, the same shape for every version. In 2.2 files `flags` and `typ` come
/// from the tree's side tables and `info` from the packed form or the side channel.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PackedNode {
    /// `TNodeKind` ordinal.
    pub kind: NodeKind,
    /// `TNodeFlags` bit set.
    pub flags: u32,
    /// The span for non-atoms; a literal id, symbol id or value for atoms.
    pub operand: i32,
    /// The node's type (`nilItemId` when none; in 2.2 a symbol node without its own
    /// type uses its symbol's, see [`crate::PackedModule::node_type`]).
    pub typ: PackedItemId,
    /// Source position.
    pub info: LineInfo,
}

/// A forest of packed trees (one section: toReplay, topLevel or bodies).
#[derive(Clone, Debug, Default)]
pub struct PackedTree {
    /// The nodes in pre-order.
    pub nodes: Vec<PackedNode>,
}

impl PackedTree {
    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }
    /// True if the forest has no node.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }
    /// The node at `pos`, if in range.
    pub fn node(&self, pos: NodePos) -> Option<&PackedNode> {
        self.nodes.get(pos.index())
    }
    /// The stored span of `pos` (1 for atoms), clamped to the end of the array; 0 out of range.
    pub fn span(&self, pos: NodePos) -> u32 {
        let Some(n) = self.node(pos) else { return 0 };
        let left = (self.nodes.len() - pos.index()) as u32;
        if n.kind.is_atom() {
            1
        } else {
            (n.operand.max(1) as u32).min(left)
        }
    }
    /// One past the last node of `pos`'s subtree.
    pub fn subtree_end(&self, pos: NodePos) -> NodePos {
        NodePos(pos.0 + self.span(pos))
    }
    /// The roots of the forest.
    pub fn roots(&self) -> Children<'_> {
        Children { tree: self, next: 0, end: self.nodes.len() as u32 }
    }
    /// The children of `pos` (none for atoms).
    pub fn children(&self, pos: NodePos) -> Children<'_> {
        let end = self.subtree_end(pos).0;
        Children { tree: self, next: if end > pos.0 { pos.0 + 1 } else { end }, end }
    }
    /// The `i`-th child of `pos`.
    pub fn child(&self, pos: NodePos, i: usize) -> Option<NodePos> {
        self.children(pos).nth(i)
    }
    /// Number of children of `pos`.
    pub fn child_count(&self, pos: NodePos) -> usize {
        self.children(pos).count()
    }
    /// The node after `pos`'s subtree if it is still inside `parent`'s subtree.
    pub fn next_sibling(&self, parent: Option<NodePos>, pos: NodePos) -> Option<NodePos> {
        let next = self.subtree_end(pos);
        let limit = match parent {
            Some(p) => self.subtree_end(p).0,
            None => self.nodes.len() as u32,
        };
        (next.0 < limit).then_some(next)
    }
    /// The parent of every node (`None` for roots), computed in one linear pass with
    /// an explicit stack.
    pub fn parents(&self) -> Vec<Option<NodePos>> {
        let mut out = vec![None; self.nodes.len()];
        let mut stack: Vec<(u32, u32)> = Vec::new(); // (pos, end)
        for i in 0..self.nodes.len() as u32 {
            while let Some(&(_, end)) = stack.last() {
                if i >= end {
                    stack.pop();
                } else {
                    break;
                }
            }
            out[i as usize] = stack.last().map(|&(p, _)| NodePos(p));
            let end = self.subtree_end(NodePos(i)).0;
            let end = stack.last().map_or(end, |&(_, pe)| end.min(pe));
            if end > i + 1 {
                stack.push((i, end));
            }
        }
        out
    }
    /// The parent of `pos`, by scanning backwards (O(n)); use [`Self::parents`] for many.
    pub fn parent(&self, pos: NodePos) -> Option<NodePos> {
        (0..pos.0).rev().map(NodePos).find(|&p| self.subtree_end(p).0 > pos.0 && !self.nodes[p.index()].kind.is_atom())
    }
    /// The subtree of `pos` in pre-order, with depths relative to `pos` (0).
    pub fn preorder(&self, pos: NodePos) -> Preorder<'_> {
        let end = self.subtree_end(pos).0;
        Preorder { tree: self, next: pos.0, walk_end: end, stack: Vec::new(), max_depth: u32::MAX }
    }
    /// The whole forest in pre-order with depths (roots at 0).
    pub fn preorder_all(&self) -> Preorder<'_> {
        Preorder { tree: self, next: 0, walk_end: self.nodes.len() as u32, stack: Vec::new(), max_depth: u32::MAX }
    }
    /// All nodes strictly inside `pos`'s subtree, in pre-order.
    pub fn descendants(&self, pos: NodePos) -> impl Iterator<Item = NodePos> {
        (pos.0 + 1..self.subtree_end(pos).0).map(NodePos)
    }
}

/// Iterator over the children of a node (or the roots of a forest).
#[derive(Clone, Debug)]
pub struct Children<'a> {
    tree: &'a PackedTree,
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
        self.next = self.next.saturating_add(self.tree.span(p).max(1));
        Some(p)
    }
}

/// Pre-order walk with depths, no recursion.
#[derive(Clone, Debug)]
pub struct Preorder<'a> {
    tree: &'a PackedTree,
    next: u32,
    walk_end: u32,
    /// Ends of the open subtrees above `next`.
    stack: Vec<u32>,
    max_depth: u32,
}

impl Preorder<'_> {
    /// Skip nodes deeper than `d` (relative depth; 0 = the start node / roots).
    pub fn max_depth(mut self, d: u32) -> Self {
        self.max_depth = d;
        self
    }
}

impl Iterator for Preorder<'_> {
    type Item = (NodePos, u32);
    fn next(&mut self) -> Option<(NodePos, u32)> {
        if self.next >= self.walk_end {
            return None;
        }
        while self.stack.last().is_some_and(|&e| e <= self.next) {
            self.stack.pop();
        }
        let p = NodePos(self.next);
        let depth = self.stack.len() as u32;
        let limit = self.stack.last().copied().unwrap_or(self.walk_end);
        let end = self.tree.subtree_end(p).0.min(limit);
        if depth >= self.max_depth {
            self.next = end.max(self.next + 1);
        } else {
            self.next += 1;
            if end > self.next {
                self.stack.push(end);
            }
        }
        Some((p, depth))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(kind: u8, operand: i32) -> PackedNode {
        PackedNode { kind: NodeKind(kind), operand, ..Default::default() }
    }

    /// Two roots: 0: StmtList(span 4) [1: Call(span 2) [2: sym], 3: ident], 4: ident.
    fn forest() -> PackedTree {
        PackedTree { nodes: vec![n(115, 4), n(27, 2), n(3, 7), n(2, 300), n(2, 301)] }
    }

    #[test]
    fn navigation() {
        let t = forest();
        assert_eq!(t.roots().collect::<Vec<_>>(), vec![NodePos(0), NodePos(4)]);
        assert_eq!(t.children(NodePos(0)).collect::<Vec<_>>(), vec![NodePos(1), NodePos(3)]);
        assert_eq!(t.children(NodePos(2)).count(), 0);
        let parents = t.parents();
        assert_eq!(parents, vec![None, Some(NodePos(0)), Some(NodePos(1)), Some(NodePos(0)), None]);
        for i in 0..5 {
            assert_eq!(t.parent(NodePos(i)), parents[i as usize]);
        }
        let all: Vec<_> = t.preorder_all().collect();
        assert_eq!(all, vec![(NodePos(0), 0), (NodePos(1), 1), (NodePos(2), 2), (NodePos(3), 1), (NodePos(4), 0)]);
        let sub: Vec<_> = t.preorder(NodePos(1)).collect();
        assert_eq!(sub, vec![(NodePos(1), 0), (NodePos(2), 1)]);
        let shallow: Vec<_> = t.preorder_all().max_depth(1).map(|x| x.0 .0).collect();
        assert_eq!(shallow, vec![0, 1, 3, 4]);
        assert_eq!(t.next_sibling(Some(NodePos(0)), NodePos(1)), Some(NodePos(3)));
        assert_eq!(t.next_sibling(Some(NodePos(0)), NodePos(3)), None);
    }

    #[test]
    fn hostile_spans_terminate() {
        // span bigger than the array, zero and negative spans
        let t = PackedTree { nodes: vec![n(115, 1000), n(115, 0), n(115, -5), n(27, 2)] };
        assert_eq!(t.roots().count(), 1);
        assert_eq!(t.preorder_all().count(), 4);
        assert_eq!(t.children(NodePos(1)).count(), 0);
        let _ = t.parents();
        // a deep chain: no recursion anywhere
        let deep = PackedTree { nodes: (0..200_000).map(|i| n(115, 200_000 - i)).collect() };
        assert_eq!(deep.preorder_all().last().map(|x| x.1), Some(199_999));
    }
}
