//! Damaged legacy caches: truncations, bit flips, absurd numbers, broken page
//! pointers and cycles must give an error (or a decoded cache), never a panic, hang
//! or huge allocation.

mod common;

use rod_legacy::sqlite::Db;

/// A small deterministic generator (xorshift64*).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn decode_any(bytes: &[u8]) -> bool {
    match rod_legacy::detect(bytes).era() {
        Some(e) if e.is_text() => rod_legacy::text::decode(bytes).is_ok(),
        Some(_) => rod_legacy::db::decode(bytes).is_ok(),
        None => false,
    }
}

fn scan_all(bytes: &[u8]) -> Result<usize, rod_format::Error> {
    let db = Db::open(bytes)?;
    let mut n = 0;
    for t in db.schema.iter().filter(|t| t.kind == "table") {
        db.scan(t.root, "t", |_| {
            n += 1;
            Ok(())
        })?;
    }
    Ok(n)
}

#[test]
fn damaged_text_files_never_panic() {
    let Some(root) = common::corpus() else { return };
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut runs, mut ok) = (0usize, 0usize);
    for dir in ["text-0.9.0/p1", "text-0.17.2/p1"] {
        for (name, bytes) in common::files(&root.join(dir)) {
            if !(name == "shapes.rod" || name == "main.rod" || name == "hashes.rod") {
                continue;
            }
            // Truncations at 200 points.
            for i in 0..200 {
                let cut = bytes.len() * i / 200;
                runs += 1;
                ok += usize::from(decode_any(&bytes[..cut]));
            }
            // 1500 single-bit flips and 300 absurd-number splices.
            for _ in 0..1500 {
                let mut b = bytes.clone();
                let at = rng.below(b.len());
                b[at] ^= 1 << rng.below(8);
                runs += 1;
                ok += usize::from(decode_any(&b));
            }
            for _ in 0..300 {
                let mut b = bytes.clone();
                let at = rng.below(b.len());
                let splice: &[u8] = [b"\xff\xff\xff\xff\xff\xff\xff\xff\xff".as_slice(), b"-\xff\xff\xff\xff\xff\xff\xff\xff", b"((((((", b"zzzzzzzzz"][rng.below(4)];
                b.splice(at..at, splice.iter().copied());
                runs += 1;
                ok += usize::from(decode_any(&b));
            }
        }
    }
    println!("ORACLE: legacy robustness text: {runs} damaged .rod files, {ok} still decoded, {} errors, 0 panics", runs - ok);
}

#[test]
fn damaged_databases_never_panic() {
    let Some(root) = common::corpus() else { return };
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    let (mut runs, mut errs) = (0usize, 0usize);
    for dir in ["sqlite-0.19.6/p2", "sqlite-1.4.8/p1"] {
        let bytes = std::fs::read(root.join(dir).join("rodfiles.db")).unwrap();
        let page = 4096usize;
        let pages = bytes.len() / page;
        // Truncations: full decode at 40 points.
        for i in 0..40 {
            let cut = bytes.len() * i / 40 + i;
            runs += 1;
            errs += usize::from(!decode_any(&bytes[..cut.min(bytes.len())]));
        }
        // Bit flips in page headers and cell pointers (b-tree structure): 1500 per DB.
        for _ in 0..1500 {
            let mut b = bytes.clone();
            let p = rng.below(pages);
            let at = p * page + if p == 0 { 100 } else { 0 } + rng.below(40);
            b[at] ^= 1 << rng.below(8);
            runs += 1;
            errs += usize::from(scan_all(&b).is_err());
        }
        // Anywhere in the file: 60 full decodes.
        for _ in 0..60 {
            let mut b = bytes.clone();
            let at = rng.below(b.len());
            b[at] ^= 1 << rng.below(8);
            runs += 1;
            errs += usize::from(!decode_any(&b));
        }
        // Broken pointers: child pointers and right-most pointers out of range, to
        // page 1 (a cycle), to itself; overflow pointers to page 1.
        for p in 1..pages {
            let base = p * page;
            let kind = bytes[base];
            if kind != 0x05 && kind != 0x0D {
                continue;
            }
            for target in [0u32, u32::MAX, (pages + 5) as u32, 1, (p + 1) as u32] {
                let mut b = bytes.clone();
                if kind == 0x05 {
                    b[base + 8..base + 12].copy_from_slice(&target.to_be_bytes());
                } else {
                    // The first cell's first 4 bytes after its header: corrupts the
                    // payload or (for a spilled cell) its overflow pointer.
                    let ptr = u16::from_be_bytes([b[base + 8], b[base + 9]]) as usize;
                    let end = base + page;
                    let at = (base + ptr + 4).min(end - 4);
                    b[at..at + 4].copy_from_slice(&target.to_be_bytes());
                }
                runs += 1;
                errs += usize::from(scan_all(&b).is_err());
            }
            if p > 60 {
                break;
            }
        }
        // Absurd header numbers.
        for (at, val) in [(16usize, [0u8, 3]), (16, [0xFF, 0xFF]), (28, [0xFF, 0xFF]), (20, [0xFF, 0])] {
            let mut b = bytes.clone();
            b[at..at + 2].copy_from_slice(&val);
            runs += 1;
            errs += usize::from(!decode_any(&b));
        }
    }
    // A cycle must be an error: make page 2's right-most child point back at itself.
    let bytes = std::fs::read(root.join("sqlite-1.4.8/p1/rodfiles.db")).unwrap();
    let db = Db::open(&bytes).unwrap();
    let syms_root = db.table("syms").unwrap().root as usize;
    let base = (syms_root - 1) * 4096;
    assert_eq!(bytes[base], 0x05, "syms root is an interior page");
    let mut b = bytes.clone();
    b[base + 8..base + 12].copy_from_slice(&(syms_root as u32).to_be_bytes());
    let e = rod_legacy::db::decode(&b).unwrap_err();
    assert!(e.to_string().contains("cycle"), "{e}");
    println!("ORACLE: legacy robustness sqlite: {runs} damaged databases, {errs} errors, 0 panics; a b-tree cycle is reported: {e}");
}
