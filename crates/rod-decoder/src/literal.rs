//! Literal values of atoms, decoded by node kind.

use crate::ids::{LitId, NodePos, SymId, TreeKind};
use crate::module::PackedModule;
use crate::tree::NodeKind;
use crate::version::RodVersion;

/// What an atom holds.
#[derive(Clone, Debug, PartialEq)]
pub enum Literal<'a> {
    /// No value (nkEmpty, nkNilLit, nkType, nkNone, non-atoms).
    None,
    /// nkIdent: the identifier.
    Ident(&'a [u8]),
    /// nkSym: a local symbol id.
    Sym(SymId),
    /// nkCharLit.
    Char(u8),
    /// nkIntLit … nkInt64Lit (and nkInt32Lit).
    Int(i64),
    /// nkUIntLit … nkUInt64Lit.
    UInt(u64),
    /// nkFloatLit … nkFloat128Lit (from the stored IEEE bit pattern).
    Float(f64),
    /// nkStrLit, nkRStrLit, nkTripleStrLit.
    Str(&'a [u8]),
    /// The operand names a literal id the table does not have.
    Missing(LitId),
}

impl PackedModule {
    /// The literal value of the atom at `pos`.
    pub fn literal(&self, tree: TreeKind, pos: NodePos) -> Literal<'_> {
        let Some(n) = self.tree(tree).node(pos) else { return Literal::None };
        let lit = LitId(n.operand as u32);
        let num = |f: fn(i64) -> Literal<'static>| self.numbers.get(lit).map_or(Literal::Missing(lit), f);
        let k = n.kind;
        let within = |a: NodeKind, b: NodeKind| (a..=b).contains(&k);
        match k {
            NodeKind::IDENT => self.strings.get(lit).map_or(Literal::Missing(lit), Literal::Ident),
            NodeKind::SYM => Literal::Sym(SymId(n.operand)),
            NodeKind::CHAR_LIT => num(|v| Literal::Char(v as u8)),
            // 1.6/2.0 store an nkInt32Lit's value in the node itself
            NodeKind::INT32_LIT if self.version != RodVersion::V2_2 => Literal::Int(n.operand as i64),
            _ if within(NodeKind::INT_LIT, NodeKind::INT64_LIT) => num(Literal::Int),
            _ if within(NodeKind::UINT_LIT, NodeKind::UINT64_LIT) => num(|v| Literal::UInt(v as u64)),
            _ if within(NodeKind::FLOAT_LIT, NodeKind::FLOAT128_LIT) => num(|v| Literal::Float(f64::from_bits(v as u64))),
            _ if within(NodeKind::STR_LIT, NodeKind::TRIPLE_STR_LIT) => self.strings.get(lit).map_or(Literal::Missing(lit), Literal::Str),
            _ => Literal::None,
        }
    }
}

impl Literal<'_> {
    /// The value as Nim source would spell it (strings quoted and escaped).
    pub fn display(&self) -> String {
        match self {
            Literal::None => String::new(),
            Literal::Ident(s) => String::from_utf8_lossy(s).into_owned(),
            Literal::Sym(id) => format!("sym {id}"),
            Literal::Char(c) => format!("'{}'", escape(&[*c], '\'')),
            Literal::Int(v) => v.to_string(),
            Literal::UInt(v) => format!("{v}'u"),
            Literal::Float(f) => format_float(*f),
            Literal::Str(s) => format!("\"{}\"", escape(s, '"')),
            Literal::Missing(id) => format!("<missing literal {id}>"),
        }
    }
}

/// A float as Nim prints it: shortest round-trip digits, always with a dot or exponent.
pub fn format_float(f: f64) -> String {
    if f.is_nan() {
        return "NaN".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "Inf".into() } else { "-Inf".into() };
    }
    format!("{f:?}")
}

/// Escapes a Nim string's bytes for display: printable ASCII as is, `\n`, `\t`,
/// `\\`, the quote, and `\xHH` for everything else.
pub fn escape(bytes: &[u8], quote: char) -> String {
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        match b {
            b'\n' => out.push_str("\\n"),
            b'\t' => out.push_str("\\t"),
            b'\r' => out.push_str("\\r"),
            b'\\' => out.push_str("\\\\"),
            b if b as char == quote => {
                out.push('\\');
                out.push(quote);
            }
            0x20..=0x7e => out.push(b as char),
            _ => out.push_str(&format!("\\x{b:02X}")),
        }
    }
    out
}
