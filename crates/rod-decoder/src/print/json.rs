//! `dump --json`: everything decoded, names resolved, raw ids kept.
//!
//! The shape (schema 1) is documented in `docs/json-dump.md`. Items (`PackedItemId`)
//! are `{"item": id, "module": LitId}` or `null` for nil; positions are
//! `{"col": n, "file": LitId, "line": n}`; flag sets are arrays of names.
//!
//! The dump is streamed: [`DumpJson`] serializes straight from the module, record by
//! record, so writing it needs no memory beyond the module itself (system.rod's
//! dump is 30 MB of text). Keys are written in sorted order (as serde_json's
//! `Value` objects print them), so the text is the same as printing a
//! [`serde_json::Value`] of the same data.

use crate::ids::{ItemRef, LitId, NodePos, PackedItemId, SymId, TreeKind, TypeId};
use crate::literal::Literal;
use crate::module::{AttachedOp, PackedInstantiation, PackedModule, PackedSym, PackedType, SectionInfo};
use crate::names::name_or_raw;
use crate::tree::LineInfo;
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde::Serialize as DeriveSerialize;
use serde_json::Value;
use std::borrow::Cow;
use std::io::{self, Write};

/// A PackedItemId as JSON (`null` for nil).
pub fn item_json(m: &PackedModule, id: PackedItemId) -> Value {
    serde_json::to_value(Item(m, id)).unwrap_or(Value::Null)
}

/// The whole module as a JSON value (the same data as [`dump_json`] writes).
pub fn dump_json_value(m: &PackedModule) -> Value {
    serde_json::to_value(DumpJson(m)).unwrap_or(Value::Null)
}

/// Writes the JSON dump (pretty-printed, one trailing newline), streaming.
pub fn dump_json(m: &PackedModule, out: &mut impl Write) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(&mut *out, Pretty::default());
    DumpJson(m).serialize(&mut ser)?;
    out.write_all(b"\n")
}

/// A newline, then spaces: the start of a line at some depth (after an optional comma).
const LINE_START: &[u8; 2 + 2 * 32] = b",\n                                                                ";

/// serde_json's `PrettyFormatter` (two spaces per level) with the same output, but
/// each line break and its indentation written at once instead of one write per
/// level (the dump has 3 million lines).
#[derive(Default)]
struct Pretty {
    depth: usize,
    has_value: bool,
}

impl Pretty {
    fn new_line<W: ?Sized + Write>(&self, w: &mut W, comma: bool) -> io::Result<()> {
        let from = usize::from(!comma);
        match LINE_START.get(from..2 + 2 * self.depth) {
            Some(s) => w.write_all(s),
            None => {
                w.write_all(&LINE_START[from..2])?;
                (0..self.depth).try_for_each(|_| w.write_all(b"  "))
            }
        }
    }
}

impl serde_json::ser::Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(b"[")
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.new_line(w, false)?;
        }
        w.write_all(b"]")
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.new_line(w, !first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(b"{")
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.new_line(w, false)?;
        }
        w.write_all(b"}")
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.new_line(w, !first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// The dump of one module, serialized on the fly (see the module docs).
pub struct DumpJson<'a>(pub &'a PackedModule);

/// An item: `{"item", "module"}` or `null`.
struct Item<'a>(&'a PackedModule, PackedItemId);

impl Serialize for Item<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0.item_ref(self.1) == ItemRef::Nil {
            return s.serialize_none();
        }
        let mut o = s.serialize_map(Some(2))?;
        o.serialize_entry("item", &self.1.item)?;
        o.serialize_entry("module", &self.1.module.0)?;
        o.end()
    }
}

/// A position: `{"col", "file", "line"}`.
struct Info<'a>(&'a LineInfo);

impl Serialize for Info<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut o = s.serialize_map(Some(3))?;
        o.serialize_entry("col", &self.0.col)?;
        o.serialize_entry("file", &self.0.file.0)?;
        o.serialize_entry("line", &self.0.line)?;
        o.end()
    }
}

/// A flag set as the names of its bits, in ordinal order.
struct Flags(&'static [&'static str], u64);

impl Serialize for Flags {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let bits = self.1;
        s.collect_seq((0..64u32).filter(|i| bits & (1u64 << i) != 0).map(|i| name_or_raw(self.0, i)))
    }
}

/// Bytes shown as UTF-8 (invalid bytes replaced).
struct Text<'a>(&'a [u8]);

impl Serialize for Text<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&String::from_utf8_lossy(self.0))
    }
}

/// A string of the module's table by LitId (`""` when absent).
fn text<'a>(m: &'a PackedModule, id: LitId) -> Text<'a> {
    Text(m.strings.get(id).unwrap_or(b""))
}

/// A sequence produced by a closure (called once per serialization).
struct Seq<F>(F);

impl<F, I> Serialize for Seq<F>
where
    F: Fn() -> I,
    I: IntoIterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

/// An atom's decoded value (`null`-valued literals are left out by the caller).
struct Lit<'a>(Literal<'a>);

impl Serialize for Lit<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match &self.0 {
            Literal::None | Literal::Sym(_) => s.serialize_none(),
            Literal::Ident(b) | Literal::Str(b) => Text(b).serialize(s),
            Literal::Char(c) => s.serialize_u8(*c),
            Literal::Int(v) => s.serialize_i64(*v),
            Literal::UInt(v) => s.serialize_u64(*v),
            Literal::Float(f) if f.is_finite() => s.serialize_f64(*f),
            Literal::Float(f) => s.serialize_str(&f.to_string()),
            Literal::Missing(id) => {
                let mut o = s.serialize_map(Some(1))?;
                o.serialize_entry("missingLiteral", &id.0)?;
                o.end()
            }
        }
    }
}

/// One node: `{flags?, info, kind, operand, type?, value?}`.
struct Node<'a>(&'a PackedModule, TreeKind, NodePos);

impl Serialize for Node<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let Node(m, k, p) = *self;
        let names = m.version.names();
        let Some(n) = m.tree(k).node(p) else { return s.serialize_none() };
        let mut o = s.serialize_map(None)?;
        if n.flags != 0 {
            o.serialize_entry("flags", &Flags(names.node_flag, n.flags as u64))?;
        }
        o.serialize_entry("info", &Info(&n.info))?;
        o.serialize_entry("kind", &name_or_raw(names.node_kind, n.kind.0 as u32))?;
        o.serialize_entry("operand", &n.operand)?;
        if m.item_ref(n.typ) != ItemRef::Nil {
            o.serialize_entry("type", &Item(m, n.typ))?;
        }
        let lit = m.literal(k, p);
        if !matches!(lit, Literal::None | Literal::Sym(_)) {
            o.serialize_entry("value", &Lit(lit))?;
        }
        o.end()
    }
}

/// One tree's nodes in pre-order.
struct Tree<'a>(&'a PackedModule, TreeKind);

impl Serialize for Tree<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let Tree(m, k) = *self;
        let t = m.tree(k);
        let n = t.len() as u32;
        let mut seq = s.serialize_seq(Some(n as usize))?;
        for p in (0..n).map(NodePos) {
            if t.node(p).is_some() {
                seq.serialize_element(&Node(m, k, p))?;
            }
        }
        seq.end()
    }
}

/// A hole of a slot array: `{"hole": true, "id"}`.
fn hole<S: Serializer>(s: S, id: impl Serialize) -> Result<S::Ok, S::Error> {
    let mut o = s.serialize_map(Some(2))?;
    o.serialize_entry("hole", &true)?;
    o.serialize_entry("id", &id)?;
    o.end()
}

/// One symbol record (keys sorted).
struct Sym<'a>(&'a PackedModule, SymId, &'a PackedSym);

impl Serialize for Sym<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let Sym(m, id, y) = *self;
        if y.is_hole() {
            return hole(s, id);
        }
        let names = m.version.names();
        let item = |x| Item(m, x);
        let mut o = s.serialize_map(None)?;
        o.serialize_entry("alignment", &y.alignment)?;
        o.serialize_entry("annex", &Annex(m, y))?;
        o.serialize_entry("ast", &y.ast.0)?;
        o.serialize_entry("bitsize", &y.bitsize)?;
        o.serialize_entry("constraint", &y.constraint.0)?;
        o.serialize_entry("disamb", &y.disamb)?;
        o.serialize_entry("externalName", &text(m, y.external_name))?;
        o.serialize_entry("flags", &Flags(names.sym_flag, y.flags))?;
        o.serialize_entry("guard", &item(y.guard))?;
        o.serialize_entry("id", &id)?;
        o.serialize_entry("info", &Info(&y.info))?;
        o.serialize_entry("instantiatedFrom", &item(y.instantiated_from))?;
        o.serialize_entry("kind", &name_or_raw(names.sym_kind, y.kind as u32))?;
        o.serialize_entry("locFlags", &Flags(names.loc_flag, y.loc_flags as u64))?;
        let magic = (y.magic != 0).then(|| name_or_raw(names.magic, y.magic as u32));
        o.serialize_entry("magic", &magic)?;
        o.serialize_entry("name", &text(m, y.name))?;
        o.serialize_entry("nameId", &y.name.0)?;
        o.serialize_entry("offset", &y.offset)?;
        o.serialize_entry("options", &Flags(names.option, y.options as u64))?;
        o.serialize_entry("owner", &item(y.owner))?;
        o.serialize_entry("position", &y.position)?;
        o.serialize_entry("type", &item(y.typ))?;
        o.end()
    }
}

/// A symbol's `{.dynlib.}` library: `null` or `{generated, isOverridden, kind, name, path}`.
struct Annex<'a>(&'a PackedModule, &'a PackedSym);

impl Serialize for Annex<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let a = &self.1.annex;
        if !a.is_some() {
            return s.serialize_none();
        }
        let mut o = s.serialize_map(Some(5))?;
        o.serialize_entry("generated", &a.generated)?;
        o.serialize_entry("isOverridden", &a.is_overridden)?;
        o.serialize_entry("kind", &name_or_raw(self.0.version.names().lib_kind, a.kind as u32))?;
        o.serialize_entry("name", &text(self.0, a.name))?;
        o.serialize_entry("path", &a.path.0)?;
        o.end()
    }
}

/// One type record (keys sorted).
struct Type<'a>(&'a PackedModule, TypeId, &'a PackedType);

impl Serialize for Type<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let Type(m, id, t) = *self;
        if t.is_hole() {
            return hole(s, id);
        }
        let names = m.version.names();
        let item = |x| Item(m, x);
        let mut o = s.serialize_map(None)?;
        o.serialize_entry("align", &t.align)?;
        o.serialize_entry("callConv", &name_or_raw(names.call_conv, t.call_conv as u32))?;
        o.serialize_entry("flags", &Flags(names.type_flag, t.flags))?;
        o.serialize_entry("id", &id)?;
        o.serialize_entry("kind", &name_or_raw(names.type_kind, t.kind as u32))?;
        o.serialize_entry("lockLevel", &t.lock_level)?;
        o.serialize_entry("n", &t.n.0)?;
        o.serialize_entry("nonUniqueId", &t.non_unique_id)?;
        o.serialize_entry("owner", &item(t.owner))?;
        o.serialize_entry("paddingAtEnd", &t.padding_at_end)?;
        o.serialize_entry("size", &t.size)?;
        o.serialize_entry("sons", &Items(m, m.types.sons_of(t)))?;
        o.serialize_entry("sym", &item(t.sym))?;
        o.serialize_entry("typeInst", &item(t.type_inst))?;
        o.end()
    }
}

/// `exports`, `hidden`, `compilerProcs` entries.
#[derive(DeriveSerialize)]
struct Pair<'a> {
    name: Text<'a>,
    #[serde(rename = "nameId")]
    name_id: u32,
    sym: SymId,
}

struct Pairs<'a>(&'a PackedModule, &'a [(LitId, SymId)]);

impl Serialize for Pairs<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.1.iter().map(|&(n, sym)| Pair { name: text(self.0, n), name_id: n.0, sym }))
    }
}

/// A list of items.
struct Items<'a>(&'a PackedModule, &'a [PackedItemId]);

impl Serialize for Items<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.1.iter().map(|&x| Item(self.0, x)))
    }
}

/// `definedSymbols`: the words after the leading `config`.
struct Words<'a>(&'a str);

impl Serialize for Words<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.split(' ').skip(1))
    }
}

#[derive(DeriveSerialize)]
struct AttachedOpJson<'a> {
    op: Cow<'static, str>,
    proc: Item<'a>,
    #[serde(rename = "type")]
    typ: Item<'a>,
}

#[derive(DeriveSerialize)]
#[serde(rename_all = "camelCase")]
struct ConfigJson<'a> {
    backend: Cow<'static, str>,
    c_compiler: Cow<'static, str>,
    defined_symbols: Words<'a>,
    global_options: Flags,
    module_flags: Flags,
    options: Flags,
    #[serde(rename = "selectedGC")]
    selected_gc: Cow<'a, str>,
}

#[derive(DeriveSerialize)]
#[serde(rename_all = "camelCase")]
struct CountsJson {
    bodies: usize,
    numbers: usize,
    strings: usize,
    symbols: usize,
    to_replay: usize,
    top_level: usize,
    types: usize,
}

#[derive(DeriveSerialize)]
struct ImportJson<'a> {
    path: Text<'a>,
    #[serde(rename = "pathId")]
    path_id: u32,
}

#[derive(DeriveSerialize)]
struct IncludeJson<'a> {
    path: Text<'a>,
    #[serde(rename = "pathId")]
    path_id: u32,
    sha1: &'a str,
}

#[derive(DeriveSerialize)]
struct MacroUsageJson<'a> {
    info: Info<'a>,
    item: Item<'a>,
}

#[derive(DeriveSerialize)]
#[serde(rename_all = "camelCase")]
struct ProcInstJson<'a> {
    concrete_types: Items<'a>,
    key: Item<'a>,
    sym: Item<'a>,
}

#[derive(DeriveSerialize)]
struct ReexportJson<'a> {
    item: Item<'a>,
    name: Text<'a>,
    #[serde(rename = "nameId")]
    name_id: u32,
}

#[derive(DeriveSerialize)]
struct SectionJson {
    count: Option<u32>,
    name: &'static str,
    offset: usize,
    size: usize,
    tag: u8,
}

#[derive(DeriveSerialize)]
#[serde(rename_all = "camelCase")]
struct TreesJson<'a> {
    bodies: Tree<'a>,
    to_replay: Tree<'a>,
    top_level: Tree<'a>,
}

impl<'a> Serialize for DumpJson<'a> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let m: &'a PackedModule = self.0;
        let names = m.version.names();
        let item = |x| Item(m, x);
        let c = &m.config;
        let mut o = s.serialize_map(None)?;
        let attached = |a: &AttachedOp| AttachedOpJson { op: name_or_raw(names.attached_op, a.op as u32), proc: item(a.proc_), typ: item(a.typ) };
        o.serialize_entry("attachedOps", &Seq(|| m.attached_ops.iter().map(attached)))?;
        o.serialize_entry("backendFlags", &Flags(names.backend_flag, m.backend_flags as u64))?;
        o.serialize_entry("compiler", m.version.compiler())?;
        o.serialize_entry("compilerProcs", &Pairs(m, &m.compiler_procs))?;
        let config = ConfigJson {
            backend: name_or_raw(names.backend, c.backend as u32),
            c_compiler: name_or_raw(names.system_cc, c.c_compiler as u32),
            defined_symbols: Words(&m.defined_symbols),
            global_options: Flags(names.global_option, c.global_options),
            module_flags: Flags(names.sym_flag, m.module_flags),
            options: Flags(names.option, c.options as u64),
            selected_gc: name_or_raw(names.gc_mode, c.selected_gc as u32),
        };
        o.serialize_entry("config", &config)?;
        o.serialize_entry("converters", &m.converters)?;
        let counts = CountsJson {
            bodies: m.bodies.len(),
            numbers: m.numbers.vals.len(),
            strings: m.strings.len(),
            symbols: m.syms.count(),
            to_replay: m.to_replay.len(),
            top_level: m.top_level.len(),
            types: m.types.table.count(),
        };
        o.serialize_entry("counts", &counts)?;
        o.serialize_entry("dispatchers", &Items(m, &m.dispatchers))?;
        o.serialize_entry("enumToStringProcs", &Seq(|| m.enum_to_string_procs.iter().map(|&(a, b)| (item(a), item(b)))))?;
        o.serialize_entry("exports", &Pairs(m, &m.exports))?;
        o.serialize_entry("fileSize", &m.file_size)?;
        o.serialize_entry("format", "rodscope-dump")?;
        o.serialize_entry("hidden", &Pairs(m, &m.hidden))?;
        o.serialize_entry("imports", &Seq(|| m.imports.iter().map(|&p| ImportJson { path: text(m, p), path_id: p.0 })))?;
        let include = |(p, h): &'a (LitId, String)| IncludeJson { path: text(m, *p), path_id: p.0, sha1: h };
        o.serialize_entry("includes", &Seq(|| m.includes.iter().map(include)))?;
        o.serialize_entry("litBase", &m.version.lit_base())?;
        o.serialize_entry("macroUsages", &Seq(|| m.macro_usages.iter().map(|(it, i)| MacroUsageJson { info: Info(i), item: item(*it) })))?;
        o.serialize_entry("methods", &m.methods)?;
        o.serialize_entry("methodsPerGenericType", &Seq(|| m.methods_per_generic_type.iter().map(|&(a, i, b)| (item(a), i, item(b)))))?;
        o.serialize_entry("methodsPerType", &Seq(|| m.methods_per_type.iter().map(|&(a, b)| (item(a), item(b)))))?;
        o.serialize_entry("numbers", &m.numbers.vals)?;
        o.serialize_entry("path", &m.path())?;
        let inst = |p: &'a PackedInstantiation| ProcInstJson {
            concrete_types: Items(m, &p.concrete_types),
            key: item(p.key),
            sym: item(p.sym),
        };
        o.serialize_entry("procInstCache", &Seq(|| m.proc_inst_cache.iter().map(inst)))?;
        o.serialize_entry("pureEnums", &m.pure_enums)?;
        o.serialize_entry("reexports", &Seq(|| m.reexports.iter().map(|&(n, it)| ReexportJson { item: item(it), name: text(m, n), name_id: n.0 })))?;
        o.serialize_entry("schema", &1)?;
        let section = |x: &SectionInfo| SectionJson { count: x.span.count, name: x.span.name, offset: x.span.start, size: x.span.len(), tag: x.span.tag };
        o.serialize_entry("sections", &Seq(|| m.sections.iter().map(section)))?;
        o.serialize_entry("sideChannel", &m.side_channel.len())?;
        o.serialize_entry("strings", &Seq(|| m.strings.iter().map(|(_, b)| Text(b))))?;
        o.serialize_entry("syms", &Seq(|| m.syms.iter().map(|(id, y)| Sym(m, id, y))))?;
        let trees = TreesJson { bodies: Tree(m, TreeKind::Bodies), to_replay: Tree(m, TreeKind::ToReplay), top_level: Tree(m, TreeKind::TopLevel) };
        o.serialize_entry("trees", &trees)?;
        o.serialize_entry("trmacros", &m.trmacros)?;
        o.serialize_entry("typeInfo", &m.type_info)?;
        o.serialize_entry("typeInstCache", &Seq(|| m.type_inst_cache.iter().map(|&(a, b)| (item(a), item(b)))))?;
        o.serialize_entry("types", &Seq(|| m.types.table.iter().map(|(id, t)| Type(m, id, t))))?;
        o.serialize_entry("version", m.version.label())?;
        o.end()
    }
}
