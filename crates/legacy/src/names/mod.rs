//! The enum names of each legacy compiler, in ordinal order, and the compiler eras.

mod v0_17_2;
mod v0_19_6;
mod v0_9_0;
mod v1_4_8;

/// One compiler's enum names, each list in ordinal order (index = ordinal).
#[derive(Debug)]
pub struct Names {
    /// `TNodeKind`.
    pub node_kind: &'static [&'static str],
    /// `TSymKind`.
    pub sym_kind: &'static [&'static str],
    /// `TTypeKind`.
    pub type_kind: &'static [&'static str],
    /// `TSymFlag` (bit i = ordinal i).
    pub sym_flag: &'static [&'static str],
    /// `TTypeFlag`.
    pub type_flag: &'static [&'static str],
    /// `TNodeFlag`.
    pub node_flag: &'static [&'static str],
    /// `TMagic`.
    pub magic: &'static [&'static str],
    /// `TLocKind`.
    pub loc_kind: &'static [&'static str],
    /// `TLocFlag`.
    pub loc_flag: &'static [&'static str],
    /// `TStorageLoc`.
    pub storage_loc: &'static [&'static str],
    /// `TLibKind`.
    pub lib_kind: &'static [&'static str],
    /// `TCallingConvention`.
    pub calling_convention: &'static [&'static str],
    /// `TOption`.
    pub option: &'static [&'static str],
    /// `TGlobalOption`.
    pub global_option: &'static [&'static str],
    /// `TCommands`.
    pub command: &'static [&'static str],
    /// `TGCMode` (empty where the compiler has none).
    pub gc_mode: &'static [&'static str],
    /// `TTypeAttachedOp` (1.4.8 only).
    pub attached_op: &'static [&'static str],
}

impl Names {
    /// The name of `ordinal` in `list`, or `None` when it is out of range.
    pub fn name(list: &'static [&'static str], ordinal: i64) -> Option<&'static str> {
        usize::try_from(ordinal).ok().and_then(|i| list.get(i).copied())
    }

    /// The ordinal of `name` in `list` (used once, when building a vocabulary).
    pub fn ordinal(list: &[&str], name: &str) -> Option<u32> {
        list.iter().position(|n| *n == name).and_then(|i| u32::try_from(i).ok())
    }

    /// The names of the bits set in `bits`, in ordinal order; unknown bits as `bitN`.
    pub fn set_names(list: &'static [&'static str], bits: u64) -> Vec<String> {
        (0..64u32)
            .filter(|i| bits & (1u64 << i) != 0)
            .map(|i| list.get(i as usize).map_or_else(|| format!("bit{i}"), |s| (*s).to_string()))
            .collect()
    }
}

/// The compiler release a legacy cache comes from (one vocabulary each).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Era {
    /// Nimrod 0.9.0 text `.rod` (RodFileVersion 1210).
    Text090,
    /// Nim 0.17.2 text `.rod` (RodFileVersion 1222).
    Text0172,
    /// Nim 0.19.x sqlite `rodfiles.db` (no `filenames.nimid`).
    Sqlite0196,
    /// Nim 1.0 - 1.4.8 sqlite `rodfiles.db` (with `filenames.nimid`).
    Sqlite148,
}

impl Era {
    /// The compiler that writes this format, as named in reports.
    pub fn compiler(self) -> &'static str {
        match self {
            Era::Text090 => "Nimrod 0.9.0",
            Era::Text0172 => "Nim 0.17.2",
            Era::Sqlite0196 => "Nim 0.19.6",
            Era::Sqlite148 => "Nim 1.4.8",
        }
    }

    /// `"text .rod"` or `"sqlite rodfiles.db"`.
    pub fn format(self) -> &'static str {
        match self {
            Era::Text090 | Era::Text0172 => "text .rod",
            Era::Sqlite0196 | Era::Sqlite148 => "sqlite rodfiles.db",
        }
    }

    /// True for the two text formats.
    pub fn is_text(self) -> bool {
        matches!(self, Era::Text090 | Era::Text0172)
    }

    /// A one-line description, e.g. "Nimrod 0.9.0 text .rod (RodFileVersion 1210)".
    pub fn describe(self) -> &'static str {
        match self {
            Era::Text090 => "Nimrod 0.9.0 text .rod (RodFileVersion 1210)",
            Era::Text0172 => "Nim 0.17.2 text .rod (RodFileVersion 1222)",
            Era::Sqlite0196 => "Nim 0.19.6 rodfiles.db (RodFileVersion 1223, no filenames.nimid)",
            Era::Sqlite148 => "Nim 1.4.8 rodfiles.db (RodFileVersion 1223, filenames.nimid)",
        }
    }

    /// The enum names of the compiler that writes this format.
    pub fn names(self) -> &'static Names {
        match self {
            Era::Text090 => &v0_9_0::NAMES,
            Era::Text0172 => &v0_17_2::NAMES,
            Era::Sqlite0196 => &v0_19_6::NAMES,
            Era::Sqlite148 => &v1_4_8::NAMES,
        }
    }
}
