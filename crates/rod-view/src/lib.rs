//! One view model for every generation of Nim's compiler caches.
//!
//! The CLI printers and the explorer render only what this crate gives them:
//! module rows, trees as rows, symbol and type rows with readable type expressions,
//! links that resolve across modules (or say why they do not), live marks,
//! why-chains and usages. Labels, owners and statuses are worded here, once.
//!
//! # The backend contract
//!
//! A cache format plugs in as a *backend*: a type implementing [`Cache`], built by
//! its own loader in [`backend`]. The views and printers never branch on a format.
//! A backend promises:
//!
//! * **Ids.** Modules are `ModuleIdx(0..module_count)`. Trees of a module are listed
//!   by [`Cache::trees`], each with a [`TreeId`], a stable slug and a length. Symbols
//!   and types are named by the backend's own stable ids, as [`SymKey`] and
//!   [`TypeKey`]; a key stays valid for the life of the cache.
//! * **Trees are flat pre-order arrays.** Node `n`'s subtree is
//!   `n .. subtree_end(n)`, and the backend clamps that range so it never runs past
//!   its parent's or the array's end. Everything else (children, ancestors, walks)
//!   is derived from that single rule by [`nav`]; no backend navigates on its own.
//! * **Rows are worded.** [`NodeRow`], [`SymRow`], [`TypeRow`], [`ModuleRow`] carry
//!   the compiler's own names (`nkProcDef`, `skProc`, `tyObject`) taken from the
//!   writing compiler's enum tables, never raw ordinals.
//! * **Links never fail silently.** A reference is a [`Link`]: resolved to a
//!   [`Target`], or unresolved with a `note` that says why ("module not loaded").
//! * **The live set is honest.** [`Cache::live_mark`] says whether the live set was
//!   checked against a compiler record (`.alivesyms`, `.live.nif`), computed with no
//!   record to check against, or absent; [`Cache::why`] explains either way.
//! * **Total functions.** No method panics for any argument; unknown ids give `None`
//!   or empty lists. Every per-row method is cheap (indexes are built once).
//!
//! * **Bytes, when known.** [`NodeRow::bytes`] is the node's byte range in its file
//!   when the backend knows it. A backend that keeps its files' bytes also answers
//!   the byte views ([`bytes`]): [`Cache::file_bytes`], [`Cache::region_count`],
//!   [`Cache::region`], [`Cache::regions`] (a window of regions), [`Cache::region_at`]
//!   (the region holding an offset), [`Cache::region_fields`] (field breakdown with
//!   meanings), [`Cache::bytes_of`] (a node, symbol, type or module as a byte range),
//!   [`Cache::table_row_bytes`] (a row of a table, such as a string or number) and
//!   [`Cache::byte_sections`] (the sections, for a treemap). Regions are sorted, never
//!   overlap and cover the whole file; each region's fields lie inside it. These
//!   methods have defaults (`None`, empty, 0), so a backend without byte knowledge
//!   (legacy, NIF) needs no code for them.
//!   Each section and region carries a colour index ([`bytes::PALETTE_LEN`]) and
//!   [`treemap`] lays the sections of a module, or the modules × sections of a
//!   cache, out as a squarified treemap for the UI to draw.
//! * **Explanations.** [`glossary`] words the format's concepts once (sections,
//!   node-kind families, LitIds, holes, `nkModuleRef`, ...), for the UI to show beside
//!   a selection ([`glossary::topics_for_node`], [`glossary::topics_for_region`]);
//!   [`Cache::explain`] gives the entries for a [`glossary::Selection`] (default: none).
//! * **Flat arrays, when stored.** [`Cache::array_storage`] says how the format stores
//!   a tree; for a flat array of records (packed `.rod`) [`Cache::array_row`] gives
//!   each node as stored: raw kind ordinal and operand, the operand's meaning
//!   ([`array::Operand`]: span, `LitId`, symbol id, value, `nkModuleRef` operand),
//!   span and subtree end, and for Nim 2.2 where its flags, type and position came
//!   from. Other formats answer [`ArrayStorage::NotFlat`] with how they store trees.
//!
//! The packed `.rod` format of Nim 1.6–2.2 is [`backend::packed`]. It fills
//! [`NodeRow::bytes`] always (from the section offset and the fixed node size); the
//! byte views need the files' bytes, which the cache keeps only when asked:
//! [`backend::packed::PackedLoader::keep_bytes`] before loading, or
//! [`backend::packed::PackedCache::set_file_bytes`] afterwards (the UI hands them
//! in). Kept bytes cost the files' size in memory; each module's byte map is built on
//! first use (a few bytes per variable-size record, nothing per node or symbol).
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod array;
pub mod backend;
pub mod builds;
pub mod bytes;
pub mod cache;
pub mod compare;
pub mod diff_marks;
pub mod find;
pub mod glossary;
pub mod guide;
pub mod ids;
pub mod layout;
pub mod nav;
pub mod open;
pub mod print;
pub mod rows;
pub mod source;
pub mod text;
pub mod treemap;

pub use array::{ArrayRow, ArrayStorage, Operand};
pub use bytes::{ByteSection, FieldRow, RegionRow, PALETTE_LEN};
pub use cache::{Cache, Format};
pub use ids::{ModuleIdx, NodePos, SymKey, Target, TreeId, TypeKey};
pub use rows::*;
