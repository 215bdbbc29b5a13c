//! The set of alive ids of one module (the compiler's `IntSet`): a bit set over the
//! ids the module stores, plus a small ordered overflow set for ids outside them
//! (ids from files can be anything; a hostile id must not allocate gigabytes).

use std::collections::BTreeSet;

/// Bits for ids in `0..bound`, a `BTreeSet` for the rest.
#[derive(Clone, Debug, Default)]
pub(crate) struct IdSet {
    words: Vec<u64>,
    bound: u32,
    overflow: BTreeSet<i32>,
    count: usize,
}

impl IdSet {
    /// An empty set with bits for ids below `bound`.
    pub(crate) fn with_bound(bound: usize) -> IdSet {
        let bound = u32::try_from(bound).unwrap_or(u32::MAX);
        IdSet { words: vec![0; (bound as usize).div_ceil(64)], bound, overflow: BTreeSet::new(), count: 0 }
    }
    /// Adds `id`; true if it was not there yet (`not containsOrIncl`).
    pub(crate) fn insert(&mut self, id: i32) -> bool {
        let new = match u32::try_from(id) {
            Ok(u) if u < self.bound => {
                let b = 1u64 << (u % 64);
                match self.words.get_mut((u / 64) as usize) {
                    Some(x) if *x & b == 0 => {
                        *x |= b;
                        true
                    }
                    _ => false,
                }
            }
            _ => self.overflow.insert(id),
        };
        if new {
            self.count += 1;
        }
        new
    }
    /// Membership.
    #[allow(dead_code)]
    pub(crate) fn contains(&self, id: i32) -> bool {
        match u32::try_from(id) {
            Ok(u) if u < self.bound => self.words.get((u / 64) as usize).is_some_and(|x| x & (1u64 << (u % 64)) != 0),
            _ => self.overflow.contains(&id),
        }
    }
    /// Number of ids in the set.
    #[allow(dead_code)]
    pub(crate) fn len(&self) -> usize {
        self.count
    }
    /// The ids in ascending order.
    pub(crate) fn to_sorted_vec(&self) -> Vec<i32> {
        let mut out = Vec::with_capacity(self.count);
        out.extend(self.overflow.iter().copied().filter(|&i| i < 0));
        for (wi, &w) in self.words.iter().enumerate() {
            let mut w = w;
            while w != 0 {
                let b = w.trailing_zeros();
                out.push((wi as u64 * 64 + b as u64) as i32);
                w &= w - 1;
            }
        }
        out.extend(self.overflow.iter().copied().filter(|&i| i >= 0));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insert_and_iterate_in_order() {
        let mut s = IdSet::with_bound(100);
        assert!(s.insert(3));
        assert!(!s.insert(3));
        assert!(s.insert(i32::MAX));
        assert!(s.insert(-5));
        assert!(s.insert(64));
        assert!(s.insert(99));
        assert!(s.insert(100));
        assert!(s.contains(64) && !s.contains(65) && s.contains(i32::MAX) && s.contains(-5) && !s.contains(-1));
        assert_eq!(s.len(), 6);
        assert_eq!(s.to_sorted_vec(), vec![-5, 3, 64, 99, 100, i32::MAX]);
    }
}
