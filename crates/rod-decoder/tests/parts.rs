//! `decode_with` with fewer parts checks the same framing as `decode`: on the
//! committed fixtures (tests/fixtures), every truncation gives the same error, a
//! file that decodes gives the same module apart from what was left out, and bit
//! flips that `Parts::NO_TREES` rejects are rejected by `decode` too. The same on
//! the smallest 2.0/2.2 files of `../shared/corpus` when it is present.

#[path = "common/mod.rs"]
mod common;

use rod_decoder::{decode, decode_with, Parts, TreeKind};
use std::path::{Path, PathBuf};

/// The committed 1.6 fixtures, then the three smallest `.rod` of each 2.x cache.
fn samples() -> Vec<PathBuf> {
    let mut v = fixtures();
    let caches = common::caches2x();
    if caches.is_empty() {
        common::skip("decode_with on 2.0/2.2 files: ../shared/corpus absent");
    }
    for (_, _, dir) in caches.into_iter().filter(|c| c.0.starts_with("s1")) {
        let mut rods: Vec<(u64, PathBuf)> =
            common::files(&dir.join("cache"), "rod").into_iter().filter_map(|f| Some((std::fs::metadata(&f).ok()?.len(), f))).collect();
        rods.sort();
        v.extend(rods.into_iter().take(3).map(|x| x.1));
    }
    v
}

fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut v = Vec::new();
    for dir in ["basics", "rebuild"] {
        let rd = std::fs::read_dir(root.join(dir)).expect("tests/fixtures is committed");
        v.extend(rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "rod")));
    }
    v.sort();
    assert_eq!(v.len(), 6);
    v
}

#[test]
fn fewer_parts_same_module() {
    for f in samples() {
        let bytes = std::fs::read(&f).unwrap();
        let all = decode(&bytes).unwrap();
        let some = decode_with(&bytes, Parts::NO_TREES).unwrap();
        for k in TreeKind::ALL {
            assert!(some.tree(k).is_empty(), "{}", f.display());
        }
        assert!(!all.bodies.is_empty());
        assert_eq!(some.sections, all.sections, "{}", f.display());
        assert_eq!(some.syms.records, all.syms.records);
        assert_eq!(some.types.table.records, all.types.table.records);
        assert_eq!(some.includes, all.includes);
        let head = decode_with(&bytes, Parts::INCLUDES).unwrap();
        assert_eq!(head.includes, all.includes);
        assert_eq!(head.path(), all.path());
        assert_eq!(head.sections[..], all.sections[..head.sections.len()]);
    }
}

#[test]
fn truncations_give_the_same_error() {
    let mut cuts = 0;
    for f in samples() {
        let bytes = std::fs::read(&f).unwrap();
        for n in (0..bytes.len()).step_by(7) {
            let a = decode(&bytes[..n]).map(|_| ()).unwrap_err();
            let b = decode_with(&bytes[..n], Parts::NO_TREES).map(|_| ()).unwrap_err();
            assert_eq!(a.to_string(), b.to_string(), "{} cut at {n}", f.display());
            cuts += 1;
        }
    }
    assert!(cuts > 10_000, "{cuts}");
}

#[test]
fn flips_rejected_without_trees_are_rejected_with_them() {
    let mut state = 0x5eed_0003_u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for f in samples() {
        let bytes = std::fs::read(&f).unwrap();
        for _ in 0..400 {
            let mut b = bytes.clone();
            let i = (next() % b.len() as u64) as usize;
            b[i] ^= 1 << (next() % 8);
            if decode_with(&b, Parts::NO_TREES).is_err() {
                assert!(decode(&b).is_err(), "{} flip at {i}", f.display());
            }
        }
    }
}
