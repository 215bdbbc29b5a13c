//! What the byte views (hex view, packed-array pane, treemap) show: regions of a
//! module's file and the fields of one region, format-neutral. Backends that know
//! their files' bytes fill them through [`crate::Cache::region_at`] and friends; the
//! others keep the trait's defaults (`None`, empty).

use std::ops::Range;

use crate::ids::Target;

/// One region of a file: a run of bytes that is one thing (a header, a tag, a
/// count, one record of a table).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegionRow {
    /// The region's number in file order (`0 .. region_count`).
    pub number: usize,
    /// Its bytes (end exclusive).
    pub range: Range<usize>,
    /// The section, as the `sections` listing names it (`header` for the cookie).
    pub section: String,
    /// `cookie`, `tag`, `length`, `padding`, `node`, `sym`, `type`, `string`,
    /// `number` or `record` (docs/bytes-json.md).
    pub kind: &'static str,
    /// The record's index in its table, if it is a record.
    pub index: Option<u64>,
    /// The record's type in the format's vocabulary (`PackedNode`, `PackedSym`).
    pub record: String,
    /// The table of the section it is in (`nodes`, `vals`, `keys`, `withFlags`, ...).
    pub part: String,
    /// What the region is, when the views can open it (a node, symbol or type).
    pub target: Option<Target>,
    /// The colour of its section (see [`PALETTE_LEN`]).
    pub palette: u8,
}

/// One field of a region.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldRow {
    /// The format's field name (`kind`, `typeId`, `types[2]`).
    pub name: String,
    /// Its bytes in the file (for a bit field: its whole word).
    pub range: Range<usize>,
    /// For a bit field: (lowest bit, width) inside its little-endian word.
    pub bits: Option<(u8, u8)>,
    /// The value as read.
    pub raw: String,
    /// What it means, in the compiler's terms.
    pub meaning: String,
}

/// One section of a file with its bytes, for a treemap.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ByteSection {
    /// The section's name (as the `sections` listing shows it).
    pub name: String,
    /// Its bytes (tag included).
    pub range: Range<usize>,
    /// Its element count, when it has one.
    pub count: Option<u64>,
    /// Its colour (see [`PALETTE_LEN`]).
    pub palette: u8,
}

/// Number of section colours. A backend gives every section a colour index below
/// it ([`ByteSection::palette`], [`RegionRow::palette`]): the same section has the
/// same colour in every module, sections of one role share one (the small symbol
/// lists of a module's interface, the instantiation caches), so a hex view, a strip
/// or a treemap colours bytes without knowing section names. The UI maps an index
/// to a colour class.
pub const PALETTE_LEN: u8 = 15;

/// What each colour index stands for, in words (for a legend): index `i` is
/// `PALETTE_WORDS[i]`.
pub const PALETTE_WORDS: [&str; PALETTE_LEN as usize] = [
    "header",
    "config",
    "strings",
    "numbers",
    "dependencies and checksums",
    "interface lists",
    "replay tree",
    "top-level tree",
    "bodies tree",
    "symbols",
    "types",
    "instances and attached ops",
    "backend tables",
    "line-info side table",
    "live set",
];
