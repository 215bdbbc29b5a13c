//! The legacy backend through the view layer: a Nimrod 0.9.0 text cache and a Nim
//! 1.4.8 rodfiles.db from ../shared/corpus-legacy, following a reference across modules.

use rod_view::backend::legacy::LegacyCache;
use rod_view::{Cache, Format, ModuleIdx, NodePos, NodeValue, Target, TreeId};
use std::path::Path;

mod common;

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "rod" || x == "db"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap()))
        .collect();
    v.sort();
    v
}

/// The first node of module `from` that names a symbol of another module; followed
/// to that symbol's row. Returns (from node, target module name, symbol name).
fn follow_cross_module(c: &LegacyCache, from: ModuleIdx) -> (String, String, String) {
    for t in c.trees(from) {
        for p in 0..t.len as u32 {
            let Some(row) = c.node_row(from, t.id, NodePos(p)) else { continue };
            if let NodeValue::Sym { name, module: Some(other), link, .. } = &row.value {
                let Some(Target::Sym(tm, key)) = link.target else { panic!("no target") };
                assert_ne!(tm, from);
                let target = c.sym_row(tm, key).expect("the target symbol has a row");
                assert_eq!(&target.name, name);
                assert_eq!(c.module_row(tm).unwrap().short, format!("{other}.nim"));
                return (format!("{} node {p}", t.slug), other.clone(), name.clone());
            }
        }
    }
    panic!("no cross-module reference found");
}

#[test]
fn legacy_caches_through_the_view_layer() {
    let Some(root) = common::shared("corpus-legacy", "legacy view test") else { return };
    for (dir, format, modules, main) in [("text-0.9.0/p1", Format::LegacyText, 9, "main"), ("sqlite-1.4.8/p1", Format::LegacySqlite, 23, "main")] {
        let c = LegacyCache::load(files(&root.join(dir)));
        assert!(c.problems().is_empty(), "{dir}: {:?}", c.problems());
        assert_eq!(c.format(), format);
        assert_eq!(c.module_count(), modules, "{dir}");
        let m = c.module_by_key(main).expect("main module");
        let (site, other, name) = follow_cross_module(&c, m);
        // Every node of every tree has a row, and subtree ends stay in range.
        let mut nodes = 0usize;
        for i in 0..c.module_count() {
            let mi = ModuleIdx(i as u32);
            for t in c.trees(mi) {
                for p in 0..t.len as u32 {
                    assert!(c.node_row(mi, t.id, NodePos(p)).is_some());
                    assert!(c.subtree_end(mi, t.id, NodePos(p)).0 as usize <= t.len);
                    nodes += 1;
                }
            }
            for s in c.symbols(mi) {
                assert!(c.sym_row(mi, s).is_some());
            }
        }
        assert!(c.node_row(m, TreeId(9), NodePos(0)).is_none());
        println!("ORACLE: legacy view {dir}: {modules} modules, {nodes} node rows; {main} {site} -> {other}.{name} resolved; live: {}", c.live_mark(m).text());
    }
}

/// A text cache with one damaged file: that file is a problem row naming it, the
/// other modules still load (they used to be dropped with it).
#[test]
fn one_broken_text_file_leaves_the_others() {
    let Some(root) = common::shared("corpus-legacy", "broken text file test") else { return };
    let mut given = files(&root.join("text-0.9.0/p1"));
    let whole = LegacyCache::load(given.clone()).module_count();
    let victim = given.iter_mut().find(|(n, _)| n == "tables.rod").expect("tables.rod");
    let keep = victim.1.len() / 3;
    victim.1.truncate(keep);
    let c = LegacyCache::load(given);
    let problems = c.problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].file, "tables.rod");
    assert!(problems[0].message.starts_with("tables.rod: "), "{}", problems[0].message);
    assert_eq!(c.module_count(), whole - 1);
    assert!(c.module_by_key("main").is_some());
    println!("DETECT: text .rod cache with tables.rod cut to {keep} bytes: 1 problem naming it ({}), {} of {whole} modules load", problems[0].message, c.module_count());
}
