//! Packed trees: flat pre-order node arrays in which every non-atom knows its span.
//!
//! Navigation never recurses: children are found by skipping whole subtrees with
//! the stored span, preorder walks keep an explicit stack of subtree ends, and a
//! span that runs past its parent (a damaged file) is clamped, never trusted. The
//! rule and the walks are [`rod_format::flat`]'s; [`PackedTree`] implements its
//! [`FlatTree`](rod_format::flat::FlatTree) trait.

use crate::ids::{LitId, NodePos, PackedItemId};
use rod_format::flat::{self, Clamp, FlatTree, Nav};

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
    pub const R_STR_LIT: NodeKind = NodeKind(21);
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
///
/// All navigation goes through [`rod_format::flat`], under its one clamping rule
/// (a child's subtree never extends past its parent's end); the stored spans are
/// kept as the file has them (`operand` of non-atoms).
///
/// Nodes are handed out by value ([`Self::node`], [`Self::iter`]): a 2.2 tree keeps
/// the file's 8-byte records (kind and operand, packed line info) with its sparse
/// flags and types tables, and builds each [`PackedNode`] on access, so it takes
/// about as much memory as the file (not 4×); 1.6/2.0 trees keep whole nodes.
#[derive(Clone, Debug, Default)]
pub struct PackedTree {
    store: Store,
    clamp: Clamp,
}

#[derive(Clone, Debug)]
enum Store {
    /// Every field stored (1.6, 2.0, trees built in memory).
    Full(Vec<PackedNode>),
    /// The 2.2 layout, as in the file.
    Packed(Packed22),
}

impl Default for Store {
    fn default() -> Self {
        Store::Full(Vec::new())
    }
}

/// A 2.2 tree as the file stores it.
#[derive(Clone, Debug, Default)]
pub(crate) struct Packed22 {
    /// Per node: `kind | operand << 8`, then the packed line info.
    pub(crate) raw: Vec<[u32; 2]>,
    /// (node, flags), sorted by node, one entry per node (the file's last one).
    pub(crate) flags: Vec<(u32, u32)>,
    /// (node, type), sorted by node, one entry per node (the file's last one).
    pub(crate) types: Vec<(u32, PackedItemId)>,
    /// The module's side channel, for line infos stored there.
    pub(crate) side: std::sync::Arc<[SideEntry]>,
}

/// One side-channel line info (file, line, column).
pub(crate) type SideEntry = (LitId, i32, i32);

impl Packed22 {
    /// Sorts a (node, value) table by node keeping the last entry of each node.
    pub(crate) fn last_per_node<T>(mut v: Vec<(u32, T)>) -> Vec<(u32, T)> {
        // stable: equal nodes keep file order; keep the last of each run
        v.sort_by_key(|x| x.0);
        let mut out: Vec<(u32, T)> = Vec::with_capacity(v.len());
        for x in v {
            match out.last_mut() {
                Some(l) if l.0 == x.0 => *l = x,
                _ => out.push(x),
            }
        }
        out.shrink_to_fit();
        out
    }
    fn info(&self, v: u32) -> LineInfo {
        if v & 1 == 0 {
            LineInfo { file: LitId((v >> 1) & 0x3FF), line: ((v >> 11) & 0x3FFF) as i32, col: ((v >> 25) & 0x7F) as i32 }
        } else {
            match self.side.get((v >> 1) as usize) {
                Some(&(file, line, col)) => LineInfo { file, line, col },
                None => LineInfo::default(),
            }
        }
    }
    fn get(&self, i: usize) -> Option<PackedNode> {
        let [x, info] = *self.raw.get(i)?;
        let key = i as u32;
        let flags = self.flags.binary_search_by_key(&key, |e| e.0).ok().and_then(|k| self.flags.get(k)).map_or(0, |e| e.1);
        let typ = self.types.binary_search_by_key(&key, |e| e.0).ok().and_then(|k| self.types.get(k)).map_or_else(PackedItemId::default, |e| e.1);
        Some(PackedNode { kind: NodeKind((x & 0xFF) as u8), flags, operand: (x >> 8) as i32, typ, info: self.info(info) })
    }
}

/// Where a Nim 2.2 node's fields come from: its 8-byte record (kind and operand in
/// one word, the packed line info in the other) and the tree's side tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Origin22 {
    /// The record's first word: `kind | operand << 8`.
    pub word: u32,
    /// The record's second word: the packed line info (bit 0 set: a side-channel index).
    pub info: u32,
    /// True when the tree's `withFlags` table lists the node (else it has no flags).
    pub listed_flags: bool,
    /// True when the tree's `withTypes` table lists the node (else it has no own type).
    pub listed_type: bool,
}

impl Origin22 {
    /// The side-channel entry the line info names, when it is not inline.
    pub fn side_index(&self) -> Option<u32> {
        (self.info & 1 == 1).then_some(self.info >> 1)
    }
}

impl FlatTree for PackedTree {
    fn node_count(&self) -> usize {
        self.len()
    }
    fn is_atom(&self, i: u32) -> bool {
        match &self.store {
            Store::Full(v) => v.get(i as usize).is_none_or(|n| n.kind.is_atom()),
            Store::Packed(p) => p.raw.get(i as usize).is_none_or(|r| NodeKind((r[0] & 0xFF) as u8).is_atom()),
        }
    }
    fn raw_span(&self, i: u32) -> i64 {
        match &self.store {
            Store::Full(v) => v.get(i as usize).map_or(1, |n| n.operand as i64),
            Store::Packed(p) => p.raw.get(i as usize).map_or(1, |r| (r[0] >> 8) as i64),
        }
    }
}

impl PackedTree {
    /// A tree of these nodes (pre-order); builds the clamp index in one linear pass.
    pub fn new(nodes: Vec<PackedNode>) -> Self {
        let mut t = PackedTree { store: Store::Full(nodes), clamp: Clamp::default() };
        t.clamp = Clamp::build(&t);
        t
    }
    /// A 2.2 tree in its file layout.
    pub(crate) fn packed22(p: Packed22) -> Self {
        let mut t = PackedTree { store: Store::Packed(p), clamp: Clamp::default() };
        t.clamp = Clamp::build(&t);
        t
    }
    /// The nodes in pre-order, by value.
    pub fn iter(&self) -> impl Iterator<Item = PackedNode> + '_ {
        (0..self.len()).filter_map(move |i| self.node(NodePos(i as u32)))
    }
    /// Changes every stored line info of a 1.6/2.0 tree (spans and kinds stay).
    pub(crate) fn try_for_each_info<E>(&mut self, mut f: impl FnMut(&mut LineInfo) -> Result<(), E>) -> Result<(), E> {
        match &mut self.store {
            Store::Full(v) => v.iter_mut().try_for_each(|n| f(&mut n.info)),
            Store::Packed(_) => Ok(()),
        }
    }
    /// Gives a 2.2 tree the module's side channel; returns the first side-channel
    /// index a node names that the table does not have.
    pub(crate) fn attach_side_channel(&mut self, side: &std::sync::Arc<[SideEntry]>) -> Result<(), u32> {
        if let Store::Packed(p) = &mut self.store {
            if let Some(r) = p.raw.iter().find(|r| r[1] & 1 == 1 && (r[1] >> 1) as usize >= side.len()) {
                return Err(r[1] >> 1);
            }
            p.side = side.clone();
        }
        Ok(())
    }
    /// The navigation view of [`rod_format::flat`] over this tree.
    pub fn nav(&self) -> Nav<'_, PackedTree> {
        Nav::new(self, &self.clamp)
    }
    /// True when no stored span had to be cut by the clamping rule.
    pub fn spans_exact(&self) -> bool {
        self.clamp.is_exact()
    }
    /// Heap bytes held (nodes, side tables and the clamp index).
    pub fn heap_bytes(&self) -> usize {
        let nodes = match &self.store {
            Store::Full(v) => v.capacity() * std::mem::size_of::<PackedNode>(),
            Store::Packed(p) => p.raw.capacity() * 8 + p.flags.capacity() * 8 + p.types.capacity() * 12,
        };
        nodes + self.clamp.heap_bytes()
    }
    /// Number of nodes.
    pub fn len(&self) -> usize {
        match &self.store {
            Store::Full(v) => v.len(),
            Store::Packed(p) => p.raw.len(),
        }
    }
    /// True if the forest has no node.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The node at `pos`, if in range (built on access for 2.2 trees: O(log) in the
    /// size of the flags and types tables).
    pub fn node(&self, pos: NodePos) -> Option<PackedNode> {
        match &self.store {
            Store::Full(v) => v.get(pos.index()).copied(),
            Store::Packed(p) => p.get(pos.index()),
        }
    }
    /// For a Nim 2.2 tree: where node `pos`'s fields come from (`None` for 1.6/2.0
    /// trees, which store every field in the node's record, and out of range).
    pub fn origin22(&self, pos: NodePos) -> Option<Origin22> {
        let Store::Packed(p) = &self.store else { return None };
        let [word, info] = *p.raw.get(pos.index())?;
        Some(Origin22 {
            word,
            info,
            listed_flags: p.flags.binary_search_by_key(&pos.0, |e| e.0).is_ok(),
            listed_type: p.types.binary_search_by_key(&pos.0, |e| e.0).is_ok(),
        })
    }
    /// The number of nodes of `pos`'s subtree after clamping (1 for atoms); 0 out of range.
    pub fn span(&self, pos: NodePos) -> u32 {
        self.nav().span(pos.0)
    }
    /// One past the last node of `pos`'s subtree (clamped to its parent's end).
    pub fn subtree_end(&self, pos: NodePos) -> NodePos {
        NodePos(self.nav().subtree_end(pos.0))
    }
    /// The roots of the forest.
    pub fn roots(&self) -> Children<'_> {
        Children(self.nav().roots())
    }
    /// The children of `pos` (none for atoms).
    pub fn children(&self, pos: NodePos) -> Children<'_> {
        Children(self.nav().children(pos.0))
    }
    /// The `i`-th child of `pos`.
    pub fn child(&self, pos: NodePos, i: usize) -> Option<NodePos> {
        self.nav().child(pos.0, i).map(NodePos)
    }
    /// Number of children of `pos`.
    pub fn child_count(&self, pos: NodePos) -> usize {
        self.nav().child_count(pos.0)
    }
    /// The node after `pos`'s subtree if it is still inside `parent`'s subtree
    /// (`parent` must be `pos`'s parent; `None` for roots).
    pub fn next_sibling(&self, parent: Option<NodePos>, pos: NodePos) -> Option<NodePos> {
        self.nav().next_sibling(parent.map(|p| p.0), pos.0).map(NodePos)
    }
    /// The parent of every node (`None` for roots), in one linear pass.
    pub fn parents(&self) -> Vec<Option<NodePos>> {
        self.nav().parents().into_iter().map(|p| p.map(NodePos)).collect()
    }
    /// The parent of `pos`, by scanning backwards (O(n)); use [`Self::parents`] for many.
    pub fn parent(&self, pos: NodePos) -> Option<NodePos> {
        self.nav().parent(pos.0).map(NodePos)
    }
    /// The subtree of `pos` in pre-order, with depths relative to `pos` (0).
    pub fn preorder(&self, pos: NodePos) -> Preorder<'_> {
        Preorder(self.nav().preorder(pos.0))
    }
    /// The whole forest in pre-order with depths (roots at 0).
    pub fn preorder_all(&self) -> Preorder<'_> {
        Preorder(self.nav().preorder_all())
    }
    /// All nodes strictly inside `pos`'s subtree, in pre-order.
    pub fn descendants(&self, pos: NodePos) -> impl Iterator<Item = NodePos> {
        (pos.0.saturating_add(1)..self.subtree_end(pos).0).map(NodePos)
    }
}

/// Iterator over the children of a node (or the roots of a forest).
#[derive(Clone, Debug)]
pub struct Children<'a>(flat::Siblings<'a, PackedTree>);

impl Iterator for Children<'_> {
    type Item = NodePos;
    fn next(&mut self) -> Option<NodePos> {
        self.0.next().map(NodePos)
    }
}

/// Pre-order walk with depths, no recursion.
#[derive(Clone, Debug)]
pub struct Preorder<'a>(flat::Preorder<'a, PackedTree>);

impl Preorder<'_> {
    /// Skip nodes deeper than `d` (relative depth; 0 = the start node / roots).
    pub fn max_depth(self, d: u32) -> Self {
        Preorder(self.0.max_depth(d))
    }
}

impl Iterator for Preorder<'_> {
    type Item = (NodePos, u32);
    fn next(&mut self) -> Option<(NodePos, u32)> {
        self.0.next().map(|(p, d)| (NodePos(p), d))
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
        PackedTree::new(vec![n(115, 4), n(27, 2), n(3, 7), n(2, 300), n(2, 301)])
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
        let t = PackedTree::new(vec![n(115, 1000), n(115, 0), n(115, -5), n(27, 2)]);
        assert_eq!(t.roots().count(), 1);
        assert_eq!(t.preorder_all().count(), 4);
        assert_eq!(t.children(NodePos(1)).count(), 0);
        let _ = t.parents();
        // a deep chain: no recursion anywhere
        let deep = PackedTree::new((0..200_000).map(|i| n(115, 200_000 - i)).collect());
        assert_eq!(deep.preorder_all().last().map(|x| x.1), Some(199_999));
    }
}
