//! One text `.rod` file of Nimrod 0.9.0 (RodFileVersion 1210) or Nim 0.17.2 (1222):
//! the header sections, INDEX/IMPORTS, and the DATA lines decoded by following
//! references from the roots, as `rodread.nim` does (a DATA line carries no tag that
//! says whether it is a symbol or a type).

use crate::cursor::Cursor;
use crate::grammar::{parse_sym, parse_tree, parse_type, Grammar};
use crate::ids::{Ref, SymId, TypeId};
use crate::model::{Symbol, Tree, Type};
use crate::names::Era;
use rod_format::{Error, ErrorKind, Result};
use std::collections::{HashMap, HashSet};

/// Most DATA lines, INDEX entries, ... accepted in one section (a cap before allocation
/// beyond what the file itself bounds).
const MAX_ENTRIES: usize = 1 << 24;

/// The section names of the text format, as `'static` strings for errors.
const SECTION_NAMES: &[&str] = &[
    "NIM", "ID", "ORIGFILE", "HASH", "CRC", "OPTIONS", "GOPTIONS", "CMD", "DEFINES", "FILES", "INCLUDES", "DEPS",
    "INTERF", "COMPILERPROCS", "INDEX", "IMPORTS", "CONVERTERS", "METHODS", "INIT", "DATA",
];

/// Where a section is in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectionSpan {
    /// The section name (`INDEX`, `DATA`, ...).
    pub name: &'static str,
    /// Absolute offset of the section name.
    pub offset: usize,
    /// Bytes from the name to the end of the section.
    pub len: usize,
    /// Entries (lines of a `(` section, values of a `:` list); 1 for scalars.
    pub count: usize,
}

/// What a DATA line turned out to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    /// A symbol, reached from a root.
    Sym,
    /// A type, reached from a root.
    Type,
    /// A statement of INIT.
    Stmt,
    /// A symbol no root reaches (it parses only as a symbol).
    UnreachedSym,
    /// A type no root reaches (it parses only as a type).
    UnreachedType,
    /// Reached by nothing, parses with both grammars.
    Ambiguous,
}

/// A decoded text `.rod` file.
#[derive(Clone, Debug)]
pub struct TextModule {
    /// Format and compiler.
    pub era: Era,
    /// The `NIM:` version string.
    pub version: String,
    /// `ID:`, the module symbol id (the module's identity).
    pub id: SymId,
    /// `CRC:` (0.9.0).
    pub crc: Option<i64>,
    /// `ORIGFILE:` (0.17.2).
    pub origfile: Option<String>,
    /// `HASH:` (0.17.2).
    pub hash: Option<String>,
    /// `OPTIONS:` (TOption bits).
    pub options: i64,
    /// `GOPTIONS:` (TGlobalOption bits).
    pub goptions: i64,
    /// `CMD:` (TCommands ordinal).
    pub cmd: i64,
    /// `DEFINES:`.
    pub defines: Vec<String>,
    /// `FILES(`: the file table every file index refers to.
    pub files: Vec<String>,
    /// `INCLUDES(`: file index and CRC (0.9.0) or SHA-1 (0.17.2).
    pub includes: Vec<(i64, String)>,
    /// `DEPS:` file indexes of imported modules.
    pub deps: Vec<i64>,
    /// `INTERF(`: exported names and symbol ids.
    pub interf: Vec<(String, SymId)>,
    /// `COMPILERPROCS(`.
    pub compilerprocs: Vec<(String, SymId)>,
    /// `INDEX(`: id -> DATA offset, in file order.
    pub index: Vec<(i64, i64)>,
    /// `IMPORTS(`: symbol id -> owning module id, in file order.
    pub imports: Vec<(SymId, SymId)>,
    /// `CONVERTERS:`.
    pub converters: Vec<SymId>,
    /// `METHODS:`.
    pub methods: Vec<SymId>,
    /// `INIT(`: DATA offsets of the top-level statements.
    pub init: Vec<i64>,
    /// Where each section is.
    pub sections: Vec<SectionSpan>,
    /// Absolute offset of the first DATA byte (after `DATA(\n`).
    pub data_start: usize,
    /// DATA lines as (start, end) offsets relative to `data_start`, `\n` excluded.
    pub lines: Vec<(usize, usize)>,
    /// What each DATA line is (None: not decoded).
    pub line_kinds: Vec<Option<LineKind>>,
    /// The symbols, in DATA order (reached and unreached), with their line numbers.
    pub syms: Vec<(u32, Symbol)>,
    /// The types, in DATA order, with their line numbers.
    pub types: Vec<(u32, Type)>,
    /// The INIT statements, in INIT order, with their line numbers.
    pub toplevel: Vec<(u32, Tree)>,
    /// Symbol id -> position in `syms`.
    pub sym_index: HashMap<SymId, u32>,
    /// Type id -> position in `types`.
    pub type_index: HashMap<TypeId, u32>,
    /// Symbol references that are neither in INDEX nor in IMPORTS.
    pub dangling_syms: Vec<SymId>,
    /// Type references that are not in INDEX.
    pub dangling_types: Vec<TypeId>,
}

impl TextModule {
    /// The symbol with `id`, when this file holds it.
    pub fn sym(&self, id: SymId) -> Option<&Symbol> {
        self.sym_pos(id).and_then(|i| self.syms.get(i)).map(|(_, s)| s)
    }

    /// The position of symbol `id` in [`TextModule::syms`].
    pub fn sym_pos(&self, id: SymId) -> Option<usize> {
        self.sym_index.get(&id).map(|&i| i as usize)
    }

    /// The type with `id`, when this file holds it.
    pub fn typ(&self, id: TypeId) -> Option<&Type> {
        self.type_index.get(&id).and_then(|&i| self.types.get(i as usize)).map(|(_, t)| t)
    }

    /// The module symbol (`ID:`).
    pub fn module_sym(&self) -> Option<&Symbol> {
        self.syms.iter().map(|(_, s)| s).find(|s| s.id == self.id)
    }

    /// Counts: (symbols, types, INIT statements).
    pub fn counts(&self) -> (usize, usize, usize) {
        (self.syms.len(), self.types.len(), self.toplevel.len())
    }
}

fn section_name(word: &[u8]) -> Option<&'static str> {
    SECTION_NAMES.iter().copied().find(|n| n.as_bytes() == word)
}

/// True when `bytes` starts like a text `.rod` file (`NIM:` then a version).
pub fn sniff(bytes: &[u8]) -> Option<&[u8]> {
    let rest = bytes.strip_prefix(b"NIM:")?;
    let n = rest.iter().position(|&b| b == b'\n')?;
    rest.get(..n).filter(|v| !v.is_empty() && v.len() <= 16 && v.iter().all(u8::is_ascii_digit))
}

/// The era of a text version string.
pub fn era_of_version(v: &[u8]) -> Option<Era> {
    match v {
        b"1210" => Some(Era::Text090),
        b"1222" => Some(Era::Text0172),
        _ => None,
    }
}

fn err(kind: ErrorKind, msg: impl Into<String>, at: usize, section: &'static str) -> Error {
    Error::new(kind, msg, at).in_section(section)
}

/// The lines of a `(` section: from after `(\n` up to a line that is `)`.
fn paren_lines<'a>(c: &mut Cursor<'a>, bytes: &'a [u8], section: &'static str) -> Result<Vec<(usize, &'a [u8])>> {
    if !(c.eat(b'(') && c.eat(b'\n')) {
        return Err(c.err_here("expected '(' and a line break"));
    }
    let mut out = Vec::new();
    loop {
        let start = c.pos();
        if c.at_end() {
            return Err(c.err_kind(ErrorKind::UnexpectedEnd, format!("{section} is not closed by ')'")));
        }
        let line = c.take_until(b'\n');
        if !c.eat(b'\n') {
            return Err(c.err_kind(ErrorKind::UnexpectedEnd, format!("{section} is not closed by ')'")));
        }
        if line == b")" {
            return Ok(out);
        }
        if out.len() >= MAX_ENTRIES {
            return Err(err(ErrorKind::TooBig, "more than 2^24 lines", start, section));
        }
        let _ = bytes;
        out.push((start, line));
    }
}

fn scalar_line<'a>(c: &mut Cursor<'a>) -> Result<(usize, &'a [u8])> {
    c.expect(b':', "':'")?;
    let start = c.pos();
    let line = c.take_until(b'\n');
    c.expect(b'\n', "a line break")?;
    Ok((start, line))
}

fn one_vint(line: &[u8], at: usize, section: &'static str) -> Result<i64> {
    let mut c = Cursor::new(line, at, section);
    let v = c.vint()?;
    if !c.at_end() {
        return Err(c.err_here("bytes after the number"));
    }
    Ok(v)
}

fn vint_list(line: &[u8], at: usize, section: &'static str) -> Result<Vec<i64>> {
    let mut c = Cursor::new(line, at, section);
    let mut out = Vec::new();
    while !c.at_end() {
        if !out.is_empty() {
            c.expect(b' ', "' ' between numbers")?;
        }
        out.push(c.vint()?);
    }
    Ok(out)
}

fn name_id(line: &[u8], at: usize, section: &'static str) -> Result<(String, SymId)> {
    let mut c = Cursor::new(line, at, section);
    let name = c.str()?;
    c.expect(b' ', "' ' after the name")?;
    let id = SymId(c.vint()?);
    if !c.at_end() {
        return Err(c.err_here("bytes after the id"));
    }
    Ok((name, id))
}

fn delta_pairs(lines: &[(usize, &[u8])], section: &'static str) -> Result<Vec<(i64, i64)>> {
    let (mut key, mut val) = (0i64, 0i64);
    let mut out = Vec::with_capacity(lines.len());
    for &(at, line) in lines {
        let mut c = Cursor::new(line, at, section);
        let first = c.vint()?;
        if c.eat(b' ') {
            key = key.checked_add(first).ok_or_else(|| c.err_kind(ErrorKind::TooBig, "key overflows"))?;
            let dv = c.vint()?;
            val = val.checked_add(dv).ok_or_else(|| c.err_kind(ErrorKind::TooBig, "value overflows"))?;
        } else {
            key = key.checked_add(1).ok_or_else(|| c.err_kind(ErrorKind::TooBig, "key overflows"))?;
            val = val.checked_add(first).ok_or_else(|| c.err_kind(ErrorKind::TooBig, "value overflows"))?;
        }
        if !c.at_end() {
            return Err(c.err_here("bytes after the pair"));
        }
        out.push((key, val));
    }
    Ok(out)
}

/// Decodes a text `.rod` file.
pub fn decode(bytes: &[u8]) -> Result<TextModule> {
    let version = sniff(bytes).ok_or_else(|| err(ErrorKind::WrongHeader, "not a text .rod file (no 'NIM:<version>' line)", 0, "NIM"))?;
    let era = era_of_version(version).ok_or_else(|| {
        err(
            ErrorKind::UnknownLayout,
            format!("text .rod RodFileVersion {} is not 1210 (Nimrod 0.9.0) or 1222 (Nim 0.17.2)", String::from_utf8_lossy(version)),
            4,
            "NIM",
        )
    })?;
    let mut m = TextModule {
        era,
        version: String::from_utf8_lossy(version).into_owned(),
        id: SymId(0),
        crc: None,
        origfile: None,
        hash: None,
        options: 0,
        goptions: 0,
        cmd: 0,
        defines: Vec::new(),
        files: Vec::new(),
        includes: Vec::new(),
        deps: Vec::new(),
        interf: Vec::new(),
        compilerprocs: Vec::new(),
        index: Vec::new(),
        imports: Vec::new(),
        converters: Vec::new(),
        methods: Vec::new(),
        init: Vec::new(),
        sections: Vec::new(),
        data_start: 0,
        lines: Vec::new(),
        line_kinds: Vec::new(),
        syms: Vec::new(),
        types: Vec::new(),
        toplevel: Vec::new(),
        sym_index: HashMap::new(),
        type_index: HashMap::new(),
        dangling_syms: Vec::new(),
        dangling_types: Vec::new(),
    };
    let mut c = Cursor::new(bytes, 0, "NIM");
    let mut have_id = false;
    let mut data_lines: Option<Vec<(usize, &[u8])>> = None;
    while data_lines.is_none() {
        let start = c.pos();
        if c.at_end() {
            return Err(err(ErrorKind::UnexpectedEnd, "the file ends before DATA", start, "DATA"));
        }
        let word = c.word();
        let name = section_name(word).ok_or_else(|| {
            err(ErrorKind::WrongSection, format!("unknown section {:?}", String::from_utf8_lossy(word)), start, "header")
        })?;
        let mut sc = c.clone();
        let count = read_section(name, &mut sc, bytes, &mut m, &mut have_id, &mut data_lines).map_err(|e| e.in_section(name))?;
        m.sections.push(SectionSpan { name, offset: start, len: sc.pos() - start, count });
        c = sc;
        if name == "DATA" {
            break;
        }
    }
    if !have_id {
        return Err(err(ErrorKind::InvalidValue, "no ID: line (the module symbol id)", 0, "ID"));
    }
    c.eat(0);
    if !c.at_end() {
        return Err(err(ErrorKind::TrailingBytes, "bytes after DATA", c.pos(), "DATA"));
    }
    let data = data_lines.unwrap_or_default();
    let data_sec = m.sections.last().map_or(0, |s| s.offset);
    m.data_start = data_sec + b"DATA(\n".len();
    m.lines = data.iter().map(|(at, l)| (at - m.data_start, at - m.data_start + l.len())).collect();
    decode_data(&mut m, bytes)?;
    Ok(m)
}

/// Reads the body of section `name` (after its name); returns its entry count.
fn read_section<'a>(
    name: &'static str,
    sc: &mut Cursor<'a>,
    bytes: &'a [u8],
    m: &mut TextModule,
    have_id: &mut bool,
    data_lines: &mut Option<Vec<(usize, &'a [u8])>>,
) -> Result<usize> {
    let era = m.era;
    let count;
    match name {
        "NIM" => {
            let _ = scalar_line(sc)?;
            count = 1;
        }
        "ID" | "CRC" | "OPTIONS" | "GOPTIONS" | "CMD" => {
            let (at, line) = scalar_line(sc)?;
            let v = one_vint(line, at, name)?;
            match name {
                "ID" => {
                    m.id = SymId(v);
                    *have_id = true;
                }
                "CRC" => m.crc = Some(v),
                "OPTIONS" => m.options = v,
                "GOPTIONS" => m.goptions = v,
                _ => m.cmd = v,
            }
            count = 1;
        }
        "ORIGFILE" | "HASH" => {
            let (at, line) = scalar_line(sc)?;
            let mut lc = Cursor::new(line, at, name);
            let s = lc.str()?;
            if !lc.at_end() {
                return Err(lc.err_here("bytes after the string"));
            }
            if name == "ORIGFILE" {
                m.origfile = Some(s);
            } else {
                m.hash = Some(s);
            }
            count = 1;
        }
        "DEFINES" => {
            let (_, line) = scalar_line(sc)?;
            m.defines = line.split(|&b| b == b' ').filter(|w| !w.is_empty()).map(|w| String::from_utf8_lossy(w).into_owned()).collect();
            count = m.defines.len();
        }
        "DEPS" | "CONVERTERS" | "METHODS" => {
            let (at, line) = scalar_line(sc)?;
            let v = vint_list(line, at, name)?;
            count = v.len();
            match name {
                "DEPS" => m.deps = v,
                "CONVERTERS" => m.converters = v.into_iter().map(SymId).collect(),
                _ => m.methods = v.into_iter().map(SymId).collect(),
            }
        }
        "FILES" => {
            let lines = paren_lines(sc, bytes, name)?;
            for (at, line) in &lines {
                let mut lc = Cursor::new(line, *at, name);
                let s = lc.str()?;
                if !lc.at_end() {
                    return Err(lc.err_here("bytes after the file name"));
                }
                m.files.push(s);
            }
            count = lines.len();
        }
        "INCLUDES" => {
            let lines = paren_lines(sc, bytes, name)?;
            for (at, line) in &lines {
                let mut lc = Cursor::new(line, *at, name);
                let f = lc.vint()?;
                lc.expect(b' ', "' ' after the file index")?;
                let h = if era == Era::Text090 { lc.vint()?.to_string() } else { lc.str()? };
                if !lc.at_end() {
                    return Err(lc.err_here("bytes after the include entry"));
                }
                m.includes.push((f, h));
            }
            count = lines.len();
        }
        "INTERF" | "COMPILERPROCS" => {
            let lines = paren_lines(sc, bytes, name)?;
            let v = lines.iter().map(|(at, l)| name_id(l, *at, name)).collect::<Result<Vec<_>>>()?;
            count = v.len();
            if name == "INTERF" {
                m.interf = v;
            } else {
                m.compilerprocs = v;
            }
        }
        "INDEX" | "IMPORTS" => {
            let lines = paren_lines(sc, bytes, name)?;
            let v = delta_pairs(&lines, name)?;
            count = v.len();
            if name == "INDEX" {
                m.index = v;
            } else {
                m.imports = v.into_iter().map(|(k, o)| (SymId(k), SymId(o))).collect();
            }
        }
        "INIT" => {
            let lines = paren_lines(sc, bytes, name)?;
            m.init = lines.iter().map(|(at, l)| one_vint(l, *at, name)).collect::<Result<Vec<_>>>()?;
            count = m.init.len();
        }
        _ => {
            // DATA
            let lines = paren_lines(sc, bytes, name)?;
            count = lines.len();
            *data_lines = Some(lines);
        }
    }
    Ok(count)
}

/// Decodes the DATA lines: from the roots through INDEX, then the unreached lines.
fn decode_data(m: &mut TextModule, bytes: &[u8]) -> Result<()> {
    let g = Grammar::new(m.era);
    let line_at: HashMap<usize, u32> = m.lines.iter().enumerate().map(|(i, &(s, _))| (s, i as u32)).collect();
    let index: HashMap<i64, i64> = m.index.iter().copied().collect();
    let imports: HashSet<SymId> = m.imports.iter().map(|&(s, _)| s).collect();
    let mut kinds: Vec<Option<LineKind>> = vec![None; m.lines.len()];
    let line_of_offset = |off: i64, what: &str| -> Result<u32> {
        usize::try_from(off).ok().and_then(|o| line_at.get(&o).copied()).ok_or_else(|| {
            err(ErrorKind::InvalidValue, format!("{what} offset {off} is not the start of a DATA line"), m.data_start, "DATA")
        })
    };
    let slice = |li: u32| -> (&[u8], usize) {
        let (s, e) = m.lines.get(li as usize).copied().unwrap_or((0, 0));
        (bytes.get(m.data_start + s..m.data_start + e).unwrap_or_default(), m.data_start + s)
    };
    let mut work: Vec<Ref> = Vec::new();
    work.push(Ref::Sym(m.id));
    work.extend(m.interf.iter().map(|&(_, s)| Ref::Sym(s)));
    work.extend(m.compilerprocs.iter().map(|&(_, s)| Ref::Sym(s)));
    work.extend(m.converters.iter().map(|&s| Ref::Sym(s)));
    work.extend(m.methods.iter().map(|&s| Ref::Sym(s)));
    for &off in &m.init {
        let li = line_of_offset(off, "INIT")?;
        let (line, at) = slice(li);
        let mut c = Cursor::new(line, at, "DATA");
        let mut refs = Vec::new();
        let t = parse_tree(&mut c, &g, g.unknown_info(), &mut refs)?;
        if !c.at_end() {
            return Err(c.err_here("bytes left after the statement"));
        }
        if let Some(k) = kinds.get_mut(li as usize) {
            *k = Some(LineKind::Stmt);
        }
        work.extend(refs);
        m.toplevel.push((li, t));
    }
    let mut seen: HashSet<Ref> = HashSet::new();
    while let Some(r) = work.pop() {
        if !seen.insert(r) {
            continue;
        }
        let id = match r {
            Ref::Sym(s) => s.0,
            Ref::Type(t) => t.0,
        };
        let Some(&off) = index.get(&id) else {
            match r {
                Ref::Sym(s) if !imports.contains(&s) => m.dangling_syms.push(s),
                Ref::Type(t) => m.dangling_types.push(t),
                _ => {}
            }
            continue;
        };
        let li = line_of_offset(off, "INDEX")?;
        let (line, at) = slice(li);
        let mut c = Cursor::new(line, at, "DATA");
        let slot = kinds.get(li as usize).copied().flatten();
        match r {
            Ref::Sym(_) => {
                if slot.is_some() {
                    return Err(c.err_kind(ErrorKind::InvalidValue, format!("DATA line of id {id} is reached twice")));
                }
                let s = parse_sym(&mut c, &g)?;
                if s.id.0 != id {
                    return Err(Error::new(ErrorKind::InvalidValue, format!("INDEX says id {id}, the symbol line has {}", s.id), at).in_section("DATA"));
                }
                work.extend(s.refs.iter().copied());
                m.syms.push((li, s));
                if let Some(k) = kinds.get_mut(li as usize) {
                    *k = Some(LineKind::Sym);
                }
            }
            Ref::Type(_) => {
                if slot.is_some() {
                    return Err(c.err_kind(ErrorKind::InvalidValue, format!("DATA line of id {id} is reached twice")));
                }
                let t = parse_type(&mut c, &g)?;
                if t.id.0 != id {
                    return Err(Error::new(ErrorKind::InvalidValue, format!("INDEX says id {id}, the type line has {}", t.id), at).in_section("DATA"));
                }
                work.extend(t.refs.iter().copied());
                m.types.push((li, t));
                if let Some(k) = kinds.get_mut(li as usize) {
                    *k = Some(LineKind::Type);
                }
            }
        }
    }
    // Lines no root reaches: parsed with both grammars.
    for li in 0..m.lines.len() as u32 {
        if kinds.get(li as usize).copied().flatten().is_some() {
            continue;
        }
        let (line, at) = slice(li);
        let s = parse_sym(&mut Cursor::new(line, at, "DATA"), &g);
        let t = parse_type(&mut Cursor::new(line, at, "DATA"), &g);
        let kind = match (s, t) {
            (Ok(s), Err(_)) => {
                m.syms.push((li, s));
                LineKind::UnreachedSym
            }
            (Err(_), Ok(t)) => {
                m.types.push((li, t));
                LineKind::UnreachedType
            }
            (Ok(_), Ok(_)) => LineKind::Ambiguous,
            (Err(e), Err(_)) => return Err(e),
        };
        if let Some(k) = kinds.get_mut(li as usize) {
            *k = Some(kind);
        }
    }
    m.syms.sort_by_key(|(li, _)| *li);
    m.types.sort_by_key(|(li, _)| *li);
    m.line_kinds = kinds;
    m.sym_index = m.syms.iter().enumerate().map(|(i, (_, s))| (s.id, i as u32)).collect();
    m.type_index = m.types.iter().enumerate().map(|(i, (_, t))| (t.id, i as u32)).collect();
    m.dangling_syms.sort();
    m.dangling_types.sort();
    Ok(())
}
