//! Decoding a `.rod` file into a [`PackedModule`], for each known layout.

use crate::ids::*;
use crate::layout::{self as l, Field};
use crate::module::*;
use crate::tree::{LineInfo, NodeKind, Packed22, PackedNode, PackedTree};
use crate::version::{RodVersion, SectionKind};
use rod_format::{le, Error, ErrorKind, Header, Reader, Result, SectionSpan, HEADER_LEN};

/// Marker file id for a 2.2 line info that lives in the side channel (resolved
/// once the side channel, the last section, has been read).
const ASIDE: LitId = LitId(u32::MAX);

/// Decodes a `.rod` file, choosing the layout from the bytes: RodVersion 2 is 2.2;
/// for RodVersion 1 the 1.6 and 2.0 framings are tried, the one the end bytes
/// suggest first. A file that fits neither is damaged; its error is the one of the
/// layout its end bytes name when they look like an intact ending (a backendFlags
/// tag and a flags byte 0–3: the damage is inside), else of the layout that read
/// further into it (a truncated file's last bytes are arbitrary).
pub fn decode(bytes: &[u8]) -> Result<PackedModule> {
    decode_with(bytes, Parts::ALL)
}

/// What [`decode_with`] builds. The framing of every section (tags, counts, lengths,
/// the 2.2 side-table indices) is checked either way, so a file that [`decode`]
/// rejects for its framing is rejected the same way here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Parts {
    /// Build the nodes of the three trees. Without them the trees are empty and each
    /// tree's node count is only in its section's [`SectionInfo`] count.
    pub trees: bool,
    /// Stop after this section: the sections after it are neither read nor checked
    /// and stay empty (e.g. [`Parts::INCLUDES`] to hash the include files early).
    pub last: Option<SectionKind>,
}

impl Parts {
    /// Everything ([`decode`]).
    pub const ALL: Parts = Parts { trees: true, last: None };
    /// Everything but the tree nodes (what `nim rod`'s listing and the section
    /// table need).
    pub const NO_TREES: Parts = Parts { trees: false, last: None };
    /// Only the sections up to `includes` (checkSums): config and strings before it.
    pub const INCLUDES: Parts = Parts { trees: false, last: Some(SectionKind::CheckSums) };
}

/// [`decode`], building only `parts`.
pub fn decode_with(bytes: &[u8], parts: Parts) -> Result<PackedModule> {
    let header = Header::parse(bytes)?;
    if header.rod_version == 2 {
        return decode_parts_as(bytes, RodVersion::V2_2, parts);
    }
    let ([first, second], intact_ending) = rod_v1_guess(bytes);
    match decode_parts_as(bytes, first, parts) {
        Ok(m) => Ok(m),
        Err(e1) => match decode_parts_as(bytes, second, parts) {
            Ok(m) => Ok(m),
            Err(e2) if blame_second(intact_ending, &e1, &e2) => Err(e2),
            Err(_) => Err(e1),
        },
    }
}

/// For a RodVersion-1 file that neither layout reads: whether the second candidate's
/// error is the one to report. Only when the ending does not look intact and that
/// layout read strictly further (ties go to the end-byte candidate).
pub(crate) fn blame_second(intact_ending: bool, first: &Error, second: &Error) -> bool {
    !intact_ending && second.offset() > first.offset()
}

/// The two RodVersion-1 layouts, the one whose backendFlags tag matches the
/// second-to-last byte (26 → 1.6, 25 → 2.0) first, and whether the file ends like an
/// intact RodVersion-1 file (backendFlags tag 25 or 26, then a flags byte 0–3).
pub fn rod_v1_guess(bytes: &[u8]) -> ([RodVersion; 2], bool) {
    match bytes {
        [.., 25, f] if *f <= 3 => ([RodVersion::V2_0, RodVersion::V1_6], true),
        [.., 26, f] if *f <= 3 => ([RodVersion::V1_6, RodVersion::V2_0], true),
        [.., 25, _] => ([RodVersion::V2_0, RodVersion::V1_6], false),
        _ => ([RodVersion::V1_6, RodVersion::V2_0], false),
    }
}

/// Decodes a `.rod` file with one given layout.
pub fn decode_as(bytes: &[u8], version: RodVersion) -> Result<PackedModule> {
    decode_parts_as(bytes, version, Parts::ALL)
}

fn decode_parts_as(bytes: &[u8], version: RodVersion, parts: Parts) -> Result<PackedModule> {
    let header = Header::parse(bytes)?;
    if header.rod_version != version.rod_version_byte() {
        return Err(Error::new(
            ErrorKind::WrongHeader,
            format!("RodVersion {} is not the {} layout's {}", header.rod_version, version.compiler(), version.rod_version_byte()),
            7,
        )
        .in_section("header"));
    }
    let mut d = Decoder { r: Reader::new(&bytes[HEADER_LEN..], HEADER_LEN), v: version, m: empty_module(version, bytes.len()), aside: false, parts };
    for &(tag, kind) in version.layout() {
        let start = d.r.offset();
        d.r.set_section(version.section_name(kind));
        d.r.tag(tag)?;
        let count = d.section(kind)?;
        d.m.sections.push(SectionInfo {
            kind,
            span: SectionSpan { tag, name: version.section_name(kind), start, end: d.r.offset(), count },
        });
        if parts.last == Some(kind) {
            return Ok(d.m);
        }
    }
    if !d.r.is_empty() {
        d.r.set_section("end of file");
        return Err(d.r.error(
            ErrorKind::TrailingBytes,
            format!("{} bytes after the last section ({} layout)", d.r.remaining(), version.compiler()),
        ));
    }
    if d.aside {
        d.resolve_side_channel()?;
    }
    Ok(d.m)
}

struct Decoder<'a> {
    r: Reader<'a>,
    v: RodVersion,
    m: PackedModule,
    /// Some line info points into the side channel.
    aside: bool,
    parts: Parts,
}

/// The `PackedItemId` field `f` of record `rec`.
#[inline(always)]
fn item(rec: &[u8], f: Field) -> PackedItemId {
    let at = f.offset;
    PackedItemId { module: LitId(le::u32(rec, at + l::item_id::MODULE.offset)), item: le::i32(rec, at + l::item_id::ITEM.offset) }
}

/// The 1.6/2.0 `PackedLineInfo` field `f` of record `rec`.
#[inline(always)]
fn info16(rec: &[u8], f: Field) -> LineInfo {
    use l::line_info16 as li;
    let at = f.offset;
    LineInfo {
        line: le::u16(rec, at + li::LINE.offset) as i32,
        col: le::i16(rec, at + li::COL.offset) as i32,
        file: LitId(le::u32(rec, at + li::FILE.offset)),
    }
}

/// The records of a seq read by [`Reader::seq_records`] with `layout`'s size.
/// The `instantiatedFrom` of 1.6/2.0 symbols, which do not store one.
const NO_INSTANCE: PackedItemId = PackedItemId { module: LitId(0), item: -1 };

#[inline(always)]
fn recs<'a>(b: &'a [u8], layout: &l::Layout) -> std::slice::ChunksExact<'a, u8> {
    b.chunks_exact(layout.size)
}

/// Reads a `PackedSym` through the declaration module `$m`; what differs between the
/// versions (id, line info, offset width, disamb, instantiatedFrom) is given.
macro_rules! sym_record {
    ($m:ident, $e:expr, $id:expr, $info:expr, $offset:expr, $disamb:expr, $inst:expr) => {{
        use l::$m as f;
        let e: &[u8] = $e;
        PackedSym {
            id: $id,
            kind: f::KIND.u8(e),
            name: LitId(f::NAME.u32(e)),
            typ: item(e, f::TYP),
            flags: f::FLAGS.u64(e),
            magic: f::MAGIC.u16(e),
            info: $info,
            ast: NodeId(f::AST.i32(e)),
            owner: item(e, f::OWNER),
            guard: item(e, f::GUARD),
            bitsize: f::BITSIZE.i64(e),
            alignment: f::ALIGNMENT.i64(e),
            options: f::OPTIONS.u32(e),
            position: f::POSITION.i64(e),
            offset: $offset(e),
            disamb: $disamb(e),
            external_name: LitId(f::EXTERNAL_NAME.u32(e)),
            loc_flags: f::LOC_FLAGS.u16(e),
            annex: PackedLib {
                kind: f::LIB_KIND.u8(e),
                generated: f::LIB_GENERATED.u8(e) != 0,
                is_overridden: f::LIB_OVERRIDDEN.u8(e) != 0,
                name: LitId(f::LIB_NAME.u32(e)),
                path: NodeId(f::LIB_PATH.i32(e)),
            },
            constraint: NodeId(f::CONSTRAINT.i32(e)),
            instantiated_from: $inst(e),
        }
    }};
}

impl Decoder<'_> {
    /// A 2.2 packed line info: inline, or a side-channel index to resolve later.
    fn info22(&mut self, v: u32) -> LineInfo {
        use l::line_info22 as li;
        if li::ASIDE.cut(v) == 0 {
            LineInfo { file: LitId(li::FILE.cut(v)), line: li::LINE.cut(v) as i32, col: li::COL.cut(v) as i32 }
        } else {
            self.aside = true;
            LineInfo { file: ASIDE, line: l::line_info22_aside::INDEX.cut(v) as i32, col: 0 }
        }
    }

    fn pairs_lit_sym(&mut self) -> Result<Vec<(LitId, SymId)>> {
        use l::name_sym as f;
        let (_, b) = self.r.seq_records(f::LAYOUT.size)?;
        Ok(recs(b, &f::LAYOUT).map(|e| (LitId(f::NAME.u32(e)), SymId(f::ITEM.i32(e)))).collect())
    }
    fn sym_ids(&mut self) -> Result<Vec<SymId>> {
        use l::sym_id as f;
        let (_, b) = self.r.seq_records(f::LAYOUT.size)?;
        Ok(recs(b, &f::LAYOUT).map(|e| SymId(f::ITEM.i32(e))).collect())
    }
    fn item_pairs(&mut self) -> Result<Vec<(PackedItemId, PackedItemId)>> {
        use l::item_pair as f;
        let (_, b) = self.r.seq_records(f::LAYOUT.size)?;
        Ok(recs(b, &f::LAYOUT).map(|e| (item(e, f::A), item(e, f::B))).collect())
    }

    /// Reads one section's payload; returns its element count.
    fn section(&mut self, kind: SectionKind) -> Result<Option<u32>> {
        let count = |n: usize| Some(n as u32);
        Ok(match kind {
            SectionKind::Config => {
                let s = self.r.string()?;
                // valid UTF-8 in practice: the fast check first, the lossy copy only if not
                self.m.defined_symbols = std::str::from_utf8(s).map_or_else(|_| String::from_utf8_lossy(s).into_owned(), str::to_owned);
                self.m.module_flags = l::module_flags::FLAGS.u64(self.r.bytes(l::module_flags::LAYOUT.size)?);
                use l::config as f;
                let c = self.r.bytes(f::LAYOUT.size)?;
                self.m.config = PackedConfig {
                    backend: f::BACKEND.u8(c),
                    selected_gc: f::SELECTED_GC.u8(c),
                    c_compiler: f::C_COMPILER.u8(c),
                    options: f::OPTIONS.u32(c),
                    global_options: f::GLOBAL_OPTIONS.u64(c),
                };
                None
            }
            SectionKind::Strings => {
                let n = self.r.count(l::count::LAYOUT.size)?;
                let mut t = StringTable::new(self.v.lit_base(), n, 0);
                for _ in 0..n {
                    t.push(self.r.string()?);
                }
                let k = self.r.count(l::key_slot::LAYOUT.size)?;
                self.r.records(k, l::key_slot::LAYOUT.size)?;
                t.key_slots = k as u32;
                self.m.strings = t;
                count(n)
            }
            SectionKind::CheckSums => {
                use l::checksum_head as f;
                let n = self.r.count(f::LAYOUT.size + l::count::LAYOUT.size)?;
                let mut v = Vec::with_capacity(n);
                for _ in 0..n {
                    let id = LitId(f::FILE.u32(self.r.bytes(f::LAYOUT.size)?));
                    let h = self.r.string()?;
                    v.push((id, String::from_utf8_lossy(h).into_owned()));
                }
                self.m.includes = v;
                count(n)
            }
            SectionKind::Deps => {
                use l::dep as f;
                let (n, b) = self.r.seq_records(f::LAYOUT.size)?;
                self.m.imports = recs(b, &f::LAYOUT).map(|e| LitId(f::PATH.u32(e))).collect();
                count(n)
            }
            SectionKind::Numbers => {
                use l::number as f;
                let (n, b) = self.r.seq_records(f::LAYOUT.size)?;
                let vals = recs(b, &f::LAYOUT).map(|e| f::VALUE.i64(e)).collect();
                let k = self.r.count(l::key_slot::LAYOUT.size)?;
                self.r.records(k, l::key_slot::LAYOUT.size)?;
                self.m.numbers = NumberTable::new(self.v.lit_base(), vals);
                self.m.numbers.key_slots = k as u32;
                count(n)
            }
            SectionKind::Exports => {
                self.m.exports = self.pairs_lit_sym()?;
                count(self.m.exports.len())
            }
            SectionKind::Hidden => {
                self.m.hidden = self.pairs_lit_sym()?;
                count(self.m.hidden.len())
            }
            SectionKind::CompilerProcs => {
                self.m.compiler_procs = self.pairs_lit_sym()?;
                count(self.m.compiler_procs.len())
            }
            SectionKind::Reexports => {
                use l::name_item as f;
                let (n, b) = self.r.seq_records(f::LAYOUT.size)?;
                self.m.reexports = recs(b, &f::LAYOUT).map(|e| (LitId(f::NAME.u32(e)), item(e, f::ITEM))).collect();
                count(n)
            }
            SectionKind::Trmacros => {
                self.m.trmacros = self.sym_ids()?;
                count(self.m.trmacros.len())
            }
            SectionKind::Converters => {
                self.m.converters = self.sym_ids()?;
                count(self.m.converters.len())
            }
            SectionKind::Methods => {
                self.m.methods = self.sym_ids()?;
                count(self.m.methods.len())
            }
            SectionKind::PureEnums => {
                self.m.pure_enums = self.sym_ids()?;
                count(self.m.pure_enums.len())
            }
            SectionKind::MacroUsages => {
                use l::macro_usage as f;
                let (n, b) = self.r.seq_records(f::LAYOUT.size)?;
                self.m.macro_usages = recs(b, &f::LAYOUT).map(|e| (item(e, f::ITEM), info16(e, f::INFO))).collect();
                count(n)
            }
            SectionKind::ToReplay | SectionKind::TopLevel | SectionKind::Bodies => {
                let (t, n) = self.tree()?;
                match kind {
                    SectionKind::ToReplay => self.m.to_replay = t,
                    SectionKind::TopLevel => self.m.top_level = t,
                    _ => self.m.bodies = t,
                }
                count(n)
            }
            SectionKind::Syms => {
                let n = self.syms()?;
                count(n)
            }
            SectionKind::Types => {
                let n = self.types()?;
                count(n)
            }
            SectionKind::TypeInstCache => {
                self.m.type_inst_cache = self.item_pairs()?;
                count(self.m.type_inst_cache.len())
            }
            SectionKind::ProcInstCache => {
                use l::inst_head as f;
                let n = self.r.count(l::INST_BASE_SIZE)?;
                let mut v = Vec::with_capacity(n);
                for _ in 0..n {
                    let kb = self.r.bytes(f::LAYOUT.size)?;
                    let (_, b) = self.r.seq_records(l::son::LAYOUT.size)?;
                    v.push(PackedInstantiation {
                        key: item(kb, f::KEY),
                        sym: item(kb, f::SYM),
                        concrete_types: recs(b, &l::son::LAYOUT).map(|e| item(e, l::son::ITEM)).collect(),
                    });
                }
                self.m.proc_inst_cache = v;
                count(n)
            }
            SectionKind::AttachedOps => {
                let layout = self.v.layouts().attached_op;
                let (n, b) = self.r.seq_records(layout.size)?;
                let v1 = self.v == RodVersion::V1_6;
                self.m.attached_ops = recs(b, layout)
                    .map(|e| {
                        if v1 {
                            use l::attached16 as f;
                            AttachedOp { op: f::OP.u8(e), typ: item(e, f::TYP), proc_: item(e, f::PROC) }
                        } else {
                            use l::attached20 as f;
                            AttachedOp { typ: item(e, f::TYP), op: f::OP.u8(e), proc_: item(e, f::PROC) }
                        }
                    })
                    .collect();
                count(n)
            }
            SectionKind::MethodsPerGenericType => {
                use l::methods_per_type as f;
                let (n, b) = self.r.seq_records(f::LAYOUT.size)?;
                self.m.methods_per_generic_type =
                    recs(b, &f::LAYOUT).map(|e| (item(e, f::TYP), f::INDEX.i64(e), item(e, f::METHOD))).collect();
                count(n)
            }
            SectionKind::EnumToStringProcs => {
                self.m.enum_to_string_procs = self.item_pairs()?;
                count(self.m.enum_to_string_procs.len())
            }
            SectionKind::MethodsPerType => {
                self.m.methods_per_type = self.item_pairs()?;
                count(self.m.methods_per_type.len())
            }
            SectionKind::Dispatchers => {
                use l::dispatcher as f;
                let (n, b) = self.r.seq_records(f::LAYOUT.size)?;
                self.m.dispatchers = recs(b, &f::LAYOUT).map(|e| item(e, f::ITEM)).collect();
                count(n)
            }
            SectionKind::TypeInfo => {
                let n = self.r.count(l::count::LAYOUT.size)?;
                let mut v = Vec::with_capacity(n);
                for _ in 0..n {
                    v.push(String::from_utf8_lossy(self.r.string()?).into_owned());
                }
                self.m.type_info = v;
                count(n)
            }
            SectionKind::BackendFlags => {
                self.m.backend_flags = l::backend_flags::FLAGS.u8(self.r.bytes(l::backend_flags::LAYOUT.size)?);
                None
            }
            SectionKind::SideChannel => {
                use l::side_channel as f;
                let (n, b) = self.r.seq_records(f::LAYOUT.size)?;
                self.m.side_channel = recs(b, &f::LAYOUT)
                    .map(|e| SideChannelEntry { file: LitId(f::FILE.u32(e)), line: f::LINE.i32(e), col: f::COL.i32(e) })
                    .collect();
                count(n)
            }
            SectionKind::AliveSyms => None,
        })
    }

    /// A tree section; returns the tree and its node count (the tree is empty
    /// when the nodes are not wanted).
    fn tree(&mut self) -> Result<(PackedTree, usize)> {
        if self.v != RodVersion::V2_2 {
            use l::node16 as f;
            const SIZE: usize = f::LAYOUT.size;
            let (n, b) = self.r.seq_records(SIZE)?;
            if !self.parts.trees {
                return Ok((PackedTree::default(), n));
            }
            // Fixed-size records read from arrays: the declared offsets are constants,
            // so no bounds check per field (the hottest loop of a whole-cache load).
            let nodes = b
                .chunks_exact(SIZE)
                .map(|e| {
                    let e: &[u8; SIZE] = e.try_into().unwrap_or(&[0; SIZE]);
                    let e = &e[..];
                    PackedNode {
                        kind: NodeKind(f::KIND.u8(e)),
                        flags: f::FLAGS.u32(e),
                        operand: f::OPERAND.i32(e),
                        typ: item(e, f::TYPE_ID),
                        info: info16(e, f::INFO),
                    }
                })
                .collect::<Vec<_>>();
            debug_assert_eq!(nodes.len(), n);
            return Ok((PackedTree::new(nodes), n));
        }
        use l::node22 as f;
        let (n, b) = self.r.seq_records(f::LAYOUT.size)?;
        if !self.parts.trees {
            self.side_table_positions(&l::with_flags::LAYOUT, n)?;
            self.side_table_positions(&l::with_types::LAYOUT, n)?;
            return Ok((PackedTree::default(), n));
        }
        // The file's node records are kept as they are (kind, operand and info decoded on
        // access); the side tables become sparse per-node lists.
        let raw: Vec<[u32; 2]> = recs(b, &f::LAYOUT).map(|e| [f::KIND.u32(e), f::INFO.u32(e)]).collect();
        if raw.iter().any(|r| r[1] & 1 == 1) {
            self.aside = true;
        }
        let flags = {
            use l::with_flags as w;
            let at = self.r.offset();
            let (fn_, fb) = self.r.seq_records(w::LAYOUT.size)?;
            let mut flags = Vec::with_capacity(fn_);
            for (i, e) in recs(fb, &w::LAYOUT).enumerate() {
                let pos = w::NODE.i32(e);
                let node = u32::try_from(pos).ok().filter(|&p| (p as usize) < n).ok_or_else(|| {
                    self.r.error_at(ErrorKind::InvalidValue, format!("withFlags entry {i} names node {pos} of {n}"), at + 4 + i * w::LAYOUT.size)
                })?;
                flags.push((node, w::FLAGS.u32(e)));
            }
            flags
        };
        let types = {
            use l::with_types as w;
            let at = self.r.offset();
            let (tn, tb) = self.r.seq_records(w::LAYOUT.size)?;
            let mut types = Vec::with_capacity(tn);
            for (i, e) in recs(tb, &w::LAYOUT).enumerate() {
                let pos = w::NODE.i32(e);
                let node = u32::try_from(pos).ok().filter(|&p| (p as usize) < n).ok_or_else(|| {
                    self.r.error_at(ErrorKind::InvalidValue, format!("withTypes entry {i} names node {pos} of {n}"), at + 4 + i * w::LAYOUT.size)
                })?;
                types.push((node, item(e, w::TYP)));
            }
            types
        };
        Ok((PackedTree::packed22(Packed22 {
            raw,
            flags: Packed22::last_per_node(flags),
            types: Packed22::last_per_node(types),
            side: std::sync::Arc::from(Vec::new()),
        }), n))
    }

    /// Reads a 2.2 withFlags or withTypes table without keeping it, with the same
    /// check as [`Self::tree`]: each entry names a node (its first field).
    fn side_table_positions(&mut self, layout: &'static l::Layout, n: usize) -> Result<()> {
        let at = self.r.offset();
        let (_, b) = self.r.seq_records(layout.size)?;
        let what = if layout.size == l::with_flags::LAYOUT.size { "withFlags" } else { "withTypes" };
        let node = l::with_flags::NODE;
        for (i, e) in recs(b, layout).enumerate() {
            let pos = node.i32(e);
            if usize::try_from(pos).map_or(true, |p| p >= n) {
                return Err(self.r.error_at(ErrorKind::InvalidValue, format!("{what} entry {i} names node {pos} of {n}"), at + 4 + i * layout.size));
            }
        }
        Ok(())
    }

    fn syms(&mut self) -> Result<usize> {
        let size = self.v.sym_size();
        let (n, b) = self.r.seq_records(size)?;
        let mut v = Vec::with_capacity(n);
        match self.v {
            RodVersion::V1_6 => {
                const SIZE: usize = l::sym16::LAYOUT.size;
                for (i, e) in b.chunks_exact(SIZE).enumerate() {
                    let e: &[u8; SIZE] = e.try_into().unwrap_or(&[0; SIZE]);
                    let e = &e[..];
                    v.push(sym_record!(sym16, e, SymId(i as i32), info16(e, l::sym16::INFO), |e| l::sym16::OFFSET.i64(e), |_| 0, |_| NO_INSTANCE));
                }
            }
            RodVersion::V2_0 => {
                const SIZE: usize = l::sym20::LAYOUT.size;
                for (i, e) in b.chunks_exact(SIZE).enumerate() {
                    let e: &[u8; SIZE] = e.try_into().unwrap_or(&[0; SIZE]);
                    let e = &e[..];
                    v.push(sym_record!(
                        sym20,
                        e,
                        SymId(i as i32),
                        info16(e, l::sym20::INFO),
                        |e| l::sym20::OFFSET.i32(e) as i64,
                        |e| l::sym20::DISAMB.i32(e),
                        |_| NO_INSTANCE
                    ));
                }
            }
            RodVersion::V2_2 => {
                use l::sym22 as f;
                const SIZE: usize = f::LAYOUT.size;
                for e in b.chunks_exact(SIZE) {
                    let e: &[u8; SIZE] = e.try_into().unwrap_or(&[0; SIZE]);
                    let e = &e[..];
                    let info = self.info22(f::INFO.u32(e));
                    v.push(sym_record!(
                        sym22,
                        e,
                        SymId(f::ID.i32(e)),
                        info,
                        |e| f::OFFSET.i32(e) as i64,
                        |e| f::DISAMB.i32(e),
                        |e| item(e, f::INSTANTIATED_FROM)
                    ));
                }
                self.m.syms = ItemTable::keyed(v, |s| s.id);
                return Ok(n);
            }
        }
        self.m.syms = ItemTable::slots(v);
        Ok(n)
    }

    fn types(&mut self) -> Result<usize> {
        let base = self.v.type_base_size();
        let ls = self.v.layouts();
        let n = self.r.count(base)?;
        let mut v = Vec::with_capacity(n);
        let mut sons = Vec::new();
        let keyed = self.v == RodVersion::V2_2;
        let ll = self.v == RodVersion::V1_6;
        for i in 0..n {
            let h = self.r.bytes(ls.type_head.size)?;
            let (id, kind, call_conv, flags) = if keyed {
                use l::type_head22 as f;
                (TypeId(f::ID.i32(h)), f::KIND.u8(h), f::CALL_CONV.u8(h), f::FLAGS.u64(h))
            } else {
                use l::type_head16 as f;
                (TypeId(i as i32), f::KIND.u8(h), f::CALL_CONV.u8(h), f::FLAGS.u64(h))
            };
            let (k, b) = self.r.seq_records(l::son::LAYOUT.size)?;
            let start = sons.len() as u32;
            sons.extend(recs(b, &l::son::LAYOUT).map(|e| item(e, l::son::ITEM)));
            let t = self.r.bytes(ls.type_tail.size)?;
            macro_rules! tail {
                ($m:ident, $lock:expr) => {{
                    use l::$m as f;
                    PackedType {
                        id,
                        kind,
                        call_conv,
                        flags,
                        sons: (start, k as u32),
                        n: NodeId(f::N.i32(t)),
                        sym: item(t, f::SYM),
                        owner: item(t, f::OWNER),
                        size: f::SIZE.i64(t),
                        align: f::ALIGN.i16(t),
                        padding_at_end: f::PADDING_AT_END.i16(t),
                        lock_level: $lock,
                        type_inst: item(t, f::TYPE_INST),
                        non_unique_id: f::NON_UNIQUE_ID.i32(t),
                    }
                }};
            }
            v.push(if ll { tail!(type_tail16, Some(l::type_tail16::LOCK_LEVEL.i16(t))) } else { tail!(type_tail20, None) });
        }
        self.m.types = TypeTable { table: if keyed { ItemTable::keyed(v, |t| t.id) } else { ItemTable::slots(v) }, sons };
        Ok(n)
    }

    fn resolve_side_channel(&mut self) -> Result<()> {
        let sc = std::mem::take(&mut self.m.side_channel);
        let at = self.m.section(SectionKind::SideChannel).map_or(0, |s| s.span.start);
        let bad = |idx: i32| {
            Error::new(ErrorKind::InvalidValue, format!("a line info names side-channel entry {idx}, the table has {}", sc.len()), at)
                .in_section("sideChannel")
        };
        let fix = |info: &mut LineInfo| -> Result<()> {
            if info.file == ASIDE {
                let e = sc.get(info.line as usize).ok_or_else(|| bad(info.line))?;
                *info = LineInfo { file: e.file, line: e.line, col: e.col };
            }
            Ok(())
        };
        let side: std::sync::Arc<[crate::tree::SideEntry]> = sc.iter().map(|e| (e.file, e.line, e.col)).collect();
        for t in [&mut self.m.to_replay, &mut self.m.top_level, &mut self.m.bodies] {
            t.try_for_each_info(fix)?;
            t.attach_side_channel(&side).map_err(|idx| bad(idx as i32))?;
        }
        for s in &mut self.m.syms.records {
            fix(&mut s.info)?;
        }
        self.m.side_channel = sc;
        Ok(())
    }
}
