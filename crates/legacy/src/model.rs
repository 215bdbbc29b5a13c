//! The decoded model: trees, symbols and types, as each legacy compiler stores them.

use crate::ids::{Ref, SymId, TypeId};

/// A source position as stored (`TLineInfo`): line, column and file reference. The file
/// is a FILES index (text), a `filenames.id` (0.19) or a `filenames.nimid` (1.4.8);
/// -1 means unknown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LineInfo {
    /// 1-based line; -1 unknown (text), 0 unknown (sqlite).
    pub line: i32,
    /// Column; -1 unknown.
    pub col: i32,
    /// File reference; -1 unknown.
    pub file: i32,
}

/// The payload of a node.
#[derive(Clone, Debug, PartialEq)]
pub enum Literal {
    /// No payload (the node has sons, or none).
    None,
    /// An integer literal (nkCharLit .. nkInt64Lit / nkUInt64Lit).
    Int(i64),
    /// A float literal, as the stored text (`$float`).
    Float(String),
    /// A string literal.
    Str(String),
    /// An identifier (nkIdent).
    Ident(String),
    /// A symbol reference (nkSym).
    Sym(SymId),
}

/// One node of a tree. `kind` is `None` for a nil son (`()`).
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// `TNodeKind` ordinal of the writing compiler; `None` = nil.
    pub kind: Option<u32>,
    /// The resolved line info (relative coding undone).
    pub info: LineInfo,
    /// Persistent node flags (bit i = `TNodeFlag` ordinal i).
    pub flags: i64,
    /// The node's type.
    pub typ: Option<TypeId>,
    /// Literal payload.
    pub lit: Literal,
    /// Index one past the last node of this subtree.
    pub end: u32,
}

/// A tree as a flat pre-order node array; node 0 is the root and every node knows
/// where its subtree ends, so children are found without recursion.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tree {
    /// The nodes in pre-order.
    pub nodes: Vec<Node>,
}

impl Tree {
    /// The positions of the direct children of the node at `pos`.
    pub fn children(&self, pos: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let Some(n) = self.nodes.get(pos) else { return out };
        let mut i = pos + 1;
        while i < n.end as usize {
            out.push(i);
            i = self.nodes.get(i).map_or(usize::MAX, |c| c.end as usize);
        }
        out
    }

    /// The depth of every node (root 0), computed without recursion.
    pub fn depths(&self) -> Vec<u32> {
        let mut d = vec![0u32; self.nodes.len()];
        let mut stack: Vec<u32> = Vec::new();
        for (i, n) in self.nodes.iter().enumerate() {
            while let Some(&top) = stack.last() {
                if i as u32 >= top {
                    stack.pop();
                } else {
                    break;
                }
            }
            d[i] = stack.len() as u32;
            stack.push(n.end);
        }
        d
    }
}

/// The backend location (`TLoc`), when stored.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Loc {
    /// `TLocKind` ordinal.
    pub kind: i64,
    /// `TStorageLoc` ordinal.
    pub storage: i64,
    /// `TLocFlag` bits.
    pub flags: i64,
    /// The loc's type (text formats).
    pub typ: Option<TypeId>,
    /// The loc's node (`lode`, sqlite formats).
    pub lode: Option<Tree>,
    /// The C name (`r`).
    pub r: Option<String>,
    /// `a` (0.9.0 only).
    pub a: Option<i64>,
}

/// A dynamic library annex (`|kind|name|node`).
#[derive(Clone, Debug, PartialEq)]
pub struct Lib {
    /// `TLibKind` ordinal.
    pub kind: i64,
    /// The library name.
    pub name: String,
    /// The path expression.
    pub path: Tree,
}

/// A symbol entry (`decodeSym`).
#[derive(Clone, Debug, PartialEq)]
pub struct Symbol {
    /// `s.id`.
    pub id: SymId,
    /// `TSymKind` ordinal.
    pub kind: u32,
    /// `s.name.s`.
    pub name: String,
    /// `^typ`.
    pub typ: Option<TypeId>,
    /// The symbol's own line info.
    pub info: LineInfo,
    /// `*owner`.
    pub owner: Option<SymId>,
    /// `TSymFlag` bits (int32 up to 0.19, int64 in 1.4.8).
    pub flags: u64,
    /// `@magic` ordinal, when stored.
    pub magic: Option<i64>,
    /// `!options`, when stored.
    pub options: Option<i64>,
    /// `%position`, when stored.
    pub position: Option<i64>,
    /// `` `offset ``, when stored.
    pub offset: Option<i64>,
    /// The loc, when stored.
    pub loc: Option<Loc>,
    /// The dynlib annex, when stored.
    pub lib: Option<Lib>,
    /// `#constraint` (0.17.2 and later).
    pub constraint: Option<Tree>,
    /// `\x18` transformedBody (1.4.8 routines).
    pub transformed_body: Option<Tree>,
    /// The AST (always the last field).
    pub ast: Option<Tree>,
    /// Kind-specific fields as (marker, value): typeInstCache, procInstCache /
    /// usedGenerics, gcUnsafetyReason, guard, bitsize.
    pub extras: Vec<(u8, i64)>,
    /// Every id reference of the entry, in file order (trees included).
    pub refs: Vec<Ref>,
}

/// A type entry (`decodeType`).
#[derive(Clone, Debug, PartialEq)]
pub struct Type {
    /// `t.id` (1.4.8: `uniqueId`).
    pub id: TypeId,
    /// 1.4.8: `t.id` when it differs from the uniqueId (`+id`).
    pub item_id: Option<i64>,
    /// `TTypeKind` ordinal.
    pub kind: u32,
    /// `t.n`.
    pub n: Option<Tree>,
    /// `TTypeFlag` bits.
    pub flags: u64,
    /// `TCallingConvention` ordinal, when stored.
    pub call_conv: Option<i64>,
    /// `*owner`.
    pub owner: Option<SymId>,
    /// `&sym`.
    pub sym: Option<SymId>,
    /// `/size` (-1 when absent).
    pub size: i64,
    /// `=align` (2 when absent).
    pub align: i64,
    /// Hook symbols (destructor, deepCopy, ... or the six attachedOps), nil left out.
    pub hooks: Vec<(u8, SymId)>,
    /// `(methodIdx, methodSym)` pairs.
    pub methods: Vec<(i64, SymId)>,
    /// Scalar extras: lockLevel, paddingAtEnd, containerID, as (marker, value).
    pub extras: Vec<(u8, i64)>,
    /// The loc, when stored.
    pub loc: Option<Loc>,
    /// `` `constraint `` (0.9.0).
    pub constraint: Option<Tree>,
    /// `\x15` typeInst (1.4.8).
    pub type_inst: Option<TypeId>,
    /// The sons (`^id` or nil `^()`).
    pub sons: Vec<Option<TypeId>>,
    /// Every id reference of the entry, in file order (trees included).
    pub refs: Vec<Ref>,
}
