//! Navigation of flat pre-order trees whose spans come from a file.
//!
//! Many compiler formats store a tree as one array of nodes in pre-order, where every
//! inner node records its *span*: the number of nodes of its subtree, itself included
//! (Nim's packed trees, NIF, the explorer's rows). Children are found by skipping
//! whole subtrees, so a walk needs no recursion and no pointers. A span read from a
//! file can be anything, though: zero, negative, past the array, or past the end of
//! the node's own parent. This module is the one place that decides what such a tree
//! means.
//!
//! # The clamping rule
//!
//! * An atom ([`FlatTree::is_atom`]) is one node; its stored span is ignored.
//! * An inner node's stored span is taken as at least 1 and at most what is left of
//!   the array (its *local end*, [`local_end`]).
//! * **A child's subtree never extends past its parent's end**: the end of a node is
//!   the smaller of its local end and its parent's (clamped) end. Parents are decided
//!   first (pre-order), so a damaged child never changes its ancestors.
//!
//! Roots are the nodes that no other node contains; they tile the array. With the
//! rule, the subtrees form properly nested intervals, so every navigation
//! ([`Nav::children`], [`Nav::parent`], [`Nav::parents`], [`Nav::preorder`], ...)
//! sees the same tree, and every walk terminates after visiting each node at most once.
//!
//! # Cost
//!
//! [`Clamp::build`] makes one linear pass. When every stored span already nests (every
//! file a compiler writes), it keeps nothing and a node's end is computed from its
//! own span; otherwise it keeps the clamped end of every node (4 bytes per node).
//! [`Overrun`]s (the places where the rule had to cut a span) are listed by
//! [`overruns`], for validators.
//!
//! Positions are `u32`; a tree longer than `u32::MAX` nodes is navigated as its first
//! `u32::MAX` nodes.
//!
//! ```
//! use rod_format::flat::{Clamp, FlatTree, Nav};
//! // (kind, span): 0 = atom
//! struct T(Vec<(u8, i64)>);
//! impl FlatTree for T {
//!     fn node_count(&self) -> usize { self.0.len() }
//!     fn is_atom(&self, i: u32) -> bool { self.0[i as usize].0 == 0 }
//!     fn raw_span(&self, i: u32) -> i64 { self.0[i as usize].1 }
//! }
//! // node 1 claims 5 nodes, but its parent 0 ends at 3
//! let t = T(vec![(1, 3), (1, 5), (0, 0), (0, 0)]);
//! let clamp = Clamp::build(&t);
//! let nav = Nav::new(&t, &clamp);
//! assert_eq!(nav.subtree_end(1), 3);
//! assert_eq!(nav.roots().collect::<Vec<_>>(), vec![0, 3]);
//! assert_eq!(nav.parent(2), Some(1));
//! ```

/// A flat pre-order node array: what the navigation needs to know of each node.
pub trait FlatTree {
    /// Number of nodes.
    fn node_count(&self) -> usize;
    /// True if node `i` is an atom (a leaf whose stored span is not a span). Only
    /// called with `i < node_count()`.
    fn is_atom(&self, i: u32) -> bool;
    /// The span as stored for node `i`, unchecked (meaningful for non-atoms only).
    /// Only called with `i < node_count()`.
    fn raw_span(&self, i: u32) -> i64;
}

/// The number of nodes navigation considers (`node_count`, at most `u32::MAX`).
pub fn len<T: FlatTree + ?Sized>(t: &T) -> u32 {
    u32::try_from(t.node_count()).unwrap_or(u32::MAX)
}

/// One past the last node of `i`'s subtree according to its own stored span only:
/// `i + 1` for atoms, else `i + span` with the span taken as at least 1 and cut at the
/// end of the array. `i` itself for `i` out of range.
pub fn local_end<T: FlatTree + ?Sized>(t: &T, i: u32) -> u32 {
    let n = len(t);
    if i >= n {
        return i;
    }
    if t.is_atom(i) {
        return i + 1;
    }
    let left = (n - i) as i64;
    i + t.raw_span(i).clamp(1, left) as u32
}

/// The clamped end of every node, kept only when some stored span breaks the rule.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Clamp {
    /// `None`: every local end already nests inside its parent's.
    ends: Option<Vec<u32>>,
}

impl Clamp {
    /// One linear pass over `t` (explicit stack, no recursion).
    pub fn build<T: FlatTree + ?Sized>(t: &T) -> Clamp {
        let mut exact = true;
        walk_ends(t, |_, local, clamped, _| {
            if local != clamped {
                exact = false;
            }
            exact
        });
        if exact {
            return Clamp { ends: None };
        }
        let mut ends = Vec::with_capacity(len(t) as usize);
        walk_ends(t, |_, _, clamped, _| {
            ends.push(clamped);
            true
        });
        Clamp { ends: Some(ends) }
    }
    /// True when no span had to be cut (nothing is stored).
    pub fn is_exact(&self) -> bool {
        self.ends.is_none()
    }
    /// Bytes of the kept index (0 when exact).
    pub fn heap_bytes(&self) -> usize {
        self.ends.as_ref().map_or(0, |e| e.capacity() * 4)
    }
}

/// Visits every node in order with (node, local end, clamped end, parent's clamped
/// end or the array's length); stops when `f` returns false.
fn walk_ends<T: FlatTree + ?Sized>(t: &T, mut f: impl FnMut(u32, u32, u32, u32) -> bool) {
    let n = len(t);
    let mut stack: Vec<u32> = Vec::new();
    for i in 0..n {
        while stack.last().is_some_and(|&e| e <= i) {
            stack.pop();
        }
        let limit = stack.last().copied().unwrap_or(n);
        let local = local_end(t, i);
        let end = local.min(limit);
        if !f(i, local, end, limit) {
            return;
        }
        if end > i + 1 {
            stack.push(end);
        }
    }
}

/// A place where the rule cut a stored span: node `node` claims to end at `end`
/// (its stored span, unclamped, may even lie past the array), but its parent `parent`
/// (`None`: the array) ends at `parent_end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Overrun {
    /// The node whose span is cut.
    pub node: u32,
    /// Its stored span.
    pub span: i64,
    /// Where the stored span says its subtree ends (`node + span`).
    pub end: i64,
    /// The parent (`None` for a root running past the array).
    pub parent: Option<u32>,
    /// The parent's clamped end (or the array's length).
    pub parent_end: u32,
}

/// The first `max` nodes whose stored span is cut by the rule or by the end of the
/// array, in order, and the total number of them. Spans below 1 are not listed (they are read as 1 and cut
/// nothing; a validator checks them on its own).
pub fn overruns<T: FlatTree + ?Sized>(t: &T, max: usize) -> (Vec<Overrun>, usize) {
    let mut out = Vec::new();
    let mut total = 0usize;
    let mut parents: Vec<(u32, u32)> = Vec::new(); // (node, clamped end)
    walk_ends(t, |i, _, clamped, limit| {
        while parents.last().is_some_and(|&(_, e)| e <= i) {
            parents.pop();
        }
        if !t.is_atom(i) {
            let span = t.raw_span(i);
            let end = i as i64 + span;
            if span >= 1 && end > limit as i64 {
                total += 1;
                if out.len() < max {
                    out.push(Overrun { node: i, span, end, parent: parents.last().map(|p| p.0), parent_end: limit });
                }
            }
        }
        if clamped > i + 1 {
            parents.push((i, clamped));
        }
        true
    });
    (out, total)
}

/// Checks that every navigation of `nav` agrees with every other (an oracle for
/// fuzzing and tests): pre-order visits `0..len` once with the depths the parents
/// imply; each node's children are exactly the nodes whose parent it is, in order,
/// and [`Nav::child`], [`Nav::child_count`], [`Nav::next_sibling`] say the same;
/// subtree ends nest and equal one past the last descendant; the roots are the
/// parentless nodes; [`Nav::parent`] and [`Nav::ancestors`] (for up to `sample`
/// nodes, as they cost O(i) each) and [`Nav::preorder`] of single subtrees (up to
/// `sample` nodes' worth of work) match [`Nav::parents`]. Linear in the tree apart
/// from the sampled checks. Returns the first disagreement.
pub fn check<T: FlatTree + ?Sized>(nav: &Nav<'_, T>, sample: usize) -> Result<(), String> {
    let n = nav.len();
    let parents = nav.parents();
    if parents.len() != n as usize {
        return Err(format!("parents() has {} entries for {n} nodes", parents.len()));
    }
    let mut depth = vec![0u32; n as usize];
    let mut last_desc: Vec<u32> = (0..n).map(|i| i + 1).collect();
    for i in 0..n {
        if let Some(p) = parents[i as usize] {
            if p >= i {
                return Err(format!("parent of {i} is {p}, not before it"));
            }
            depth[i as usize] = depth[p as usize] + 1;
            if nav.subtree_end(i) > nav.subtree_end(p) {
                return Err(format!("subtree of {i} ends at {}, past its parent {p}'s end {}", nav.subtree_end(i), nav.subtree_end(p)));
            }
        }
    }
    for i in (0..n).rev() {
        if let Some(p) = parents[i as usize] {
            let e = last_desc[i as usize];
            if e > last_desc[p as usize] {
                last_desc[p as usize] = e;
            }
        }
    }
    for i in 0..n {
        if nav.subtree_end(i) != last_desc[i as usize] {
            return Err(format!("subtree_end({i}) = {} but its last descendant ends at {}", nav.subtree_end(i), last_desc[i as usize]));
        }
    }
    let mut k = 0u32;
    for (p, d) in nav.preorder_all() {
        if p != k || d != depth[p as usize] {
            return Err(format!("preorder gave ({p}, depth {d}) where ({k}, depth {}) was due", depth.get(k as usize).copied().unwrap_or(0)));
        }
        k += 1;
    }
    if k != n {
        return Err(format!("preorder visited {k} of {n} nodes"));
    }
    // children lists against parents, in one pass over all children lists
    let mut seen = 0usize;
    for i in 0..n {
        let kids: Vec<u32> = nav.children(i).collect();
        if nav.child_count(i) != kids.len() {
            return Err(format!("child_count({i}) = {} but children() gave {}", nav.child_count(i), kids.len()));
        }
        for (j, &c) in kids.iter().enumerate() {
            if parents.get(c as usize).copied().flatten() != Some(i) {
                return Err(format!("children({i}) lists {c}, whose parent is {:?}", parents.get(c as usize)));
            }
            if nav.next_sibling(Some(i), c) != kids.get(j + 1).copied() {
                return Err(format!("next_sibling({i}, {c}) = {:?}, children say {:?}", nav.next_sibling(Some(i), c), kids.get(j + 1)));
            }
            if j < 8 && nav.child(i, j) != Some(c) {
                return Err(format!("child({i}, {j}) = {:?}, children say {c}", nav.child(i, j)));
            }
        }
        if nav.has_children(i) == kids.is_empty() {
            return Err(format!("has_children({i}) disagrees with children()"));
        }
        seen += kids.len();
    }
    let roots: Vec<u32> = nav.roots().collect();
    for (j, &r) in roots.iter().enumerate() {
        if parents.get(r as usize).copied().flatten().is_some() {
            return Err(format!("root {r} has a parent"));
        }
        if nav.next_sibling(None, r) != roots.get(j + 1).copied() {
            return Err(format!("next_sibling(None, {r}) disagrees with roots()"));
        }
    }
    if seen + roots.len() != n as usize {
        return Err(format!("{} children and {} roots for {n} nodes", seen, roots.len()));
    }
    // sampled: the O(i) lookups and single-subtree walks
    let step = (n as usize / sample.max(1)).max(1);
    let mut budget = sample.saturating_mul(64);
    for i in (0..n).step_by(step) {
        let p = parents[i as usize];
        if nav.parent(i) != p {
            return Err(format!("parent({i}) = {:?} but parents() says {p:?}", nav.parent(i)));
        }
        let anc = nav.ancestors(i);
        if anc.first().copied() != p || anc.len() != depth[i as usize] as usize {
            return Err(format!("ancestors({i}) = {anc:?} disagree with parents() (depth {})", depth[i as usize]));
        }
        let span = nav.span(i) as usize;
        if span <= budget {
            budget -= span;
            let base = depth[i as usize];
            for (x, (q, d)) in nav.preorder(i).enumerate() {
                if q != i + x as u32 || d + base != depth[q as usize] {
                    return Err(format!("preorder({i}) gave ({q}, {d}) at step {x}"));
                }
            }
        }
    }
    if nav.parent(n).is_some() || nav.span(n) != 0 || nav.children(n).next().is_some() || nav.preorder(n).next().is_some() {
        return Err("a position past the end is not empty".into());
    }
    Ok(())
}

/// A flat tree with its [`Clamp`]: every navigation, all under the one rule.
#[derive(Debug)]
pub struct Nav<'a, T: ?Sized> {
    tree: &'a T,
    clamp: &'a Clamp,
    len: u32,
}

impl<T: ?Sized> Clone for Nav<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: ?Sized> Copy for Nav<'_, T> {}

impl<'a, T: FlatTree + ?Sized> Nav<'a, T> {
    /// Navigation of `tree`; `clamp` must have been built from the same nodes
    /// ([`Clamp::build`]). A mismatched clamp gives wrong answers, never a panic.
    pub fn new(tree: &'a T, clamp: &'a Clamp) -> Self {
        Nav { tree, clamp, len: len(tree) }
    }
    /// Number of nodes navigated.
    pub fn len(&self) -> u32 {
        self.len
    }
    /// True when there is no node.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
    /// One past the last node of `i`'s subtree, after the rule; `i` for `i` out of range.
    pub fn subtree_end(&self, i: u32) -> u32 {
        if i >= self.len {
            return i;
        }
        match &self.clamp.ends {
            Some(e) => e.get(i as usize).copied().unwrap_or(i + 1).clamp(i + 1, self.len),
            None => local_end(self.tree, i),
        }
    }
    /// Number of nodes in `i`'s subtree (1 for atoms, 0 out of range).
    pub fn span(&self, i: u32) -> u32 {
        self.subtree_end(i) - i
    }
    /// True if `i` has at least one child.
    pub fn has_children(&self, i: u32) -> bool {
        self.subtree_end(i) > i + 1
    }
    /// The roots, in order.
    pub fn roots(&self) -> Siblings<'a, T> {
        Siblings { nav: *self, next: 0, end: self.len }
    }
    /// The children of `i`, in order (none for atoms and out of range).
    pub fn children(&self, i: u32) -> Siblings<'a, T> {
        let end = self.subtree_end(i);
        Siblings { nav: *self, next: if end > i { i + 1 } else { end }, end }
    }
    /// The `k`-th child of `i`.
    pub fn child(&self, i: u32, k: usize) -> Option<u32> {
        self.children(i).nth(k)
    }
    /// Number of children of `i`.
    pub fn child_count(&self, i: u32) -> usize {
        self.children(i).count()
    }
    /// The node after `i`'s subtree, if it is still inside `parent`'s subtree
    /// (`None`: `i` is a root, the array bounds it). `parent` must be `i`'s parent.
    pub fn next_sibling(&self, parent: Option<u32>, i: u32) -> Option<u32> {
        let next = self.subtree_end(i);
        let limit = parent.map_or(self.len, |p| self.subtree_end(p));
        (i < self.len && next < limit).then_some(next)
    }
    /// The parent of `i` (`None` for roots and out of range): the nearest earlier
    /// node whose subtree contains `i`. Scans backwards, O(i); use [`Self::parents`]
    /// for many nodes.
    pub fn parent(&self, i: u32) -> Option<u32> {
        if i >= self.len {
            return None;
        }
        (0..i).rev().find(|&p| self.subtree_end(p) > i)
    }
    /// The parent of every node, in one linear pass.
    pub fn parents(&self) -> Vec<Option<u32>> {
        let mut out = Vec::with_capacity(self.len as usize);
        let mut stack: Vec<(u32, u32)> = Vec::new();
        for i in 0..self.len {
            while stack.last().is_some_and(|&(_, e)| e <= i) {
                stack.pop();
            }
            out.push(stack.last().map(|p| p.0));
            let end = self.subtree_end(i);
            if end > i + 1 {
                stack.push((i, end));
            }
        }
        out
    }
    /// The ancestors of `i`, nearest first (O(i), as [`Self::parent`]).
    pub fn ancestors(&self, i: u32) -> Vec<u32> {
        let mut out = Vec::new();
        if i >= self.len {
            return out;
        }
        let mut cur = i;
        for p in (0..i).rev() {
            if self.subtree_end(p) > cur {
                out.push(p);
                cur = p;
            }
        }
        out
    }
    /// The subtree of `i` in pre-order with depths relative to `i` (0).
    pub fn preorder(&self, i: u32) -> Preorder<'a, T> {
        let end = if i < self.len { self.subtree_end(i) } else { i };
        Preorder { nav: *self, next: i, walk_end: end, stack: Vec::new(), max_depth: u32::MAX }
    }
    /// The whole forest in pre-order with depths (roots at 0).
    pub fn preorder_all(&self) -> Preorder<'a, T> {
        Preorder { nav: *self, next: 0, walk_end: self.len, stack: Vec::new(), max_depth: u32::MAX }
    }
    /// The depth of the deepest node (0 for a forest of atoms or an empty tree).
    pub fn max_depth(&self) -> u32 {
        self.preorder_all().map(|x| x.1).max().unwrap_or(0)
    }
}

/// Consecutive siblings: children of one node, or the roots.
#[derive(Clone, Debug)]
pub struct Siblings<'a, T: ?Sized> {
    nav: Nav<'a, T>,
    next: u32,
    end: u32,
}

impl<T: FlatTree + ?Sized> Iterator for Siblings<'_, T> {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        if self.next >= self.end {
            return None;
        }
        let p = self.next;
        self.next = self.nav.subtree_end(p).max(p + 1);
        Some(p)
    }
}

/// A pre-order walk with depths, without recursion.
#[derive(Clone, Debug)]
pub struct Preorder<'a, T: ?Sized> {
    nav: Nav<'a, T>,
    next: u32,
    walk_end: u32,
    /// Ends of the open subtrees above `next`.
    stack: Vec<u32>,
    max_depth: u32,
}

impl<T: ?Sized> Preorder<'_, T> {
    /// Skips the nodes deeper than `d` (relative depth; 0 = the start node or roots).
    pub fn max_depth(mut self, d: u32) -> Self {
        self.max_depth = d;
        self
    }
}

impl<T: FlatTree + ?Sized> Iterator for Preorder<'_, T> {
    type Item = (u32, u32);
    fn next(&mut self) -> Option<(u32, u32)> {
        if self.next >= self.walk_end {
            return None;
        }
        while self.stack.last().is_some_and(|&e| e <= self.next) {
            self.stack.pop();
        }
        let p = self.next;
        let depth = self.stack.len() as u32;
        let end = self.nav.subtree_end(p).min(self.walk_end).max(p + 1);
        if depth >= self.max_depth {
            self.next = end;
        } else {
            self.next = p + 1;
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

    /// (is_atom, span) pairs.
    struct T(Vec<(bool, i64)>);
    impl FlatTree for T {
        fn node_count(&self) -> usize {
            self.0.len()
        }
        fn is_atom(&self, i: u32) -> bool {
            self.0[i as usize].0
        }
        fn raw_span(&self, i: u32) -> i64 {
            self.0[i as usize].1
        }
    }
    const A: (bool, i64) = (true, 12345);
    fn inner(s: i64) -> (bool, i64) {
        (false, s)
    }

    /// Checks that every navigation agrees with every other on `t`.
    fn consistent(t: &T) {
        let clamp = Clamp::build(t);
        let nav = Nav::new(t, &clamp);
        let n = nav.len();
        let parents = nav.parents();
        assert_eq!(parents.len(), n as usize);
        let all: Vec<(u32, u32)> = nav.preorder_all().collect();
        assert_eq!(all.iter().map(|x| x.0).collect::<Vec<_>>(), (0..n).collect::<Vec<_>>());
        let mut depth = vec![0u32; n as usize];
        for i in 0..n {
            let p = parents[i as usize];
            assert_eq!(nav.parent(i), p, "parent of {i}");
            if let Some(p) = p {
                assert!(p < i && nav.subtree_end(p) >= nav.subtree_end(i));
                assert!(nav.children(p).any(|c| c == i));
                depth[i as usize] = depth[p as usize] + 1;
            } else {
                assert!(nav.roots().any(|r| r == i));
            }
            assert_eq!(all[i as usize].1, depth[i as usize]);
            let kids: Vec<u32> = nav.children(i).collect();
            for (k, &c) in kids.iter().enumerate() {
                assert_eq!(parents[c as usize], Some(i));
                assert_eq!(nav.child(i, k), Some(c));
                assert_eq!(nav.next_sibling(Some(i), c), kids.get(k + 1).copied());
            }
            assert_eq!(nav.child_count(i), kids.len());
            let sub: Vec<u32> = nav.preorder(i).map(|x| x.0).collect();
            assert_eq!(sub, (i..nav.subtree_end(i)).collect::<Vec<_>>());
            let anc = nav.ancestors(i);
            assert_eq!(anc.first().copied(), p);
            assert_eq!(anc.len() as u32, depth[i as usize]);
        }
        let roots: Vec<u32> = nav.roots().collect();
        for (k, &r) in roots.iter().enumerate() {
            assert_eq!(nav.next_sibling(None, r), roots.get(k + 1).copied());
        }
        check(&nav, 1000).unwrap();
        let (list, total) = overruns(t, usize::MAX);
        assert_eq!(list.len(), total);
        // every cut is listed; a listed overrun may only be cut by the array's end
        assert!(clamp.is_exact() || !list.is_empty());
        for o in &list {
            assert!(o.end > o.parent_end as i64);
        }
    }

    #[test]
    fn well_formed_forest() {
        // 0 [1 [2], 3], 4
        let t = T(vec![inner(4), inner(2), A, A, A]);
        consistent(&t);
        let c = Clamp::build(&t);
        assert!(c.is_exact() && c.heap_bytes() == 0);
        let nav = Nav::new(&t, &c);
        assert_eq!(nav.roots().collect::<Vec<_>>(), vec![0, 4]);
        assert_eq!(nav.children(0).collect::<Vec<_>>(), vec![1, 3]);
        assert_eq!(nav.parents(), vec![None, Some(0), Some(1), Some(0), None]);
        assert_eq!(nav.preorder_all().collect::<Vec<_>>(), vec![(0, 0), (1, 1), (2, 2), (3, 1), (4, 0)]);
        assert_eq!(nav.preorder_all().max_depth(1).map(|x| x.0).collect::<Vec<_>>(), vec![0, 1, 3, 4]);
        assert_eq!(nav.preorder(1).collect::<Vec<_>>(), vec![(1, 0), (2, 1)]);
        assert_eq!(nav.max_depth(), 2);
        assert_eq!(nav.next_sibling(Some(0), 1), Some(3));
        assert_eq!(nav.next_sibling(Some(0), 3), None);
        assert_eq!(nav.next_sibling(None, 0), Some(4));
    }

    #[test]
    fn child_past_parent_is_clamped_everywhere() {
        // 0 spans 3, but 1 claims 5: 1's subtree is cut at 3, so 3 is a root.
        let t = T(vec![inner(3), inner(5), A, A, A]);
        consistent(&t);
        let c = Clamp::build(&t);
        assert!(!c.is_exact());
        let nav = Nav::new(&t, &c);
        assert_eq!(nav.subtree_end(1), 3);
        assert_eq!(nav.roots().collect::<Vec<_>>(), vec![0, 3, 4]);
        assert_eq!(nav.parent(3), None);
        assert_eq!(nav.parents()[3], None);
        assert_eq!(nav.children(1).collect::<Vec<_>>(), vec![2]);
        let (o, total) = overruns(&t, 10);
        assert_eq!(total, 1);
        assert_eq!(o[0], Overrun { node: 1, span: 5, end: 6, parent: Some(0), parent_end: 3 });
    }

    #[test]
    fn hostile_spans() {
        let cases: Vec<Vec<(bool, i64)>> = vec![
            vec![],
            vec![inner(1000), inner(0), inner(-5), inner(2)],
            vec![inner(i64::MAX), inner(i64::MIN), A],
            vec![A, A, inner(1)],
            // a damaged grandchild inside a damaged child
            vec![inner(6), inner(3), inner(9), A, inner(4), A, A, A],
            // the root is cut by the array, its children by it
            vec![inner(3), inner(100), inner(100)],
        ];
        for c in cases {
            consistent(&T(c));
        }
        let t = T(vec![inner(1000), inner(0), inner(-5), inner(2)]);
        let c = Clamp::build(&t);
        let nav = Nav::new(&t, &c);
        assert_eq!(nav.roots().count(), 1);
        assert_eq!(nav.children(1).count(), 0);
        assert_eq!(nav.span(99), 0);
        assert_eq!(nav.subtree_end(99), 99);
        assert_eq!(nav.parent(99), None);
        assert_eq!(nav.preorder(99).count(), 0);
        let (o, total) = overruns(&t, 10);
        assert_eq!((o.len(), total), (2, 2));
        assert_eq!((o[0].node, o[0].parent), (0, None));
        assert_eq!((o[1].node, o[1].parent, o[1].parent_end), (3, Some(0), 4));
    }

    #[test]
    fn random_spans_agree() {
        // xorshift, deterministic
        let mut s = 0x1234_5678_9abc_def0u64;
        let mut next = move || {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            s
        };
        for _ in 0..300 {
            let n = (next() % 40) as usize;
            let t = T((0..n).map(|_| if next() % 3 == 0 { A } else { inner((next() % 14) as i64 - 2) }).collect());
            consistent(&t);
        }
    }

    #[test]
    fn deep_chain_without_recursion() {
        let n = 200_000i64;
        let t = T((0..n).map(|i| inner(n - i)).collect());
        let c = Clamp::build(&t);
        assert!(c.is_exact());
        let nav = Nav::new(&t, &c);
        assert_eq!(nav.preorder_all().last(), Some((n as u32 - 1, n as u32 - 1)));
        assert_eq!(nav.max_depth(), n as u32 - 1);
        assert_eq!(nav.parents()[n as usize - 1], Some(n as u32 - 2));
    }
}
