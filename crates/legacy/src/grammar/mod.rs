//! The entry grammars shared by the legacy formats (`encodeNode`, `encodeSym`,
//! `encodeType` and their loc/lib/line-info parts), one dialect per [`Era`].

mod node;
mod sym;
mod typ;

pub use node::parse_tree;
pub use sym::parse_sym;
pub use typ::parse_type;

use crate::model::LineInfo;
use crate::names::{Era, Names};

/// What a grammar needs to know about the writing compiler: its era and the node
/// kind ordinals whose payload is not a list of sons.
#[derive(Clone, Copy, Debug)]
pub struct Grammar {
    /// The format and compiler.
    pub era: Era,
    int_lit: (u32, u32),
    float_lit: (u32, u32),
    str_lit: (u32, u32),
    ident: u32,
    sym: u32,
}

/// What the node payload of a kind is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Payload {
    Int,
    Float,
    Str,
    Ident,
    Sym,
    Sons,
}

impl Grammar {
    /// The grammar of `era`, with its node kind ranges looked up by name.
    pub fn new(era: Era) -> Self {
        let nk = era.names().node_kind;
        let o = |name: &str| Names::ordinal(nk, name).unwrap_or(u32::MAX);
        // 0.9.0 wrote the unsigned literals with the sons branch (no value); from 0.17
        // on the int range runs to nkUInt64Lit.
        let int_last = if era == Era::Text090 { "nkInt64Lit" } else { "nkUInt64Lit" };
        Grammar {
            era,
            int_lit: (o("nkCharLit"), o(int_last)),
            float_lit: (o("nkFloatLit"), o("nkFloat64Lit")),
            str_lit: (o("nkStrLit"), o("nkTripleStrLit")),
            ident: o("nkIdent"),
            sym: o("nkSym"),
        }
    }

    pub(crate) fn payload(&self, kind: u32) -> Payload {
        let within = |(lo, hi): (u32, u32)| lo <= kind && kind <= hi;
        if within(self.int_lit) {
            Payload::Int
        } else if within(self.float_lit) {
            Payload::Float
        } else if within(self.str_lit) {
            Payload::Str
        } else if kind == self.ident {
            Payload::Ident
        } else if kind == self.sym {
            Payload::Sym
        } else {
            Payload::Sons
        }
    }

    /// `unknownLineInfo` of the compiler: line -1 (text) or 0 (sqlite), col -1, file -1.
    pub fn unknown_info(&self) -> LineInfo {
        LineInfo { line: self.empty_line(), col: -1, file: -1 }
    }

    /// The value of an empty line part: -1 in the text formats, 0 in sqlite.
    pub fn empty_line(&self) -> i32 {
        if self.era.is_text() {
            -1
        } else {
            0
        }
    }
}

/// Reads `'?' [col] [',' [line] [',' file]]` relative to `parent` (missing parts are
/// inherited). Without a leading `?` the parent's info is returned.
pub(crate) fn line_info(c: &mut crate::cursor::Cursor<'_>, g: &Grammar, parent: LineInfo) -> rod_format::Result<LineInfo> {
    let mut info = parent;
    if !c.eat(b'?') {
        return Ok(info);
    }
    info.col = if c.at_vint() { c.vint32()? } else { -1 };
    if c.eat(b',') {
        info.line = if c.at_vint() { c.vint32()? } else { g.empty_line() };
        if c.eat(b',') {
            info.file = if c.at_vint() { c.vint32()? } else { -1 };
        }
    }
    Ok(info)
}
