//! The builds calls of the view contract: caches kept apart by the opener, the
//! module graph laid out for every module, integrity rows naming a missing module.
//! On the 2.0 caches of ../shared/corpus (s1, s2) and the NIF corpus; each test
//! prints `SKIP:` when they are absent.

use std::path::Path;

mod common;

use rod_view::open::Opener;
use rod_view::{Format, LiveMark, ModuleIdx};

/// The files of `../shared/corpus/<program>/nim-2.0.0/cache` named `<prefix><file>`,
/// without `leave_out`; `None` after a `SKIP:` line when absent.
fn cache_files(program: &str, prefix: &str, leave_out: Option<&str>) -> Option<Vec<(String, Vec<u8>)>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus").join(program).join("nim-2.0.0/cache");
    if !dir.is_dir() {
        println!("SKIP: builds view: ../shared/corpus/{program}/nim-2.0.0/cache is absent");
        return None;
    }
    let mut out = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(&dir).expect("fixtures").filter_map(|e| e.ok()).map(|e| e.path()).collect();
    names.sort();
    for p in names {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        if !p.is_file() || Some(name.as_str()) == leave_out {
            continue;
        }
        out.push((format!("{prefix}{name}"), std::fs::read(&p).expect("read")));
    }
    Some(out)
}

fn open(files: Vec<(String, Vec<u8>)>) -> Vec<rod_view::open::Opened> {
    let mut o = Opener::new();
    for (p, b) in files {
        o.add(p, b);
    }
    o.finish()
}

/// Two programs' caches in one parent folder: two caches, never one, each of its
/// own folder's modules, no ✗ mark in either.
#[test]
fn two_folders_two_caches() {
    let Some(mut files) = cache_files("s1", "drop/s1/", None) else { return };
    let a = files.iter().filter(|f| f.0.ends_with(".rod")).count();
    let Some(more) = cache_files("s2", "drop/s2/", None) else { return };
    let b = more.iter().filter(|f| f.0.ends_with(".rod")).count();
    files.extend(more);
    let caches = open(files);
    assert_eq!(caches.len(), 2, "{:?}", caches.iter().map(|c| &c.label).collect::<Vec<_>>());
    let counts: Vec<usize> = caches.iter().map(|c| c.cache.module_count()).collect();
    assert_eq!(counts, vec![a, b]);
    let mut marks = 0;
    for c in &caches {
        assert_eq!(c.cache.format(), Format::PackedRod);
        assert!(c.label.contains("drop/s1") || c.label.contains("drop/s2"), "{}", c.label);
        for i in 0..c.cache.module_count() {
            let mark = c.cache.live_mark(ModuleIdx(i as u32));
            assert_eq!(mark, LiveMark::Match, "{}: module {i}", c.label);
            marks += 1;
        }
    }
    println!("ORACLE: caches kept apart: 2 folders, 2 caches ({a} + {b} modules), {marks} live marks, all ✓");
}

/// The graph layout has one box per module, inside the picture, none overlapping
/// another of its layer.
#[test]
fn graph_layout_every_module() {
    let Some(files) = cache_files("s2", "", None) else { return };
    let caches = open(files);
    let c = &caches.first().expect("a cache").cache;
    let l = c.graph_layout().expect("packed caches have a graph");
    assert_eq!(l.nodes.len(), c.module_count());
    for b in &l.nodes {
        assert!(b.x >= 0.0 && b.y >= 0.0 && b.x + b.w <= l.width && b.y + b.h <= l.height, "{b:?}");
        for o in l.nodes.iter().filter(|o| o.layer == b.layer && o.module != b.module) {
            assert!(b.x + b.w <= o.x || o.x + o.w <= b.x, "{} overlaps {}", b.label, o.label);
        }
    }
    assert!(!l.edges.is_empty());
    println!("ORACLE: graph layout: {} boxes for {} modules, {} edges, no overlap", l.nodes.len(), c.module_count(), l.edges.len());
}

/// A cache with one module's .rod removed: the rows name the missing module as a
/// dangling reference; the whole fixture has no problem.
#[test]
fn integrity_names_the_missing_module() {
    let Some(files) = cache_files("s1", "", None) else { return };
    let whole = open(files);
    let rows = whole.first().expect("cache").cache.integrity(&|_| None).expect("packed checks integrity");
    assert!(rows.iter().all(|r| !r.is_error), "{rows:?}");
    let Some(files) = cache_files("s1", "", Some("@ms1_util.rod")) else { return };
    let cut = open(files);
    let c = &cut.first().expect("cache").cache;
    let rows = c.integrity(&|_| None).expect("rows");
    let dangling: Vec<_> = rows.iter().filter(|r| r.kind == "dangling-module").collect();
    assert!(!dangling.is_empty(), "{rows:?}");
    for r in &dangling {
        assert!(r.is_error && r.text.contains("s1_util.nim") && r.heading == "dangling reference", "{r:?}");
        assert_eq!(r.about.as_ref().map(|l| l.label.as_str()), Some("s1_util.nim"));
        assert!(r.module.as_ref().and_then(|m| m.target).is_some());
    }
    println!(
        "ORACLE: integrity: whole cache {} problems; without s1_util.rod {} dangling-module rows naming s1_util.nim ({})",
        0,
        dangling.len(),
        rod_view::builds::summary(&rows)
    );
}

/// NIF has a module graph too (imports, sizes, live shares).
#[test]
fn nif_graph_layout() {
    let Some(dir) = common::shared("corpus-nif/p1_hello/nimcache", "NIF graph layout test") else { return };
    let mut files = Vec::new();
    for e in std::fs::read_dir(&dir).expect("dir").filter_map(|e| e.ok()) {
        if e.path().is_file() {
            files.push((e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).expect("read")));
        }
    }
    let caches = open(files);
    let c = &caches.iter().find(|c| c.cache.format() == Format::Nif).expect("a NIF cache").cache;
    let l = c.graph_layout().expect("NIF graph");
    assert_eq!(l.nodes.len(), c.module_count());
    assert!(c.integrity(&|_| None).is_none());
    println!("ORACLE: NIF graph: {} boxes for {} modules, {} import edges", l.nodes.len(), c.module_count(), l.edges.len());
}
