//! The overview's Imports fact lists each imported module once, while the imports table
//! keeps every row as the compiler stored it and marks the repeats: Nim 1.6.10's
//! `system.rod` records `std/private/digitsutils` twice (the explorer showed it twice).
//! Runs on the generated 1.6 corpus (`$RODSCOPE_CORPUS`, default target/rodscope-corpus).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rod_decoder::graph::ModuleGraph;
use rod_view::backend::packed::PackedCache;
use rod_view::{Cache, ModuleIdx};

fn corpus() -> Option<PathBuf> {
    let dir = std::env::var_os("RODSCOPE_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/rodscope-corpus"));
    dir.join("basics/cache").is_dir().then_some(dir)
}

#[test]
fn each_import_once_in_the_facts_and_repeats_marked_in_the_table() {
    let Some(root) = corpus() else {
        println!("SKIP: imports: no 1.6 corpus (scripts/gen-corpus.sh target/rodscope-corpus)");
        return;
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("basics/cache"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "rod"))
        .collect();
    files.sort();
    let mods = files
        .iter()
        .filter_map(|f| Some((f.file_name()?.to_string_lossy().into_owned(), rod_decoder::decode(&std::fs::read(f).ok()?).ok()?)))
        .collect();
    let c = PackedCache::from_graph(ModuleGraph::from_named(mods));
    let (mut repeats, mut modules) = (0, 0);
    for i in 0..c.module_count() {
        let m = ModuleIdx(i as u32);
        let facts = c.module_facts(m);
        let imports = &facts.iter().find(|f| f.label == "Imports").expect("an Imports fact").value;
        let labels: Vec<&str> = imports.iter().map(|l| l.label.as_str()).collect();
        let unique: HashSet<&str> = labels.iter().copied().collect();
        assert_eq!(unique.len(), labels.len(), "module {i}: an import listed twice: {labels:?}");
        let rows = c.tables(m).iter().find(|t| t.slug == "imports").map_or(0, |t| t.len);
        let marked = (0..rows)
            .filter_map(|r| c.table_row(m, "imports", r))
            .filter(|cells| cells.first().and_then(|l| l.note.as_deref()).is_some_and(|n| n.starts_with("recorded again")))
            .count();
        assert_eq!(rows, labels.len() + marked, "module {i}: table rows = distinct imports + repeats");
        repeats += marked;
        modules += 1;
    }
    let system = (0..c.module_count()).map(|i| ModuleIdx(i as u32)).find(|&m| c.module_row(m).is_some_and(|r| r.short == "system.nim")).expect("system");
    let sys = c.module_facts(system);
    let sys_imports = &sys.iter().find(|f| f.label == "Imports").unwrap().value;
    assert_eq!(sys_imports.iter().filter(|l| l.label.ends_with("digitsutils.nim")).count(), 1, "digitsutils once");
    assert!(repeats >= 1, "system.rod's repeated digitsutils import is marked");
    println!("ORACLE: imports: {modules} modules, each import once in the facts, {repeats} repeated table row(s) marked");
}
