//! Typed ids of the legacy formats. Symbols and types share one global id counter
//! (`gFrontEndId`), but a reference always says which of the two it wants.

use std::fmt;

/// A symbol id (`s.id`; the `ID:`/INDEX key of a text file, `syms.nimid` in a DB).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SymId(pub i64);

/// A type id (`t.id`; `types.nimid` in a DB, the `uniqueId` in 1.4.8).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub i64);

/// A module of a decoded cache, by its position in [`crate::Cache::modules`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ModuleIdx(pub u32);

impl ModuleIdx {
    /// The position as a usize.
    pub fn get(self) -> usize {
        self.0 as usize
    }
}

/// One id reference found inside a stored entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Ref {
    /// A symbol reference (`!id` of an nkSym, `*owner`, `&sym`, hooks, ...).
    Sym(SymId),
    /// A type reference (`^id`, sons, `typeInst`, ...).
    Type(TypeId),
}

impl fmt::Display for SymId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl fmt::Display for TypeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}
