//! Every cap on what is derived from file data, in one place (as wasmparser's
//! `MAX_WASM_*` limits).
//!
//! Nothing read from a file is trusted for a size: lengths are checked against the
//! bytes actually present before anything is allocated (`rod_format::Reader::count`),
//! tables indexed by id are sized by their record count ([`DENSE_FACTOR`]), the live
//! set has one bit per stored record (never per id), trees are walked without
//! recursion under one span rule (`rod_format::flat`), and printers cut what a file
//! could make huge ([`MAX_INDENT_DEPTH`], [`MAX_LABEL_LITERAL`]).
//!
//! Measured budgets (crates/rod-decoder/tests/budgets.rs, a counting allocator):
//! decoding one file allocates at most 3× its size at the peak (1.13–1.15× on the
//! largest real files, system.rod of 1.6, 2.0 and 2.2), and loading a whole cache
//! (every module, the module graph and the live set) at most 4× the size of its
//! `.rod` files (1.12–1.17× on the real caches).

pub use crate::module::{DENSE_FACTOR, DENSE_SLACK};
pub use crate::validate::{MAX_FINDINGS, SPAN_FINDINGS_PER_TREE};

/// The largest `.rod`/`.alivesyms` file a front end should hand to [`crate::decode`]
/// (64 MiB): twelve times the largest real file (system.rod of Nim 2.0, 5.4 MB),
/// and, at the measured budgets, at most ~192 MiB to decode it and ~256 MiB for a
/// whole cache of that size. The decoder itself takes any size (its cost is linear);
/// this is for callers that must answer with a clear message instead of freezing
/// (the explorer in a browser tab).
pub const MAX_FILE_SIZE: usize = 64 << 20;

/// Printed trees (rod-view's tree printer) indent by two spaces per level up to this
/// depth; deeper lines keep that indentation and say their real depth
/// (`[depth 40000]`), so a line's length never depends on how deep a tree is.
pub const MAX_INDENT_DEPTH: u32 = 64;

/// A name, path or literal from a file is shown in a row or label with at most this
/// many characters, then `…`: one huge string named by many rows must not multiply
/// the output.
pub const MAX_LABEL_LITERAL: usize = 512;
