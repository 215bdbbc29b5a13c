//! A bounds-checked little-endian cursor that keeps absolute file offsets.

use crate::{Error, ErrorKind, Result};

/// Where one section lies in the file: its tag byte is at `start`, its payload
/// ends at `end` (exclusive).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SectionSpan {
    /// The tag byte as written.
    pub tag: u8,
    /// The section's name in the compiler's vocabulary (`bodiesSection` → `bodies`).
    pub name: &'static str,
    /// Absolute offset of the tag byte.
    pub start: usize,
    /// Absolute offset one past the last payload byte.
    pub end: usize,
    /// Number of elements (sequence count, or table entries), when the payload has one.
    pub count: Option<u32>,
}

impl SectionSpan {
    /// Size in bytes, tag included.
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    /// True for a zero-length span (never the case for a parsed section).
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }
}

/// A cursor over a byte slice. Every read is bounds-checked and every error carries
/// the absolute offset (`base` + position) and the current section name.
#[derive(Clone, Debug)]
pub struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
    base: usize,
    section: &'static str,
}

impl<'a> Reader<'a> {
    /// A reader over `data`, whose first byte is at absolute offset `base`.
    pub fn new(data: &'a [u8], base: usize) -> Self {
        Reader { data, pos: 0, base, section: "header" }
    }

    /// Names the section that following errors are reported in.
    pub fn set_section(&mut self, name: &'static str) {
        self.section = name;
    }
    /// The section that errors are reported in.
    pub fn section(&self) -> &'static str {
        self.section
    }

    /// Absolute offset of the next byte.
    #[inline]
    pub fn offset(&self) -> usize {
        self.base + self.pos
    }
    /// Bytes not yet read.
    #[inline]
    pub fn remaining(&self) -> usize {
        self.data.len() - self.pos
    }
    /// True when everything was read.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.pos >= self.data.len()
    }

    /// An error of `kind` at the current offset, in the current section.
    pub fn error(&self, kind: ErrorKind, message: impl Into<String>) -> Error {
        self.error_at(kind, message, self.offset())
    }
    /// An error of `kind` at an absolute offset, in the current section.
    pub fn error_at(&self, kind: ErrorKind, message: impl Into<String>, offset: usize) -> Error {
        Error::new(kind, message, offset).in_section(self.section)
    }

    /// The next `n` bytes, or `UnexpectedEnd`.
    #[inline]
    pub fn bytes(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.data.len()).ok_or_else(|| self.short(n))?;
        let s = &self.data[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    // The error paths are out of line so the accessors stay small enough to inline.
    #[cold]
    #[inline(never)]
    fn short(&self, n: usize) -> Error {
        self.error(ErrorKind::UnexpectedEnd, format!("file ends: need {n} bytes, {} left", self.remaining()))
    }
    #[cold]
    #[inline(never)]
    fn bad_count(&self, n: i32, min_elem_size: usize, at: usize) -> Error {
        if n < 0 {
            return self.error_at(ErrorKind::InvalidValue, format!("negative length {n}"), at);
        }
        let need = (n as usize).saturating_mul(min_elem_size);
        self.error_at(ErrorKind::TooBig, format!("length {n} needs at least {need} bytes, only {} left", self.remaining()), at)
    }

    /// Skips `n` bytes.
    #[inline]
    pub fn skip(&mut self, n: usize) -> Result<()> {
        self.bytes(n).map(|_| ())
    }

    #[inline]
    fn array<const N: usize>(&mut self) -> Result<[u8; N]> {
        let b = self.bytes(N)?;
        let mut a = [0u8; N];
        a.copy_from_slice(b);
        Ok(a)
    }

    /// One byte.
    #[inline]
    pub fn u8(&mut self) -> Result<u8> {
        Ok(self.array::<1>()?[0])
    }
    /// A little-endian `u16`.
    #[inline]
    pub fn u16(&mut self) -> Result<u16> {
        self.array().map(u16::from_le_bytes)
    }
    /// A little-endian `i16`.
    #[inline]
    pub fn i16(&mut self) -> Result<i16> {
        self.array().map(i16::from_le_bytes)
    }
    /// A little-endian `u32`.
    #[inline]
    pub fn u32(&mut self) -> Result<u32> {
        self.array().map(u32::from_le_bytes)
    }
    /// A little-endian `i32`.
    #[inline]
    pub fn i32(&mut self) -> Result<i32> {
        self.array().map(i32::from_le_bytes)
    }
    /// A little-endian `u64`.
    #[inline]
    pub fn u64(&mut self) -> Result<u64> {
        self.array().map(u64::from_le_bytes)
    }
    /// A little-endian `i64`.
    #[inline]
    pub fn i64(&mut self) -> Result<i64> {
        self.array().map(i64::from_le_bytes)
    }

    /// Reads a section tag and checks it is `expected`.
    #[inline]
    pub fn tag(&mut self, expected: u8) -> Result<u8> {
        let at = self.offset();
        let t = self.u8()?;
        if t != expected {
            return Err(self.error_at(
                ErrorKind::WrongSection,
                format!("expected section tag {expected} ({}), found {t}", self.section),
                at,
            ));
        }
        Ok(t)
    }

    /// Reads an `i32` element count and checks that `count * min_elem_size` bytes
    /// remain, before the caller allocates anything.
    #[inline]
    pub fn count(&mut self, min_elem_size: usize) -> Result<usize> {
        let at = self.offset();
        let raw = self.i32()?;
        match usize::try_from(raw) {
            Ok(n) if n.saturating_mul(min_elem_size) <= self.remaining() => Ok(n),
            _ => Err(self.bad_count(raw, min_elem_size, at)),
        }
    }

    /// An `i32`-length-prefixed string, as raw bytes (Nim strings have no encoding).
    #[inline]
    pub fn string(&mut self) -> Result<&'a [u8]> {
        let n = self.count(1)?;
        self.bytes(n)
    }

    /// A sequence of `count` fixed-size records, as one slice (`count` already checked).
    #[inline]
    pub fn records(&mut self, count: usize, size: usize) -> Result<&'a [u8]> {
        let n = count.checked_mul(size).ok_or_else(|| self.error(ErrorKind::TooBig, "record array too big"))?;
        self.bytes(n)
    }

    /// An `i32`-count-prefixed sequence of fixed-size records: (count, bytes).
    #[inline]
    pub fn seq_records(&mut self, size: usize) -> Result<(usize, &'a [u8])> {
        let n = self.count(size)?;
        Ok((n, self.records(n, size)?))
    }
}

/// Little-endian field access inside a fixed-size record whose length the caller
/// already checked. Out-of-range offsets read as zero instead of panicking.
pub mod le {
    /// `u8` at `off`.
    #[inline]
    pub fn u8(b: &[u8], off: usize) -> u8 {
        b.get(off).copied().unwrap_or(0)
    }
    #[inline]
    fn arr<const N: usize>(b: &[u8], off: usize) -> [u8; N] {
        let mut a = [0u8; N];
        if let Some(s) = b.get(off..off + N) {
            a.copy_from_slice(s);
        }
        a
    }
    /// `u16` at `off`.
    #[inline]
    pub fn u16(b: &[u8], off: usize) -> u16 {
        u16::from_le_bytes(arr(b, off))
    }
    /// `i16` at `off`.
    #[inline]
    pub fn i16(b: &[u8], off: usize) -> i16 {
        i16::from_le_bytes(arr(b, off))
    }
    /// `u32` at `off`.
    #[inline]
    pub fn u32(b: &[u8], off: usize) -> u32 {
        u32::from_le_bytes(arr(b, off))
    }
    /// `i32` at `off`.
    #[inline]
    pub fn i32(b: &[u8], off: usize) -> i32 {
        i32::from_le_bytes(arr(b, off))
    }
    /// `u64` at `off`.
    #[inline]
    pub fn u64(b: &[u8], off: usize) -> u64 {
        u64::from_le_bytes(arr(b, off))
    }
    /// `i64` at `off`.
    #[inline]
    pub fn i64(b: &[u8], off: usize) -> i64 {
        i64::from_le_bytes(arr(b, off))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absurd_length_is_rejected_before_allocation() {
        let data = [0xff, 0xff, 0xff, 0x7f, 1, 2];
        let mut r = Reader::new(&data, 100);
        r.set_section("strings");
        let e = r.string().unwrap_err();
        assert_eq!(e.kind(), ErrorKind::TooBig);
        assert_eq!(e.offset(), 100);
        assert_eq!(e.section(), Some("strings"));
        assert!(e.to_string().ends_with("(at offset 0x64)"), "{e}");
    }

    #[test]
    fn negative_and_short() {
        let mut r = Reader::new(&[0xff, 0xff, 0xff, 0xff], 0);
        assert_eq!(r.count(1).unwrap_err().kind(), ErrorKind::InvalidValue);
        let mut r = Reader::new(&[1, 2], 8);
        assert_eq!(r.u32().unwrap_err().kind(), ErrorKind::UnexpectedEnd);
        assert_eq!(le::u32(&[1, 0], 0), 0);
    }

    #[test]
    fn wrong_tag() {
        let mut r = Reader::new(&[5], 9);
        r.set_section("bodies");
        let e = r.tag(17).unwrap_err();
        assert_eq!((e.kind(), e.offset()), (ErrorKind::WrongSection, 9));
    }
}
