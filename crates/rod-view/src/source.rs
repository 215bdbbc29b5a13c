//! Matching the Nim sources a user drops with a cache to the files the cache was
//! compiled from: by path suffix, checked against the recorded SHA-1.

use crate::cache::Cache;
use crate::ids::ModuleIdx;
use crate::backend::packed::path_matches;

/// How a given source file relates to what the compiler recorded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Freshness {
    /// Its SHA-1 is the recorded one: the cache was built from exactly this text.
    Fresh,
    /// Its SHA-1 differs: the text changed since (positions may be off).
    Stale,
    /// The format records no hash for it.
    Unchecked,
}

/// A source file matched to a module.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceMatch {
    /// The module compiled from it (or that includes it).
    pub module: ModuleIdx,
    /// The path the compiler recorded.
    pub recorded: String,
    /// The index of the given file in the list passed to [`match_sources`].
    pub file: usize,
    /// Fresh, stale or unchecked.
    pub freshness: Freshness,
}

/// Upper-case hex SHA-1 of `bytes`, as the compiler records it.
pub fn sha1_hex(bytes: &[u8]) -> String {
    sha1_smol::Sha1::from(bytes).digest().to_string().to_ascii_uppercase()
}

/// Matches `files` (path as given, contents) to the source files of every module:
/// a given path matches a recorded one when one ends with the other at a path
/// boundary (the longest given path wins). Each match is checked against the hash.
pub fn match_sources(c: &dyn Cache, files: &[(String, Vec<u8>)]) -> Vec<SourceMatch> {
    let hashes: Vec<String> = files.iter().map(|(_, b)| sha1_hex(b)).collect();
    let mut out = Vec::new();
    for i in 0..c.module_count() {
        let m = ModuleIdx(i as u32);
        for sf in c.source_files(m) {
            if sf.stale {
                continue;
            }
            let best = files
                .iter()
                .enumerate()
                .filter(|(_, (p, _))| path_matches(&sf.path, p) || path_matches(p, &sf.path))
                .max_by_key(|(_, (p, _))| p.len());
            let Some((k, _)) = best else { continue };
            let freshness = match &sf.sha1 {
                Some(h) if hashes.get(k).is_some_and(|x| h.eq_ignore_ascii_case(x)) => Freshness::Fresh,
                Some(_) => Freshness::Stale,
                None => Freshness::Unchecked,
            };
            out.push(SourceMatch { module: m, recorded: sf.path, file: k, freshness });
        }
    }
    out
}
