//! Opening a cache from bytes: one rodfiles.db, or the `.rod` files of one nimcache.

use crate::cache::{Cache, TextCache};
use crate::{db, text};
use rod_format::{Error, Result};

/// Opens a rodfiles.db image.
pub fn open_db(bytes: &[u8]) -> Result<Cache> {
    db::decode(bytes).map(|d| Cache::Db(Box::new(d)))
}

/// Opens the text `.rod` files of one nimcache, given as (file name, bytes). Every
/// error is prefixed with the file name.
pub fn open_text(files: &[(String, Vec<u8>)]) -> Result<Cache> {
    let mut modules = Vec::with_capacity(files.len());
    for (name, bytes) in files {
        let m = text::decode(bytes).map_err(|e| with_file(e, name))?;
        modules.push((name.clone(), m));
    }
    Ok(Cache::Text(TextCache::new(modules)))
}

/// The same error with `file: ` before its message.
pub fn with_file(e: Error, file: &str) -> Error {
    let mut out = Error::new(e.kind(), format!("{file}: {}", e.message()), e.offset());
    if let Some(s) = e.section() {
        out = out.in_section(s);
    }
    out
}
