//! The flat node array behind a tree, as its file stores it: one record per node in
//! pre-order, each with its raw kind ordinal and operand and what the operand means
//! (a span, a `LitId`, a symbol id, a value). This is the packed-array pane's view:
//! a tree is an array and a subtree a contiguous span `[n, subtree_end(n))`.
//!
//! A backend whose format stores trees another way (nested text, S-expressions)
//! says so with [`ArrayStorage::NotFlat`] and gives no [`ArrayRow`]s.

use std::ops::Range;

use crate::ids::NodePos;
use crate::rows::{Link, Pos};

/// How a format stores one tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArrayStorage {
    /// A flat pre-order array of fixed-size records.
    Flat {
        /// The record's name in the compiler's vocabulary (`PackedNode`).
        record: String,
        /// Bytes per record in the file.
        record_size: usize,
        /// The section that holds the array (`bodies`).
        section: String,
        /// One sentence on what a record holds in this version.
        about: String,
    },
    /// The format stores the tree some other way; the sentence says how (the rows
    /// the tree view shows are then rodscope's own pre-order array, not the file's).
    NotFlat(String),
}

/// What a node's stored operand means, decided by its kind (and, for the two
/// children of an `nkModuleRef`, by its place).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Operand {
    /// A non-atom: the number of nodes of its subtree, itself included. `stored` is
    /// the file's value, `nodes` the span after clamping to the parent (equal in a
    /// sound file).
    Span {
        /// The operand as stored.
        stored: i64,
        /// The span used (clamped).
        nodes: u32,
    },
    /// A `LitId` into the module's strings or numbers table.
    Lit {
        /// `strings` or `numbers`.
        table: &'static str,
        /// The id.
        id: u32,
        /// The value, as Nim would spell it (clipped).
        text: String,
    },
    /// The value itself (1.6/2.0 `nkInt32Lit`).
    Value(i64),
    /// A symbol id of this module (`nkSym`), with its link.
    Sym {
        /// The id.
        id: i64,
        /// The symbol (label `name (skKind #id)`).
        link: Link,
    },
    /// First child of an `nkModuleRef`: the `LitId` of the other module's path.
    ModulePath {
        /// The id.
        id: u32,
        /// The path (its last component).
        path: String,
    },
    /// Second child of an `nkModuleRef`: the item id in that module.
    Item(i64),
    /// The kind does not use its operand.
    Unused(i64),
}

impl Operand {
    /// In words: `span 5`, `LitId 267 = "banner"`, `symbol 7 = banner (skProc #7)`.
    pub fn text(&self) -> String {
        match self {
            Operand::Span { stored, nodes } if *stored == i64::from(*nodes) => format!("span {nodes}"),
            Operand::Span { stored, nodes } => format!("span {nodes} (stored {stored}, clamped)"),
            Operand::Lit { table: "numbers", id, text } => format!("number LitId {id} = {text}"),
            Operand::Lit { id: 0, .. } => "LitId 0 = none".into(),
            Operand::Lit { id, text, .. } => format!("LitId {id} = {text}"),
            Operand::Value(v) => format!("value {v}"),
            Operand::Sym { link, .. } => format!("symbol {}", link.label),
            Operand::ModulePath { id, path } => format!("module LitId {id} = {path}"),
            Operand::Item(i) => format!("item {i} of that module"),
            Operand::Unused(v) => format!("{v} (unused)"),
        }
    }
    /// The compiler's name of what the operand is (`span`, `LitId`, `SymId`,
    /// `nkModuleRef`), for the glossary.
    pub fn topic(&self) -> &'static str {
        match self {
            Operand::Span { .. } => "span",
            Operand::Lit { .. } => "LitId",
            Operand::Value(_) | Operand::Unused(_) => "operand",
            Operand::Sym { .. } => "operand",
            Operand::ModulePath { .. } | Operand::Item(_) => "nkModuleRef",
        }
    }
}

/// Where a node's flags, type and position came from, for formats that spread a
/// node over several tables (Nim 2.2: the 8-byte record, `withFlags`, `withTypes`,
/// the packed line info or the side channel). Each is one sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldOrigin {
    /// The record's words as stored (`0x00010b4f 0x0001a0c4`).
    pub raw: String,
    /// Where the flags came from.
    pub flags: String,
    /// Where the type came from.
    pub typ: String,
    /// Where the position came from.
    pub pos: String,
}

/// One node as a record of the flat array.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArrayRow {
    /// Its index in the array.
    pub index: NodePos,
    /// The kind, in the compiler's words (`nkProcDef`).
    pub kind: String,
    /// The kind's ordinal as stored (`TNodeKind`).
    pub kind_ordinal: u32,
    /// The operand as stored.
    pub operand: i64,
    /// What the operand means.
    pub meaning: Operand,
    /// Nodes of its subtree (1 for an atom), after clamping.
    pub span: u32,
    /// One past its subtree's last node: its subtree is `index .. subtree_end`.
    pub subtree_end: NodePos,
    /// Its type, as a readable type expression.
    pub typ: Option<Link>,
    /// Flag names.
    pub flags: Vec<String>,
    /// Its source position.
    pub pos: Option<Pos>,
    /// Where its fields came from, when the format spreads them (Nim 2.2).
    pub origin: Option<FieldOrigin>,
    /// Its record's bytes in the file.
    pub bytes: Option<Range<usize>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operand_words() {
        assert_eq!(Operand::Span { stored: 5, nodes: 5 }.text(), "span 5");
        assert_eq!(Operand::Span { stored: 900, nodes: 5 }.text(), "span 5 (stored 900, clamped)");
        assert_eq!(Operand::Lit { table: "strings", id: 267, text: "\"banner\"".into() }.text(), "LitId 267 = \"banner\"");
        assert_eq!(Operand::Lit { table: "numbers", id: 3, text: "42".into() }.text(), "number LitId 3 = 42");
        assert_eq!(Operand::ModulePath { id: 5, path: "system.nim".into() }.text(), "module LitId 5 = system.nim");
        assert_eq!(Operand::Item(12).topic(), "nkModuleRef");
    }
}
