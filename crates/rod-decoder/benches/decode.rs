//! Decode throughput on real files: system.rod (the largest module) and whole caches.
//!
//! Inputs, in this order of preference: `$RODSCOPE_CORPUS/*/cache` (the 1.6.10
//! corpus that `scripts/test.sh` generates), then `../shared/corpus` (2.0/2.2).
//! Prints MB/s per file set; run with `cargo bench -p rod-decoder --bench decode`.

use criterion::{black_box, Criterion, Throughput};
use std::path::{Path, PathBuf};

#[path = "../tests/common/mod.rs"]
mod common;

fn rod_files(dir: &Path) -> Vec<PathBuf> {
    common::files(dir, "rod")
}

fn sets() -> Vec<(String, Vec<PathBuf>)> {
    let mut out = Vec::new();
    if let Ok(c) = std::env::var("RODSCOPE_CORPUS") {
        for prog in ["stdlib", "basics"] {
            let files = rod_files(&Path::new(&c).join(prog).join("cache"));
            if !files.is_empty() {
                out.push((format!("1.6 {prog} cache"), files));
            }
        }
    }
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/s2");
    for v in ["2.0.0", "2.2.0"] {
        let files = rod_files(&shared.join(format!("nim-{v}/cache")));
        if !files.is_empty() {
            out.push((format!("{v} s2 cache"), files));
        }
    }
    let mut systems = Vec::new();
    for (name, files) in &out {
        let label = format!("{} system.rod", name.get(..3).unwrap_or(name));
        if systems.iter().any(|(l, _)| *l == label) {
            continue; // one system.rod per version
        }
        if let Some(s) = files.iter().find(|f| f.to_string_lossy().ends_with("@slib@ssystem.rod")) {
            systems.push((label, vec![s.clone()]));
        }
    }
    systems.extend(out);
    systems
}

fn main() {
    let mut c = Criterion::default().configure_from_args().sample_size(20);
    let sets = sets();
    if sets.is_empty() {
        eprintln!("SKIP: no corpus (set RODSCOPE_CORPUS or provide ../shared/corpus)");
        return;
    }
    let mut group = c.benchmark_group("decode");
    for (name, files) in &sets {
        let data: Vec<Vec<u8>> = files.iter().filter_map(|f| std::fs::read(f).ok()).collect();
        let bytes: usize = data.iter().map(|d| d.len()).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(name.as_str(), |b| {
            b.iter(|| {
                for d in &data {
                    let _ = black_box(rod_decoder::decode(black_box(d)));
                }
            })
        });
    }
    group.finish();
    // The byte map, built on demand (off the decode path): system.rod per version.
    let mut group = c.benchmark_group("bytemap");
    for (name, files) in sets.iter().filter(|(n, _)| n.ends_with("system.rod")) {
        let data: Vec<Vec<u8>> = files.iter().filter_map(|f| std::fs::read(f).ok()).collect();
        let bytes: usize = data.iter().map(|d| d.len()).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(name.as_str(), |b| {
            b.iter(|| {
                for d in &data {
                    let _ = black_box(rod_decoder::bytemap::ByteMap::build(black_box(d)));
                }
            })
        });
    }
    group.finish();
    c.final_summary();
}
