//! Recognising a legacy cache by its content, whatever the file is called.

use crate::names::Era;
use crate::{db, sqlite, text};

/// What a file is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Detected {
    /// A legacy cache of a known compiler.
    Legacy(Era),
    /// Looks like one of the formats, but not one this crate reads (the reason).
    Unsupported(String),
    /// Not a legacy cache at all.
    NotLegacy,
}

impl Detected {
    /// A one-line description.
    pub fn describe(&self) -> String {
        match self {
            Detected::Legacy(e) => e.describe().to_string(),
            Detected::Unsupported(why) => why.clone(),
            Detected::NotLegacy => "not a legacy cache (neither a 'NIM:' text .rod nor a SQLite rodfiles.db)".to_string(),
        }
    }

    /// The era, when it is a readable legacy cache.
    pub fn era(&self) -> Option<Era> {
        match self {
            Detected::Legacy(e) => Some(*e),
            _ => None,
        }
    }
}

/// Detects by content: the `NIM:<version>` first line of a text `.rod`, or the
/// SQLite magic plus the tables of a rodfiles.db (the schema tells 0.19 from 1.4.8).
pub fn detect(bytes: &[u8]) -> Detected {
    if let Some(v) = text::sniff(bytes) {
        return match text::era_of_version(v) {
            Some(e) => Detected::Legacy(e),
            None => Detected::Unsupported(format!(
                "text .rod of RodFileVersion {} (only 1210 = Nimrod 0.9.0 and 1222 = Nim 0.17.2 are read)",
                String::from_utf8_lossy(v)
            )),
        };
    }
    if sqlite::is_sqlite(bytes) {
        return match sqlite::Db::open(bytes) {
            Ok(d) => match db::era_of(&d) {
                Some(e) => Detected::Legacy(e),
                None => Detected::Unsupported("a SQLite database without the tables of a Nim rodfiles.db".to_string()),
            },
            Err(e) => Detected::Unsupported(format!("a damaged SQLite database: {e}")),
        };
    }
    Detected::NotLegacy
}
