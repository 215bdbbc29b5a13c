//! The backend contract: what every cache format gives the views.

use crate::array::{ArrayRow, ArrayStorage};
use crate::bytes::{ByteSection, FieldRow, RegionRow};
use crate::compare::{BuildCompare, Removal, TreeChange, WhatIfView};
use crate::glossary::{Entry, Selection};
use crate::ids::{ModuleIdx, NodePos, SymKey, Target, TreeId, TypeKey};
use crate::rows::{NodeAt, SourceFile};
use crate::rows::{Fact, FilePart, FileProblem, Link, LiveMark, ModuleRow, NodeRow, SymHit, SymRow, TableInfo, TreeInfo, TypeRow, UsageRow, Why};

/// The format family of a cache.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// Packed binary `.rod` + `.alivesyms` (Nim 1.6 – 2.2).
    PackedRod,
    /// Text `.rod` symbol files (Nimrod 0.9 – Nim 0.17).
    LegacyText,
    /// The sqlite `rodfiles.db` (Nim 0.19 – 1.4).
    LegacySqlite,
    /// nimony's NIF text / BIF binary files.
    Nif,
}

impl Format {
    /// In words.
    pub fn name(self) -> &'static str {
        match self {
            Format::PackedRod => "packed .rod",
            Format::LegacyText => "text .rod symbol files",
            Format::LegacySqlite => "rodfiles.db (sqlite)",
            Format::Nif => "NIF / BIF",
        }
    }
}

/// One loaded cache, whatever its format: a program's modules, their trees and
/// tables, the links between them and the live set.
///
/// Every method is cheap enough to call per visible row: backends keep whatever
/// indexes they need (built at load time or lazily), and nothing here
/// materializes a whole tree. Methods never panic on any index: an unknown module,
/// tree, node, symbol or type gives `None` (or an empty list).
///
/// Trees are flat pre-order arrays: node `n`'s subtree is `n .. subtree_end(n)`,
/// already clamped by the backend so that no subtree runs past its parent or the
/// array; [`crate::nav`] derives children, parents and walks from that one rule.
pub trait Cache {
    /// The format family.
    fn format(&self) -> Format;
    /// Remarks on the whole cache a user should see first (mixed compilers, missing
    /// modules, ...).
    fn notes(&self) -> Vec<String>;

    /// Files of the load that did not decode, each with its error (the others load).
    fn problems(&self) -> Vec<FileProblem>;

    /// Number of modules (valid [`ModuleIdx`] are `0..module_count()`).
    fn module_count(&self) -> usize;
    /// The module-list row.
    fn module_row(&self, m: ModuleIdx) -> Option<ModuleRow>;
    /// A stable key for URLs (unique within the cache).
    fn module_key(&self, m: ModuleIdx) -> Option<String>;
    /// The module a key names (also accepts the file name it was loaded under).
    fn module_by_key(&self, key: &str) -> Option<ModuleIdx>;
    /// The overview facts (path, compiler, config, imports as links, ...).
    fn module_facts(&self, m: ModuleIdx) -> Vec<Fact>;

    /// The module's trees.
    fn trees(&self, m: ModuleIdx) -> Vec<TreeInfo>;
    /// Number of nodes of one tree (0 if unknown).
    fn tree_len(&self, m: ModuleIdx, t: TreeId) -> usize;
    /// One past the last node of `n`'s subtree, clamped (see the trait docs); `n`
    /// itself for a node out of range.
    fn subtree_end(&self, m: ModuleIdx, t: TreeId, n: NodePos) -> NodePos;
    /// One node as a row.
    fn node_row(&self, m: ModuleIdx, t: TreeId, n: NodePos) -> Option<NodeRow>;
    /// Whether views hide the node's children (they are operands the row shows, see
    /// [`NodeRow::folds_children`]). Cheap: views ask it for every visible row with
    /// children while laying out a tree, without building the rows.
    fn folds_children(&self, m: ModuleIdx, t: TreeId, n: NodePos) -> bool {
        self.node_row(m, t, n).is_some_and(|r| r.folds_children)
    }
    /// A node's literal in full, as Nim would spell it (rows clip long literals);
    /// `None` for a node without a literal.
    fn full_literal(&self, _m: ModuleIdx, _t: TreeId, _n: NodePos) -> Option<String> {
        None
    }

    /// The module's symbols, ascending by key (holes left out).
    fn symbols(&self, m: ModuleIdx) -> Vec<SymKey>;
    /// Symbols the compiler counts but that hold nothing (1.6/2.0 slot-array holes).
    fn symbol_holes(&self, m: ModuleIdx) -> usize;
    /// One symbol.
    fn sym_row(&self, m: ModuleIdx, s: SymKey) -> Option<SymRow>;
    /// The module's types, ascending by key (holes left out).
    fn types(&self, m: ModuleIdx) -> Vec<TypeKey>;
    /// One type.
    fn type_row(&self, m: ModuleIdx, t: TypeKey) -> Option<TypeRow>;
    /// `name (skKind #id)`-style label of a symbol, qualified by its module when asked.
    fn sym_link(&self, m: ModuleIdx, s: SymKey, qualified: bool) -> Link;

    /// The parts of the module's file by byte range (sections, records), in file
    /// order, for a map of where the bytes go; empty when the backend has no such
    /// notion.
    fn file_parts(&self, _m: ModuleIdx) -> Vec<FilePart> {
        Vec::new()
    }

    /// The module's other tables (strings, numbers, exports, replay actions, ...).
    fn tables(&self, m: ModuleIdx) -> Vec<TableInfo>;
    /// One row of a table, as cells.
    fn table_row(&self, m: ModuleIdx, table: &str, row: usize) -> Option<Vec<Link>>;

    /// The live mark of a module against the compiler's record.
    fn live_mark(&self, m: ModuleIdx) -> LiveMark;
    /// Whether a symbol is alive (`None`: no live set).
    fn is_alive(&self, m: ModuleIdx, s: SymKey) -> Option<bool>;
    /// Whether the compiler's record lists the symbol (`None`: no record).
    fn in_record(&self, m: ModuleIdx, s: SymKey) -> Option<bool>;
    /// Why a symbol is (not) alive.
    fn why(&self, m: ModuleIdx, s: SymKey) -> Why;
    /// Every node, in every module, that names the symbol.
    fn usages(&self, m: ModuleIdx, s: SymKey) -> Vec<UsageRow>;

    /// Symbols whose name contains `query` (ASCII case-insensitive; `name@module`
    /// restricts to modules matching `module`): exact matches first, then prefixes;
    /// at most `cap`, and the number of matches.
    fn search(&self, query: &str, cap: usize) -> (Vec<SymHit>, usize);
    /// Symbols named exactly `query` (`NAME`, `NAME@MODULE`, `*@MODULE`).
    fn find_symbols(&self, query: &str) -> Vec<(ModuleIdx, SymKey)>;

    /// Every node, in every module and tree, whose recorded position is `line` (and
    /// `col`, when given) of a file whose path is `file` or ends with `/file`;
    /// deepest first. Backends without positions return nothing.
    fn nodes_at(&self, file: &str, line: i32, col: Option<i32>) -> Vec<NodeAt> {
        let _ = (file, line, col);
        Vec::new()
    }
    /// The source files a module was compiled from (its own file first, then its
    /// includes), with the hash the compiler recorded for each, when it records one.
    fn source_files(&self, m: ModuleIdx) -> Vec<SourceFile> {
        let _ = m;
        Vec::new()
    }
    /// Nodes of tree `t` matching `query`, in tree order, at most `cap`: a node kind
    /// (`nkCall`, or without the `nk` prefix), a literal's text, a symbol's name, or
    /// `:LINE` (a node recorded at that line). Works on the whole tree, expanded or not.
    fn find_in_tree(&self, m: ModuleIdx, t: TreeId, query: &str, cap: usize) -> Vec<NodePos> {
        crate::find::scan(self, m, t, query, cap)
    }

    /// The nodes that a [`Target`] resolves to for "jump to definition".
    fn definition(&self, target: Target) -> Option<(ModuleIdx, TreeId, NodePos)> {
        match target {
            Target::Node(m, t, n) => Some((m, t, n)),
            Target::Sym(m, s) => self.sym_row(m, s)?.definition.map(|(t, n)| (m, t, n)),
            Target::Type(m, t) => self.type_row(m, t)?.node.map(|(tr, n)| (m, tr, n)),
            Target::Module(_) => None,
        }
    }
    /// The tree with this slug.
    fn tree_by_slug(&self, m: ModuleIdx, slug: &str) -> Option<TreeId> {
        self.trees(m)
            .into_iter()
            .find(|t| t.slug == slug)
            .map(|t| t.id)
    }

    /// The bytes of the module's file, when the backend keeps them.
    fn file_bytes(&self, _m: ModuleIdx) -> Option<&[u8]> {
        None
    }
    /// Number of regions of the module's file (0: no byte map).
    fn region_count(&self, _m: ModuleIdx) -> usize {
        0
    }
    /// Region number `i` (file order).
    fn region(&self, _m: ModuleIdx, _i: usize) -> Option<RegionRow> {
        None
    }
    /// The regions that overlap `bytes`, in file order, at most `cap` of them (a hex
    /// view's window).
    fn regions(&self, _m: ModuleIdx, _bytes: std::ops::Range<usize>, _cap: usize) -> Vec<RegionRow> {
        Vec::new()
    }
    /// The region holding byte `offset`.
    fn region_at(&self, _m: ModuleIdx, _offset: usize) -> Option<RegionRow> {
        None
    }
    /// The fields of a region, with their meanings.
    fn region_fields(&self, _m: ModuleIdx, _region: &RegionRow) -> Vec<FieldRow> {
        Vec::new()
    }
    /// The bytes a target occupies in its module's file: a node's, symbol's or
    /// type's record, or a module's whole file.
    fn bytes_of(&self, _target: Target) -> Option<std::ops::Range<usize>> {
        None
    }
    /// The bytes of row `row` of table `table` (see [`Cache::tables`]), when that
    /// row is one record (a string, a number, an export, ...).
    fn table_row_bytes(&self, _m: ModuleIdx, _table: &str, _row: usize) -> Option<std::ops::Range<usize>> {
        None
    }
    /// The sections of the module's file with their byte ranges (for a treemap).
    fn byte_sections(&self, _m: ModuleIdx) -> Vec<ByteSection> {
        Vec::new()
    }

    // ---- builds: compare and what-if ([`crate::compare`]). Defaults mean "not
    // supported by this format"; the views then say so ([`crate::compare::no_compare`],
    // [`crate::compare::no_whatif`]).

    /// This cache as [`std::any::Any`], for a backend that compares two caches of its
    /// own format (it downcasts the other one); `None` for a backend that does not.
    fn as_any(&self) -> Option<&dyn std::any::Any> {
        None
    }
    /// This (older) build compared with `newer`, per module: regenerated or not and
    /// why, the symbols that entered and left the live set. `None`: the format has no
    /// comparison, or `newer` is of another format.
    fn build_diff(&self, _newer: &dyn Cache) -> Option<BuildCompare> {
        None
    }
    /// The structural diff of module `m` of this (older) build against module
    /// `m_new` of `newer`: top-level statements and routine bodies matched by symbol
    /// name, with the roots of the differing subtrees on each side.
    fn tree_diff(&self, _m: ModuleIdx, _newer: &dyn Cache, _m_new: ModuleIdx) -> Option<Vec<TreeChange>> {
        None
    }
    /// What a what-if would remove for this node, when it is a top-level statement
    /// of the current build (`None` otherwise, and for formats without what-if).
    fn removable(&self, _m: ModuleIdx, _t: TreeId, _n: NodePos) -> Option<Removal> {
        None
    }
    /// The live set recomputed without `remove`: per module the symbols that would
    /// leave it and the modules that would be regenerated. A statement stands for its
    /// source line: every top-level statement recorded at the same file and line goes
    /// with it (as deleting that line would). Fast enough per click.
    fn whatif(&self, _remove: &[Removal]) -> Option<WhatIfView> {
        None
    }

    // builds: graph and integrity
    /// The module graph laid out in layers (boxes sized by bytes, coloured by alive
    /// share, edges weighted by reference counts, import cycles marked); `None` when
    /// the format has no module graph (views say [`crate::builds::not_available`]).
    fn graph_layout(&self) -> Option<crate::layout::GraphLayout> {
        None
    }
    /// The integrity findings of the whole cache (dangling references, stale
    /// includes, mixed versions, stray records, modules not in the build): the
    /// problems, then the remarks, each sorted by module; `source_sha1` gives a source file's SHA-1 (hex) by its recorded path
    /// when the caller has the file. `None` when the format has no such checks.
    fn integrity(&self, source_sha1: &dyn Fn(&str) -> Option<String>) -> Option<Vec<crate::builds::IntegrityRow>> {
        let _ = source_sha1;
        None
    }

    // The packed-array pane and "What is this?" (issue 9, parts 4 and 6).
    /// How the format stores tree `t` of module `m`: a flat array of fixed-size
    /// records, or some other way (then [`Cache::array_row`] gives nothing).
    fn array_storage(&self, _m: ModuleIdx, _t: TreeId) -> ArrayStorage {
        ArrayStorage::NotFlat("this format does not store its trees as a flat array of records".into())
    }
    /// Node `n` of tree `t` as the record the file stores (raw kind ordinal and
    /// operand, the operand's meaning, span and subtree end), when the tree is a flat
    /// array ([`ArrayStorage::Flat`]).
    fn array_row(&self, _m: ModuleIdx, _t: TreeId, _n: NodePos) -> Option<ArrayRow> {
        None
    }
    /// The glossary entries that explain a selection (a node, symbol, type, module,
    /// table or tree), most specific first, each with the compiler's own name for
    /// the thing; empty when the backend has none.
    fn explain(&self, _sel: &Selection) -> Vec<Entry> {
        Vec::new()
    }
}
