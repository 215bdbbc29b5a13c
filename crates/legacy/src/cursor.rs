//! A bounds-checked byte cursor with the two primitive encodings of every legacy
//! format (`compiler/rodutils.nim`): the base-190 `VInt` and the escaped `Str`.

use rod_format::{Error, ErrorKind, Result};

/// Longest VInt accepted: 9 base-190 digits exceed 2^63 (a cap, not a format rule).
const MAX_VINT_DIGITS: usize = 9;
/// The shift `encodeVInt` adds before encoding (`vintDelta`).
const VINT_DELTA: i64 = 5;

/// A position in a byte slice. Errors carry the absolute offset (`base` + position)
/// and the section being read.
#[derive(Clone, Debug)]
pub struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
    base: usize,
    section: &'static str,
}

fn digit_value(b: u8) -> Option<i64> {
    match b {
        b'0'..=b'9' => Some(i64::from(b - b'0')),
        b'a'..=b'z' => Some(i64::from(b - b'a') + 10),
        b'A'..=b'Z' => Some(i64::from(b - b'A') + 36),
        0x80..=0xFF => Some(i64::from(b - 0x80) + 62),
        _ => None,
    }
}

/// True for the bytes a `Str` writes as themselves.
pub fn is_str_plain(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

impl<'a> Cursor<'a> {
    /// A cursor over `bytes`, whose first byte is at absolute offset `base`.
    pub fn new(bytes: &'a [u8], base: usize, section: &'static str) -> Self {
        Cursor { bytes, pos: 0, base, section }
    }

    /// The position relative to the start of the slice.
    pub fn pos(&self) -> usize {
        self.pos
    }

    /// The absolute offset of the current position.
    pub fn abs(&self) -> usize {
        self.base.saturating_add(self.pos)
    }

    /// The section name errors report.
    pub fn section(&self) -> &'static str {
        self.section
    }

    /// True when every byte has been read.
    pub fn at_end(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    /// The next byte, without consuming it.
    pub fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// The byte after the next one, without consuming anything.
    pub fn peek2(&self) -> Option<u8> {
        self.bytes.get(self.pos.saturating_add(1)).copied()
    }

    /// Consumes `b` if it is the next byte.
    pub fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// Consumes `b` or fails.
    pub fn expect(&mut self, b: u8, what: &str) -> Result<()> {
        if self.eat(b) {
            Ok(())
        } else {
            Err(self.err_here(format!("expected {what} ({:?})", b as char)))
        }
    }

    /// An error at the current position.
    pub fn err_here(&self, message: impl Into<String>) -> Error {
        let kind = if self.at_end() { ErrorKind::UnexpectedEnd } else { ErrorKind::InvalidValue };
        Error::new(kind, message, self.abs()).in_section(self.section)
    }

    /// An error of `kind` at the current position.
    pub fn err_kind(&self, kind: ErrorKind, message: impl Into<String>) -> Error {
        Error::new(kind, message, self.abs()).in_section(self.section)
    }

    /// True when the next byte starts a VInt (a digit or `-`).
    pub fn at_vint(&self) -> bool {
        match self.peek() {
            Some(b'-') => true,
            Some(b) => digit_value(b).is_some(),
            None => false,
        }
    }

    /// Reads a VInt (also used for the 64-bit `VBiggestInt`).
    pub fn vint(&mut self) -> Result<i64> {
        let start = self.pos;
        let sign: i64 = if self.eat(b'-') { 1 } else { -1 };
        let mut r: i64 = 0;
        let mut digits = 0usize;
        while let Some(d) = self.peek().and_then(digit_value) {
            digits += 1;
            if digits > MAX_VINT_DIGITS {
                self.pos = start;
                return Err(self.err_kind(ErrorKind::TooBig, "number with more than 9 digits"));
            }
            r = match r.checked_mul(190).and_then(|x| x.checked_sub(d)) {
                Some(v) => v,
                None => {
                    self.pos = start;
                    return Err(self.err_kind(ErrorKind::TooBig, "number out of range"));
                }
            };
            self.pos += 1;
        }
        if digits == 0 {
            self.pos = start;
            return Err(self.err_here("expected a number"));
        }
        // The writer adds the delta with wrapping int64 arithmetic (high(int64) + 5
        // wraps), so the reader undoes it the same way.
        Ok(r.wrapping_mul(sign).wrapping_sub(VINT_DELTA))
    }

    /// Reads a VInt that must fit in an i32 (ids, kinds, line infos).
    pub fn vint32(&mut self) -> Result<i32> {
        let at = self.clone();
        let v = self.vint()?;
        i32::try_from(v).map_err(|_| at.err_kind(ErrorKind::TooBig, format!("{v} does not fit in 32 bits")))
    }

    /// Reads an escaped `Str` (possibly empty) into raw bytes.
    pub fn str_bytes(&mut self) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        loop {
            match self.peek() {
                Some(b) if is_str_plain(b) => {
                    out.push(b);
                    self.pos += 1;
                }
                Some(b'\\') => {
                    let hex = |b: Option<u8>| b.and_then(|c| (c as char).to_digit(16));
                    let hi = hex(self.bytes.get(self.pos + 1).copied());
                    let lo = hex(self.bytes.get(self.pos + 2).copied());
                    match (hi, lo) {
                        (Some(h), Some(l)) => {
                            out.push((h * 16 + l) as u8);
                            self.pos += 3;
                        }
                        _ => return Err(self.err_here("bad \\HH escape in a string")),
                    }
                }
                _ => return Ok(out),
            }
        }
    }

    /// Reads an escaped `Str` as text (invalid UTF-8 replaced).
    pub fn str(&mut self) -> Result<String> {
        let b = self.str_bytes()?;
        Ok(match String::from_utf8(b) {
            Ok(s) => s,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        })
    }

    /// Reads bytes up to (not including) `stop` or the end; returns them.
    pub fn take_until(&mut self, stop: u8) -> &'a [u8] {
        let rest = self.bytes.get(self.pos..).unwrap_or_default();
        let n = rest.iter().position(|&b| b == stop).unwrap_or(rest.len());
        self.pos += n;
        rest.get(..n).unwrap_or_default()
    }

    /// Reads `[A-Za-z0-9_]+` (a section name).
    pub fn word(&mut self) -> &'a [u8] {
        let rest = self.bytes.get(self.pos..).unwrap_or_default();
        let n = rest.iter().position(|&b| !is_str_plain(b)).unwrap_or(rest.len());
        self.pos += n;
        rest.get(..n).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &[u8]) -> i64 {
        Cursor::new(s, 0, "t").vint().unwrap()
    }

    #[test]
    fn vint_examples_of_the_doc() {
        assert_eq!(v(b"5"), 0);
        assert_eq!(v(b"6"), 1);
        assert_eq!(v(b"4"), -1);
        assert_eq!(v(b"0"), -5);
        assert_eq!(v(b"-1"), -6);
        assert_eq!(v(b"-B"), -42);
        assert_eq!(v(b"a"), 5);
        assert_eq!(v(b"2k7"), 76002);
        assert_eq!(v(b"\xac"), 101);
        assert_eq!(v(b"-\x83\xc7\x80Z"), -450648146);
        assert_eq!(v(b"1\xf5q\xf5"), 13326014);
    }

    #[test]
    fn str_escapes() {
        let mut c = Cursor::new(b"shapes\\2Enim rest", 0, "t");
        assert_eq!(c.str().unwrap(), "shapes.nim");
        assert_eq!(c.peek(), Some(b' '));
    }
}
