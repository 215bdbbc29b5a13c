//! The container layer of Nim's incremental-compilation files (`.rod`, `.alivesyms`).
//!
//! This crate knows nothing of Nim's schema (nodes, symbols, types). It knows the
//! 8-byte cookie, one-byte section tags, `i32`-length-prefixed strings and sequences
//! and fixed-size little-endian records, and it reads them with a bounds-checked
//! cursor ([`Reader`]) that always knows its absolute file offset. Every failure is
//! one [`Error`] with a kind, a message, the byte offset and (when known) the
//! section, shown as `... in section bodies (at offset 0x1f4)`.
//!
//! [`flat`] navigates flat pre-order trees whose spans come from a file, under one
//! clamping rule (a child's subtree never extends past its parent's end).
//!
//! A length prefix is checked against the bytes that remain *before* anything is
//! allocated, so a hostile count never causes a huge allocation.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod error;
pub mod flat;
mod header;
mod reader;

pub use error::{Error, ErrorKind, Result};
pub use header::{Header, HeaderFault, COOKIE_PREFIX, HEADER_LEN};
pub use reader::{le, Reader, SectionSpan};
