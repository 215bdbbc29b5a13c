//! Telling 1.6, 2.0 and 2.2 files apart from the bytes of one file.

use crate::decode::{blame_second, decode_as, rod_v1_guess};
use crate::version::RodVersion;
use rod_format::{Header, COOKIE_PREFIX, HEADER_LEN};

/// What kind of IC file this is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FileKind {
    /// A `.rod` module file.
    Rod,
    /// An `.alivesyms` live-set file.
    AliveSyms,
}

/// What the first 9 bytes of a file say it is (see [`sniff`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Sniff {
    /// The `\0ROD` magic, then the config tag (1): a `.rod` file.
    Rod,
    /// The magic, then the aliveSyms tag of this version.
    AliveSyms(RodVersion),
    /// The magic, then some other tag.
    UnknownIc,
    /// Not an IC file (no magic, or shorter than a header).
    Other,
}

/// The cheap first step of [`detect`]: the `\0ROD` magic and the first section tag
/// (`.rod` files start with config = 1; `.alivesyms` with 27, 26 or 28 after
/// RodVersion 1, 1 or 2). Reads 9 bytes at most, so a loader can sort files before
/// decoding anything; word size, byte order and version are checked by decoding.
pub fn sniff(bytes: &[u8]) -> Sniff {
    if bytes.len() < HEADER_LEN || bytes[..4] != COOKIE_PREFIX[..4] {
        return Sniff::Other;
    }
    match (bytes[7], bytes.get(HEADER_LEN).copied()) {
        (_, Some(1)) => Sniff::Rod,
        (1, Some(27)) => Sniff::AliveSyms(RodVersion::V1_6),
        (1, Some(26)) => Sniff::AliveSyms(RodVersion::V2_0),
        (2, Some(28)) => Sniff::AliveSyms(RodVersion::V2_2),
        _ => Sniff::UnknownIc,
    }
}

/// The verdict of [`detect`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Detection {
    /// `.rod` or `.alivesyms`, when the header and first tag say so.
    pub kind: Option<FileKind>,
    /// The layout: the one that fits, or the best guess for a damaged file.
    pub version: Option<RodVersion>,
    /// True when exactly one layout reads the whole file.
    pub confirmed: bool,
    /// Why, in words (the decode error for a damaged file).
    pub reason: String,
}

/// Classifies a file: the cookie's RodVersion (2 → 2.2), the first tag (`.rod`
/// starts with config = 1; `.alivesyms` with 27/26/28), then for `.rod` files a
/// try-parse with each candidate layout; the end bytes only break ties for
/// damaged files.
pub fn detect(bytes: &[u8]) -> Detection {
    let h = match Header::parse(bytes) {
        Ok(h) => h,
        Err(e) => return Detection { kind: None, version: None, confirmed: false, reason: e.to_string() },
    };
    let tag = bytes.get(HEADER_LEN).copied();
    let sniffed = sniff(bytes);
    if let Sniff::AliveSyms(v) = sniffed {
        return match crate::alive::AliveSyms::decode(bytes) {
            Ok(a) => Detection {
                kind: Some(FileKind::AliveSyms),
                version: Some(v),
                confirmed: true,
                reason: format!("aliveSyms tag {} with {} ids", v.alive_syms_tag(), a.ids.len()),
            },
            Err(e) => Detection { kind: Some(FileKind::AliveSyms), version: Some(v), confirmed: false, reason: format!("damaged: {e}") },
        };
    }
    if sniffed != Sniff::Rod {
        let t = tag.map_or("nothing".to_string(), |t| format!("tag {t}"));
        return Detection { kind: None, version: None, confirmed: false, reason: format!("after the header comes {t}, neither config (1) nor aliveSyms") };
    }
    let (candidates, intact_ending) = if h.rod_version == 2 {
        (vec![RodVersion::V2_2], true)
    } else {
        let (c, intact) = rod_v1_guess(bytes);
        (c.to_vec(), intact)
    };
    let results: Vec<_> = candidates.iter().map(|&v| (v, decode_as(bytes, v))).collect();
    let fitting: Vec<RodVersion> = results.iter().filter(|r| r.1.is_ok()).map(|r| r.0).collect();
    match fitting.as_slice() {
        [v] => Detection {
            kind: Some(FileKind::Rod),
            version: Some(*v),
            confirmed: true,
            reason: format!("RodVersion {}; only the {} layout reads the whole file", h.rod_version, v.compiler()),
        },
        [] => {
            // the error `decode` reports
            let guess = match results.as_slice() {
                [(_, Err(e1)), second @ (_, Err(e2))] if blame_second(intact_ending, e1, e2) => second,
                [first, ..] => first,
                [] => return Detection { kind: Some(FileKind::Rod), version: None, confirmed: false, reason: "no layout".into() },
            };
            let (v, e) = guess;
            let e = e.as_ref().err().map(|e| e.to_string()).unwrap_or_default();
            Detection { kind: Some(FileKind::Rod), version: Some(*v), confirmed: false, reason: format!("damaged (layout guessed: {}): {e}", v.compiler()) }
        }
        _ => Detection {
            kind: Some(FileKind::Rod),
            version: Some(fitting[0]),
            confirmed: false,
            reason: "ambiguous: more than one layout reads the whole file".into(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniff_by_content() {
        assert_eq!(sniff(b""), Sniff::Other);
        assert_eq!(sniff(b"hello world"), Sniff::Other);
        assert_eq!(sniff(&[0, b'R', b'O', b'D', 0x40, 0, 0, 1, 1]), Sniff::Rod);
        assert_eq!(sniff(&[0, b'R', b'O', b'D', 0x40, 0, 0, 1, 27]), Sniff::AliveSyms(RodVersion::V1_6));
        assert_eq!(sniff(&[0, b'R', b'O', b'D', 0x40, 0, 0, 2, 28]), Sniff::AliveSyms(RodVersion::V2_2));
        assert_eq!(sniff(&[0, b'R', b'O', b'D', 0x40, 0, 0, 2, 9]), Sniff::UnknownIc);
    }

    /// A RodVersion-1 file cut inside its trees fails at the same offset with both
    /// layouts (1.6 bodies and 2.0 syms share tag 17): the guess must be the one
    /// `decode` reports, the end-byte candidate.
    #[test]
    fn ties_go_to_the_first_candidate() {
        let mut b = vec![0u8, b'R', b'O', b'D', 0x40, 0, 0, 1, 1];
        b.extend_from_slice(&[0xff; 8]);
        let d = detect(&b);
        assert!(!d.confirmed);
        assert_eq!(d.version, Some(RodVersion::V1_6), "{}", d.reason);
        let e = crate::decode(&b).unwrap_err();
        assert!(d.reason.ends_with(&e.to_string()), "{} / {e}", d.reason);
    }
}
