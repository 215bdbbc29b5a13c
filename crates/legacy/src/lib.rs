//! The Nim compiler's incremental caches before packed `.rod`, read-only:
//!
//! * the text symbol files (`<module>.rod`) of Nimrod 0.9.0 (RodFileVersion 1210)
//!   and Nim 0.17.2 (1222), one per module, read by following references from the
//!   roots as `rodread.nim` does;
//! * the sqlite `rodfiles.db` of Nim 0.19.x and 1.0 - 1.4.8, read with this crate's
//!   own read-only table b-tree reader ([`sqlite`]).
//!
//! Everything is decoded into each compiler's own vocabulary ([`names`]); errors are
//! [`rod_format::Error`]s naming the section (text section or sqlite table / page) and
//! the byte offset.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod cache;
pub mod cursor;
pub mod db;
pub mod detect;
pub mod grammar;
pub mod ids;
pub mod model;
pub mod names;
pub mod open;
pub mod print;
pub mod reach;
pub mod sqlite;
pub mod text;

pub use ids::{ModuleIdx, Ref, SymId, TypeId};
pub use names::{Era, Names};
pub use cache::Cache;
pub use detect::{detect, Detected};
pub use open::{open_db, open_text};
