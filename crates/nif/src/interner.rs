//! A small byte-string interner with a fast non-cryptographic hash (tag names and
//! line-info file names repeat on almost every node of a text file).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a, 64 bit: short keys, no DoS concern (the map is per file and bounded).
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// A map with the FNV hasher.
pub(crate) type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// Interns byte strings to dense ids `0..`.
#[derive(Default)]
pub(crate) struct Interner {
    map: FnvMap<Box<[u8]>, u32>,
}

impl Interner {
    /// The id of `key`, and whether it is new.
    pub(crate) fn intern(&mut self, key: &[u8]) -> (u32, bool) {
        if let Some(&id) = self.map.get(key) {
            return (id, false);
        }
        let id = self.map.len() as u32;
        self.map.insert(key.into(), id);
        (id, true)
    }
}
