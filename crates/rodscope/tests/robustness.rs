//! Damaged input never panics, hangs or allocates wildly: every truncation of a
//! small real file, a sample of truncations of system.rod, thousands of single-bit
//! flips, absurd length prefixes, empty files and the wrong kind of file all give
//! an `Err` that names a section and an offset inside the file. Whatever still
//! decodes after a flip is run through every printer too.

#[path = "../../rod-decoder/tests/common/mod.rs"]
mod common;

use rod_decoder::print;
use rod_decoder::{decode, detect, AliveSyms, ErrorKind, TreeKind};
use std::path::PathBuf;

/// Small deterministic generator (xorshift64*), so failures are reproducible.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// One small and one big (system.rod) real file per available version.
fn samples() -> Vec<(String, PathBuf, PathBuf)> {
    let mut out = Vec::new();
    let mut push = |label: String, cache: PathBuf| {
        let rods = common::files(&cache, "rod");
        let small = rods.iter().filter_map(|f| Some((std::fs::metadata(f).ok()?.len(), f.clone()))).filter(|x| x.0 > 64).min();
        let system = rods.iter().find(|f| f.to_string_lossy().ends_with("@slib@ssystem.rod")).cloned();
        if let (Some((_, s)), Some(b)) = (small, system) {
            out.push((label, s, b));
        }
    };
    if let Some((name, cache)) = common::caches16().into_iter().next() {
        push(format!("1.6 {name}"), cache);
    } else {
        common::skip("robustness on 1.6.10 files: RODSCOPE_CORPUS not set");
    }
    for (label, _, dir) in common::caches2x().into_iter().filter(|c| c.0.starts_with("s1")) {
        push(label, dir.join("cache"));
    }
    if common::shared_corpus().is_none() {
        common::skip("robustness on 2.0/2.2 files: ../shared/corpus absent");
    }
    out
}

fn check_err(bytes: &[u8], what: &str) {
    match decode(bytes) {
        Ok(_) => panic!("{what}: decoded without error"),
        Err(e) => {
            assert!(e.section().is_some(), "{what}: error without section: {e}");
            assert!(e.offset() <= bytes.len(), "{what}: offset {} past the end ({}): {e}", e.offset(), bytes.len());
        }
    }
}

/// Runs every printer over a module that decoded, to show none of them panics on
/// hostile-but-well-framed values.
fn exercise(bytes: &[u8]) {
    let _ = detect(bytes);
    let Ok(m) = decode(bytes) else { return };
    let mut sink = std::io::sink();
    let _ = print::nim_rod_view(&m, &mut sink);
    let _ = print::print_sections(&m, &mut sink);
    let _ = print::dump_json(&m, &mut sink);
    for tree in TreeKind::ALL {
        let _ = m.tree(tree).parents();
    }
    // The view layer's rows and printers over the module alone (links unresolved).
    let cache = rod_view::backend::packed::PackedCache::from_graph(rod_decoder::graph::ModuleGraph::from_named(vec![("m.rod".into(), m)]));
    let m0 = rod_view::ModuleIdx(0);
    for t in rod_view::Cache::trees(&cache, m0) {
        let _ = rod_view::print::print_tree(&cache, m0, rod_view::print::TreeOptions { tree: t.id, root: None, depth: None }, &mut sink);
    }
    for s in rod_view::Cache::symbols(&cache, m0) {
        let _ = rod_view::Cache::sym_row(&cache, m0, s);
    }
    for t in rod_view::Cache::types(&cache, m0) {
        let _ = rod_view::Cache::type_row(&cache, m0, t);
    }
}

#[test]
fn truncations_are_errors() {
    for (label, small, system) in samples() {
        let bytes = std::fs::read(&small).unwrap();
        assert!(decode(&bytes).is_ok(), "{label}: the intact file must decode");
        for n in 0..bytes.len() {
            check_err(&bytes[..n], &format!("{label} {} cut at {n}", small.display()));
        }
        let big = std::fs::read(&system).unwrap();
        let mut rng = Rng(0x5eed_0001);
        for _ in 0..150 {
            let n = rng.below(big.len());
            check_err(&big[..n], &format!("{label} system.rod cut at {n}"));
        }
        // one byte too many
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(decode(&longer).unwrap_err().kind(), ErrorKind::TrailingBytes, "{label}");
    }
}

#[test]
fn bit_flips_never_panic() {
    let mut total = 0;
    for (label, small, system) in samples() {
        let bytes = std::fs::read(&small).unwrap();
        let mut rng = Rng(0x5eed_0002);
        for _ in 0..2500 {
            let mut b = bytes.clone();
            let i = rng.below(b.len());
            b[i] ^= 1 << rng.below(8);
            exercise(&b);
            total += 1;
        }
        let big = std::fs::read(&system).unwrap();
        for _ in 0..60 {
            let mut b = big.clone();
            let i = rng.below(b.len());
            b[i] ^= 1 << rng.below(8);
            let _ = decode(&b);
            total += 1;
        }
        eprintln!("{label}: bit flips survived");
    }
    eprintln!("{total} flipped files decoded or rejected without a panic");
}

#[test]
fn absurd_length_prefixes_are_rejected_before_allocation() {
    for (label, small, _) in samples() {
        let bytes = std::fs::read(&small).unwrap();
        let m = decode(&bytes).unwrap();
        for s in &m.sections {
            if s.span.count.is_none() {
                continue;
            }
            // the count follows the tag byte in every counted section
            for v in [0x7fff_ffffu32, 0xffff_ffff, 0x1000_0000] {
                let mut b = bytes.clone();
                b[s.span.start + 1..s.span.start + 5].copy_from_slice(&v.to_le_bytes());
                let e = decode(&b).expect_err("absurd count must fail");
                assert!(
                    matches!(e.kind(), ErrorKind::TooBig | ErrorKind::InvalidValue | ErrorKind::UnexpectedEnd),
                    "{label} {}: {e}",
                    s.span.name
                );
                assert!(e.section().is_some(), "{e}");
            }
        }
    }
}

#[test]
fn empty_and_wrong_kind_of_file() {
    let e = decode(&[]).unwrap_err();
    assert_eq!((e.kind(), e.offset()), (ErrorKind::WrongHeader, 0));
    assert!(AliveSyms::decode(&[]).is_err());
    let mut checked = 0;
    for (label, small, _) in samples() {
        let alive = small.with_extension("alivesyms");
        let Ok(a) = std::fs::read(&alive) else { continue };
        let e = decode(&a).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::WrongSection, "{label}: {e}");
        assert_eq!(e.offset(), 8, "{label}: {e}");
        let rod = std::fs::read(&small).unwrap();
        let e = AliveSyms::decode(&rod).unwrap_err();
        assert!(e.to_string().contains("looks like a .rod file"), "{e}");
        for n in 0..a.len() {
            assert!(AliveSyms::decode(&a[..n]).is_err());
        }
        checked += 1;
    }
    if checked == 0 {
        common::skip("wrong-kind checks: no corpus");
    }
}
