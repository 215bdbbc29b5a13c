//! What the views show: rows and links, already worded. Backends fill them; the CLI
//! printers and the explorer only lay them out.

use crate::ids::{ModuleIdx, NodePos, SymKey, Target, TreeId, TypeKey};

/// A label with where it leads. `target` is `None` when the thing referred to is not
/// loaded; `note` then says why, in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// What to show.
    pub label: String,
    /// Where it goes, if it resolves.
    pub target: Option<Target>,
    /// Why it does not resolve (e.g. "module not loaded"), or other remarks.
    pub note: Option<String>,
    /// For a symbol: whether it is alive (`None`: no live set or not a symbol).
    pub alive: Option<bool>,
}

impl Link {
    /// A resolved link.
    pub fn to(label: impl Into<String>, target: Target) -> Link {
        Link {
            label: label.into(),
            target: Some(target),
            note: None,
            alive: None,
        }
    }
    /// A reference that does not resolve, with the reason.
    pub fn unresolved(label: impl Into<String>, note: impl Into<String>) -> Link {
        Link {
            label: label.into(),
            target: None,
            note: Some(note.into()),
            alive: None,
        }
    }
}

/// A source position as the file records it.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Pos {
    /// The file's path as stored (may be empty when unknown).
    pub file: String,
    /// 1-based line.
    pub line: i32,
    /// 0-based column (-1 unknown).
    pub col: i32,
    /// True when the file is the module's own file.
    pub own_file: bool,
}

impl Pos {
    /// `12:4` in the module's own file, `other.nim:12:4` elsewhere.
    pub fn text(&self) -> String {
        if self.own_file || self.file.is_empty() {
            format!("{}:{}", self.line, self.col)
        } else {
            format!(
                "{}:{}:{}",
                crate::text::short_path(&self.file),
                self.line,
                self.col
            )
        }
    }
    /// `file.nim:12:4` always with the file's last component (`?` when none).
    pub fn short_text(&self) -> String {
        let f = if self.file.is_empty() {
            "?"
        } else {
            crate::text::short_path(&self.file)
        };
        format!("{f}:{}:{}", self.line, self.col)
    }
}

/// What a node shows besides its kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NodeValue {
    /// Nothing.
    None,
    /// A literal, as Nim would spell it (clipped for rows; see [`crate::Cache::full_literal`]).
    Lit(String),
    /// A symbol reference that resolves; `module` names the other module when the
    /// reference crosses modules.
    Sym {
        /// The symbol's name.
        name: String,
        /// Its kind, in the compiler's words (`skProc`).
        kind: String,
        /// The other module's short name, for a reference into another module.
        module: Option<String>,
        /// The link (label `name (skKind #id)`, with the alive mark).
        link: Link,
    },
    /// A reference into something that is not loaded or does not hold the item.
    Unresolved(Link),
}

/// One row of a tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeRow {
    /// The node's kind, in the compiler's words (`nkProcDef`).
    pub kind: String,
    /// Literal or symbol.
    pub value: NodeValue,
    /// The node's type, as a readable type expression.
    pub typ: Option<Link>,
    /// Flag names.
    pub flags: Vec<String>,
    /// Source position (`None` when the node has none).
    pub pos: Option<Pos>,
    /// True when the node's children are operands shown in the row itself (the
    /// module and item of an `nkModuleRef`): views do not list them.
    pub folds_children: bool,
    /// For a root of a shared tree (packed bodies): the symbol or type it belongs to.
    pub owner: Option<Link>,
    /// For a definition: the name it defines, so collapsed rows say what they are.
    pub hint: Option<String>,
    /// The node's bytes in its file, when the backend knows them.
    pub bytes: Option<std::ops::Range<usize>>,
}

impl NodeRow {
    /// Where "open" goes: the symbol, or the unresolved target's module.
    pub fn link(&self) -> Option<Target> {
        match &self.value {
            NodeValue::Sym { link, .. } => link.target,
            _ => None,
        }
    }
    /// One line in the CLI's words: kind, value, type, flags, position.
    pub fn line(&self) -> String {
        let mut s = self.kind.clone();
        match &self.value {
            NodeValue::None => {}
            NodeValue::Lit(l) => {
                s.push(' ');
                s.push_str(l);
            }
            NodeValue::Sym { link, module, .. } => {
                if module.is_some() {
                    s.push_str(" → ");
                } else {
                    s.push(' ');
                }
                s.push_str(&link.label);
            }
            NodeValue::Unresolved(l) => {
                s.push_str(" → ");
                s.push_str(&l.label);
                if let Some(n) = &l.note {
                    s.push_str(&format!(" ({n})"));
                }
            }
        }
        if let Some(t) = &self.typ {
            s.push_str(" : ");
            s.push_str(&t.label);
        }
        if !self.flags.is_empty() {
            s.push_str(&format!(" {{{}}}", self.flags.join(", ")));
        }
        if let Some(p) = &self.pos {
            s.push_str(&format!("  @{}", p.short_text()));
        }
        s
    }
}

/// A (label, value) fact of a detail pane; values may link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fact {
    /// What it is (`Kind`, `Owner`, `Type`).
    pub label: String,
    /// Its value, as text pieces and links.
    pub value: Vec<Link>,
}

impl Fact {
    /// A fact whose value is plain text.
    pub fn text(label: impl Into<String>, value: impl Into<String>) -> Fact {
        Fact {
            label: label.into(),
            value: vec![Link {
                label: value.into(),
                target: None,
                note: None,
                alive: None,
            }],
        }
    }
    /// A fact whose value is links.
    pub fn links(label: impl Into<String>, value: Vec<Link>) -> Fact {
        Fact {
            label: label.into(),
            value,
        }
    }
}

/// One symbol, as tables and the symbol page show it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SymRow {
    /// The id.
    pub key: SymKey,
    /// The name.
    pub name: String,
    /// The kind (`skProc`).
    pub kind: String,
    /// Flag names.
    pub flags: Vec<String>,
    /// The type, readable.
    pub typ: Option<Link>,
    /// The owner symbol.
    pub owner: Option<Link>,
    /// Where it is defined.
    pub pos: Option<Pos>,
    /// Whether it is alive (`None`: no live set).
    pub alive: Option<bool>,
    /// Where its definition tree is, if it has one.
    pub definition: Option<(TreeId, NodePos)>,
    /// Everything else the record holds (magic, options, C name, library, ...).
    pub facts: Vec<Fact>,
}

/// One type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeRow {
    /// The id.
    pub key: TypeKey,
    /// The kind (`tyObject`).
    pub kind: String,
    /// A readable type expression (`seq[int]`, `proc (x: int): string`).
    pub expr: String,
    /// The type's symbol, if named.
    pub sym: Option<Link>,
    /// Flag names.
    pub flags: Vec<String>,
    /// The sons, as links.
    pub sons: Vec<Link>,
    /// Where its node is, if it has one.
    pub node: Option<(TreeId, NodePos)>,
    /// Everything else (size, align, calling convention, owner, ...).
    pub facts: Vec<Fact>,
}

/// How the computed live set of a module compares with the compiler's record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LiveMark {
    /// The format stores no live set and none could be computed.
    None,
    /// Computed; the format keeps no compiler record to check against.
    ComputedOnly,
    /// Computed, and the compiler's record (`.alivesyms`, `.live.nif`) was not loaded.
    NoRecord,
    /// Equal to the compiler's record.
    Match,
    /// Different: ids only computed, ids only in the record.
    Differ(usize, usize),
    /// The module is not in the current build (its record is stale).
    Stale,
    /// The record was written by another compiler.
    WrongVersion(String),
}

impl LiveMark {
    /// `✓`, `✗`, `–` or empty.
    pub fn symbol(&self) -> &'static str {
        match self {
            LiveMark::Match => "✓",
            LiveMark::Differ(..) | LiveMark::WrongVersion(_) => "✗",
            LiveMark::Stale => "–",
            _ => "",
        }
    }
    /// In words.
    pub fn text(&self) -> String {
        match self {
            LiveMark::None => "no live set".into(),
            LiveMark::ComputedOnly => "computed; no compiler record to check against".into(),
            LiveMark::NoRecord => "no compiler record loaded".into(),
            LiveMark::Match => "equals the compiler's record".into(),
            LiveMark::Differ(a, b) => {
                format!("differs from the compiler's record: {a} only computed, {b} only recorded")
            }
            LiveMark::Stale => "not in the current build (its record is stale)".into(),
            LiveMark::WrongVersion(v) => format!("the record was written by {v}"),
        }
    }
}

/// One row of the module list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModuleRow {
    /// The index.
    pub module: ModuleIdx,
    /// The name it was loaded under (a file path, usually).
    pub file: String,
    /// Its own path as the compiler recorded it (empty when none).
    pub path: String,
    /// Short name (`system.nim`).
    pub short: String,
    /// The compiler that wrote it (`Nim 1.6.10`).
    pub compiler: String,
    /// Bytes of its file(s).
    pub size: usize,
    /// Symbols as the compiler (and `rodscope view`) counts them: holes included.
    pub syms: usize,
    /// How many of `syms` are holes: slots that hold nothing (1.6/2.0 slot arrays,
    /// [`crate::Cache::symbol_holes`]).
    pub holes: usize,
    /// Types.
    pub types: usize,
    /// Nodes of all trees.
    pub nodes: usize,
    /// Alive symbols (`None`: no live set).
    pub alive: Option<usize>,
    /// The live mark.
    pub live: LiveMark,
    /// `main`, `system`, `stale: not in the current build`, ... (empty when none).
    pub status: Vec<String>,
}

/// One tree of a module.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TreeInfo {
    /// Its id.
    pub id: TreeId,
    /// A stable name for URLs and the CLI (`toplevel`, `bodies`, `replay`).
    pub slug: String,
    /// The compiler's name for it (`topLevel`).
    pub title: String,
    /// Number of nodes.
    pub len: usize,
}

/// A table of a module other than symbols and types (strings, numbers, exports, ...).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableInfo {
    /// A stable name for URLs (`strings`).
    pub slug: String,
    /// The compiler's name for it.
    pub title: String,
    /// Column heads.
    pub columns: Vec<String>,
    /// Number of rows.
    pub len: usize,
    /// What it is, in one sentence.
    pub about: String,
}

/// One step of a why-alive chain: `sym` became alive because of the node at `site`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WhyStep {
    /// Where the cause is (`top level of main.nim (main.nim:48:0)`), linked to the node.
    pub site: Link,
    /// How (`mentions`, `defines the exportc root`).
    pub rule: String,
    /// The symbol that became alive.
    pub sym: Link,
}

/// Why a symbol is or is not alive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Why {
    /// No live set for this cache.
    Unknown(String),
    /// Alive, with the chain from a root, root first.
    Alive(Vec<WhyStep>),
    /// Not alive: the reason, and each mention with why the pass did not follow it.
    Dead {
        /// In words (`not reachable from any root`).
        reason: String,
        /// (where, why not followed).
        mentions: Vec<(Link, String)>,
    },
}

/// One node that names a symbol.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UsageRow {
    /// The node (label: `main.nim, bodies node 12`).
    pub node: Link,
    /// Its position.
    pub pos: Option<Pos>,
    /// The routines or types whose tree holds it.
    pub within: Vec<Link>,
}

/// A search hit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SymHit {
    /// The module.
    pub module: ModuleIdx,
    /// The symbol.
    pub sym: SymKey,
    /// 0 exact, 1 prefix, 2 inside.
    pub rank: u8,
}

/// One part of a module's file (packed `.rod`: a section), by byte range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FilePart {
    /// Its name in the format's words (`symbols`, `bodies`).
    pub name: String,
    /// Offset of its first byte.
    pub start: usize,
    /// Its length in bytes.
    pub len: usize,
    /// The number of entries it holds, when it is a table.
    pub count: Option<usize>,
}

/// A file that could not be read as what it looked like.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileProblem {
    /// The name it was loaded under.
    pub file: String,
    /// Its size.
    pub size: usize,
    /// The decoder's message (names section and offset).
    pub message: String,
    /// The section, if the error names one.
    pub section: Option<&'static str>,
    /// The byte offset.
    pub offset: usize,
    /// The compiler whose layout it was read with, if known.
    pub compiler: Option<String>,
}

/// A node found at a source position ([`crate::Cache::nodes_at`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeAt {
    /// The module whose tree holds the node.
    pub module: ModuleIdx,
    /// The tree.
    pub tree: TreeId,
    /// The node.
    pub node: NodePos,
    /// Its kind, in the compiler's words.
    pub kind: String,
    /// Its depth in the tree (roots are 0).
    pub depth: u32,
}

/// A source file of a module, as the compiler recorded it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceFile {
    /// The path as recorded.
    pub path: String,
    /// The recorded SHA-1 (upper-case hex), when the format records one.
    pub sha1: Option<String>,
    /// True when a later entry of the same file records a newer hash (the recorded
    /// one is stale).
    pub stale: bool,
}
