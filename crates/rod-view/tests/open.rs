//! The opener recognises every format by content and keeps each format its own
//! cache: a packed 1.6 cache, a Nimrod 0.9 text cache, a Nim 1.4.8 rodfiles.db and a
//! nimony nimcache dropped together give four caches, never linked.

use std::path::{Path, PathBuf};

use rod_view::open::{FileRole, Opener};
use rod_view::{Cache, Format};

fn files_under(dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else { continue };
        let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                stack.push(p);
            } else if let Ok(b) = std::fs::read(&p) {
                out.push((p.display().to_string(), b));
            }
        }
    }
}

#[test]
fn four_formats_four_caches() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let shared = root.join("../shared");
    if !shared.join("corpus-legacy").is_dir() || !shared.join("corpus-nif").is_dir() {
        println!("SKIP: open: ../shared/corpus-legacy or corpus-nif missing");
        return;
    }
    let mut files = Vec::new();
    files_under(&root.join("tests/fixtures/basics"), &mut files);
    files_under(&shared.join("corpus-legacy/text-0.9.0/p1"), &mut files);
    files_under(&shared.join("corpus-legacy/sqlite-1.4.8/p1"), &mut files);
    files_under(&shared.join("corpus-nif/p1_hello/nimcache"), &mut files);
    files.push(("notes.txt".into(), b"not a cache".to_vec()));
    let mut o = Opener::new();
    let mut roles = std::collections::BTreeMap::<String, usize>::new();
    for (p, b) in files {
        *roles.entry(format!("{:?}", o.add(p, b))).or_default() += 1;
    }
    assert!(o.not_caches() >= 1, "{roles:?}");
    let caches = o.finish();
    let formats: Vec<Format> = caches.iter().map(|c| c.cache.format()).collect();
    assert_eq!(formats, vec![Format::PackedRod, Format::LegacyText, Format::LegacySqlite, Format::Nif], "{roles:?}");
    for c in &caches {
        assert!(c.cache.module_count() > 0, "{}: no module", c.label);
        let row = c.cache.module_row(rod_view::ModuleIdx(0));
        assert!(row.is_some(), "{}", c.label);
    }
    let _ = FileRole::NotACache;
    println!(
        "ORACLE: open: {} caches from one drop ({}), each format its own cache",
        caches.len(),
        caches.iter().map(|c| c.label.as_str()).collect::<Vec<_>>().join("; ")
    );
}
