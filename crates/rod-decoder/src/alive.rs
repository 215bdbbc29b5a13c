//! `.alivesyms` files: the compiler's live-symbol set of one module.

use crate::ids::SymId;
use crate::version::RodVersion;
use rod_format::{le, ErrorKind, Header, Reader, Result, HEADER_LEN};

/// A decoded `.alivesyms` file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AliveSyms {
    /// Which compiler wrote it (from the section tag).
    pub version: RodVersion,
    /// The alive symbol ids, as stored (strictly ascending in every real file).
    pub ids: Vec<SymId>,
}

impl AliveSyms {
    /// Decodes an `.alivesyms` file: cookie, the aliveSyms tag (27 in 1.6, 26 in
    /// 2.0, 28 in 2.2), then a `seq[int32]`, and nothing after it.
    pub fn decode(bytes: &[u8]) -> Result<AliveSyms> {
        let h = Header::parse(bytes)?;
        let mut r = Reader::new(&bytes[HEADER_LEN..], HEADER_LEN);
        r.set_section("aliveSyms");
        let at = r.offset();
        let tag = r.u8()?;
        let version = match (h.rod_version, tag) {
            (1, 27) => RodVersion::V1_6,
            (1, 26) => RodVersion::V2_0,
            (2, 28) => RodVersion::V2_2,
            (_, t) => {
                let what = if t == 1 { " (this looks like a .rod file, not an .alivesyms file)" } else { "" };
                return Err(r.error_at(
                    ErrorKind::WrongSection,
                    format!("expected the aliveSyms tag (27, 26 or 28 for RodVersion {}), found {t}{what}", h.rod_version),
                    at,
                ));
            }
        };
        let (n, b) = r.seq_records(4)?;
        let ids = (0..n).map(|i| SymId(le::i32(b, i * 4))).collect();
        if !r.is_empty() {
            return Err(r.error(ErrorKind::TrailingBytes, format!("{} bytes after the id list", r.remaining())));
        }
        Ok(AliveSyms { version, ids })
    }

    /// The first position where the ids are not strictly ascending, if any.
    pub fn unsorted_at(&self) -> Option<usize> {
        self.ids.windows(2).position(|w| w[0] >= w[1]).map(|i| i + 1)
    }
}
