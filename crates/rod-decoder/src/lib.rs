//! Nim's incremental-compilation files in the compiler's own vocabulary.
//!
//! [`decode`] turns the bytes of a `.rod` file into a [`PackedModule`]: every
//! section, the packed trees ([`PackedTree`], navigated without recursion), the
//! symbol and type tables, the literal tables, and the references into other
//! modules ([`SymRef`], [`ModuleRef`]). [`AliveSyms`] decodes `.alivesyms` files.
//! Files of Nim 1.6, 2.0 and 2.2 are told apart from their bytes ([`detect`]) and
//! all land in the same model; names of enum values come from the table of the
//! compiler that wrote the file ([`RodVersion::names`]).
//!
//! Every record layout is declared once per version in [`layout`] (field, offset,
//! size, how to read it; checked at compile time to tile the record); the decoder
//! reads through those declarations, and [`bytemap`] uses them to explain every byte
//! of a file (the region at an offset, the bytes of a node, symbol, type or literal).
//!
//! Nothing here panics on bad input: every failure is a [`rod_format::Error`] that
//! names the section and the byte offset. Every cap on file-derived sizes is listed
//! in [`limits`].
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod alive;
pub mod bytemap;
pub mod decode;
pub mod detect;
pub mod graph;
pub mod ids;
pub mod limits;
pub mod layout;
pub mod literal;
pub mod module;
pub mod names;
pub mod print;
pub mod tree;
pub mod validate;
pub mod version;

pub use alive::AliveSyms;
pub use decode::{decode, decode_as, decode_with, Parts};
pub use detect::{detect, sniff, Detection, FileKind, Sniff};
pub use ids::*;
pub use limits::MAX_FILE_SIZE;
pub use literal::Literal;
pub use module::*;
pub use rod_format::{Error, ErrorKind, Result};
pub use tree::{LineInfo, NodeKind, Origin22, PackedNode, PackedTree};
pub use version::{RodVersion, SectionKind};
