//! Shared helpers for the corpus tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// `../shared/corpus-nif` relative to the repo root, if present.
pub fn corpus() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus-nif");
    p.is_dir().then_some(p)
}

/// Every file below `dir`, sorted.
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else { continue };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                todo.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The module suffix of a file name (up to the first dot).
pub fn suffix(p: &Path) -> String {
    rod_nif::model::suffix_of_file_name(&p.file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()).to_owned()
}
