//! Symbol search per keystroke ([`Cache::search`] over the index built once per load):
//! one-letter, two-letter and `name@module` queries on the largest test cache, the
//! 53-module Nim 2.0.0 s2 cache of `../shared/corpus` (and the 2.2.0 one). Goal: at most
//! 30 ms per keystroke. The index itself is built outside the timing (and timed once).
//!
//! Run with `cargo bench -p rod-view --bench search`; prints `SKIP:` without ../shared.

use criterion::{black_box, Criterion};
use rod_decoder::graph::ModuleGraph;
use rod_view::backend::packed::PackedCache;
use rod_view::Cache;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The cap the explorer asks for (web/src/components/search.rs shows that many rows).
const CAP: usize = 200;

fn load(dir: &Path) -> Option<PackedCache> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "rod"))
        .collect();
    files.sort();
    let mods: Vec<_> = files
        .iter()
        .filter_map(|f| Some((f.file_name()?.to_string_lossy().into_owned(), rod_decoder::decode(&std::fs::read(f).ok()?).ok()?)))
        .collect();
    (!mods.is_empty()).then(|| PackedCache::from_graph(ModuleGraph::from_named(mods)))
}

fn main() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/s2");
    if !shared.is_dir() {
        println!("SKIP: search bench: no ../shared/corpus/s2");
        return;
    }
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2))
        .sample_size(20)
        .configure_from_args();
    for v in ["2.0.0", "2.2.0"] {
        let Some(cache) = load(&shared.join(format!("nim-{v}/cache"))) else { continue };
        let t = Instant::now();
        let (_, all) = cache.search("zzzz-warm", CAP); // builds the index
        println!(
            "{v} s2: {} modules, index built in {:.1} ms ({all} hits for the warm-up)",
            cache.module_count(),
            t.elapsed().as_secs_f64() * 1e3
        );
        for q in ["a", "s", "to", "in", "len@system", "add@sys", "to@strutils"] {
            let (_, n) = cache.search(q, CAP);
            c.bench_function(&format!("search {v} s2 {q:?} ({n} matches)"), |b| {
                b.iter(|| black_box(cache.search(black_box(q), CAP)))
            });
            // What the explorer's results page asks per keystroke: the hits and their rows.
            if q.len() == 1 {
                c.bench_function(&format!("search+rows {v} s2 {q:?}"), |b| {
                    b.iter(|| {
                        let (hits, _) = cache.search(black_box(q), CAP);
                        hits.iter().filter_map(|h| cache.sym_row(h.module, h.sym)).count()
                    })
                });
            }
        }
    }
    c.final_summary();
}
