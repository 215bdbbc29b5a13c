//! NIF text parsing and BIF decoding throughput on the largest corpus-nif files
//! (goals: >= 500 MB/s text, >= 1 GB/s BIF). `parse`/`decode` copy the input into
//! the document; the `owned` rows hand it over (the input's clone is made outside
//! the timing). Without ../shared/corpus-nif it prints a note and exits.
//!
//! For a load-independent figure, count instructions per byte of one decode with
//! `examples/throughput.rs` (e.g. under `valgrind --tool=callgrind`, the difference
//! of two round counts divided by the bytes).

use criterion::{black_box, BatchSize, Criterion, Throughput};
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus-nif");
    if !root.is_dir() {
        println!("note: ../shared/corpus-nif not present; nothing to benchmark");
        return;
    }
    let read = |p: &str| std::fs::read(root.join(p)).unwrap_or_default();
    let texts = [
        ("sysvq0asl.s.nif", read("p1_hello/nimcache/sysvq0asl.s.nif"), "sysvq0asl"),
        ("sysvq0asl.x.nif", read("p1_hello/nimcache/sysvq0asl.x.nif"), "sysvq0asl"),
        ("synthetic oracle.nif", read("synthetic/oracle.nif"), "synth"),
    ];
    let bifs = [
        ("sysvq0asl.s.bif", read("p1_hello/bif_niftools/sysvq0asl.s.bif"), "sysvq0asl"),
        ("synthetic synth.bif", read("synthetic/synth.bif"), "synth"),
    ];
    let mut c = Criterion::default().configure_from_args();
    let mut g = c.benchmark_group("nif");
    for (name, bytes, sfx) in &texts {
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_function(format!("text {name}"), |b| b.iter(|| rod_nif::text::parse(black_box(bytes), sfx)));
        g.bench_function(format!("text owned {name}"), |b| {
            b.iter_batched(|| bytes.clone(), |v| rod_nif::text::parse_owned(v, sfx), BatchSize::LargeInput)
        });
    }
    for (name, bytes, sfx) in &bifs {
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.bench_function(format!("bif {name}"), |b| b.iter(|| rod_nif::bif::decode(black_box(bytes), sfx)));
        g.bench_function(format!("bif owned {name}"), |b| {
            b.iter_batched(|| bytes.clone(), |v| rod_nif::bif::decode_owned(v, sfx), BatchSize::LargeInput)
        });
    }
    if let (Some((_, text, _)), Some((_, bif, _))) = (texts.first(), bifs.first()) {
        if let Ok(doc) = rod_nif::bif::decode(bif, "sysvq0asl") {
            g.throughput(Throughput::Bytes(text.len() as u64));
            g.bench_function("render bif->text sysvq0asl", |b| b.iter(|| rod_nif::render::module_text(black_box(&doc), ".sysvq0asl")));
        }
    }
    g.finish();
    c.final_summary();
}
