//! NIF text parsing and BIF decoding throughput on the largest corpus-nif files
//! (goals: >= 500 MB/s text, >= 1 GB/s BIF). Without ../shared/corpus-nif it
//! prints a note and exits.

use criterion::{black_box, Criterion, Throughput};
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus-nif/p1_hello");
    if !root.is_dir() {
        println!("note: ../shared/corpus-nif not present; nothing to benchmark");
        return;
    }
    let text = std::fs::read(root.join("nimcache/sysvq0asl.s.nif")).unwrap_or_default();
    let lowered = std::fs::read(root.join("nimcache/sysvq0asl.x.nif")).unwrap_or_default();
    let bif = std::fs::read(root.join("bif_niftools/sysvq0asl.s.bif")).unwrap_or_default();
    let mut c = Criterion::default().configure_from_args();
    let mut g = c.benchmark_group("nif");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("text sysvq0asl.s.nif", |b| b.iter(|| rod_nif::text::parse(black_box(&text), "sysvq0asl")));
    g.throughput(Throughput::Bytes(lowered.len() as u64));
    g.bench_function("text sysvq0asl.x.nif", |b| b.iter(|| rod_nif::text::parse(black_box(&lowered), "sysvq0asl")));
    g.throughput(Throughput::Bytes(bif.len() as u64));
    g.bench_function("bif sysvq0asl.s.bif", |b| b.iter(|| rod_nif::bif::decode(black_box(&bif), "sysvq0asl")));
    if let Ok(doc) = rod_nif::bif::decode(&bif, "sysvq0asl") {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function("render bif->text sysvq0asl", |b| b.iter(|| rod_nif::render::module_text(black_box(&doc), ".sysvq0asl")));
    }
    g.finish();
    c.final_summary();
}
