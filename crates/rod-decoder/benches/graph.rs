//! Whole-program cost on the largest caches: decoding every module and building the
//! [`ModuleGraph`], then the DCE ([`LiveSet::compute`]) and the usage index.
//!
//! Inputs: `$RODSCOPE_CORPUS/stdlib/cache` (1.6.10, std/json and friends) and the
//! s2 caches of `../shared/corpus` (2.0.0, 2.2.0). Besides criterion's report it
//! prints one line per cache with milliseconds and nanoseconds per node.
//! Run with `cargo bench -p rod-decoder --bench graph`.

use criterion::{black_box, Criterion};
use rod_decoder::graph::{LiveSet, ModuleGraph, UsageIndex};
use std::path::{Path, PathBuf};
use std::time::Instant;

#[path = "../tests/common/mod.rs"]
mod common;

fn rod_files(dir: &Path) -> Vec<PathBuf> {
    common::files(dir, "rod")
}

fn sets() -> Vec<(String, Vec<Vec<u8>>)> {
    let mut dirs = Vec::new();
    if let Ok(c) = std::env::var("RODSCOPE_CORPUS") {
        dirs.push(("1.6 stdlib".to_string(), Path::new(&c).join("stdlib/cache")));
    }
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/s2");
    for v in ["2.0.0", "2.2.0"] {
        dirs.push((format!("{v} s2"), shared.join(format!("nim-{v}/cache"))));
    }
    dirs.into_iter()
        .map(|(name, d)| (name, rod_files(&d).iter().filter_map(|f| std::fs::read(f).ok()).collect::<Vec<_>>()))
        .filter(|(_, files)| !files.is_empty())
        .collect()
}

fn load(files: &[Vec<u8>]) -> ModuleGraph {
    ModuleGraph::new(files.iter().filter_map(|b| rod_decoder::decode(b).ok()).collect())
}

/// Median wall time of `f` over `n` runs, in seconds.
fn median(n: usize, mut f: impl FnMut()) -> f64 {
    let mut t: Vec<f64> = (0..n)
        .map(|_| {
            let s = Instant::now();
            f();
            s.elapsed().as_secs_f64()
        })
        .collect();
    t.sort_by(|a, b| a.total_cmp(b));
    t[t.len() / 2]
}

fn main() {
    let mut c = Criterion::default().configure_from_args().sample_size(20);
    let sets = sets();
    if sets.is_empty() {
        eprintln!("SKIP: no corpus (set RODSCOPE_CORPUS or provide ../shared/corpus)");
        return;
    }
    let mut summary = Vec::new();
    let mut group = c.benchmark_group("graph");
    for (name, files) in &sets {
        let g = load(files);
        let nodes: usize = g.modules().iter().map(|m| m.module.node_count()).sum();
        let live = LiveSet::compute(&g);
        group.bench_function(format!("{name}: decode + graph"), |b| b.iter(|| black_box(load(black_box(files)))));
        group.bench_function(format!("{name}: DCE"), |b| b.iter(|| black_box(LiveSet::compute(black_box(&g)))));
        group.bench_function(format!("{name}: usage index"), |b| b.iter(|| black_box(UsageIndex::build(black_box(&g)))));
        let t_load = median(15, || drop(black_box(load(files))));
        let t_dce = median(15, || drop(black_box(LiveSet::compute(&g))));
        let t_use = median(15, || drop(black_box(UsageIndex::build(&g))));
        summary.push(format!(
            "{name}: {} modules, {nodes} nodes ({} scanned by the DCE, {} alive): decode + graph {:.2} ms ({:.1} ns/node), DCE {:.2} ms ({:.1} ns/node, {:.1} ns/scanned node), usage index {:.2} ms ({:.1} ns/node), load + DCE {:.2} ms",
            g.len(),
            live.nodes_scanned(),
            live.total_alive(),
            t_load * 1e3,
            t_load * 1e9 / nodes as f64,
            t_dce * 1e3,
            t_dce * 1e9 / nodes as f64,
            t_dce * 1e9 / live.nodes_scanned().max(1) as f64,
            t_use * 1e3,
            t_use * 1e9 / nodes as f64,
            (t_load + t_dce) * 1e3,
        ));
    }
    group.finish();
    c.final_summary();
    for s in summary {
        println!("{s}");
    }
}
