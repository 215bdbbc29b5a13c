//! Where the tests find real IC files.
//!
//! - 1.6.10: `$RODSCOPE_CORPUS/<program>/cache`, generated at test time by
//!   `scripts/gen-corpus.sh` with Debian's nim 1.6.10 (`scripts/test.sh` sets it).
//! - 2.0.0 / 2.2.0: `../shared/corpus/s{1,2}/nim-<v>/cache` beside the repository.
//!
//! Each helper returns an empty list when its corpus is missing; tests then print
//! `SKIP: ...` and pass, so `cargo test` works anywhere, and `scripts/test.sh`
//! checks that nothing was skipped.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// Files of `dir` with extension `ext`, sorted.
pub fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == ext)).collect())
        .unwrap_or_default();
    v.sort();
    v
}

/// The 1.6 corpus root, if generated.
pub fn corpus16() -> Option<PathBuf> {
    let p = PathBuf::from(std::env::var_os("RODSCOPE_CORPUS")?);
    p.is_dir().then_some(p)
}

/// The 1.6 caches: (program name, cache dir).
pub fn caches16() -> Vec<(String, PathBuf)> {
    let Some(root) = corpus16() else { return Vec::new() };
    let mut v: Vec<(String, PathBuf)> = std::fs::read_dir(&root)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path().join("cache")))
                .filter(|(_, c)| c.is_dir())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// `../shared/corpus`, if present.
pub fn shared_corpus() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    p.is_dir().then_some(p)
}

/// The 2.x caches: (label like `s1 2.2.0`, version string, program dir for that version).
pub fn caches2x() -> Vec<(String, &'static str, PathBuf)> {
    let Some(root) = shared_corpus() else { return Vec::new() };
    let mut v = Vec::new();
    for s in ["s1", "s2"] {
        for ver in ["2.0.0", "2.2.0"] {
            let d = root.join(s).join(format!("nim-{ver}"));
            if d.join("cache").is_dir() {
                v.push((format!("{s} {ver}"), ver, d));
            }
        }
    }
    v
}

/// Says that a test skipped part of its work, in a form `scripts/test.sh` can count.
pub fn skip(what: &str) {
    eprintln!("SKIP: {what}");
}

/// Hostile files made at test time from real ones.
pub mod forge;
