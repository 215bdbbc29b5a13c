//! Decoding a `.rod` file into a [`PackedModule`], for each known layout.

use crate::ids::*;
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

fn item(b: &[u8], off: usize) -> PackedItemId {
    PackedItemId { module: LitId(le::u32(b, off)), item: le::i32(b, off + 4) }
}

fn info16(b: &[u8], off: usize) -> LineInfo {
    LineInfo { line: le::u16(b, off) as i32, col: le::i16(b, off + 2) as i32, file: LitId(le::u32(b, off + 4)) }
}

impl Decoder<'_> {
    /// A 2.2 packed line info: inline, or a side-channel index to resolve later.
    fn info22(&mut self, v: u32) -> LineInfo {
        if v & 1 == 0 {
            LineInfo { file: LitId((v >> 1) & 0x3FF), line: ((v >> 11) & 0x3FFF) as i32, col: ((v >> 25) & 0x7F) as i32 }
        } else {
            self.aside = true;
            LineInfo { file: ASIDE, line: (v >> 1) as i32, col: 0 }
        }
    }

    fn pairs_lit_i32(&mut self) -> Result<Vec<(LitId, i32)>> {
        let (n, b) = self.r.seq_records(8)?;
        Ok((0..n).map(|i| (LitId(le::u32(b, i * 8)), le::i32(b, i * 8 + 4))).collect())
    }
    fn i32s(&mut self) -> Result<Vec<i32>> {
        let (n, b) = self.r.seq_records(4)?;
        Ok((0..n).map(|i| le::i32(b, i * 4)).collect())
    }
    fn item_pairs(&mut self) -> Result<Vec<(PackedItemId, PackedItemId)>> {
        let (n, b) = self.r.seq_records(16)?;
        Ok((0..n).map(|i| (item(b, i * 16), item(b, i * 16 + 8))).collect())
    }

    /// Reads one section's payload; returns its element count.
    fn section(&mut self, kind: SectionKind) -> Result<Option<u32>> {
        let count = |n: usize| Some(n as u32);
        Ok(match kind {
            SectionKind::Config => {
                let s = self.r.string()?;
                // valid UTF-8 in practice: the fast check first, the lossy copy only if not
                self.m.defined_symbols = std::str::from_utf8(s).map_or_else(|_| String::from_utf8_lossy(s).into_owned(), str::to_owned);
                self.m.module_flags = self.r.u64()?;
                let c = self.r.bytes(16)?;
                self.m.config = PackedConfig {
                    backend: c[0],
                    selected_gc: c[1],
                    c_compiler: c[2],
                    options: le::u32(c, 4),
                    global_options: le::u64(c, 8),
                };
                None
            }
            SectionKind::Strings => {
                let n = self.r.count(4)?;
                let mut t = StringTable::new(self.v.lit_base(), n, 0);
                for _ in 0..n {
                    t.push(self.r.string()?);
                }
                let k = self.r.count(4)?;
                self.r.records(k, 4)?;
                t.key_slots = k as u32;
                self.m.strings = t;
                count(n)
            }
            SectionKind::CheckSums => {
                let n = self.r.count(8)?;
                let mut v = Vec::with_capacity(n);
                for _ in 0..n {
                    let id = LitId(self.r.u32()?);
                    let h = self.r.string()?;
                    v.push((id, String::from_utf8_lossy(h).into_owned()));
                }
                self.m.includes = v;
                count(n)
            }
            SectionKind::Deps => {
                let (n, b) = self.r.seq_records(4)?;
                self.m.imports = (0..n).map(|i| LitId(le::u32(b, i * 4))).collect();
                count(n)
            }
            SectionKind::Numbers => {
                let (n, b) = self.r.seq_records(8)?;
                let vals = (0..n).map(|i| le::i64(b, i * 8)).collect();
                let k = self.r.count(4)?;
                self.r.records(k, 4)?;
                self.m.numbers = NumberTable::new(self.v.lit_base(), vals);
                self.m.numbers.key_slots = k as u32;
                count(n)
            }
            SectionKind::Exports => {
                self.m.exports = self.pairs_lit_i32()?;
                count(self.m.exports.len())
            }
            SectionKind::Hidden => {
                self.m.hidden = self.pairs_lit_i32()?;
                count(self.m.hidden.len())
            }
            SectionKind::CompilerProcs => {
                self.m.compiler_procs = self.pairs_lit_i32()?;
                count(self.m.compiler_procs.len())
            }
            SectionKind::Reexports => {
                let (n, b) = self.r.seq_records(12)?;
                self.m.reexports = (0..n).map(|i| (LitId(le::u32(b, i * 12)), item(b, i * 12 + 4))).collect();
                count(n)
            }
            SectionKind::Trmacros => {
                self.m.trmacros = self.i32s()?;
                count(self.m.trmacros.len())
            }
            SectionKind::Converters => {
                self.m.converters = self.i32s()?;
                count(self.m.converters.len())
            }
            SectionKind::Methods => {
                self.m.methods = self.i32s()?;
                count(self.m.methods.len())
            }
            SectionKind::PureEnums => {
                self.m.pure_enums = self.i32s()?;
                count(self.m.pure_enums.len())
            }
            SectionKind::MacroUsages => {
                let (n, b) = self.r.seq_records(16)?;
                self.m.macro_usages = (0..n).map(|i| (item(b, i * 16), info16(b, i * 16 + 8))).collect();
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
                let n = self.r.count(20)?;
                let mut v = Vec::with_capacity(n);
                for _ in 0..n {
                    let kb = self.r.bytes(16)?;
                    let (k, b) = self.r.seq_records(8)?;
                    v.push(PackedInstantiation {
                        key: item(kb, 0),
                        sym: item(kb, 8),
                        concrete_types: (0..k).map(|i| item(b, i * 8)).collect(),
                    });
                }
                self.m.proc_inst_cache = v;
                count(n)
            }
            SectionKind::AttachedOps => {
                let (n, b) = self.r.seq_records(20)?;
                let v1 = self.v == RodVersion::V1_6;
                self.m.attached_ops = (0..n)
                    .map(|i| {
                        let e = &b[i * 20..i * 20 + 20];
                        if v1 {
                            AttachedOp { op: e[0], typ: item(e, 4), proc_: item(e, 12) }
                        } else {
                            AttachedOp { typ: item(e, 0), op: e[8], proc_: item(e, 12) }
                        }
                    })
                    .collect();
                count(n)
            }
            SectionKind::MethodsPerGenericType => {
                let (n, b) = self.r.seq_records(24)?;
                self.m.methods_per_generic_type =
                    (0..n).map(|i| (item(b, i * 24), le::i64(b, i * 24 + 8), item(b, i * 24 + 16))).collect();
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
                let (n, b) = self.r.seq_records(8)?;
                self.m.dispatchers = (0..n).map(|i| item(b, i * 8)).collect();
                count(n)
            }
            SectionKind::TypeInfo => {
                let n = self.r.count(4)?;
                let mut v = Vec::with_capacity(n);
                for _ in 0..n {
                    v.push(String::from_utf8_lossy(self.r.string()?).into_owned());
                }
                self.m.type_info = v;
                count(n)
            }
            SectionKind::BackendFlags => {
                self.m.backend_flags = self.r.u8()?;
                None
            }
            SectionKind::SideChannel => {
                let (n, b) = self.r.seq_records(12)?;
                self.m.side_channel = (0..n)
                    .map(|i| SideChannelEntry { file: LitId(le::u32(b, i * 12)), line: le::i32(b, i * 12 + 4), col: le::i32(b, i * 12 + 8) })
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
            let (n, b) = self.r.seq_records(28)?;
            if !self.parts.trees {
                return Ok((PackedTree::default(), n));
            }
            // Fixed-size records read from arrays: no bounds check per field (the
            // hottest loop of a whole-cache load).
            let nodes = b
                .chunks_exact(28)
                .map(|e| {
                    let e: &[u8; 28] = e.try_into().unwrap_or(&[0; 28]);
                    let w = |o: usize| [e[o], e[o + 1], e[o + 2], e[o + 3]];
                    PackedNode {
                        kind: NodeKind(e[0]),
                        flags: u32::from_le_bytes(w(4)),
                        operand: i32::from_le_bytes(w(8)),
                        typ: PackedItemId { module: LitId(u32::from_le_bytes(w(12))), item: i32::from_le_bytes(w(16)) },
                        info: LineInfo {
                            line: u16::from_le_bytes([e[20], e[21]]) as i32,
                            col: i16::from_le_bytes([e[22], e[23]]) as i32,
                            file: LitId(u32::from_le_bytes(w(24))),
                        },
                    }
                })
                .collect::<Vec<_>>();
            debug_assert_eq!(nodes.len(), n);
            return Ok((PackedTree::new(nodes), n));
        }
        let (n, b) = self.r.seq_records(8)?;
        if !self.parts.trees {
            self.side_table_positions(8, n)?;
            self.side_table_positions(12, n)?;
            return Ok((PackedTree::default(), n));
        }
        let raw: Vec<[u32; 2]> = b.chunks_exact(8).map(|e| [le::u32(e, 0), le::u32(e, 4)]).collect();
        if raw.iter().any(|r| r[1] & 1 == 1) {
            self.aside = true;
        }
        let at = self.r.offset();
        let (fn_, fb) = self.r.seq_records(8)?;
        let mut flags = Vec::with_capacity(fn_);
        for i in 0..fn_ {
            let pos = le::i32(fb, i * 8);
            let node = u32::try_from(pos).ok().filter(|&p| (p as usize) < n).ok_or_else(|| {
                self.r.error_at(ErrorKind::InvalidValue, format!("withFlags entry {i} names node {pos} of {n}"), at + 4 + i * 8)
            })?;
            flags.push((node, le::u32(fb, i * 8 + 4)));
        }
        let at = self.r.offset();
        let (tn, tb) = self.r.seq_records(12)?;
        let mut types = Vec::with_capacity(tn);
        for i in 0..tn {
            let pos = le::i32(tb, i * 12);
            let node = u32::try_from(pos).ok().filter(|&p| (p as usize) < n).ok_or_else(|| {
                self.r.error_at(ErrorKind::InvalidValue, format!("withTypes entry {i} names node {pos} of {n}"), at + 4 + i * 12)
            })?;
            types.push((node, item(tb, i * 12 + 4)));
        }
        Ok((PackedTree::packed22(Packed22 {
            raw,
            flags: Packed22::last_per_node(flags),
            types: Packed22::last_per_node(types),
            side: std::sync::Arc::from(Vec::new()),
        }), n))
    }

    /// Reads a 2.2 withFlags (`size` 8) or withTypes (`size` 12) table without
    /// keeping it, with the same check as [`Self::tree`]: each entry names a node.
    fn side_table_positions(&mut self, size: usize, n: usize) -> Result<()> {
        let at = self.r.offset();
        let (k, b) = self.r.seq_records(size)?;
        let what = if size == 8 { "withFlags" } else { "withTypes" };
        for i in 0..k {
            let pos = le::i32(b, i * size);
            if usize::try_from(pos).map_or(true, |p| p >= n) {
                return Err(self.r.error_at(ErrorKind::InvalidValue, format!("{what} entry {i} names node {pos} of {n}"), at + 4 + i * size));
            }
        }
        Ok(())
    }

    fn syms(&mut self) -> Result<usize> {
        let size = self.v.sym_size();
        let (n, b) = self.r.seq_records(size)?;
        let mut v = Vec::with_capacity(n);
        if self.v != RodVersion::V2_2 {
            let v20 = self.v == RodVersion::V2_0;
            for (i, e) in b.chunks_exact(size).enumerate() {
                v.push(PackedSym {
                    id: i as i32,
                    kind: e[0],
                    name: LitId(le::u32(e, 4)),
                    typ: item(e, 8),
                    flags: le::u64(e, 16),
                    magic: le::u16(e, 24),
                    info: info16(e, 28),
                    ast: NodeId(le::i32(e, 36)),
                    owner: item(e, 40),
                    guard: item(e, 48),
                    bitsize: le::i64(e, 56),
                    alignment: le::i64(e, 64),
                    options: le::u32(e, 72),
                    position: le::i64(e, 80),
                    offset: if v20 { le::i32(e, 88) as i64 } else { le::i64(e, 88) },
                    disamb: if v20 { le::i32(e, 92) } else { 0 },
                    external_name: LitId(le::u32(e, 96)),
                    loc_flags: le::u16(e, 100),
                    annex: PackedLib {
                        kind: e[104],
                        generated: e[105] != 0,
                        is_overridden: e[106] != 0,
                        name: LitId(le::u32(e, 108)),
                        path: NodeId(le::i32(e, 112)),
                    },
                    constraint: NodeId(le::i32(e, 116)),
                    instantiated_from: PackedItemId { module: LitId(0), item: -1 },
                });
            }
            self.m.syms = ItemTable::slots(v);
            return Ok(n);
        }
        for e in b.chunks_exact(size) {
            let info = self.info22(le::u32(e, 36));
            v.push(PackedSym {
                id: le::i32(e, 0),
                kind: e[4],
                name: LitId(le::u32(e, 8)),
                typ: item(e, 12),
                flags: le::u64(e, 24),
                magic: le::u16(e, 32),
                info,
                ast: NodeId(le::i32(e, 40)),
                owner: item(e, 44),
                guard: item(e, 52),
                bitsize: le::i64(e, 64),
                alignment: le::i64(e, 72),
                options: le::u32(e, 80),
                position: le::i64(e, 88),
                offset: le::i32(e, 96) as i64,
                disamb: le::i32(e, 100),
                external_name: LitId(le::u32(e, 104)),
                loc_flags: le::u16(e, 108),
                annex: PackedLib {
                    kind: e[112],
                    generated: e[113] != 0,
                    is_overridden: e[114] != 0,
                    name: LitId(le::u32(e, 116)),
                    path: NodeId(le::i32(e, 120)),
                },
                constraint: NodeId(le::i32(e, 124)),
                instantiated_from: item(e, 128),
            });
        }
        self.m.syms = ItemTable::keyed(v, |s| s.id);
        Ok(n)
    }

    fn types(&mut self) -> Result<usize> {
        let base = self.v.type_base_size();
        let n = self.r.count(base)?;
        let mut v = Vec::with_capacity(n);
        let mut sons = Vec::new();
        let keyed = self.v == RodVersion::V2_2;
        for i in 0..n {
            let id = if keyed { self.r.i32()? } else { i as i32 };
            let kind = self.r.u8()?;
            let call_conv = self.r.u8()?;
            let flags = self.r.u64()?;
            let (k, b) = self.r.seq_records(8)?;
            let start = sons.len() as u32;
            sons.extend((0..k).map(|j| item(b, j * 8)));
            let rest = self.r.bytes(base - 14 - if keyed { 4 } else { 0 })?;
            let ll = self.v == RodVersion::V1_6;
            let o = if ll { 2 } else { 0 };
            v.push(PackedType {
                id,
                kind,
                call_conv,
                flags,
                sons: (start, k as u32),
                n: NodeId(le::i32(rest, 0)),
                sym: item(rest, 4),
                owner: item(rest, 12),
                size: le::i64(rest, 20),
                align: le::i16(rest, 28),
                padding_at_end: le::i16(rest, 30),
                lock_level: ll.then(|| le::i16(rest, 32)),
                type_inst: item(rest, 32 + o),
                non_unique_id: le::i32(rest, 40 + o),
            });
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
