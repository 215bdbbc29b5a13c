//! Helpers shared by the integration tests: loading a folder of IC files.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use rod_view::backend::packed::{PackedCache, PackedLoader};

/// `../shared/<sub>` beside the repository, or `None` after saying plainly that the
/// test `what` is skipped without it.
pub fn shared(sub: &str, what: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared").join(sub);
    if dir.is_dir() {
        Some(dir)
    } else {
        println!("SKIP: ../shared/{sub} is absent; {what} not run");
        None
    }
}

/// The files of `dir` whose extension is one of `exts`, sorted by path.
pub fn files_with(dir: &Path, exts: &[&str]) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| exts.iter().any(|e| x == *e)))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// The `.rod` files of `dir` (and its `.alivesyms` when `alivesyms`) linked into one
/// packed cache, keeping the file bytes when `keep_bytes`; the live set is not computed.
pub fn load_packed(dir: &Path, alivesyms: bool, keep_bytes: bool) -> PackedCache {
    let exts: &[&str] = if alivesyms { &["rod", "alivesyms"] } else { &["rod"] };
    let mut l = PackedLoader::new();
    l.keep_bytes(keep_bytes);
    for f in files_with(dir, exts) {
        let Ok(b) = std::fs::read(&f) else { continue };
        let name = f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        l.add(name, &b);
    }
    l.link()
}
