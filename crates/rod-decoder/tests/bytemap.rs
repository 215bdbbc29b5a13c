//! The byte map on every real file of every version: regions sorted, no gap, no
//! overlap, covering the file; as many node/symbol/type/string/number regions as the
//! decoder has records; a sample of records decoded from their bytes alone gives
//! back the decoder's record. Damaged files give a map or an error, never a panic.

mod common;

use rod_decoder::bytemap::{ByteMap, MapOf, RegionKind};
use rod_decoder::{decode, AliveSyms, NodePos, PackedModule, RodVersion, TreeKind};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Every `.rod` and `.alivesyms` file per version label.
fn corpus() -> BTreeMap<&'static str, Vec<PathBuf>> {
    let mut by: BTreeMap<&'static str, Vec<PathBuf>> = BTreeMap::new();
    for (_, dir) in common::caches16() {
        for ext in ["rod", "alivesyms"] {
            by.entry("1.6").or_default().extend(common::files(&dir, ext));
        }
    }
    for (_, ver, dir) in common::caches2x() {
        let label = if ver == "2.0.0" { "2.0" } else { "2.2" };
        for ext in ["rod", "alivesyms"] {
            by.entry(label).or_default().extend(common::files(&dir.join("cache"), ext));
        }
    }
    by
}

/// Sorted, no gap, no overlap, covering `0 .. len`; returns the region count.
fn invariant(map: &ByteMap, len: usize, what: &str) -> usize {
    let mut at = 0;
    let mut n = 0;
    for r in map.iter() {
        assert_eq!(r.start, at, "{what}: region {n} starts at {} but the previous ended at {at}", r.start);
        assert!(r.end > r.start, "{what}: empty region {n}");
        // region_at agrees at both ends
        let (i, got) = map.region_at(r.start).expect("region_at start");
        assert_eq!((i, got), (n, r), "{what}: region_at({})", r.start);
        assert_eq!(map.region_at(r.end - 1).map(|x| x.0), Some(n), "{what}: region_at({})", r.end - 1);
        at = r.end;
        n += 1;
    }
    assert_eq!(at, len, "{what}: regions end at {at}, the file at {len}");
    assert_eq!(n, map.len(), "{what}: len()");
    assert!(map.region_at(len).is_none());
    n
}

fn decoder_counts(m: &PackedModule) -> [usize; 5] {
    let nodes = TreeKind::ALL.iter().map(|&k| m.tree(k).len()).sum();
    [nodes, m.syms.records.len(), m.types.table.records.len(), m.strings.len(), m.numbers.vals.len()]
}

/// Decodes records from their bytes alone and compares with the decoder's.
fn sample(map: &ByteMap, bytes: &[u8], m: &PackedModule, what: &str) -> usize {
    let mut checked = 0;
    let v = m.version;
    for k in TreeKind::ALL {
        let t = m.tree(k);
        let step = (t.len() / 7).max(1);
        for p in (0..t.len()).step_by(step) {
            let r = map.node(k, NodePos(p as u32)).expect("node region");
            assert_eq!(r.kind, RegionKind::Node);
            assert_eq!(r.end - r.start, v.node_size());
            assert_eq!(rod_decoder::bytemap::node_range(m, k, NodePos(p as u32)), Some(r.range()), "{what}: node_range");
            // One node alone, framed as a one-node tree of the same version.
            let e = &bytes[r.start..r.end];
            let node = t.node(NodePos(p as u32)).unwrap();
            let l = v.layouts().node;
            assert_eq!(l.field("kind").unwrap().raw(e) as u8, node.kind.0, "{what}: {k:?} node {p} kind");
            let op = l.field("operand").unwrap();
            let operand = if op.width == 0 { op.signed(e) } else { op.raw(e) as i64 };
            assert_eq!(operand, node.operand as i64, "{what}: {k:?} node {p} operand");
            let fields = map.fields(&r, bytes, Some(m));
            assert_eq!(fields.iter().map(|f| f.size).sum::<usize>(), if v == RodVersion::V2_2 { 4 + 4 + 4 } else { 28 }, "{what}: node fields");
            checked += 1;
        }
    }
    let step = (m.syms.records.len() / 7).max(1);
    for (i, s) in m.syms.records.iter().enumerate().step_by(step) {
        let r = map.sym(i).expect("sym region");
        assert_eq!(r.end - r.start, v.sym_size());
        assert_eq!(rod_decoder::bytemap::sym_range(m, i), Some(r.range()), "{what}: sym_range");
        let l = v.layouts().sym;
        let e = &bytes[r.start..r.end];
        assert_eq!(l.field("kind").unwrap().raw(e) as u8, s.kind, "{what}: sym {i} kind");
        assert_eq!(l.field("name").unwrap().raw(e) as u32, s.name.0, "{what}: sym {i} name");
        assert_eq!(l.field("flags").unwrap().raw(e), s.flags, "{what}: sym {i} flags");
        assert_eq!(l.field("ast").unwrap().signed(e) as i32, s.ast.0, "{what}: sym {i} ast");
        checked += 1;
    }
    let step = (m.types.table.records.len() / 7).max(1);
    for (i, t) in m.types.table.records.iter().enumerate().step_by(step) {
        let r = map.typ(i).expect("type region");
        assert_eq!(r.end - r.start, v.type_base_size() + 8 * t.sons.1 as usize, "{what}: type {i} size");
        let head = v.layouts().type_head;
        assert_eq!(head.field("kind").unwrap().raw(&bytes[r.start..r.end]) as u8, t.kind, "{what}: type {i} kind");
        checked += 1;
    }
    let step = (m.strings.len() / 7).max(1);
    for i in (0..m.strings.len()).step_by(step) {
        let r = map.string(i).expect("string region");
        let body = &bytes[r.start + 4..r.end];
        assert_eq!(Some(body), m.strings.at(i), "{what}: string {i}");
        checked += 1;
    }
    for (i, &n) in m.numbers.vals.iter().enumerate() {
        let r = map.number(i).expect("number region");
        assert_eq!(i64::from_le_bytes(bytes[r.start..r.end].try_into().unwrap()), n, "{what}: number {i}");
        checked += 1;
    }
    checked
}

#[test]
fn byte_map_of_every_real_file() {
    let by = corpus();
    if by.is_empty() {
        common::skip("bytemap: no corpus (RODSCOPE_CORPUS unset and ../shared/corpus absent)");
        return;
    }
    if !by.contains_key("1.6") {
        common::skip("bytemap: no 1.6 corpus (RODSCOPE_CORPUS unset)");
    }
    if common::shared_corpus().is_none() {
        common::skip("bytemap: ../shared/corpus absent (2.0/2.2)");
    }
    for (label, files) in &by {
        let (mut nfiles, mut regions, mut sampled, mut alive) = (0, 0, 0, 0);
        let mut totals = [0usize; 5];
        for f in files {
            let bytes = std::fs::read(f).unwrap();
            let what = f.display().to_string();
            let map = ByteMap::build(&bytes).unwrap_or_else(|e| panic!("{what}: {e}"));
            assert_eq!(map.version.label(), *label, "{what}: version");
            regions += invariant(&map, bytes.len(), &what);
            nfiles += 1;
            if map.of == MapOf::AliveSyms {
                let a = AliveSyms::decode(&bytes).unwrap();
                assert_eq!(map.iter().filter(|r| r.kind == RegionKind::Record).count(), a.ids.len(), "{what}: alive ids");
                alive += 1;
                continue;
            }
            let m = decode(&bytes).unwrap();
            let counts = map.record_counts();
            assert_eq!(counts, decoder_counts(&m), "{what}: node/sym/type/string/number counts");
            for (t, c) in totals.iter_mut().zip(counts) {
                *t += c;
            }
            for s in &m.sections {
                assert_eq!(map.section(s.kind), Some(s.span.start..s.span.end), "{what}: section {}", s.span.name);
            }
            sampled += sample(&map, &bytes, &m, &what);
            // Every region's fields tile it.
            if nfiles % 16 == 1 {
                for r in map.iter() {
                    let fs = map.fields(&r, &bytes, Some(&m));
                    let mut at = r.start;
                    for fv in &fs {
                        assert!(fv.offset == at || (fv.offset < at && fv.offset + fv.size == at), "{what}: field {} of region at {} starts at {} (expected {at})", fv.name, r.start, fv.offset);
                        at = at.max(fv.offset + fv.size);
                    }
                    assert_eq!(at, r.end, "{what}: fields of region at {} ({:?})", r.start, r.kind);
                }
            }
        }
        println!(
            "ORACLE: bytemap {label}: {nfiles} files, {regions} regions, invariant holds; node/sym/type/string/number counts = decoder ({} / {} / {} / {} / {}); {alive} of the files .alivesyms; {sampled} sampled records decode alone",
            totals[0], totals[1], totals[2], totals[3], totals[4]
        );
        assert!(nfiles > 0 && regions > nfiles);
    }
}

/// The committed fixtures (`tests/fixtures/<program>/`).
fn fixture_files(ext: &str) -> Vec<PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut v = Vec::new();
    for p in ["basics", "rebuild", "rebuild-1"] {
        v.extend(common::files(&dir.join(p), ext));
    }
    v
}

/// The committed fixtures: one check without any corpus.
#[test]
fn byte_map_of_the_fixtures() {
    let mut n = 0;
    for ext in ["rod", "alivesyms"] {
        for f in fixture_files(ext) {
            let bytes = std::fs::read(&f).unwrap();
            let map = ByteMap::build(&bytes).unwrap();
            invariant(&map, bytes.len(), &f.display().to_string());
            if let Ok(m) = decode(&bytes) {
                assert_eq!(map.record_counts(), decoder_counts(&m));
            }
            n += 1;
        }
    }
    println!("ORACLE: bytemap fixtures: {n} files, invariant holds");
    assert!(n >= 9);
}

/// Every truncation of a small file and thousands of bit flips: a map or an error,
/// never a panic; a partial map never claims bytes past the file.
#[test]
fn damaged_files_never_panic() {
    let mut files = fixture_files("rod");
    files.sort_by_key(|f| std::fs::metadata(f).map(|m| m.len()).unwrap_or(0));
    let mut small = vec![files.first().cloned().expect("a fixture")];
    small.extend(fixture_files("alivesyms").into_iter().take(1));
    if let Some(c) = common::shared_corpus() {
        let p = c.join("s1/nim-2.2.0/cache");
        let mut v = common::files(&p, "rod");
        v.sort_by_key(|f| std::fs::metadata(f).map(|m| m.len()).unwrap_or(0));
        small.extend(v.into_iter().take(1));
        let p = c.join("s1/nim-2.0.0/cache");
        let mut v = common::files(&p, "rod");
        v.sort_by_key(|f| std::fs::metadata(f).map(|m| m.len()).unwrap_or(0));
        small.extend(v.into_iter().take(1));
    }
    let (mut cuts, mut flips, mut errs) = (0, 0, 0);
    for f in &small {
        let bytes = std::fs::read(f).unwrap();
        for n in 0..bytes.len() {
            let (m, e) = ByteMap::build_partial(&bytes[..n]);
            assert!(m.covered() <= n);
            assert!(e.is_some(), "a truncated file framed whole");
            errs += 1;
            cuts += 1;
        }
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..3000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let mut b = bytes.clone();
            let i = (x as usize) % b.len();
            b[i] ^= 1 << ((x >> 32) % 8);
            let (m, e) = ByteMap::build_partial(&b);
            assert!(m.covered() <= b.len());
            if e.is_none() {
                invariant(&m, b.len(), "flipped");
                if let Ok(d) = decode(&b) {
                    for r in m.iter().step_by(97) {
                        let _ = m.fields(&r, &b, Some(&d));
                    }
                }
            } else {
                errs += 1;
            }
            flips += 1;
        }
    }
    println!("DETECT: bytemap damaged: {} files, {cuts} truncations, {flips} bit flips, {errs} errors, no panic", small.len());
}
