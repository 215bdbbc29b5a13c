//! A small byte-string interner with a fast non-cryptographic hash (tag names and
//! line-info file names repeat on almost every node of a text file).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A word-at-a-time multiplicative hash (the FxHash scheme): no DoS concern, the
/// maps are per file or per cache and bounded by the input.
#[derive(Default)]
pub(crate) struct Fnv(u64);

const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl Fnv {
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(K);
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().unwrap_or([0; 8])));
        }
        let mut tail = [0u8; 8];
        let r = chunks.remainder();
        if let Some(t) = tail.get_mut(..r.len()) {
            t.copy_from_slice(r);
        }
        self.add(u64::from_le_bytes(tail) ^ (r.len() as u64) << 56);
    }
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
}

/// A map with the FNV hasher.
pub(crate) type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// Interns byte strings to dense ids `0..`. Keys of up to 15 bytes (every tag
/// name nimony writes) take a fast path: packed into a `u128` with their length,
/// looked up in an open-addressing table, compared as integers.
#[derive(Default)]
pub(crate) struct Interner {
    map: FnvMap<Box<[u8]>, u32>,
    short: Vec<(u128, u32)>,
    short_len: usize,
    count: u32,
}

const EMPTY: u32 = u32::MAX;

impl Interner {
    fn pack(key: &[u8]) -> Option<u128> {
        if key.len() > 15 {
            return None;
        }
        let mut b = [0u8; 16];
        b.get_mut(..key.len())?.copy_from_slice(key);
        b[15] = key.len() as u8 + 1;
        Some(u128::from_le_bytes(b))
    }

    fn slot(k: u128, mask: usize) -> usize {
        let h = (k as u64 ^ (k >> 64) as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (h >> 40) as usize & mask
    }

    fn grow(&mut self) {
        let cap = (self.short.len() * 2).max(256);
        let old = std::mem::replace(&mut self.short, vec![(0, EMPTY); cap]);
        for (k, id) in old.into_iter().filter(|e| e.1 != EMPTY) {
            let mut i = Self::slot(k, cap - 1);
            while self.short.get(i).is_some_and(|e| e.1 != EMPTY) {
                i = (i + 1) & (cap - 1);
            }
            if let Some(e) = self.short.get_mut(i) {
                *e = (k, id);
            }
        }
    }

    /// The id of `key`, and whether it is new.
    pub(crate) fn intern(&mut self, key: &[u8]) -> (u32, bool) {
        if let Some(k) = Self::pack(key) {
            if self.short_len * 2 >= self.short.len() {
                self.grow();
            }
            let mask = self.short.len() - 1;
            let mut i = Self::slot(k, mask);
            loop {
                match self.short.get(i) {
                    Some(&(kk, id)) if id != EMPTY && kk == k => return (id, false),
                    Some(&(_, id)) if id != EMPTY => i = (i + 1) & mask,
                    _ => break,
                }
            }
            let id = self.count;
            if let Some(e) = self.short.get_mut(i) {
                *e = (k, id);
            }
            self.short_len += 1;
            self.count += 1;
            return (id, true);
        }
        if let Some(&id) = self.map.get(key) {
            return (id, false);
        }
        let id = self.count;
        self.count += 1;
        self.map.insert(key.into(), id);
        (id, true)
    }
}
