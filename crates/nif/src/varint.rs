//! SQLite4-style varints (Nim's `std/varints`), as BIF uses them.

/// Decodes one varint at `bytes[pos..]`: the value and the position after it, or
/// `None` when the bytes end inside it.
pub(crate) fn read(bytes: &[u8], pos: usize) -> Option<(u64, usize)> {
    let b0 = *bytes.get(pos)?;
    match b0 {
        0..=240 => Some((u64::from(b0), pos + 1)),
        241..=248 => {
            let b1 = *bytes.get(pos + 1)?;
            Some(((u64::from(b0) - 241) * 256 + u64::from(b1) + 240, pos + 2))
        }
        249 => {
            let b1 = *bytes.get(pos + 1)?;
            let b2 = *bytes.get(pos + 2)?;
            Some((2288 + 256 * u64::from(b1) + u64::from(b2), pos + 3))
        }
        _ => {
            let n = usize::from(b0 - 247);
            let s = bytes.get(pos + 1..pos + 1 + n)?;
            let v = s.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
            Some((v, pos + 1 + n))
        }
    }
}
