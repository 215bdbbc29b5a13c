//! Typed ids of the view layer. Every backend speaks them; none of them is a raw
//! integer in an API.

use std::fmt;

pub use rod_decoder::graph::ModuleIdx;
pub use rod_decoder::NodePos;

/// One tree of a module, as an index into [`crate::Cache::trees`] (packed `.rod`:
/// `toReplay`, `topLevel`, `bodies`; other formats have their own lists).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TreeId(pub u8);

impl TreeId {
    /// As an index.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A symbol of one module, by the backend's own id for it (packed `.rod`: the
/// `itemId.item` of the module; other formats: their record id or index).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SymKey(pub i64);

/// A type of one module, by the backend's own id for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeKey(pub i64);

impl fmt::Display for SymKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl fmt::Display for TypeKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// Where a link goes. The UI turns a target into its own URL; the library never
/// knows URLs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    /// A module's overview.
    Module(ModuleIdx),
    /// A symbol.
    Sym(ModuleIdx, SymKey),
    /// A type.
    Type(ModuleIdx, TypeKey),
    /// A node of a tree.
    Node(ModuleIdx, TreeId, NodePos),
}

impl Target {
    /// The module the target is in.
    pub fn module(self) -> ModuleIdx {
        match self {
            Target::Module(m) | Target::Sym(m, _) | Target::Type(m, _) | Target::Node(m, _, _) => m,
        }
    }
}
