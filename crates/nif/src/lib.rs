//! nimony's incremental-compilation files: NIF27 text and BIF binary.
//!
//! * [`detect`] tells NIF text from BIF by content (never by name: nimony keeps
//!   `.nif` names on BIF content) and names the file's role.
//! * [`text::parse`] and [`bif::decode`] read either into one [`Document`]: a flat
//!   pre-order node array where every node knows where its subtree ends, with
//!   decoded literals, symbols and absolute positions.
//! * [`render`] writes a document as the compiler's canonical NIF27 text (with
//!   `(.indexat)` and the trailing `(.index)`), byte for byte as `niftools bif2nif`.
//! * [`cache`] is a nimcache folder: modules by suffix, their trees, the
//!   declarations of each index, cross-module references.
//! * [`dce`] reads `.dce.nif` / `.live.nif` and recomputes the live set.
//!
//! Limits: files up to [`MAX_FILE_BYTES`], nesting up to [`MAX_DEPTH`]; every
//! reader uses explicit stacks, so hostile depth is an error, never a stack
//! overflow.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod bif;
pub mod cache;
pub mod dce;
pub mod detect;
mod float;
mod interner;
pub mod model;
pub mod print;
pub mod render;
pub mod symbol;
pub mod text;
mod utf8;
mod varint;

pub use detect::{detect, Detected, Role};
pub use model::{Document, Encoding, FileId, IndexEntry, Node, NodeId, NodeKind, Pos, TagId, Visibility};
pub use rod_format::{Error, ErrorKind, Result};

/// Largest file either reader accepts (byte offsets must fit the node spans).
pub const MAX_FILE_BYTES: usize = 1 << 30;

/// Deepest nesting of compound nodes either reader accepts. nimony's own
/// standard library stays far below (its `system` module nests about 60 deep).
pub const MAX_DEPTH: usize = 100_000;

/// The most nodes either reader reserves room for before reading (4 Mi nodes,
/// 160 MiB): the reservation is estimated from the input's length and capped here;
/// a larger file's array grows as its nodes are read.
pub const MAX_RESERVED_NODES: usize = 1 << 22;

/// Reads a NIF file of either encoding, chosen by content. `suffix` is the
/// module suffix that trailing-dot symbols (`foo.0.`) expand to (the file name up
/// to its first `.`, see [`model::suffix_of_file_name`]).
pub fn read(bytes: &[u8], suffix: &str) -> Result<Document> {
    if bif::is_bif(bytes) {
        bif::decode(bytes, suffix)
    } else {
        text::parse(bytes, suffix)
    }
}

/// [`read`] of bytes the document takes over (no copy of the input).
pub fn read_owned(bytes: Vec<u8>, suffix: &str) -> Result<Document> {
    if bif::is_bif(&bytes) {
        bif::decode_owned(bytes, suffix)
    } else {
        text::parse_owned(bytes, suffix)
    }
}
