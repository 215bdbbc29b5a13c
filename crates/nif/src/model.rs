//! The document model both readers produce: a flat pre-order node array.
//!
//! Node `i` of a compound covers nodes `i .. node.end`; its first child (if any)
//! is `i + 1` and the next sibling of any node is at its `end`, so subtrees are
//! skipped in O(1) and nothing needs recursion.

use std::borrow::Cow;
use std::fmt;

/// Index of a node in [`Document::nodes`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub u32);

/// Index of a tag name in [`Document::tag_name`] (0-based).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TagId(pub u32);

/// A line-info file name: 0 = no position, `1..=n` into the document's file table
/// (the BIF files pool uses the same numbering).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct FileId(pub u32);

impl FileId {
    /// The "no position" file.
    pub const NONE: FileId = FileId(0);
    /// Whether this names a file.
    pub fn is_valid(self) -> bool {
        self.0 != 0
    }
}

/// An absolute source position: lines are 1-based, columns 0-based, as nimony's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Pos {
    /// The file; [`FileId::NONE`] when the node has no position.
    pub file: FileId,
    /// Line (1-based).
    pub line: i32,
    /// Column (0-based).
    pub col: i32,
}

impl Pos {
    /// No position.
    pub const NONE: Pos = Pos { file: FileId::NONE, line: 0, col: 0 };
}

/// What a node is, in NIF's own vocabulary (`nifcore.NifKind` minus the
/// lexical-only kinds).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum NodeKind {
    /// A compound `(tag children…)`.
    Tag,
    /// `.` — the empty node.
    DotToken,
    /// An identifier (no dot).
    Ident,
    /// A symbol use (a word containing a dot).
    Symbol,
    /// A symbol definition `:name`.
    SymbolDef,
    /// A string literal.
    StrLit,
    /// A char literal.
    CharLit,
    /// A signed integer.
    IntLit,
    /// An unsigned integer (`123u`).
    UIntLit,
    /// A float.
    FloatLit,
}

impl NodeKind {
    /// nimony's name of the kind.
    pub fn name(self) -> &'static str {
        match self {
            NodeKind::Tag => "TagLit",
            NodeKind::DotToken => "DotToken",
            NodeKind::Ident => "Ident",
            NodeKind::Symbol => "Symbol",
            NodeKind::SymbolDef => "SymbolDef",
            NodeKind::StrLit => "StrLit",
            NodeKind::CharLit => "CharLit",
            NodeKind::IntLit => "IntLit",
            NodeKind::UIntLit => "UIntLit",
            NodeKind::FloatLit => "FloatLit",
        }
    }
}

/// Where an atom's bytes live: the high bit set = in the document's side buffer.
pub(crate) const EXTRA_BIT: u32 = 1 << 31;

pub(crate) const FLAG_OWN_POS: u8 = 1;
pub(crate) const FLAG_EXPAND: u8 = 2;

/// One node, 32 bytes: atoms carry their (decoded) bytes or value, compounds
/// their tag and where they start.
///
/// The two payload words mean, by kind: a string, identifier or symbol — start of
/// its bytes (bit 31 = the side buffer) and length; an integer, unsigned or float
/// (bits) — the low and high halves of the value; a char — its byte in the first;
/// a compound — its tag id and the source byte offset of `(` (text) or its token
/// position (BIF).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Node {
    /// The kind.
    pub kind: NodeKind,
    pub(crate) flags: u8,
    /// One past the last node of this subtree (`id + 1` for atoms).
    pub end: u32,
    pub(crate) a: u32,
    pub(crate) b: u32,
    /// Absolute position (inherited positions resolved).
    pub pos: Pos,
    /// 0 = no `#comment#`, else `1..` into the document's comment table.
    pub(crate) comment: u32,
}

impl Node {
    /// Whether the position was written on this node (a text suffix or a BIF
    /// LineInfoLit) rather than inherited.
    pub fn has_own_pos(&self) -> bool {
        self.flags & FLAG_OWN_POS != 0
    }
    /// Whether a symbol was written in trailing-dot form and expanded.
    pub fn is_suffix_compressed(&self) -> bool {
        self.flags & FLAG_EXPAND != 0
    }
    /// For a compound: its tag.
    pub fn tag(&self) -> Option<TagId> {
        (self.kind == NodeKind::Tag).then_some(TagId(self.a))
    }
    /// The 64-bit value of a number or char atom (meaningless for other kinds).
    #[inline]
    pub(crate) fn value(&self) -> u64 {
        u64::from(self.a) | u64::from(self.b) << 32
    }
    /// A compound's start: the source offset of `(` (text) or its token position (BIF).
    #[inline]
    pub(crate) fn start(&self) -> u64 {
        u64::from(self.b)
    }
    /// Whether the payload words are a byte span (strings, identifiers, symbols).
    #[inline]
    pub(crate) fn has_bytes(&self) -> bool {
        matches!(self.kind, NodeKind::StrLit | NodeKind::Ident | NodeKind::Symbol | NodeKind::SymbolDef)
    }
}

/// The two payload words of a 64-bit value (low, high).
#[inline]
pub(crate) fn split_value(v: u64) -> (u32, u32) {
    (v as u32, (v >> 32) as u32)
}

/// Visibility of an index entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Visibility {
    /// `x`: importable.
    Exported,
    /// `h`: the export marker is `.`.
    Hidden,
}

impl Visibility {
    /// `exported` / `hidden`.
    pub fn name(self) -> &'static str {
        match self {
            Visibility::Exported => "exported",
            Visibility::Hidden => "hidden",
        }
    }
}

/// One entry of a text `(.index …)` or a BIF index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndexEntry {
    /// The full symbol name (trailing-dot form expanded).
    pub symbol: String,
    /// `x` or `h`.
    pub visibility: Visibility,
    /// Text: absolute byte offset (running sum of the deltas; may point at the
    /// whitespace before the `(`). BIF: token position of the declaration's tag.
    pub offset: u64,
    /// Text: the parent position the entry's suffix gives, if any.
    pub parent_pos: Option<Pos>,
    /// The declaration node the offset leads to, if it leads to one.
    pub decl: Option<NodeId>,
}

/// Which encoding a document was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// NIF text; `version` from the `(.nifNN)` header, `None` when headerless.
    Text {
        /// 27 for `(.nif27)`.
        version: Option<u32>,
    },
    /// BIF with its version byte.
    Bif {
        /// 5 in the nimony snapshot.
        version: u8,
    },
}

/// A directive of the text header (`(.vendor "…")`, `(.dialect "…")`, …).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Directive {
    /// The tag without the dot (`vendor`).
    pub name: String,
    /// The first argument as text (string literals decoded), if any.
    pub arg: Option<String>,
}

/// BIF header facts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct BifInfo {
    /// Byte offset of the index section.
    pub index_offset: u64,
    /// Number of u32 tokens.
    pub tokens: u64,
    /// Pool sizes.
    pub tags: u64,
    /// Strings pool size.
    pub strings: u64,
    /// Symbols pool size.
    pub syms: u64,
    /// Files pool size.
    pub files: u64,
}

/// A decoded NIF or BIF file.
#[derive(Clone, Debug)]
pub struct Document {
    pub(crate) encoding: Encoding,
    pub(crate) suffix: String,
    pub(crate) src: Vec<u8>,
    pub(crate) extra: Vec<u8>,
    pub(crate) nodes: Vec<Node>,
    pub(crate) roots: Vec<NodeId>,
    pub(crate) tags: Vec<(u32, u32)>,
    pub(crate) files: Vec<(u32, u32)>,
    pub(crate) comments: Vec<(u32, u32)>,
    pub(crate) directives: Vec<Directive>,
    pub(crate) indexat: Option<u64>,
    pub(crate) index_pos: Option<Pos>,
    pub(crate) index: Option<Vec<IndexEntry>>,
    pub(crate) bif: Option<BifInfo>,
}

impl Document {
    pub(crate) fn empty(encoding: Encoding, suffix: &str) -> Self {
        Document {
            encoding,
            suffix: suffix.to_owned(),
            src: Vec::new(),
            extra: Vec::new(),
            nodes: Vec::new(),
            roots: Vec::new(),
            tags: Vec::new(),
            files: Vec::new(),
            comments: Vec::new(),
            directives: Vec::new(),
            indexat: None,
            index_pos: None,
            index: None,
            bif: None,
        }
    }

    pub(crate) fn bytes(&self, start: u32, len: u32) -> &[u8] {
        let (buf, s) = if start & EXTRA_BIT != 0 { (&self.extra, start & !EXTRA_BIT) } else { (&self.src, start) };
        let s = s as usize;
        buf.get(s..s.saturating_add(len as usize)).unwrap_or(&[])
    }

    /// The encoding read.
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }
    /// The module suffix trailing-dot symbols expand to.
    pub fn suffix(&self) -> &str {
        &self.suffix
    }
    /// All nodes in pre-order (the trailing text index is not among them).
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }
    /// One node.
    pub fn node(&self, id: NodeId) -> Option<&Node> {
        self.nodes.get(id.0 as usize)
    }
    /// The top-level trees (usually one `(stmts …)`).
    pub fn roots(&self) -> &[NodeId] {
        &self.roots
    }
    /// The children of a node, in order (empty for atoms).
    pub fn children(&self, id: NodeId) -> Children<'_> {
        let (next, end) = match self.node(id) {
            Some(n) if n.kind == NodeKind::Tag => (id.0 + 1, n.end),
            _ => (0, 0),
        };
        Children { doc: self, next, end }
    }
    /// Number of tag names.
    pub fn tag_count(&self) -> usize {
        self.tags.len()
    }
    /// A tag's name.
    pub fn tag_name(&self, t: TagId) -> &[u8] {
        match self.tags.get(t.0 as usize) {
            Some(&(s, l)) => self.bytes(s, l),
            None => b"",
        }
    }
    /// The tag name of a compound node, as text.
    pub fn tag_of(&self, id: NodeId) -> Option<Cow<'_, str>> {
        let n = self.node(id)?;
        n.tag().map(|t| String::from_utf8_lossy(self.tag_name(t)))
    }
    /// Whether node `id` is a compound with this tag name.
    pub fn is_tag(&self, id: NodeId, name: &str) -> bool {
        self.node(id).and_then(|n| n.tag()).is_some_and(|t| self.tag_name(t) == name.as_bytes())
    }
    /// Number of line-info file names.
    pub fn file_count(&self) -> usize {
        self.files.len()
    }
    /// A line-info file name (empty for [`FileId::NONE`]).
    pub fn file_name(&self, f: FileId) -> &[u8] {
        match f.0.checked_sub(1).and_then(|i| self.files.get(i as usize)) {
            Some(&(s, l)) => self.bytes(s, l),
            None => b"",
        }
    }
    /// The decoded bytes of an atom: string/ident/symbol text (a trailing-dot
    /// symbol *without* its expansion; see [`Document::symbol`]); empty otherwise.
    pub fn atom_bytes(&self, id: NodeId) -> &[u8] {
        match self.node(id) {
            Some(n) if n.has_bytes() => self.bytes(n.a, n.b),
            _ => b"",
        }
    }
    /// The full name of a Symbol/SymbolDef (trailing-dot form expanded).
    pub fn symbol(&self, id: NodeId) -> Option<Cow<'_, str>> {
        let n = self.node(id)?;
        if !matches!(n.kind, NodeKind::Symbol | NodeKind::SymbolDef) {
            return None;
        }
        let b = self.bytes(n.a, n.b);
        if n.flags & FLAG_EXPAND != 0 {
            let mut s = String::from_utf8_lossy(b).into_owned();
            s.push_str(&self.suffix);
            Some(Cow::Owned(s))
        } else {
            Some(String::from_utf8_lossy(b))
        }
    }
    /// Appends the full symbol name's bytes to `out` (no UTF-8 conversion).
    pub fn symbol_bytes_into(&self, id: NodeId, out: &mut Vec<u8>) {
        if let Some(n) = self.node(id) {
            out.extend_from_slice(self.bytes(n.a, n.b));
            if n.flags & FLAG_EXPAND != 0 {
                out.extend_from_slice(self.suffix.as_bytes());
            }
        }
    }
    /// A string literal's or identifier's text.
    pub fn text(&self, id: NodeId) -> Option<Cow<'_, str>> {
        let n = self.node(id)?;
        matches!(n.kind, NodeKind::StrLit | NodeKind::Ident).then(|| String::from_utf8_lossy(self.bytes(n.a, n.b)))
    }
    /// An IntLit's value.
    pub fn int(&self, id: NodeId) -> Option<i64> {
        let n = self.node(id)?;
        (n.kind == NodeKind::IntLit).then_some(n.value() as i64)
    }
    /// A UIntLit's value.
    pub fn uint(&self, id: NodeId) -> Option<u64> {
        let n = self.node(id)?;
        (n.kind == NodeKind::UIntLit).then_some(n.value())
    }
    /// A FloatLit's value.
    pub fn float(&self, id: NodeId) -> Option<f64> {
        let n = self.node(id)?;
        (n.kind == NodeKind::FloatLit).then(|| f64::from_bits(n.value()))
    }
    /// A CharLit's byte.
    pub fn char(&self, id: NodeId) -> Option<u8> {
        let n = self.node(id)?;
        (n.kind == NodeKind::CharLit).then_some(n.value() as u8)
    }
    /// The `#comment#` decoration of a node.
    pub fn comment(&self, id: NodeId) -> Option<&[u8]> {
        let n = self.node(id)?;
        self.comment_bytes(n.comment)
    }
    pub(crate) fn comment_bytes(&self, c: u32) -> Option<&[u8]> {
        let &(s, l) = c.checked_sub(1).and_then(|i| self.comments.get(i as usize))?;
        Some(self.bytes(s, l))
    }
    /// For a text compound: the byte offset of its `(`; for BIF: its token position.
    pub fn source_offset(&self, id: NodeId) -> Option<u64> {
        let n = self.node(id)?;
        (n.kind == NodeKind::Tag).then_some(n.start())
    }
    /// The header directives (text only).
    pub fn directives(&self) -> &[Directive] {
        &self.directives
    }
    /// The value of a `(.NAME "…")` directive.
    pub fn directive(&self, name: &str) -> Option<&str> {
        self.directives.iter().find(|d| d.name == name).and_then(|d| d.arg.as_deref())
    }
    /// The `(.indexat N)` value.
    pub fn indexat(&self) -> Option<u64> {
        self.indexat
    }
    /// The trailing index (text `(.index …)` or the BIF index), if the file has one.
    pub fn index(&self) -> Option<&[IndexEntry]> {
        self.index.as_deref()
    }
    /// The `(.index` root position (text).
    pub fn index_pos(&self) -> Option<Pos> {
        self.index_pos
    }
    /// BIF header facts (BIF only).
    pub fn bif_info(&self) -> Option<BifInfo> {
        self.bif
    }
    /// The first SymbolDef at or below `id` in pre-order.
    pub fn first_symbol_def(&self, id: NodeId) -> Option<NodeId> {
        let n = self.node(id)?;
        (id.0..n.end).map(NodeId).find(|&i| self.node(i).is_some_and(|x| x.kind == NodeKind::SymbolDef))
    }
    /// The node after `id` in pre-order, if any.
    pub fn next_in_order(&self, id: NodeId) -> Option<NodeId> {
        let i = id.0.checked_add(1)?;
        ((i as usize) < self.nodes.len()).then_some(NodeId(i))
    }
    /// Total size of the input in bytes.
    pub fn input_len(&self) -> usize {
        self.src.len()
    }
}

/// Iterator over a compound's children.
pub struct Children<'a> {
    doc: &'a Document,
    next: u32,
    end: u32,
}

impl Iterator for Children<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        if self.next >= self.end {
            return None;
        }
        let id = NodeId(self.next);
        let n = self.doc.node(id)?;
        // `end` is always past the node itself, so this always advances.
        self.next = n.end.max(self.next + 1);
        Some(id)
    }
}

/// The module suffix nimony derives from a NIF file name: the base name up to its
/// first `.` (`matk5honb.s.nif` → `matk5honb`), as `nifreader.extractModuleSuffix`.
pub fn suffix_of_file_name(name: &str) -> &str {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    base.split('.').next().unwrap_or(base)
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

// A node is 32 bytes: the node array is most of a document's memory and the
// readers' stores.
const _: () = assert!(std::mem::size_of::<Node>() == 32);
