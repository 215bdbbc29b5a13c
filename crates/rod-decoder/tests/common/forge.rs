//! Hostile `.rod` files made at test time from real ones (own modules of the test
//! programs only): one section's payload replaced, or one record's field rewritten.
//! Nothing here is committed as a file.
#![allow(dead_code)]

use rod_decoder::{decode, PackedModule, RodVersion, SectionKind};
use std::path::PathBuf;

/// A real own module of a test program, by version: 1.6 `colors` (generated corpus),
/// 2.2 and 2.0 `s1_util` (../shared/corpus). `None` when that corpus is absent.
pub fn base(version: RodVersion) -> Option<(PathBuf, Vec<u8>)> {
    let path = match version {
        RodVersion::V1_6 => super::caches16().into_iter().find(|c| c.0 == "basics")?.1.join("@mcolors.rod"),
        RodVersion::V2_0 => super::shared_corpus()?.join("s1/nim-2.0.0/cache/@ms1_util.rod"),
        RodVersion::V2_2 => super::shared_corpus()?.join("s1/nim-2.2.0/cache/@ms1_util.rod"),
    };
    let bytes = std::fs::read(&path).ok()?;
    Some((path, bytes))
}

fn section(m: &PackedModule, kind: SectionKind) -> (usize, usize) {
    let s = m.section(kind).unwrap_or_else(|| panic!("the base file has no {kind:?} section"));
    (s.span.start, s.span.end)
}

/// `bytes` with the payload of section `kind` (everything after its tag) replaced.
pub fn splice(bytes: &[u8], kind: SectionKind, payload: &[u8]) -> Vec<u8> {
    let m = decode(bytes).expect("the base file decodes");
    let (start, end) = section(&m, kind);
    let mut out = Vec::with_capacity(bytes.len() + payload.len());
    out.extend_from_slice(&bytes[..start + 1]);
    out.extend_from_slice(payload);
    out.extend_from_slice(&bytes[end..]);
    out
}

/// A tree payload of `spans.len()` nodes of `kind` with these spans (atoms are kinds
/// ≤ 23, whose "span" is their operand), in the layout of `v`.
pub fn tree_payload(v: RodVersion, nodes: &[(u8, i32)]) -> Vec<u8> {
    let mut p = Vec::new();
    p.extend_from_slice(&(nodes.len() as i32).to_le_bytes());
    for &(kind, operand) in nodes {
        if v == RodVersion::V2_2 {
            let x = kind as u32 | ((operand as u32) << 8);
            p.extend_from_slice(&x.to_le_bytes());
            p.extend_from_slice(&0u32.to_le_bytes()); // inline info: no file
        } else {
            let mut r = [0u8; 28];
            r[0] = kind;
            r[8..12].copy_from_slice(&operand.to_le_bytes());
            r[16..20].copy_from_slice(&(-1i32).to_le_bytes()); // typ: nilItemId
            p.extend_from_slice(&r);
        }
    }
    if v == RodVersion::V2_2 {
        p.extend_from_slice(&0i32.to_le_bytes()); // withFlags
        p.extend_from_slice(&0i32.to_le_bytes()); // withTypes
    }
    p
}

/// nkStmtList nodes nested `depth` deep: node i spans all nodes after it.
pub fn chain(depth: usize) -> Vec<(u8, i32)> {
    (0..depth).map(|i| (115u8, (depth - i) as i32)).collect()
}

/// `bytes` (of version `v`) with its bodies replaced by a chain `depth` deep.
pub fn deep_bodies(v: RodVersion, bytes: &[u8], depth: usize) -> Vec<u8> {
    splice(bytes, SectionKind::Bodies, &tree_payload(v, &chain(depth)))
}

/// `bytes` with `n` include entries (checkSums) all naming the module's own path,
/// with two alternating 40-character hashes: all but the last are stale.
pub fn many_includes(bytes: &[u8], n: usize) -> Vec<u8> {
    let m = decode(bytes).expect("the base file decodes");
    let own = m.path_id().expect("the base file has includes[0]").0;
    let mut p = Vec::with_capacity(4 + n * 48);
    p.extend_from_slice(&(n as i32).to_le_bytes());
    for i in 0..n {
        p.extend_from_slice(&own.to_le_bytes());
        p.extend_from_slice(&40i32.to_le_bytes());
        let h = if i % 2 == 0 { b'a' } else { b'b' };
        p.extend_from_slice(&[h; 40]);
    }
    splice(bytes, SectionKind::CheckSums, &p)
}

/// A 2.2 file with symbol record `k`'s id set to `id` (the id is the first field of
/// a 136-byte record after the section's tag and count).
pub fn set_sym_id(bytes: &[u8], k: usize, id: i32) -> Vec<u8> {
    let m = decode(bytes).expect("the base file decodes");
    assert_eq!(m.version, RodVersion::V2_2, "only 2.2 symbol tables are keyed by id");
    let (start, _) = section(&m, SectionKind::Syms);
    let at = start + 1 + 4 + k * m.version.sym_size();
    let mut out = bytes.to_vec();
    out[at..at + 4].copy_from_slice(&id.to_le_bytes());
    out
}

/// Number of symbol records of a file.
pub fn sym_records(bytes: &[u8]) -> usize {
    decode(bytes).map(|m| m.syms.records.len()).unwrap_or(0)
}

/// `bytes` with the count of section `kind` set to `count` (a length prefix that
/// claims far more than the file holds).
pub fn huge_count(bytes: &[u8], kind: SectionKind, count: i32) -> Vec<u8> {
    let m = decode(bytes).expect("the base file decodes");
    let (start, _) = section(&m, kind);
    let mut out = bytes.to_vec();
    out[start + 1..start + 5].copy_from_slice(&count.to_le_bytes());
    out
}
