//! The opener recognises every format by content and keeps each format its own
//! cache: a packed 1.6 cache, a Nimrod 0.9 text cache, a Nim 1.4.8 rodfiles.db and a
//! nimony nimcache dropped together give four caches, never linked.

use std::path::{Path, PathBuf};

use rod_view::open::{FileRole, Opener};
use rod_view::Format;

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

/// The files of one drop holding all four formats: our 1.6 fixtures, a Nimrod 0.9.0
/// text cache, a Nim 1.4.8 rodfiles.db and a nimony nimcache (`None`, after a `SKIP:`
/// line, when ../shared lacks them).
fn four_format_drop(what: &str) -> Option<Vec<(String, Vec<u8>)>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let shared = root.join("../shared");
    if !shared.join("corpus-legacy").is_dir() || !shared.join("corpus-nif").is_dir() {
        println!("SKIP: {what}: ../shared/corpus-legacy or corpus-nif missing");
        return None;
    }
    let mut files = Vec::new();
    files_under(&root.join("tests/fixtures/basics"), &mut files);
    files_under(&shared.join("corpus-legacy/text-0.9.0/p1"), &mut files);
    files_under(&shared.join("corpus-legacy/sqlite-1.4.8/p1"), &mut files);
    files_under(&shared.join("corpus-nif/p1_hello/nimcache"), &mut files);
    Some(files)
}

#[test]
fn four_formats_four_caches() {
    let Some(mut files) = four_format_drop("open") else { return };
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

/// The stepwise finish gives the caches of `finish`, in the same order, and every file
/// a format takes passes the head test a picker uses to skip files unread.
#[test]
fn steps_and_heads() {
    use rod_view::open::{may_be_cache, Step, HEAD_LEN};
    let Some(files) = four_format_drop("open steps") else { return };
    let (mut a, mut b) = (Opener::new(), Opener::new());
    let mut heads = 0;
    let mut nif_files = 0;
    let mut text_files = 0;
    for (p, bytes) in files {
        let head = &bytes[..bytes.len().min(HEAD_LEN)];
        let role = a.add(p.clone(), bytes.clone());
        nif_files += usize::from(role == FileRole::Nif);
        text_files += usize::from(role == FileRole::LegacyText);
        if role != FileRole::NotACache {
            assert!(may_be_cache(head), "{p}: taken as {role:?} but its head is not recognised");
            heads += 1;
        }
        b.add(p, bytes);
    }
    assert!(!may_be_cache(b"just some text\n"));
    let whole = a.finish();
    let mut f = b.finishing();
    let mut steps = Vec::new();
    while let Some(next) = f.next_step() {
        assert_eq!(f.step(), Some(next));
        steps.push(next);
    }
    assert_eq!(f.step(), None);
    // Text .rod and NIF files are decoded one per step, then made into their cache.
    let mut want = vec![Step::Link, Step::Live, Step::Index];
    want.extend(std::iter::repeat_n(Step::LegacyTextFile, text_files));
    want.extend([Step::LegacyText, Step::LegacyDb]);
    want.extend(std::iter::repeat_n(Step::NifFile, nif_files));
    want.push(Step::Nif);
    assert!(nif_files > 0 && text_files > 0);
    assert_eq!(steps, want);
    let stepped = f.done();
    let labels = |v: &[rod_view::open::Opened]| v.iter().map(|o| (o.label.clone(), o.cache.module_count())).collect::<Vec<_>>();
    assert_eq!(labels(&whole), labels(&stepped));
    println!("ORACLE: open steps: {} steps ({text_files} of them one text .rod file each, {nif_files} one NIF file each) give the {} caches of finish; {heads} cache files pass the {HEAD_LEN}-byte head test", steps.len(), stepped.len());
}

#[test]
fn a_file_over_the_cap_is_listed_not_decoded() {
    let mut o = Opener::new();
    let big = vec![0u8; rod_decoder::MAX_FILE_SIZE + 1];
    let (role, _) = o.add_file("huge.rod".into(), big);
    assert_eq!(role, FileRole::NotACache);
    let caches = o.finish();
    let problems = caches.first().map(|c| c.cache.problems()).unwrap_or_default();
    assert_eq!(problems.len(), 1);
    assert!(problems[0].message.contains("over the cap of 64 MiB"), "{}", problems[0].message);
    println!("ORACLE: open: a file over MAX_FILE_SIZE is listed with its reason, not decoded");
}
