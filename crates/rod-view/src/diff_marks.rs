//! A comparison's changes marked in one tree: which rows of the tree shown differ
//! from the other build ([`DiffMarks::between`]). The explorer opens a tree from the
//! comparison with its changed, added or removed subtrees marked and steps from one
//! change to the next; what a mark means and the sentence about them are worded here.

use crate::cache::Cache;
use crate::compare::TreeChange;
use crate::ids::{ModuleIdx, NodePos, TreeId};
use crate::text::plural;

/// Which build of a comparison a tree is shown from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The older build (`before`).
    Before,
    /// The newer build (`after`).
    After,
}

impl Side {
    /// `before` / `after`.
    pub fn word(self) -> &'static str {
        match self {
            Side::Before => "before",
            Side::After => "after",
        }
    }
    /// The other side.
    pub fn other(self) -> Side {
        match self {
            Side::Before => Side::After,
            Side::After => Side::Before,
        }
    }
}

/// What a marked row is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// Inside a subtree that differs from its match in the other build.
    Changed,
    /// Inside a statement or body the other build does not have (after side).
    Added,
    /// Inside a statement or body the newer build no longer has (before side).
    Removed,
    /// A folded row whose hidden nodes hold a difference.
    Holds,
}

impl Mark {
    /// A stable slug (for styles and tests): `changed`, `added`, `removed`.
    pub fn slug(self) -> &'static str {
        match self {
            Mark::Changed => "changed",
            Mark::Added => "added",
            Mark::Removed => "removed",
            Mark::Holds => "holds",
        }
    }
    /// What the mark means, in words (a row's tooltip).
    pub fn words(self, side: Side) -> &'static str {
        match (self, side) {
            (Mark::Changed, Side::After) => "differs from the build before",
            (Mark::Changed, Side::Before) => "differs in the build after",
            (Mark::Added, _) => "not in the build before",
            (Mark::Removed, _) => "no longer in the build after",
            (Mark::Holds, _) => "holds a difference: expand it",
        }
    }
}

/// One marked subtree: nodes `start .. end` of the tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MarkedRange {
    /// The subtree's root.
    pub start: NodePos,
    /// One past its last node.
    pub end: NodePos,
    /// What it is.
    pub mark: Mark,
}

/// The marked subtrees of one tree of one side of a comparison, in tree order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiffMarks {
    /// The tree marked.
    pub tree: TreeId,
    /// The side it is shown from.
    pub side: Side,
    /// Disjoint ranges, ascending (a range nested in another is dropped).
    pub ranges: Vec<MarkedRange>,
}

impl DiffMarks {
    /// The marks of tree `t` of module `m` of `shown`, compared with `other`: `side`
    /// says which build `shown` is. `None` when the two cannot be compared or the
    /// module is not in both builds with the same path.
    pub fn between(shown: &dyn Cache, m: ModuleIdx, t: TreeId, other: &dyn Cache, side: Side) -> Option<DiffMarks> {
        let (older, newer) = match side {
            Side::Before => (shown, other),
            Side::After => (other, shown),
        };
        let pairing = older.build_diff(newer)?;
        let row = pairing.modules.iter().find(|r| match side {
            Side::Before => r.old == Some(m),
            Side::After => r.new == Some(m),
        })?;
        let (mo, mn) = (row.old?, row.new?);
        let changes = older.tree_diff(mo, newer, mn)?;
        Some(DiffMarks::of_changes(shown, m, t, side, &changes))
    }

    /// The marks of tree `t` from a module's structural diff (`changes`, as
    /// [`Cache::tree_diff`] gives them), seen from `side`.
    pub fn of_changes(shown: &dyn Cache, m: ModuleIdx, t: TreeId, side: Side, changes: &[TreeChange]) -> DiffMarks {
        let len = shown.tree_len(m, t) as u32;
        let mut ranges: Vec<MarkedRange> = Vec::new();
        let mut add = |start: NodePos, mark: Mark| {
            if start.0 >= len {
                return;
            }
            let end = shown.subtree_end(m, t, start);
            let end = NodePos(end.0.clamp(start.0 + 1, len));
            ranges.push(MarkedRange { start, end, mark });
        };
        for c in changes.iter().filter(|c| c.tree == t) {
            let (root, nodes) = match side {
                Side::Before => (c.old, &c.changed_old),
                Side::After => (c.new, &c.changed_new),
            };
            match c.change.as_str() {
                "added" | "removed" => {
                    if let Some(r) = root {
                        add(r, if side == Side::After { Mark::Added } else { Mark::Removed });
                    }
                }
                "changed" => nodes.iter().for_each(|&n| add(n, Mark::Changed)),
                _ => {}
            }
        }
        ranges.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        let mut kept: Vec<MarkedRange> = Vec::with_capacity(ranges.len());
        for r in ranges {
            match kept.last() {
                Some(last) if r.start < last.end => {}
                _ => kept.push(r),
            }
        }
        DiffMarks { tree: t, side, ranges: kept }
    }

    /// The mark of node `n` (`None`: the same in both builds).
    pub fn at(&self, n: NodePos) -> Option<Mark> {
        let i = self.ranges.partition_point(|r| r.start <= n);
        let r = self.ranges.get(i.checked_sub(1)?)?;
        (n < r.end).then_some(r.mark)
    }

    /// The mark of a row: node `n`'s own, else [`Mark::Holds`] when the row is
    /// `folded` and a marked subtree starts inside it (`n .. end`).
    pub fn row(&self, n: NodePos, end: NodePos, folded: bool) -> Option<Mark> {
        self.at(n).or_else(|| {
            let i = self.ranges.partition_point(|r| r.start <= n);
            let inside = self.ranges.get(i).is_some_and(|r| r.start < end);
            (folded && inside).then_some(Mark::Holds)
        })
    }

    /// Whether node `n` is the root of a marked subtree.
    pub fn is_root(&self, n: NodePos) -> bool {
        self.ranges.binary_search_by_key(&n, |r| r.start).is_ok()
    }

    /// The first marked root after `n` (the first one for `None`), wrapping around.
    pub fn next(&self, n: Option<NodePos>) -> Option<NodePos> {
        let after = self.ranges.iter().find(|r| n.is_none_or(|n| r.start > n));
        after.or(self.ranges.first()).map(|r| r.start)
    }

    /// The last marked root before `n` (the last one for `None`), wrapping around.
    pub fn previous(&self, n: Option<NodePos>) -> Option<NodePos> {
        let before = self.ranges.iter().rev().find(|r| n.is_none_or(|n| r.start < n));
        before.or(self.ranges.last()).map(|r| r.start)
    }

    /// Which of the marked roots `n` is in (0-based), if it is inside one.
    pub fn index_of(&self, n: NodePos) -> Option<usize> {
        let i = self.ranges.partition_point(|r| r.start <= n).checked_sub(1)?;
        (n < self.ranges.get(i)?.end).then_some(i)
    }

    /// One sentence about the marks (`3 changed subtrees marked: the differences from
    /// the build before`).
    pub fn summary(&self) -> String {
        if self.ranges.is_empty() {
            return format!("This tree is the same in the build {}.", self.side.other().word());
        }
        let count = |m: Mark| self.ranges.iter().filter(|r| r.mark == m).count();
        let mut parts = Vec::new();
        for (m, one, many) in [
            (Mark::Changed, "changed subtree", "changed subtrees"),
            (Mark::Added, "added item", "added items"),
            (Mark::Removed, "removed item", "removed items"),
        ] {
            let k = count(m);
            if k > 0 {
                parts.push(plural(k, one, many));
            }
        }
        format!("{} marked: the differences from the build {}.", parts.join(", "), self.side.other().word())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(ranges: &[(u32, u32, Mark)]) -> DiffMarks {
        DiffMarks {
            tree: TreeId(0),
            side: Side::After,
            ranges: ranges.iter().map(|&(s, e, mark)| MarkedRange { start: NodePos(s), end: NodePos(e), mark }).collect(),
        }
    }

    #[test]
    fn lookup_and_stepping() {
        let d = marks(&[(3, 6, Mark::Changed), (10, 11, Mark::Added)]);
        assert_eq!(d.at(NodePos(2)), None);
        assert_eq!(d.at(NodePos(3)), Some(Mark::Changed));
        assert_eq!(d.at(NodePos(5)), Some(Mark::Changed));
        assert_eq!(d.at(NodePos(6)), None);
        assert_eq!(d.at(NodePos(10)), Some(Mark::Added));
        assert!(d.is_root(NodePos(3)) && !d.is_root(NodePos(4)));
        assert_eq!(d.row(NodePos(1), NodePos(8), true), Some(Mark::Holds));
        assert_eq!(d.row(NodePos(1), NodePos(8), false), None);
        assert_eq!(d.row(NodePos(6), NodePos(10), true), None);
        assert_eq!(d.row(NodePos(4), NodePos(5), true), Some(Mark::Changed));
        assert_eq!(d.next(None), Some(NodePos(3)));
        assert_eq!(d.next(Some(NodePos(3))), Some(NodePos(10)));
        assert_eq!(d.next(Some(NodePos(10))), Some(NodePos(3)));
        assert_eq!(d.previous(Some(NodePos(4))), Some(NodePos(3)));
        assert_eq!(d.previous(Some(NodePos(3))), Some(NodePos(10)));
        assert_eq!(d.index_of(NodePos(4)), Some(0));
        assert_eq!(d.index_of(NodePos(7)), None);
        assert_eq!(d.summary(), "1 changed subtree, 1 added item marked: the differences from the build before.");
    }

    #[test]
    fn empty_marks_say_so() {
        let d = marks(&[]);
        assert_eq!(d.next(None), None);
        assert_eq!(d.at(NodePos(0)), None);
        assert_eq!(d.summary(), "This tree is the same in the build before.");
    }
}
