//! The 8-byte cookie that starts every `.rod` and `.alivesyms` file.

use crate::{Error, ErrorKind, Result};

/// Length of the cookie in bytes.
pub const HEADER_LEN: usize = 8;

/// Bytes 0..7 of every file we can read: magic `\0ROD`, `sizeof(int)*8 = 64`,
/// `cpuEndian = littleEndian (0)`, a reserved zero. Byte 7 is the RodVersion.
pub const COOKIE_PREFIX: [u8; 7] = [0x00, b'R', b'O', b'D', 0x40, 0x00, 0x00];

/// Which part of the cookie is wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeaderFault {
    /// Fewer than 8 bytes.
    Short,
    /// Bytes 0..3 are not `\0ROD`: not a rod file at all.
    NotRod,
    /// Byte 4 is not 64: written by a compiler with another `int` size.
    WordSize(u8),
    /// Byte 5 is not 0: written on a big-endian machine.
    BigEndian(u8),
    /// Byte 6 (reserved) is not 0.
    Reserved(u8),
    /// Byte 7, the RodVersion, is neither 1 nor 2.
    UnknownVersion(u8),
}

/// A parsed cookie.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Header {
    /// Byte 7: 1 for Nim 1.6.x and 2.0.x, 2 for Nim 2.2.x.
    pub rod_version: u8,
}

impl Header {
    /// Checks the cookie and reports which byte is wrong.
    pub fn parse(data: &[u8]) -> Result<Header> {
        Self::check(data).map_err(|(fault, off)| {
            let msg = match fault {
                HeaderFault::Short => format!("file too short for a rod header ({} bytes, need 8)", data.len()),
                HeaderFault::NotRod => "not a rod file: missing the \\0ROD magic".to_string(),
                HeaderFault::WordSize(b) => format!("written for {b}-bit int, only 64-bit is supported"),
                HeaderFault::BigEndian(b) => format!("written on a big-endian machine (cpuEndian byte {b})"),
                HeaderFault::Reserved(b) => format!("reserved header byte is {b}, expected 0"),
                HeaderFault::UnknownVersion(b) => format!("unknown RodVersion {b} (known: 1, 2)"),
            };
            Error::new(ErrorKind::WrongHeader, msg, off).in_section("header")
        })
    }

    /// The fault and the offset of the first wrong byte, without building a message.
    pub fn check(data: &[u8]) -> std::result::Result<Header, (HeaderFault, usize)> {
        let Some(h) = data.get(..HEADER_LEN) else {
            return Err((HeaderFault::Short, data.len()));
        };
        if h[..4] != COOKIE_PREFIX[..4] {
            let off = h.iter().zip(COOKIE_PREFIX.iter()).position(|(a, b)| a != b).unwrap_or(0);
            return Err((HeaderFault::NotRod, off));
        }
        if h[4] != 0x40 {
            return Err((HeaderFault::WordSize(h[4]), 4));
        }
        if h[5] != 0 {
            return Err((HeaderFault::BigEndian(h[5]), 5));
        }
        if h[6] != 0 {
            return Err((HeaderFault::Reserved(h[6]), 6));
        }
        match h[7] {
            1 | 2 => Ok(Header { rod_version: h[7] }),
            v => Err((HeaderFault::UnknownVersion(v), 7)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_wrong_byte_is_named() {
        let good = [0u8, b'R', b'O', b'D', 0x40, 0, 0, 1];
        assert_eq!(Header::parse(&good).map(|h| h.rod_version), Ok(1));
        let cases: [(usize, u8, &str); 4] =
            [(1, b'X', "not a rod"), (4, 32, "32-bit"), (5, 1, "big-endian"), (7, 9, "RodVersion 9")];
        for (i, b, needle) in cases {
            let mut bad = good;
            bad[i] = b;
            let e = Header::parse(&bad).unwrap_err();
            assert_eq!(e.offset(), i);
            assert!(e.to_string().contains(needle), "{e}");
        }
        assert_eq!(Header::parse(&good[..3]).unwrap_err().kind(), ErrorKind::WrongHeader);
    }
}
