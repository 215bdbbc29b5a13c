//! Shared code of the fuzz targets: the same `exercise` module the regression tests
//! of `crates/rod-decoder/tests/hostile.rs` run, so a crash replays under `cargo test`.

#[path = "../../crates/rod-decoder/tests/common/exercise.rs"]
pub mod exercise;

use exercise::BaseCache;
use rod_decoder::graph::{LiveSet, ModuleGraph, Snapshot};
use std::path::PathBuf;
use std::sync::OnceLock;

/// The base cache of the `whole_cache` target: `$RODSCOPE_FUZZ_CACHE` (a nimcache
/// folder; scripts/fuzz.sh points it at the generated 1.6 `basics` cache), modules
/// up to `$RODSCOPE_FUZZ_MAX_MODULE` bytes (default 256 KiB, which leaves out
/// system.rod and keeps executions fast), decoded once; with the snapshot of its
/// computed live set.
pub fn base_cache() -> &'static (BaseCache, Snapshot) {
    static BASE: OnceLock<(BaseCache, Snapshot)> = OnceLock::new();
    BASE.get_or_init(|| {
        let dir = std::env::var_os("RODSCOPE_FUZZ_CACHE")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../target/rodscope-corpus/basics/cache")));
        let max = std::env::var("RODSCOPE_FUZZ_MAX_MODULE").ok().and_then(|s| s.parse().ok()).unwrap_or(256 * 1024);
        let base = BaseCache::load(&dir, max);
        if base.modules.is_empty() {
            eprintln!("whole_cache: no module loaded from {} (set RODSCOPE_FUZZ_CACHE)", dir.display());
        }
        let g = ModuleGraph::from_named(base.modules.clone());
        let snap = Snapshot::of(&g, &LiveSet::compute(&g));
        (base, snap)
    })
}

/// Walks every view the `rod-view` contract gives of `cache`, with caps so one
/// execution stays short: module rows, facts, trees (their first rows), symbols,
/// types, tables, why and usages of a few symbols, and the tree printer.
pub fn exercise_view(cache: &dyn rod_view::Cache) {
    use rod_view::{ModuleIdx, NodePos};
    let mut sink = std::io::sink();
    let _ = cache.notes();
    let _ = cache.problems();
    for mi in 0..cache.module_count().min(64) {
        let m = ModuleIdx(mi as u32);
        let _ = cache.module_row(m);
        let _ = cache.module_facts(m);
        for t in cache.trees(m) {
            for i in 0..t.len.min(2000) as u32 {
                let _ = cache.node_row(m, t.id, NodePos(i));
            }
            let opts = rod_view::print::TreeOptions { tree: t.id, root: None, depth: Some(6) };
            let _ = rod_view::print::print_tree(cache, m, opts, &mut sink);
            let _ = cache.find_in_tree(m, t.id, "a", 50);
        }
        for s in cache.symbols(m).into_iter().take(200) {
            let _ = cache.sym_row(m, s);
            let _ = cache.why(m, s);
        }
        for s in cache.symbols(m).into_iter().take(5) {
            let _ = cache.usages(m, s);
        }
        for t in cache.types(m).into_iter().take(200) {
            let _ = cache.type_row(m, t);
        }
        for t in cache.tables(m) {
            for r in 0..t.len.min(200) {
                let _ = cache.table_row(m, &t.slug, r);
            }
        }
    }
    let _ = cache.search("a", 20);
}

/// One legacy cache file (a text `.rod` or a `rodfiles.db`): detection, the decoder,
/// and every view of it.
pub fn legacy_file(data: &[u8]) {
    let _ = rod_legacy::detect(data);
    let files = vec![("fuzzed.rod".to_string(), data.to_vec())];
    let _ = rod_legacy::open_text(&files);
    let _ = rod_legacy::open_db(data);
    let c = rod_view::backend::legacy::LegacyCache::load(files);
    exercise_view(&c);
}

/// One nimony NIF or BIF file: detection, the reader, BIF → text, and every view of
/// it as a one-file nimcache.
pub fn nif_file(data: &[u8]) {
    let _ = rod_nif::detect(data);
    if let Ok(doc) = rod_nif::read(data, "fuzzed") {
        let _ = doc;
    }
    let c = rod_view::backend::nif::NifCache::load(vec![("fuzzed.s.nif".to_string(), data.to_vec())]);
    exercise_view(&c);
}
