//! Opening whatever was dropped: each file is recognised by its content (never its
//! name) and handed to the backend of its format; every format present becomes its
//! own cache. Formats are never linked to each other.
//!
//! Use [`Opener::add`] per file (cheap to slice between calls: packed files are
//! decoded as they come), then [`Opener::finish`].

use crate::backend::legacy::LegacyCache;
use crate::backend::nif::{is_nif, NifCache};
use crate::backend::packed::{PackedCache, PackedLoader, Taken};
use crate::cache::Cache;

/// What a file was recognised as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileRole {
    /// Part of a packed `.rod` cache (a `.rod` or `.alivesyms` file, maybe damaged).
    Packed,
    /// A text `.rod` symbol file of Nimrod 0.9 – Nim 0.17.
    LegacyText,
    /// A `rodfiles.db` of Nim 0.19 – 1.4.
    LegacyDb,
    /// A nimony NIF or BIF file.
    Nif,
    /// None of the cache formats.
    NotACache,
}

/// One opened cache with a label for pickers (`packed .rod (28 modules)`).
pub struct Opened {
    /// What the user sees in a cache picker.
    pub label: String,
    /// The cache.
    pub cache: Box<dyn Cache>,
}

/// Collects the files of one load.
#[derive(Default)]
pub struct Opener {
    packed: PackedLoader,
    legacy_text: Vec<(String, Vec<u8>)>,
    legacy_dbs: Vec<(String, Vec<u8>)>,
    nif: Vec<(String, Vec<u8>)>,
    not_caches: usize,
}

/// What [`FileRole`] the bytes have, by content alone.
pub fn recognise(bytes: &[u8]) -> FileRole {
    if rod_decoder::sniff(bytes) != rod_decoder::Sniff::Other {
        return FileRole::Packed;
    }
    match rod_legacy::detect(bytes).era() {
        Some(e) if e.is_text() => return FileRole::LegacyText,
        Some(_) => return FileRole::LegacyDb,
        None => {}
    }
    if is_nif(bytes) {
        return FileRole::Nif;
    }
    FileRole::NotACache
}

impl Opener {
    /// An opener with nothing in it.
    pub fn new() -> Opener {
        Opener::default()
    }

    /// Takes one file (its path as given, its bytes).
    pub fn add(&mut self, path: String, bytes: Vec<u8>) -> FileRole {
        let role = recognise(&bytes);
        match role {
            FileRole::LegacyText => self.legacy_text.push((path, bytes)),
            FileRole::LegacyDb => self.legacy_dbs.push((path, bytes)),
            FileRole::Nif => self.nif.push((path, bytes)),
            // A file named like a packed cache file is decoded to show why it is not one.
            FileRole::Packed | FileRole::NotACache => {
                return match self.packed.add(path, &bytes) {
                    Taken::NotMine => {
                        self.not_caches += 1;
                        FileRole::NotACache
                    }
                    _ => FileRole::Packed,
                };
            }
        }
        role
    }

    /// Files that were none of the formats.
    pub fn not_caches(&self) -> usize {
        self.not_caches
    }

    /// Builds one cache per format present (one per `rodfiles.db`); the packed
    /// cache has its live set computed and checked.
    pub fn finish(self) -> Vec<Opened> {
        let mut out: Vec<Opened> = Vec::new();
        if !self.packed.is_empty() {
            let mut c = self.packed.link();
            c.compute_live();
            c.build_indexes();
            out.push(opened(Box::new(c)));
        }
        if !self.legacy_text.is_empty() {
            out.push(opened(Box::new(LegacyCache::load(self.legacy_text))));
        }
        for db in self.legacy_dbs {
            let name = db.0.clone();
            let mut o = opened(Box::new(LegacyCache::load(vec![db])));
            o.label = format!("{} — {name}", o.label);
            out.push(o);
        }
        if !self.nif.is_empty() {
            out.push(opened(Box::new(NifCache::load(self.nif))));
        }
        out
    }
}

fn opened(cache: Box<dyn Cache>) -> Opened {
    let n = cache.module_count();
    let compiler = cache.module_row(crate::ModuleIdx(0)).map(|r| r.compiler).unwrap_or_default();
    let label = format!("{} {} ({})", compiler, cache.format().name(), crate::text::plural(n, "module", "modules"));
    Opened { label: label.trim().to_string(), cache }
}

/// Opens a packed cache alone (for callers that know they have one).
pub fn packed(files: impl IntoIterator<Item = (String, Vec<u8>)>) -> PackedCache {
    PackedCache::load(files)
}

