//! Shared helpers of the corpus tests: where ../shared/corpus-legacy is, and loading
//! one cache of it.

#![allow(dead_code)]

use rod_legacy::Cache;
use std::path::{Path, PathBuf};

/// `../shared/corpus-legacy` relative to the repo root, if present.
pub fn corpus() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus-legacy");
    if p.is_dir() {
        Some(p)
    } else {
        println!("SKIP: ../shared/corpus-legacy is absent; legacy corpus tests not run");
        None
    }
}

/// The caches of the corpus: (name as in expected/, folder).
pub const CACHES: &[(&str, &str)] = &[
    ("text-0.9.0-p1", "text-0.9.0/p1"),
    ("text-0.9.0-p2", "text-0.9.0/p2"),
    ("text-0.17.2-p1", "text-0.17.2/p1"),
    ("text-0.17.2-p2", "text-0.17.2/p2"),
    ("sqlite-0.19.6-p1", "sqlite-0.19.6/p1"),
    ("sqlite-0.19.6-p2", "sqlite-0.19.6/p2"),
    ("sqlite-1.4.8-p1", "sqlite-1.4.8/p1"),
    ("sqlite-1.4.8-p2", "sqlite-1.4.8/p2"),
    ("sqlite-1.4.8-p1-after-cached-rerun", "sqlite-1.4.8/p1-after-cached-rerun"),
];

/// The cache files of a folder: every `.rod` (sorted), or the rodfiles.db.
pub fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "rod" || x == "db"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap()))
        .collect();
    v.sort();
    v
}

/// Loads the cache in `dir`.
pub fn load(dir: &Path) -> Cache {
    let f = files(dir);
    if f.len() == 1 && f[0].0.ends_with(".db") {
        rod_legacy::open_db(&f[0].1).unwrap()
    } else {
        rod_legacy::open_text(&f).unwrap()
    }
}
