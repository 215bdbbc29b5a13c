//! The byte views of the packed backend: node rows carry their bytes, the regions a
//! cache gives are the byte map's, and every target's range is the region of its
//! record. On the committed fixtures (always) and the 2.0/2.2 corpus (when present).

use rod_view::backend::packed::{PackedCache, PackedLoader};
use rod_view::glossary::{explain, topics_for_node, topics_for_region};
use rod_view::{Cache, ModuleIdx, NodePos, Target};
use std::path::{Path, PathBuf};

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "rod" || x == "alivesyms")).collect())
        .unwrap_or_default();
    v.sort();
    v
}

fn load(dir: &Path, keep: bool) -> (PackedCache, usize) {
    let mut l = PackedLoader::new();
    l.keep_bytes(keep);
    let mut size = 0;
    for f in files(dir) {
        let b = std::fs::read(&f).unwrap();
        if f.extension().is_some_and(|x| x == "rod") {
            size += b.len();
        }
        l.add(f.file_name().unwrap().to_string_lossy().into_owned(), &b);
    }
    let mut c = l.link();
    c.compute_live();
    (c, size)
}

/// Checks one cache; returns (modules, regions, node rows checked).
fn check(c: &PackedCache) -> (usize, usize, usize) {
    let (mut regions, mut rows) = (0, 0);
    for i in 0..c.module_count() {
        let m = ModuleIdx(i as u32);
        let len = c.file_bytes(m).expect("kept bytes").len();
        let n = c.region_count(m);
        assert!(n > 0);
        regions += n;
        // The regions tile the file; a window gives the same regions.
        let window = c.regions(m, 0..len, usize::MAX);
        assert_eq!(window.len(), n);
        let mut at = 0;
        for (k, r) in window.iter().enumerate() {
            assert_eq!((r.number, r.range.start), (k, at));
            at = r.range.end;
        }
        assert_eq!(at, len);
        assert_eq!(c.bytes_of(Target::Module(m)), Some(0..len));
        let secs = c.byte_sections(m);
        assert_eq!(secs.first().map(|s| s.range.clone()), Some(0..8));
        assert_eq!(secs.last().map(|s| s.range.end), Some(len));
        for t in c.trees(m) {
            let step = (t.len / 50).max(1);
            for p in (0..t.len as u32).step_by(step) {
                let row = c.node_row(m, t.id, NodePos(p)).unwrap();
                let range = row.bytes.clone().expect("node rows carry their bytes");
                assert_eq!(c.bytes_of(Target::Node(m, t.id, NodePos(p))), Some(range.clone()));
                let r = c.region_at(m, range.start).unwrap();
                assert_eq!((r.range.clone(), r.kind, r.target), (range.clone(), "node", Some(Target::Node(m, t.id, NodePos(p)))));
                let fields = c.region_fields(m, &r);
                assert!(fields.iter().all(|f| f.range.start >= range.start && f.range.end <= range.end));
                assert!(topics_for_node(&row).iter().all(|t| explain(t).is_some()));
                assert!(topics_for_region(&r).contains(&"PackedNode"));
                rows += 1;
            }
        }
        for s in c.symbols(m).into_iter().step_by(17) {
            let range = c.bytes_of(Target::Sym(m, s)).unwrap();
            let r = c.region_at(m, range.start).unwrap();
            assert_eq!((r.range, r.kind, r.target), (range, "sym", Some(Target::Sym(m, s))));
        }
        for t in c.types(m).into_iter().step_by(13) {
            let range = c.bytes_of(Target::Type(m, t)).unwrap();
            let r = c.region_at(m, range.start).unwrap();
            assert_eq!((r.range, r.kind, r.target), (range, "type", Some(Target::Type(m, t))));
        }
        for (table, kind) in [("strings", "string"), ("numbers", "number"), ("exports", "record"), ("includes", "record")] {
            if let Some(range) = c.table_row_bytes(m, table, 0) {
                assert_eq!(c.region_at(m, range.start).map(|r| (r.range, r.kind)), Some((range, kind)), "{table}");
            }
        }
    }
    (c.module_count(), regions, rows)
}

#[test]
fn byte_views_of_the_fixtures_and_corpus() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut dirs: Vec<(String, PathBuf)> =
        ["basics", "rebuild", "rebuild-1"].iter().map(|p| (format!("fixtures/{p}"), root.join("tests/fixtures").join(p))).collect();
    let shared = root.join("../shared/corpus");
    if shared.is_dir() {
        for v in ["2.0.0", "2.2.0"] {
            dirs.push((format!("s2 {v}"), shared.join(format!("s2/nim-{v}/cache"))));
        }
    } else {
        eprintln!("SKIP: byte views on 2.x: ../shared/corpus absent");
    }
    for (label, dir) in dirs {
        let (c, size) = load(&dir, true);
        let (mods, regions, rows) = check(&c);
        let mem = c.byte_view_memory();
        println!(
            "ORACLE: byte views {label}: {mods} modules, {regions} regions tile their files, {rows} node rows = their regions; kept bytes + maps {mem} bytes for {size} bytes of .rod ({:.2}x)",
            mem as f64 / size.max(1) as f64
        );
        assert!(mods > 0);
    }
}

#[test]
fn without_kept_bytes_rows_still_know_their_bytes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/basics");
    let (mut c, _) = load(&dir, false);
    let m = ModuleIdx(0);
    assert_eq!(c.region_count(m), 0);
    assert!(c.file_bytes(m).is_none());
    let t = c.trees(m)[0].id;
    let row = c.node_row(m, t, NodePos(0)).unwrap();
    assert!(row.bytes.is_some());
    // handed in afterwards
    let name = c.graph.get(m).unwrap().name.clone();
    let path = dir.join(name);
    let bytes: std::rc::Rc<[u8]> = std::fs::read(path).unwrap().into();
    assert!(!c.set_file_bytes(m, bytes[..bytes.len() - 1].into()), "a wrong length is refused");
    assert!(c.set_file_bytes(m, bytes));
    assert!(c.region_count(m) > 0);
    assert_eq!(c.region_at(m, row.bytes.clone().unwrap().start).map(|r| r.range), row.bytes);
}
