//! Bytes to text without a second pass: names are almost always valid UTF-8, so the
//! (fast) validation is tried first and the lossy conversion only on failure.

/// `bytes` as an owned string, invalid sequences replaced by U+FFFD.
pub(crate) fn to_string(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => String::from_utf8_lossy(bytes).into_owned(),
    }
}
