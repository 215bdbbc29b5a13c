//! The set of alive ids of one module (the compiler's `IntSet`): one bit per record
//! of the module's symbol table, plus a small ordered overflow set for ids the table
//! does not store. The bits are indexed by *record index* (see
//! [`ItemTable::record_index`](crate::ItemTable::record_index)), never by id, so the
//! set's size follows the records actually present in the file: a hostile id (say
//! 2,000,000,000 in a 2.2 table of 100 records) costs one overflow entry, not a
//! 250 MB bit set.

use crate::ids::SymId;
use std::collections::BTreeSet;

/// Bits for the records `0..slots`, a `BTreeSet` for ids without a record.
#[derive(Clone, Debug, Default)]
pub(crate) struct IdSet {
    words: Vec<u64>,
    slots: usize,
    overflow: BTreeSet<SymId>,
    count: usize,
}

impl IdSet {
    /// An empty set with one bit per record (`slots` = the table's record count).
    pub(crate) fn with_slots(slots: usize) -> IdSet {
        IdSet { words: vec![0; slots.div_ceil(64)], slots, overflow: BTreeSet::new(), count: 0 }
    }
    /// Adds `id`, whose record index in the table is `slot` (`None`: not stored);
    /// true if it was not there yet (`not containsOrIncl`).
    pub(crate) fn insert(&mut self, id: SymId, slot: Option<usize>) -> bool {
        let new = match slot.filter(|&s| s < self.slots) {
            Some(s) => {
                let b = 1u64 << (s % 64);
                match self.words.get_mut(s / 64) {
                    Some(x) if *x & b == 0 => {
                        *x |= b;
                        true
                    }
                    _ => false,
                }
            }
            None => self.overflow.insert(id),
        };
        if new {
            self.count += 1;
        }
        new
    }
    /// Membership (`slot` as for [`Self::insert`]).
    #[allow(dead_code)]
    pub(crate) fn contains(&self, id: SymId, slot: Option<usize>) -> bool {
        match slot.filter(|&s| s < self.slots) {
            Some(s) => self.words.get(s / 64).is_some_and(|x| x & (1u64 << (s % 64)) != 0),
            None => self.overflow.contains(&id),
        }
    }
    /// Number of ids in the set.
    #[allow(dead_code)]
    pub(crate) fn len(&self) -> usize {
        self.count
    }
    /// The ids in ascending order; `keys` are the table's (id, record index) pairs
    /// in ascending id order.
    pub(crate) fn to_sorted_vec(&self, keys: impl Iterator<Item = (SymId, usize)>) -> Vec<SymId> {
        let mut out = Vec::with_capacity(self.count);
        let mut over = self.overflow.iter().copied().peekable();
        for (id, slot) in keys {
            // only the bits: ids kept in the overflow come from `over`
            let bit = slot < self.slots && self.words.get(slot / 64).is_some_and(|x| x & (1u64 << (slot % 64)) != 0);
            if !bit {
                continue;
            }
            while let Some(o) = over.next_if(|&o| o < id) {
                out.push(o);
            }
            out.push(id);
        }
        out.extend(over);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::sym_ids;

    #[test]
    fn insert_and_iterate_in_order() {
        // a table storing ids 3, 64, 99 at records 0, 1, 2
        let keys = [(SymId(3), 0usize), (SymId(64), 1), (SymId(99), 2)];
        let slot = |id: i32| keys.iter().find(|k| k.0 == SymId(id)).map(|k| k.1);
        let mut s = IdSet::with_slots(3);
        assert!(s.insert(SymId(3), slot(3)));
        assert!(!s.insert(SymId(3), slot(3)));
        assert!(s.insert(SymId(i32::MAX), slot(i32::MAX)));
        assert!(s.insert(SymId(-5), slot(-5)));
        assert!(s.insert(SymId(64), slot(64)));
        assert!(s.insert(SymId(99), slot(99)));
        assert!(s.insert(SymId(100), slot(100)));
        assert!(s.insert(SymId(50), slot(50)));
        assert!(s.contains(SymId(64), slot(64)) && s.contains(SymId(i32::MAX), None) && s.contains(SymId(-5), None) && !s.contains(SymId(-1), None));
        assert_eq!(s.len(), 7);
        assert_eq!(s.to_sorted_vec(keys.iter().copied()), sym_ids(&[-5, 3, 50, 64, 99, 100, i32::MAX]));
    }

    #[test]
    fn no_bits_means_all_in_overflow_once() {
        // a module outside the build has no bits: its stored ids go to the overflow
        let mut s = IdSet::with_slots(0);
        assert!(s.insert(SymId(1), Some(1)));
        assert!(s.insert(SymId(0), Some(0)));
        assert_eq!(s.to_sorted_vec([(SymId(0), 0usize), (SymId(1), 1)].into_iter()), sym_ids(&[0, 1]));
    }

    #[test]
    fn size_follows_records_not_ids() {
        let mut s = IdSet::with_slots(1);
        assert!(s.insert(SymId(2_000_000_000), None));
        assert!(s.words.len() == 1);
        assert_eq!(s.to_sorted_vec([(SymId(7), 0usize)].into_iter()), sym_ids(&[2_000_000_000]));
    }
}
