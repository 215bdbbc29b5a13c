//! Every byte of a `.rod` or `.alivesyms` file explained: the byte map.
//!
//! [`ByteMap::build`] walks a file's framing (the same walk as [`crate::decode()`], off
//! its hot path) and assigns every byte to exactly one [`Region`]: the cookie, a
//! section tag, a count or length prefix, or record *i* of a section (a node, a
//! symbol, a type, a string, a number, or any other record). Regions are sorted,
//! never overlap and cover `0 .. file length`. Each region knows the declared layout
//! of its record ([`crate::layout`]), so [`ByteMap::fields`] breaks it into fields
//! (name, offset, size, raw value) with their meaning in the compiler's terms
//! (`kind = 79 → nkProcDef`, `operand = 267 → LitId 267 = "banner"`).
//!
//! Padding bytes lie inside raw records (C alignment) and are shown as those
//! records' `padding` fields; [`RegionKind::Padding`] names regions of padding
//! outside records, which none of the packed layouts has.
//!
//! Runs of fixed-size records are stored once (start, count, size), so the map of a
//! file costs a few bytes per variable-size record (strings, types, checkSums,
//! procInstCache, typeInfo entries) and nothing per node or symbol; the region at an
//! offset is found by binary search and division.
//!
//! On damaged input [`ByteMap::build`] gives the decoder's kind of error (section
//! and offset); [`ByteMap::build_partial`] gives the map of the bytes that framed
//! well, and the error. Neither panics. Counts are checked against the bytes left
//! before anything is allocated, as in the decoder.

use std::ops::Range;

use crate::decode::{blame_second, rod_v1_guess};
use crate::ids::{LitId, NodePos, SymId, TreeKind};
use crate::layout::{self as l, Field, How, Layout};
use crate::literal::escape;
use crate::module::PackedModule;
use crate::names::{flag_names, name_or_raw};
use crate::tree::NodeKind;
use crate::version::{RodVersion, SectionKind};
use rod_format::{le, Error, ErrorKind, Header, Reader, Result, HEADER_LEN};

/// What a region is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RegionKind {
    /// The 8-byte cookie.
    Cookie,
    /// A section's tag byte.
    Tag,
    /// An `i32` count of the seq that follows.
    Length,
    /// Padding outside any record (no packed layout has any).
    Padding,
    /// A `PackedNode`.
    Node,
    /// A `PackedSym`.
    Sym,
    /// A `PackedType`.
    Type,
    /// A value of the strings table.
    String,
    /// A value of the numbers table.
    Number,
    /// Any other record.
    Record,
}

impl RegionKind {
    /// The stable name used in JSON (`cookie`, `tag`, `length`, `padding`, `node`,
    /// `sym`, `type`, `string`, `number`, `record`).
    pub fn name(self) -> &'static str {
        match self {
            RegionKind::Cookie => "cookie",
            RegionKind::Tag => "tag",
            RegionKind::Length => "length",
            RegionKind::Padding => "padding",
            RegionKind::Node => "node",
            RegionKind::Sym => "sym",
            RegionKind::Type => "type",
            RegionKind::String => "string",
            RegionKind::Number => "number",
            RegionKind::Record => "record",
        }
    }
}

/// The shape of a region's bytes, which says how [`ByteMap::fields`] cuts them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A fixed-size record of this layout.
    Fixed(&'static Layout),
    /// An `i32` length and that many bytes.
    Str,
    /// A checkSums entry: a LitId, then a string.
    CheckSum,
    /// A `PackedType`: raw head, `types` seq, raw tail (the version's layouts).
    Type,
    /// A `PackedInstantiation`: raw head, `concreteTypes` seq.
    Inst,
}

/// One region of a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Region {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The section it belongs to; `None` for the cookie.
    pub section: Option<SectionKind>,
    /// The section's name as `rodscope sections` shows it (`header` for the cookie).
    pub section_name: &'static str,
    /// What it is.
    pub kind: RegionKind,
    /// The record's index in its table (node position in its tree, symbol or type
    /// record index in file order, LitId − base for literals, entry index
    /// otherwise); `None` for tags, counts and the cookie.
    pub index: Option<u32>,
    /// Which table of the section it is in (`nodes`, `withFlags`, `vals`, `keys`,
    /// `definedSymbols`, ...), or what the count counts.
    pub part: &'static str,
    /// How its bytes are cut into fields.
    pub shape: Shape,
}

impl Region {
    /// The byte range.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
    /// The record's type name (`PackedNode`, `PackedSym`, `string`, ...).
    pub fn record_name(&self) -> &'static str {
        match self.shape {
            Shape::Fixed(l) => l.name,
            Shape::Str => "string",
            Shape::CheckSum => "(LitId, string)",
            Shape::Type => "PackedType",
            Shape::Inst => "PackedInstantiation",
        }
    }
}

/// A run of regions: `count` consecutive records of `stride` bytes, or one region of
/// `stride` bytes.
#[derive(Clone, Copy, Debug)]
struct Span {
    start: usize,
    stride: usize,
    count: u32,
    first_index: Option<u32>,
    /// Number of regions before this span.
    before: usize,
    section: Option<SectionKind>,
    section_name: &'static str,
    kind: RegionKind,
    part: &'static str,
    shape: Shape,
}

impl Span {
    fn end(&self) -> usize {
        self.start + self.stride * self.count as usize
    }
    fn region(&self, i: u32) -> Region {
        let start = self.start + self.stride * i as usize;
        Region {
            start,
            end: start + self.stride,
            section: self.section,
            section_name: self.section_name,
            kind: self.kind,
            index: self.first_index.map(|f| f + i),
            part: self.part,
            shape: self.shape,
        }
    }
}

/// Which kind of file a map is of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MapOf {
    /// A `.rod` module file.
    Rod,
    /// An `.alivesyms` file.
    AliveSyms,
}

/// The byte map of one file. See the module docs.
#[derive(Clone, Debug)]
pub struct ByteMap {
    /// The layout the file was read with.
    pub version: RodVersion,
    /// `.rod` or `.alivesyms`.
    pub of: MapOf,
    /// The file's length.
    pub file_len: usize,
    spans: Vec<Span>,
    regions: usize,
    sections: Vec<(SectionKind, &'static str, Range<usize>)>,
    /// Per tree ([`TreeKind::ALL`] order): the span of its nodes.
    node_runs: [Option<usize>; 3],
    sym_run: Option<usize>,
    /// First span of the types (one span per type, consecutive) and their number.
    types: (usize, usize),
    strings: (usize, usize),
    number_run: Option<usize>,
}

/// Field breakdown of one region: one field of its record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldValue {
    /// The compiler's field name (`kind`, `typeId`, `types[2]`).
    pub name: String,
    /// Absolute offset in the file.
    pub offset: usize,
    /// Size in bytes (a bit field: the size of its word).
    pub size: usize,
    /// The value as read: decimal for integers, `0x…` for sets, hex bytes for strings.
    pub raw: String,
    /// What it means, in the compiler's terms.
    pub meaning: String,
    /// For a bit field: (lowest bit, width) inside its little-endian word.
    pub bits: Option<(u8, u8)>,
}

/// Longest string value shown in a meaning.
pub const MAX_SHOWN: usize = 200;
/// Most `types[i]` / `concreteTypes[i]` fields listed one by one; the rest of the
/// seq is one field.
pub const MAX_SEQ_FIELDS: usize = 1024;

struct Builder<'a> {
    r: Reader<'a>,
    v: RodVersion,
    spans: Vec<Span>,
    regions: usize,
    section: Option<SectionKind>,
    section_name: &'static str,
    m: ByteMapIndex,
}

#[derive(Default)]
struct ByteMapIndex {
    node_runs: [Option<usize>; 3],
    sym_run: Option<usize>,
    types: (usize, usize),
    strings: (usize, usize),
    number_run: Option<usize>,
    sections: Vec<(SectionKind, &'static str, Range<usize>)>,
}

impl<'a> Builder<'a> {
    #[allow(clippy::too_many_arguments)] // one span's every property, named at each call
    fn push(&mut self, start: usize, stride: usize, count: usize, kind: RegionKind, index: Option<u32>, part: &'static str, shape: Shape) -> usize {
        self.spans.push(Span {
            start,
            stride,
            count: count as u32,
            first_index: index,
            before: self.regions,
            section: self.section,
            section_name: self.section_name,
            kind,
            part,
            shape,
        });
        self.regions += count;
        self.spans.len() - 1
    }
    /// An `i32` count, checked against what is left (`min` bytes per element).
    fn count(&mut self, min: usize, part: &'static str) -> Result<usize> {
        let at = self.r.offset();
        let n = self.r.count(min)?;
        self.push(at, l::count::LAYOUT.size, 1, RegionKind::Length, None, part, Shape::Fixed(&l::count::LAYOUT));
        Ok(n)
    }
    /// A counted seq of fixed-size records of `layout`.
    fn run(&mut self, layout: &'static Layout, kind: RegionKind, part: &'static str) -> Result<(usize, usize)> {
        let n = self.count(layout.size, part)?;
        let at = self.r.offset();
        self.r.records(n, layout.size)?;
        let i = if n > 0 { self.push(at, layout.size, n, kind, Some(0), part, Shape::Fixed(layout)) } else { usize::MAX };
        Ok((i, n))
    }
    /// One fixed record, not counted.
    fn fixed(&mut self, layout: &'static Layout, index: u32, part: &'static str) -> Result<()> {
        let at = self.r.offset();
        self.r.bytes(layout.size)?;
        self.push(at, layout.size, 1, RegionKind::Record, Some(index), part, Shape::Fixed(layout));
        Ok(())
    }
    /// One length-prefixed string as a region.
    fn string(&mut self, kind: RegionKind, index: u32, part: &'static str) -> Result<()> {
        let at = self.r.offset();
        self.r.string()?;
        self.push(at, self.r.offset() - at, 1, kind, Some(index), part, Shape::Str);
        Ok(())
    }

    fn section(&mut self, kind: SectionKind) -> Result<()> {
        use RegionKind as K;
        let v = self.v;
        match kind {
            SectionKind::Config => {
                self.string(K::Record, 0, "definedSymbols")?;
                self.fixed(&l::module_flags::LAYOUT, 1, "moduleFlags")?;
                self.fixed(&l::config::LAYOUT, 2, "PackedConfig")?;
            }
            SectionKind::Strings => {
                let n = self.count(l::count::LAYOUT.size, "vals")?;
                let first = self.spans.len();
                for i in 0..n {
                    self.string(K::String, i as u32, "vals")?;
                }
                self.m.strings = (first, n);
                self.run(&l::key_slot::LAYOUT, K::Record, "keys")?;
            }
            SectionKind::CheckSums => {
                let n = self.count(l::checksum_head::LAYOUT.size + l::count::LAYOUT.size, "includes")?;
                for i in 0..n {
                    let at = self.r.offset();
                    self.r.bytes(l::checksum_head::LAYOUT.size)?;
                    self.r.string()?;
                    self.push(at, self.r.offset() - at, 1, K::Record, Some(i as u32), "includes", Shape::CheckSum);
                }
            }
            SectionKind::Deps => {
                self.run(&l::dep::LAYOUT, K::Record, "imports")?;
            }
            SectionKind::Numbers => {
                let (i, _) = self.run(&l::number::LAYOUT, K::Number, "vals")?;
                self.m.number_run = (i != usize::MAX).then_some(i);
                self.run(&l::key_slot::LAYOUT, K::Record, "keys")?;
            }
            SectionKind::Exports | SectionKind::Hidden | SectionKind::CompilerProcs => {
                self.run(&l::name_sym::LAYOUT, K::Record, "entries")?;
            }
            SectionKind::Reexports => {
                self.run(&l::name_item::LAYOUT, K::Record, "entries")?;
            }
            SectionKind::Trmacros | SectionKind::Converters | SectionKind::Methods | SectionKind::PureEnums => {
                self.run(&l::sym_id::LAYOUT, K::Record, "entries")?;
            }
            SectionKind::MacroUsages => {
                self.run(&l::macro_usage::LAYOUT, K::Record, "entries")?;
            }
            SectionKind::ToReplay | SectionKind::TopLevel | SectionKind::Bodies => {
                let t = match kind {
                    SectionKind::ToReplay => 0,
                    SectionKind::TopLevel => 1,
                    _ => 2,
                };
                let (i, n) = self.run(v.layouts().node, K::Node, "nodes")?;
                self.m.node_runs[t] = (i != usize::MAX).then_some(i);
                if v == RodVersion::V2_2 {
                    self.side_table(&l::with_flags::LAYOUT, "withFlags", n)?;
                    self.side_table(&l::with_types::LAYOUT, "withTypes", n)?;
                }
            }
            SectionKind::Syms => {
                let (i, _) = self.run(v.layouts().sym, K::Sym, "syms")?;
                self.m.sym_run = (i != usize::MAX).then_some(i);
            }
            SectionKind::Types => {
                let ls = v.layouts();
                let n = self.count(v.type_base_size(), "types")?;
                let first = self.spans.len();
                for i in 0..n {
                    let at = self.r.offset();
                    self.r.bytes(ls.type_head.size)?;
                    self.r.seq_records(l::son::LAYOUT.size)?;
                    self.r.bytes(ls.type_tail.size)?;
                    self.push(at, self.r.offset() - at, 1, K::Type, Some(i as u32), "types", Shape::Type);
                }
                self.m.types = (first, n);
            }
            SectionKind::TypeInstCache | SectionKind::EnumToStringProcs | SectionKind::MethodsPerType => {
                self.run(&l::item_pair::LAYOUT, K::Record, "entries")?;
            }
            SectionKind::ProcInstCache => {
                let n = self.count(l::INST_BASE_SIZE, "entries")?;
                for i in 0..n {
                    let at = self.r.offset();
                    self.r.bytes(l::inst_head::LAYOUT.size)?;
                    self.r.seq_records(l::son::LAYOUT.size)?;
                    self.push(at, self.r.offset() - at, 1, K::Record, Some(i as u32), "entries", Shape::Inst);
                }
            }
            SectionKind::AttachedOps => {
                self.run(v.layouts().attached_op, K::Record, "entries")?;
            }
            SectionKind::MethodsPerGenericType => {
                self.run(&l::methods_per_type::LAYOUT, K::Record, "entries")?;
            }
            SectionKind::Dispatchers => {
                self.run(&l::dispatcher::LAYOUT, K::Record, "entries")?;
            }
            SectionKind::TypeInfo => {
                let n = self.count(l::count::LAYOUT.size, "emittedTypeInfo")?;
                for i in 0..n {
                    self.string(K::Record, i as u32, "emittedTypeInfo")?;
                }
            }
            SectionKind::BackendFlags => {
                self.fixed(&l::backend_flags::LAYOUT, 0, "backendFlags")?;
            }
            SectionKind::SideChannel => {
                self.run(&l::side_channel::LAYOUT, K::Record, "entries")?;
            }
            SectionKind::AliveSyms => {
                self.run(&l::alive_id::LAYOUT, K::Record, "ids")?;
            }
        }
        Ok(())
    }

    /// A 2.2 withFlags / withTypes table, each entry checked to name a node.
    fn side_table(&mut self, layout: &'static Layout, part: &'static str, nodes: usize) -> Result<()> {
        let n = self.count(layout.size, part)?;
        let at = self.r.offset();
        let b = self.r.records(n, layout.size)?;
        for (i, e) in b.chunks_exact(layout.size).enumerate() {
            let pos = l::with_flags::NODE.i32(e);
            if usize::try_from(pos).map_or(true, |p| p >= nodes) {
                return Err(self.r.error_at(ErrorKind::InvalidValue, format!("{part} entry {i} names node {pos} of {nodes}"), at + i * layout.size));
            }
        }
        if n > 0 {
            self.push(at, layout.size, n, RegionKind::Record, Some(0), part, Shape::Fixed(layout));
        }
        Ok(())
    }
}

impl ByteMap {
    /// The map of a `.rod` or `.alivesyms` file (told apart by its bytes), or the
    /// error that stops its framing.
    pub fn build(bytes: &[u8]) -> Result<ByteMap> {
        match Self::build_partial(bytes) {
            (m, None) => Ok(m),
            (_, Some(e)) => Err(e),
        }
    }

    /// The map of as much of the file as frames well, and the error that stopped it
    /// (`None`: the map covers the whole file). Bytes past the error are in no region.
    pub fn build_partial(bytes: &[u8]) -> (ByteMap, Option<Error>) {
        let empty = |v| ByteMap::empty(v, MapOf::Rod, bytes.len());
        let header = match Header::parse(bytes) {
            Ok(h) => h,
            Err(e) => return (empty(RodVersion::V1_6), Some(e)),
        };
        if let Some(&tag) = bytes.get(HEADER_LEN) {
            let alive = RodVersion::ALL.into_iter().find(|v| v.rod_version_byte() == header.rod_version && v.alive_syms_tag() == tag);
            if let Some(v) = alive {
                return Self::walk(bytes, v, MapOf::AliveSyms);
            }
        }
        if header.rod_version == 2 {
            return Self::walk(bytes, RodVersion::V2_2, MapOf::Rod);
        }
        let ([first, second], intact) = rod_v1_guess(bytes);
        let a = Self::walk(bytes, first, MapOf::Rod);
        let Some(e1) = &a.1 else { return a };
        let b = Self::walk(bytes, second, MapOf::Rod);
        match &b.1 {
            None => b,
            Some(e2) if blame_second(intact, e1, e2) => b,
            Some(_) => a,
        }
    }

    /// The map of a `.rod` file read with one given layout.
    pub fn build_as(bytes: &[u8], version: RodVersion) -> Result<ByteMap> {
        match Self::walk(bytes, version, MapOf::Rod) {
            (m, None) => Ok(m),
            (_, Some(e)) => Err(e),
        }
    }

    fn empty(version: RodVersion, of: MapOf, file_len: usize) -> ByteMap {
        ByteMap { version, of, file_len, spans: Vec::new(), regions: 0, sections: Vec::new(), node_runs: [None; 3], sym_run: None, types: (0, 0), strings: (0, 0), number_run: None }
    }

    fn walk(bytes: &[u8], v: RodVersion, of: MapOf) -> (ByteMap, Option<Error>) {
        let mut map = Self::empty(v, of, bytes.len());
        if let Err(e) = Header::parse(bytes) {
            return (map, Some(e));
        }
        let mut b = Builder {
            r: Reader::new(bytes.get(HEADER_LEN..).unwrap_or_default(), HEADER_LEN),
            v,
            spans: Vec::new(),
            regions: 0,
            section: None,
            section_name: "header",
            m: ByteMapIndex::default(),
        };
        b.push(0, HEADER_LEN, 1, RegionKind::Cookie, None, "cookie", Shape::Fixed(&l::cookie::LAYOUT));
        let alive = [(v.alive_syms_tag(), SectionKind::AliveSyms)];
        let layout: &[(u8, SectionKind)] = if of == MapOf::AliveSyms { &alive } else { v.layout() };
        let mut err = None;
        for &(tag, kind) in layout {
            let start = b.r.offset();
            b.section = Some(kind);
            b.section_name = v.section_name(kind);
            b.r.set_section(b.section_name);
            if let Err(e) = b.r.tag(tag) {
                err = Some(e);
                break;
            }
            b.push(start, 1, 1, RegionKind::Tag, None, "tag", Shape::Fixed(&l::tag::LAYOUT));
            let r = b.section(kind);
            b.m.sections.push((kind, b.section_name, start..b.r.offset()));
            if let Err(e) = r {
                err = Some(e);
                break;
            }
        }
        if err.is_none() && !b.r.is_empty() {
            b.r.set_section("end of file");
            err = Some(b.r.error(ErrorKind::TrailingBytes, format!("{} bytes after the last section ({} layout)", b.r.remaining(), v.compiler())));
        }
        // A failed span never reaches the map: spans are pushed only after their
        // bytes were read.
        map.spans = b.spans;
        map.regions = b.regions;
        map.sections = b.m.sections;
        map.node_runs = b.m.node_runs;
        map.sym_run = b.m.sym_run;
        map.types = b.m.types;
        map.strings = b.m.strings;
        map.number_run = b.m.number_run;
        (map, err)
    }

    /// Number of regions.
    pub fn len(&self) -> usize {
        self.regions
    }
    /// True when the map has no region (the cookie did not parse).
    pub fn is_empty(&self) -> bool {
        self.regions == 0
    }
    /// One past the last byte the map covers (the file length for a complete map).
    pub fn covered(&self) -> usize {
        self.spans.last().map_or(0, |s| s.end())
    }

    /// Region number `i` (`0 .. len()`, in file order).
    pub fn region(&self, i: usize) -> Option<Region> {
        let s = self.spans.partition_point(|s| s.before <= i).checked_sub(1)?;
        let span = self.spans.get(s)?;
        let k = i - span.before;
        (k < span.count as usize).then(|| span.region(k as u32))
    }

    /// Every region, in file order.
    pub fn iter(&self) -> impl Iterator<Item = Region> + '_ {
        self.spans.iter().flat_map(|s| (0..s.count).map(move |k| s.region(k)))
    }

    /// The region holding byte `offset`, and its number.
    pub fn region_at(&self, offset: usize) -> Option<(usize, Region)> {
        let s = self.spans.partition_point(|s| s.start <= offset).checked_sub(1)?;
        let span = self.spans.get(s)?;
        if offset >= span.end() || span.stride == 0 {
            return None;
        }
        let k = (offset - span.start) / span.stride;
        Some((span.before + k, span.region(k as u32)))
    }

    /// The sections, in file order, with their byte ranges (tag included).
    pub fn sections(&self) -> impl Iterator<Item = (SectionKind, &'static str, Range<usize>)> + '_ {
        self.sections.iter().cloned()
    }
    /// The byte range of one section (tag included).
    pub fn section(&self, kind: SectionKind) -> Option<Range<usize>> {
        self.sections.iter().find(|s| s.0 == kind).map(|s| s.2.clone())
    }

    fn run_item(&self, run: Option<usize>, i: usize) -> Option<Region> {
        let s = self.spans.get(run?)?;
        (i < s.count as usize).then(|| s.region(i as u32))
    }

    /// The node at `pos` of `tree`.
    pub fn node(&self, tree: TreeKind, pos: NodePos) -> Option<Region> {
        let t = TreeKind::ALL.iter().position(|&k| k == tree)?;
        self.run_item(*self.node_runs.get(t)?, pos.index())
    }
    /// Symbol record `i`, in file order (1.6/2.0: the slot, = the id; 2.2: see
    /// [`crate::ItemTable::record_index`]).
    pub fn sym(&self, i: usize) -> Option<Region> {
        self.run_item(self.sym_run, i)
    }
    /// Type record `i`, in file order.
    pub fn typ(&self, i: usize) -> Option<Region> {
        (i < self.types.1).then(|| self.spans.get(self.types.0 + i)).flatten().map(|s| s.region(0))
    }
    /// String value `i` (LitId − the version's base).
    pub fn string(&self, i: usize) -> Option<Region> {
        (i < self.strings.1).then(|| self.spans.get(self.strings.0 + i)).flatten().map(|s| s.region(0))
    }
    /// Number value `i` (LitId − the version's base).
    pub fn number(&self, i: usize) -> Option<Region> {
        self.run_item(self.number_run, i)
    }
    /// The string or number region of a LitId (`numbers` picks the table).
    pub fn literal(&self, id: LitId, numbers: bool) -> Option<Region> {
        let i = id.0.checked_sub(self.version.lit_base())? as usize;
        if numbers {
            self.number(i)
        } else {
            self.string(i)
        }
    }

    /// Number of regions of each kind: (nodes, syms, types, strings, numbers).
    pub fn record_counts(&self) -> [usize; 5] {
        let mut c = [0; 5];
        for s in &self.spans {
            let k = match s.kind {
                RegionKind::Node => 0,
                RegionKind::Sym => 1,
                RegionKind::Type => 2,
                RegionKind::String => 3,
                RegionKind::Number => 4,
                _ => continue,
            };
            c[k] += s.count as usize;
        }
        c
    }

    /// The fields of region `r` of this map's file `bytes`, with their meanings;
    /// `module` (the decoded file) resolves LitIds, symbols and positions.
    pub fn fields(&self, r: &Region, bytes: &[u8], module: Option<&PackedModule>) -> Vec<FieldValue> {
        let rec = bytes.get(r.start..r.end.min(bytes.len())).unwrap_or_default();
        let x = Explain { v: self.version, m: module, rec, base: r.start, region: r };
        let mut out = Vec::new();
        match r.shape {
            Shape::Fixed(layout) => x.layout(layout, 0, "", &mut out),
            Shape::Str => x.string(0, "", &mut out),
            Shape::CheckSum => {
                x.layout(&l::checksum_head::LAYOUT, 0, "", &mut out);
                x.string(l::checksum_head::LAYOUT.size, "sha1", &mut out);
            }
            Shape::Type => {
                let ls = self.version.layouts();
                x.layout(ls.type_head, 0, "", &mut out);
                let at = x.seq(ls.type_head.size, "types", &mut out);
                x.layout(ls.type_tail, at, "", &mut out);
            }
            Shape::Inst => {
                x.layout(&l::inst_head::LAYOUT, 0, "", &mut out);
                x.seq(l::inst_head::LAYOUT.size, "concreteTypes", &mut out);
            }
        }
        out
    }
}

/// Where the first record of a fixed-size seq section starts: after its tag and count.
fn first_record(m: &PackedModule, kind: SectionKind) -> Option<usize> {
    Some(m.section(kind)?.span.start + l::tag::LAYOUT.size + l::count::LAYOUT.size)
}

/// The bytes of node `pos` of `tree`, from the section's offset and the node size
/// alone (no byte map needed): what [`ByteMap::node`] gives, for a decoded module.
pub fn node_range(m: &PackedModule, tree: TreeKind, pos: NodePos) -> Option<Range<usize>> {
    if pos.index() >= m.tree(tree).len() {
        return None;
    }
    let size = m.version.node_size();
    let start = first_record(m, tree.section())? + pos.index() * size;
    Some(start..start + size)
}

/// The bytes of symbol record `i` (file order), from the section's offset alone.
pub fn sym_range(m: &PackedModule, i: usize) -> Option<Range<usize>> {
    if i >= m.syms.records.len() {
        return None;
    }
    let size = m.version.sym_size();
    let start = first_record(m, SectionKind::Syms)? + i * size;
    Some(start..start + size)
}

impl ByteMap {
    /// Heap bytes the map holds (its runs and section list).
    pub fn heap_bytes(&self) -> usize {
        self.spans.capacity() * std::mem::size_of::<Span>() + self.sections.capacity() * std::mem::size_of::<(SectionKind, &str, Range<usize>)>()
    }
}

/// Explains the fields of one record.
struct Explain<'a> {
    v: RodVersion,
    m: Option<&'a PackedModule>,
    rec: &'a [u8],
    base: usize,
    region: &'a Region,
}

fn hex(b: &[u8], max: usize) -> String {
    let mut s: String = b.iter().take(max).map(|x| format!("{x:02x}")).collect::<Vec<_>>().join(" ");
    if b.len() > max {
        s.push_str(" …");
    }
    s
}

impl Explain<'_> {
    fn push(&self, out: &mut Vec<FieldValue>, name: String, at: usize, size: usize, raw: String, meaning: String) {
        out.push(FieldValue { name, offset: self.base + at, size, raw, meaning, bits: None });
    }

    fn layout(&self, layout: &Layout, at: usize, prefix: &str, out: &mut Vec<FieldValue>) {
        let rec = self.rec.get(at..).unwrap_or_default();
        for f in layout.fields {
            let raw_u = f.raw(rec);
            let raw = match f.how {
                How::Int | How::Count | How::NodeId | How::NodePos | How::SymId | How::TypeId if f.width == 0 => f.signed(rec).to_string(),
                How::NodeFlags | How::SymFlags | How::TypeFlags | How::Options | How::GlobalOptions | How::LocFlags | How::BackendFlags | How::Pad | How::Magic | How::PackedInfo => {
                    format!("0x{raw_u:0w$x}", w = 2 * f.size)
                }
                How::ItemId | How::LineInfo => hex(rec.get(f.offset..f.end()).unwrap_or_default(), 8),
                _ => raw_u.to_string(),
            };
            let meaning = self.meaning(f, rec);
            self.push(out, format!("{prefix}{}", f.name), at + f.offset, f.size, raw, meaning);
            if f.width != 0 {
                if let Some(last) = out.last_mut() {
                    last.bits = Some((f.shift, f.width));
                }
            }
        }
    }

    /// A length-prefixed string at `at`.
    fn string(&self, at: usize, name: &str, out: &mut Vec<FieldValue>) {
        let n = le::i32(self.rec, at);
        let len = usize::try_from(n).unwrap_or(0);
        self.push(out, if name.is_empty() { "len".into() } else { format!("{name}.len") }, at, 4, n.to_string(), format!("{len} bytes"));
        let body = self.rec.get(at + 4..(at + 4 + len).min(self.rec.len())).unwrap_or_default();
        if body.is_empty() {
            return;
        }
        let shown: Vec<u8> = body.iter().copied().take(MAX_SHOWN).collect();
        let mut meaning = format!("\"{}\"", escape(&shown, '"'));
        if body.len() > MAX_SHOWN {
            meaning.push('…');
        }
        if self.region.kind == RegionKind::String {
            if let Some(i) = self.region.index {
                meaning = format!("LitId {} = {meaning}", i as u64 + self.v.lit_base() as u64);
            }
        }
        self.push(out, if name.is_empty() { "bytes".into() } else { name.to_string() }, at + 4, body.len(), hex(body, 16), meaning);
    }

    /// A counted seq of PackedItemIds at `at`; returns the offset after it.
    fn seq(&self, at: usize, name: &str, out: &mut Vec<FieldValue>) -> usize {
        let n = usize::try_from(le::i32(self.rec, at)).unwrap_or(0);
        self.push(out, format!("{name}.len"), at, 4, n.to_string(), format!("{n} element{}", if n == 1 { "" } else { "s" }));
        let size = l::son::LAYOUT.size;
        let start = at + 4;
        for i in 0..n.min(MAX_SEQ_FIELDS) {
            let o = start + i * size;
            let e = self.rec.get(o..o + size).unwrap_or_default();
            self.push(out, format!("{name}[{i}]"), o, size, hex(e, 8), self.item(e, 0));
        }
        if n > MAX_SEQ_FIELDS {
            let o = start + MAX_SEQ_FIELDS * size;
            self.push(out, format!("{name}[{MAX_SEQ_FIELDS}..{n}]"), o, (n - MAX_SEQ_FIELDS) * size, String::new(), format!("{} more elements", n - MAX_SEQ_FIELDS));
        }
        start + n * size
    }

    fn lit(&self, id: u32) -> String {
        if id == 0 {
            return "LitId 0 = none".into();
        }
        match self.m.and_then(|m| m.strings.get(LitId(id))) {
            Some(s) => {
                let shown: Vec<u8> = s.iter().copied().take(MAX_SHOWN).collect();
                format!("LitId {id} = \"{}\"{}", escape(&shown, '"'), if s.len() > MAX_SHOWN { "…" } else { "" })
            }
            None if self.m.is_some() => format!("LitId {id} (not in the strings table)"),
            None => format!("LitId {id}"),
        }
    }

    fn num(&self, id: u32) -> String {
        match self.m.and_then(|m| m.numbers.get(LitId(id))) {
            Some(v) => format!("number LitId {id} = {v}"),
            None => format!("number LitId {id}"),
        }
    }

    fn short_file(&self, id: u32) -> String {
        match self.m.and_then(|m| m.strings.text(LitId(id))) {
            Some(p) => crate::print::short_path(&p).to_string(),
            None => format!("file LitId {id}"),
        }
    }

    fn sym_name(&self, id: SymId) -> String {
        match self.m.and_then(|m| m.sym(id).map(|s| (m, s))) {
            Some((m, s)) => format!("symbol {id} = {} ({})", m.sym_name(s), name_or_raw(self.v.names().sym_kind, s.kind as u32)),
            None => format!("symbol {id}"),
        }
    }

    fn item(&self, rec: &[u8], at: usize) -> String {
        let module = le::u32(rec, at + l::item_id::MODULE.offset);
        let item = le::i32(rec, at + l::item_id::ITEM.offset);
        let nil_item = if self.v == RodVersion::V2_2 { 0 } else { -1 };
        if module == 0 && item == nil_item {
            return "nil".into();
        }
        if module == 0 && item == 0 && self.v != RodVersion::V2_2 {
            return "(0, 0): never set (nil)".into();
        }
        if module == 0 {
            return format!("this module, item {item}");
        }
        let own = self.m.and_then(|m| m.path_id()) == Some(LitId(module));
        format!("{} item {item}{}", self.short_file(module), if own { " (this module)" } else { "" })
    }

    fn meaning(&self, f: &Field, rec: &[u8]) -> String {
        let names = self.v.names();
        let u = f.raw(rec);
        let flags = |t: &'static [&'static str]| {
            let v = flag_names(t, u);
            if v.is_empty() {
                "{}".to_string()
            } else {
                format!("{{{}}}", v.join(", "))
            }
        };
        match f.how {
            How::Pad => if u == 0 { "alignment padding".into() } else { "alignment padding (not zero)".into() },
            How::UInt => u.to_string(),
            How::Int => f.signed(rec).to_string(),
            How::Bool => (u != 0).to_string(),
            How::Count => { let n = f.signed(rec); format!("{n} element{}", if n == 1 { "" } else { "s" }) }
            How::Bytes => String::new(),
            How::Magic => if rec.get(..4) == Some(&[0, b'R', b'O', b'D'][..]) { "00 'R' 'O' 'D'".into() } else { "not the rod magic".into() },
            How::Section => format!("{}", name_or_raw(names.rod_section, u as u32)),
            How::NodeKind => name_or_raw(names.node_kind, u as u32).into_owned(),
            How::SymKind => name_or_raw(names.sym_kind, u as u32).into_owned(),
            How::TypeKind => name_or_raw(names.type_kind, u as u32).into_owned(),
            How::CallConv => name_or_raw(names.call_conv, u as u32).into_owned(),
            How::MagicKind => name_or_raw(names.magic, u as u32).into_owned(),
            How::LibKind => name_or_raw(names.lib_kind, u as u32).into_owned(),
            How::AttachedOp => name_or_raw(names.attached_op, u as u32).into_owned(),
            How::Backend => name_or_raw(names.backend, u as u32).into_owned(),
            How::GcMode => name_or_raw(names.gc_mode, u as u32).into_owned(),
            How::CCompiler => name_or_raw(names.system_cc, u as u32).into_owned(),
            How::NodeFlags => flags(names.node_flag),
            How::SymFlags => flags(names.sym_flag),
            How::TypeFlags => flags(names.type_flag),
            How::Options => flags(names.option),
            How::GlobalOptions => flags(names.global_option),
            How::LocFlags => flags(names.loc_flag),
            How::BackendFlags => flags(names.backend_flag),
            How::Str => self.lit(u as u32),
            How::Num => self.num(u as u32),
            How::KeySlot => if u == 0 { "empty slot".into() } else { format!("slot of LitId {u}") },
            How::NodeId => match f.signed(rec) {
                -1 => "none (emptyNodeId)".into(),
                n => format!("bodies node {n}"),
            },
            How::NodePos => format!("node {} of this tree", f.signed(rec)),
            How::SymId => self.sym_name(SymId(f.signed(rec) as i32)),
            How::TypeId => format!("type {}", f.signed(rec)),
            How::ItemId => self.item(rec, f.offset),
            How::LineInfo => {
                use l::line_info16 as li;
                let at = f.offset;
                let line = le::u16(rec, at + li::LINE.offset);
                let col = le::i16(rec, at + li::COL.offset);
                let file = le::u32(rec, at + li::FILE.offset);
                format!("line {line} col {col} file {file} → {}", self.short_file(file))
            }
            How::PackedInfo => {
                let w = u as u32;
                if l::line_info22::ASIDE.cut(w) == 0 {
                    use l::line_info22 as li;
                    let file = li::FILE.cut(w);
                    if w == 0 {
                        return "NoLineInfo".into();
                    }
                    format!("inline: line {} col {} file {file} → {}", li::LINE.cut(w), li::COL.cut(w), self.short_file(file))
                } else {
                    let i = l::line_info22_aside::INDEX.cut(w);
                    match self.m.and_then(|m| m.side_channel.get(i as usize)) {
                        Some(e) => format!("side channel entry {i} → {}:{}:{}", self.short_file(e.file.0), e.line, e.col),
                        None => format!("side channel entry {i}"),
                    }
                }
            }
            How::Operand => self.operand(f, rec),
        }
    }

    /// A node's operand, by the node's kind (read from the same record).
    fn operand(&self, f: &Field, rec: &[u8]) -> String {
        let layout = self.v.layouts().node;
        let kind = layout.field("kind").map_or(0, |k| k.raw(rec)) as u8;
        let op = if f.width == 0 { f.signed(rec) } else { f.raw(rec) as i64 };
        let k = NodeKind(kind);
        if !k.is_atom() {
            return format!("span: {op} nodes (itself and its subtree)");
        }
        match kind {
            2 | 20..=22 => self.lit(op as u32),
            3 => self.sym_name(SymId(op as i32)),
            9 if self.v != RodVersion::V2_2 => format!("value {op} (nkInt32Lit holds its value)"),
            5..=19 => self.num(op as u32),
            _ => format!("{op} (unused)"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn damaged_headers_do_not_panic() {
        for b in [&[][..], &[0, b'R', b'O', b'D', 64, 0, 0, 1][..], &[0, b'R', b'O', b'D', 64, 0, 0, 1, 1, 0xff][..]] {
            let (m, e) = ByteMap::build_partial(b);
            assert!(e.is_some());
            assert!(m.covered() <= b.len());
        }
    }
}
