//! Hostile input: always Ok or Err, never a panic, a hang or a huge allocation.

mod common;

fn both(bytes: &[u8]) {
    let _ = rod_nif::read(bytes, "m");
    let _ = rod_nif::text::parse(bytes, "m");
    let _ = rod_nif::detect(bytes);
    if let Ok(d) = rod_nif::read(bytes, "m") {
        let _ = rod_nif::render::canonical_text(&d);
        let _ = rod_nif::dce::read_dce(&d);
        let _ = rod_nif::dce::read_live(&d);
    }
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn synthetic_hostile_inputs() {
    // Deep nesting, 1M levels, in text: an error, not a stack overflow.
    let deep = "(a".repeat(1_000_000);
    assert!(rod_nif::text::parse(deep.as_bytes(), "m").is_err());
    let deep_closed = format!("{}{}", "(a".repeat(1_000_000), ")".repeat(1_000_000));
    assert!(rod_nif::text::parse(deep_closed.as_bytes(), "m").is_err());
    // Within the limit it parses and renders without recursion.
    let ok = format!("{}{}", "(a".repeat(50_000), ")".repeat(50_000));
    let d = rod_nif::text::parse(ok.as_bytes(), "m").unwrap();
    assert_eq!(d.nodes().len(), 50_000);
    let _ = rod_nif::render::plain_text(&d);
    for s in ["(", ")", "(a))", "((", "(a", "\"abc", "'", "'\\4", ":", "-", "(a@", "(a@~", "(a#x", "(.index (x a.0. -5))", "(a 99999999999999999999999)", "(a@zzzzzzzzzzzz)", "(a \\ZZ)"] {
        both(s.as_bytes());
    }
    // BIF: absurd counts and lengths, deep nesting, bad kinds.
    let mut h = b"NIFBIN\x00\x05".to_vec();
    h.extend_from_slice(&u64::MAX.to_le_bytes());
    for counts in [[0xFFu8; 5], [0xF8, 0xF8, 0xF8, 0xF8, 0xF8]] {
        let mut b = h.clone();
        b.extend_from_slice(&counts);
        b.extend_from_slice(&[0; 64]);
        assert!(rod_nif::bif::decode(&b, "m").is_err());
    }
    // 1M nested TagLits of jump "rest of file": the depth cap rejects it.
    let n = 1_000_000u32;
    let mut b = b"NIFBIN\x00\x05".to_vec();
    b.extend_from_slice(&0u64.to_le_bytes());
    b.extend_from_slice(&[0xFA, 0x0F, 0x42, 0x40, 1, 0, 0, 0]); // tokens = 1_000_000 (3-byte BE), 1 tag
    while !b.len().is_multiple_of(4) {
        b.push(0);
    }
    for i in 0..n {
        let jump = n - i - 1;
        b.extend_from_slice(&((jump & 0x7FFFF) << 13 | 1 << 4 | 9).to_le_bytes());
    }
    b.extend_from_slice(b"\x01a\x00");
    let at = (b.len() - 1) as u64;
    b[8..16].copy_from_slice(&at.to_le_bytes());
    let e = rod_nif::bif::decode(&b, "m").unwrap_err();
    assert!(e.message().contains("nesting deeper"), "{e}");
    println!("ORACLE: nif robustness: 1M-deep text and BIF nesting, absurd BIF counts, {} malformed snippets: all Err, no panic", 17);
}

#[test]
fn corpus_truncations_and_bit_flips() {
    let Some(root) = common::corpus() else {
        println!("SKIP: ../shared/corpus-nif not present");
        return;
    };
    let small = [
        "p1_hello/nimcache/matk5honb.s.nif",
        "p1_hello/nimcache/matk5honb.dce.nif",
        "p1_hello/bif_niftools/matk5honb.s.bif",
        "p1_hello/bif_niftools/mai3r4ykk.s.bif",
        "p2_generics/nimcache/mai3r4ykk.s.nif",
        "p2_generics/bif_niftools/usebprztr1.s.bif",
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut cuts, mut flips, mut errs) = (0, 0, 0);
    for f in small {
        let bytes = std::fs::read(root.join(f)).unwrap();
        for cut in 0..bytes.len() {
            cuts += 1;
            errs += usize::from(rod_nif::read(&bytes[..cut], "m").is_err());
            both(&bytes[..cut]);
        }
        for _ in 0..2000 {
            let mut b = bytes.clone();
            let bit = rng.next() as usize % (b.len() * 8);
            b[bit / 8] ^= 1 << (bit % 8);
            flips += 1;
            both(&b);
        }
    }
    println!("ORACLE: nif robustness: {cuts} truncations ({errs} Err), {flips} single-bit flips over {} files: no panic", small.len());
}
