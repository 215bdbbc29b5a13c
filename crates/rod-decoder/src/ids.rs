//! Typed ids, in the compiler's vocabulary.

use std::fmt;

/// An index into one of a module's literal tables (`strings` or `numbers`).
/// `LitId(0)` means "no literal". The first value is 256 in 1.6/2.0 files and 1 in
/// 2.2 files; see [`crate::RodVersion::lit_base`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LitId(pub u32);

impl LitId {
    /// The "no literal" id.
    pub const NONE: LitId = LitId(0);
    /// True for `LitId(0)`.
    pub fn is_none(self) -> bool {
        self.0 == 0
    }
}

impl fmt::Display for LitId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A symbol's id inside its own module: `itemId.item` (the slot in 1.6/2.0, the
/// table key in 2.2).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct SymId(pub i32);

/// A type's id inside its own module: `uniqueId.item`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct TypeId(pub i32);

impl SymId {
    /// The slot as an index (`None` for a negative id).
    pub fn index(self) -> Option<usize> {
        usize::try_from(self.0).ok()
    }
}

impl TypeId {
    /// The slot as an index (`None` for a negative id).
    pub fn index(self) -> Option<usize> {
        usize::try_from(self.0).ok()
    }
}

/// An id that keys an [`crate::ItemTable`]: a typed wrapper of the file's `int32`.
pub trait ItemKey: Copy + Ord {
    /// Wraps the raw id read from the file.
    fn from_raw(raw: i32) -> Self;
    /// The raw id, as stored in the file.
    fn raw(self) -> i32;
}

impl ItemKey for SymId {
    fn from_raw(raw: i32) -> Self {
        SymId(raw)
    }
    fn raw(self) -> i32 {
        self.0
    }
}

impl ItemKey for TypeId {
    fn from_raw(raw: i32) -> Self {
        TypeId(raw)
    }
    fn raw(self) -> i32 {
        self.0
    }
}

impl fmt::Display for SymId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl fmt::Display for TypeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A `NodeId`: an index into the module's **bodies** tree, `-1` (`emptyNodeId`) for none.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeId(pub i32);

impl NodeId {
    /// `emptyNodeId`.
    pub const EMPTY: NodeId = NodeId(-1);
    /// The bodies position, or `None` for a negative id.
    pub fn pos(self) -> Option<NodePos> {
        u32::try_from(self.0).ok().map(NodePos)
    }
}

/// A position in one packed tree's node array (any of toReplay, topLevel, bodies).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodePos(pub u32);

impl NodePos {
    /// As an index.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl fmt::Display for NodePos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// `PackedItemId`: (module path LitId, item). Kept raw, as in the file; use
/// [`crate::PackedModule::item_ref`] to interpret it (nil differs per version).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PackedItemId {
    /// LitId, in the referring module's strings, of the target module's absolute path.
    pub module: LitId,
    /// Symbol or type id in the target module.
    pub item: i32,
}

/// A [`PackedItemId`] interpreted: nil, an item of this module, or an item of
/// another module (named by its path, to be resolved against the loaded set).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ItemRef {
    /// `nilItemId` (or, in 1.6/2.0, the never-set `(0, 0)`).
    Nil,
    /// An item of the referring module.
    Local(i32),
    /// An item of another module.
    Remote(ModuleRef),
}

/// A reference into another module: the path LitId (in the *referring* module's
/// strings) and the item id there. Resolving it needs the module graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ModuleRef {
    /// Path of the other module, as a LitId of the referring module.
    pub module: LitId,
    /// Symbol or type id in that module.
    pub item: i32,
}

/// The three packed trees of a module.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TreeKind {
    /// `toReplay`: nkReplayAction roots.
    ToReplay,
    /// `topLevel`: the module's top-level statements (routine bodies stripped).
    TopLevel,
    /// `bodies`: everything referenced by NodeId.
    Bodies,
}

impl TreeKind {
    /// All three, in file order.
    pub const ALL: [TreeKind; 3] = [TreeKind::ToReplay, TreeKind::TopLevel, TreeKind::Bodies];
    /// The compiler's field name.
    pub fn name(self) -> &'static str {
        match self {
            TreeKind::ToReplay => "toReplay",
            TreeKind::TopLevel => "topLevel",
            TreeKind::Bodies => "bodies",
        }
    }
    /// The file section that holds this tree.
    pub fn section(self) -> crate::version::SectionKind {
        use crate::version::SectionKind;
        match self {
            TreeKind::ToReplay => SectionKind::ToReplay,
            TreeKind::TopLevel => SectionKind::TopLevel,
            TreeKind::Bodies => SectionKind::Bodies,
        }
    }
    /// The stable slug (`toplevel`, `bodies`, `replay`) that [`TreeKind::parse`] reads
    /// and `rodscope tree --section` takes.
    pub fn slug(self) -> &'static str {
        match self {
            TreeKind::TopLevel => "toplevel",
            TreeKind::Bodies => "bodies",
            TreeKind::ToReplay => "replay",
        }
    }
    /// Parses `toplevel`, `bodies`, `replay` (and the compiler's spellings).
    pub fn parse(s: &str) -> Option<TreeKind> {
        match s.to_ascii_lowercase().as_str() {
            "toplevel" | "top" => Some(TreeKind::TopLevel),
            "bodies" | "body" => Some(TreeKind::Bodies),
            "replay" | "toreplay" => Some(TreeKind::ToReplay),
            _ => None,
        }
    }
}

/// Symbol ids from raw values (for tests).
#[cfg(test)]
pub(crate) fn sym_ids(raw: &[i32]) -> Vec<SymId> {
    raw.iter().copied().map(SymId).collect()
}
