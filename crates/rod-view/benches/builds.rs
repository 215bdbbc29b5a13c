//! Interactive costs of debugging incremental builds, on the largest caches:
//! a what-if ([`WhatIf::compute`]: the DCE rerun without the main module's
//! top-level statement that kills the most symbols, and the comparison) and the module graph's layered layout
//! ([`GraphLayout::compute`]). Goal: a what-if within 50 ms on the largest test cache.
//!
//! Inputs: `$RODSCOPE_CORPUS/stdlib/cache` (1.6.10) and the s2 caches of
//! `../shared/corpus` (2.0.0, 2.2.0). Prints one line per cache with medians.
//! Run with `cargo bench -p rod-view --bench builds`.

use criterion::{black_box, Criterion};
use rod_decoder::graph::{ImportGraph, LiveSet, ModuleGraph, WhatIf, Without};
use rod_view::layout::GraphLayout;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn rod_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "rod")).collect())
        .unwrap_or_default();
    v.sort();
    v
}

fn graphs() -> Vec<(String, ModuleGraph, Vec<usize>)> {
    let mut dirs = Vec::new();
    if let Ok(c) = std::env::var("RODSCOPE_CORPUS") {
        dirs.push(("1.6 stdlib".to_string(), Path::new(&c).join("stdlib/cache")));
    }
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/s2");
    for v in ["2.0.0", "2.2.0"] {
        dirs.push((format!("{v} s2"), shared.join(format!("nim-{v}/cache"))));
    }
    dirs.into_iter()
        .filter_map(|(name, d)| {
            let files: Vec<Vec<u8>> = rod_files(&d).iter().filter_map(|f| std::fs::read(f).ok()).collect();
            let sizes = files.iter().map(Vec::len).collect();
            let g = ModuleGraph::new(files.iter().filter_map(|b| rod_decoder::decode(b).ok()).collect());
            (!g.is_empty()).then_some((name, g, sizes))
        })
        .collect()
}

/// The main module's top-level statement whose removal kills the most symbols
/// (found once, outside the timing; at most 300 statements tried).
fn deadliest_statement(g: &ModuleGraph, base: &LiveSet) -> Without {
    let mut best: Option<(usize, Without)> = None;
    for i in g.build_roots().mains.iter().copied() {
        let Some(gm) = g.get(i) else { continue };
        for r in gm.module.top_level.roots().take(300) {
            let w = Without { statements: vec![(i, r)], symbols: Vec::new() };
            let dies = WhatIf::compute(g, base, &w).total_dies();
            if best.as_ref().is_none_or(|b| dies > b.0) {
                best = Some((dies, w));
            }
        }
    }
    best.map(|b| b.1).unwrap_or_default()
}

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
    let sets = graphs();
    if sets.is_empty() {
        eprintln!("SKIP: no corpus (set RODSCOPE_CORPUS or provide ../shared/corpus)");
        return;
    }
    let mut summary = Vec::new();
    let mut group = c.benchmark_group("builds");
    for (name, g, sizes) in &sets {
        let base = LiveSet::compute(g);
        let without = deadliest_statement(g, &base);
        let ig = ImportGraph::build(g);
        group.bench_function(format!("{name}: what-if"), |b| b.iter(|| black_box(WhatIf::compute(g, &base, black_box(&without)))));
        group.bench_function(format!("{name}: layout"), |b| b.iter(|| black_box(GraphLayout::compute(g, &ig, Some(&base), sizes))));
        let w = WhatIf::compute(g, &base, &without);
        let t_w = median(15, || drop(black_box(WhatIf::compute(g, &base, &without))));
        let t_l = median(15, || drop(black_box(GraphLayout::compute(g, &ig, Some(&base), sizes))));
        summary.push(format!(
            "{name}: {} modules, {} edges: what-if without the main module's deadliest statement {:.2} ms ({} ids die in {} modules, {} regenerated); layout {:.2} ms",
            g.len(),
            ig.edges.len(),
            t_w * 1e3,
            w.total_dies(),
            w.dies.len(),
            w.regenerated.len(),
            t_l * 1e3
        ));
    }
    group.finish();
    c.final_summary();
    for s in summary {
        println!("{s}");
    }
}
