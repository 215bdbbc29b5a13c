//! Compiler versions and their section layouts.

use crate::names::{self, Names};

/// The three `.rod` layouts we know, named by the compiler release that writes them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RodVersion {
    /// Nim 1.6.x (RodVersion 1, with `macroUsagesSection`).
    V1_6,
    /// Nim 2.0.x (RodVersion 1, no macroUsages, PackedSym with `disamb`).
    V2_0,
    /// Nim 2.2.x (RodVersion 2: 8-byte nodes, side tables, keyed syms/types).
    V2_2,
}

/// One logical section. The tag it has in a file depends on the version
/// ([`RodVersion::layout`]); its display name is the compiler's ([`RodVersion::section_name`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[allow(missing_docs)]
pub enum SectionKind {
    Config,
    Strings,
    CheckSums,
    Deps,
    Numbers,
    Exports,
    Hidden,
    Reexports,
    CompilerProcs,
    Trmacros,
    Converters,
    Methods,
    PureEnums,
    /// 1.6 only, always empty.
    MacroUsages,
    ToReplay,
    TopLevel,
    Bodies,
    Syms,
    Types,
    TypeInstCache,
    ProcInstCache,
    AttachedOps,
    /// `(PackedItemId, int, PackedItemId)` entries: `methodsPerType` in 1.6/2.0,
    /// renamed `methodsPerGenericType` in 2.2.
    MethodsPerGenericType,
    EnumToStringProcs,
    /// 2.2's new `methodsPerType` (`(PackedItemId, PackedItemId)`).
    MethodsPerType,
    /// 2.2 only.
    Dispatchers,
    TypeInfo,
    BackendFlags,
    /// 2.2 only: the line-info side table.
    SideChannel,
    /// Only in `.alivesyms` files.
    AliveSyms,
}

use SectionKind as S;

const LAYOUT_1_6: &[(u8, SectionKind)] = &[
    (1, S::Config), (2, S::Strings), (3, S::CheckSums), (4, S::Deps), (5, S::Numbers),
    (6, S::Exports), (7, S::Hidden), (8, S::Reexports), (9, S::CompilerProcs), (10, S::Trmacros),
    (11, S::Converters), (12, S::Methods), (13, S::PureEnums), (14, S::MacroUsages),
    (15, S::ToReplay), (16, S::TopLevel), (17, S::Bodies), (18, S::Syms), (19, S::Types),
    (20, S::TypeInstCache), (21, S::ProcInstCache), (22, S::AttachedOps),
    (23, S::MethodsPerGenericType), (24, S::EnumToStringProcs), (25, S::TypeInfo),
    (26, S::BackendFlags),
];
const LAYOUT_2_0: &[(u8, SectionKind)] = &[
    (1, S::Config), (2, S::Strings), (3, S::CheckSums), (4, S::Deps), (5, S::Numbers),
    (6, S::Exports), (7, S::Hidden), (8, S::Reexports), (9, S::CompilerProcs), (10, S::Trmacros),
    (11, S::Converters), (12, S::Methods), (13, S::PureEnums),
    (14, S::ToReplay), (15, S::TopLevel), (16, S::Bodies), (17, S::Syms), (18, S::Types),
    (19, S::TypeInstCache), (20, S::ProcInstCache), (21, S::AttachedOps),
    (22, S::MethodsPerGenericType), (23, S::EnumToStringProcs), (24, S::TypeInfo),
    (25, S::BackendFlags),
];
const LAYOUT_2_2: &[(u8, SectionKind)] = &[
    (1, S::Config), (2, S::Strings), (3, S::CheckSums), (4, S::Deps), (5, S::Numbers),
    (6, S::Exports), (7, S::Hidden), (8, S::Reexports), (9, S::CompilerProcs), (10, S::Trmacros),
    (11, S::Converters), (12, S::Methods), (13, S::PureEnums),
    (14, S::ToReplay), (15, S::TopLevel), (16, S::Bodies), (17, S::Syms), (18, S::Types),
    (19, S::TypeInstCache), (20, S::ProcInstCache), (21, S::AttachedOps),
    (22, S::MethodsPerGenericType), (23, S::EnumToStringProcs), (24, S::MethodsPerType),
    (25, S::Dispatchers), (26, S::TypeInfo), (27, S::BackendFlags), (29, S::SideChannel),
];

impl RodVersion {
    /// All versions, oldest first.
    pub const ALL: [RodVersion; 3] = [RodVersion::V1_6, RodVersion::V2_0, RodVersion::V2_2];

    /// The release, as users say it: `"1.6"`, `"2.0"`, `"2.2"`.
    pub fn label(self) -> &'static str {
        match self {
            RodVersion::V1_6 => "1.6",
            RodVersion::V2_0 => "2.0",
            RodVersion::V2_2 => "2.2",
        }
    }
    /// The compiler release whose files were used to check this layout.
    pub fn compiler(self) -> &'static str {
        match self {
            RodVersion::V1_6 => "Nim 1.6.10",
            RodVersion::V2_0 => "Nim 2.0.0",
            RodVersion::V2_2 => "Nim 2.2.0",
        }
    }
    /// Byte 7 of the cookie.
    pub fn rod_version_byte(self) -> u8 {
        match self {
            RodVersion::V2_2 => 2,
            _ => 1,
        }
    }
    /// The enum names of this compiler.
    pub fn names(self) -> &'static Names {
        match self {
            RodVersion::V1_6 => &names::V1_6,
            RodVersion::V2_0 => &names::V2_0,
            RodVersion::V2_2 => &names::V2_2,
        }
    }
    /// LitId of `vals[0]` in the strings and numbers tables.
    pub fn lit_base(self) -> u32 {
        match self {
            RodVersion::V2_2 => 1,
            _ => 256,
        }
    }
    /// The sections of a `.rod` file in file order, with their tags.
    pub fn layout(self) -> &'static [(u8, SectionKind)] {
        match self {
            RodVersion::V1_6 => LAYOUT_1_6,
            RodVersion::V2_0 => LAYOUT_2_0,
            RodVersion::V2_2 => LAYOUT_2_2,
        }
    }
    /// The tag of `aliveSymsSection` (the `.alivesyms` files' only section).
    pub fn alive_syms_tag(self) -> u8 {
        match self {
            RodVersion::V1_6 => 27,
            RodVersion::V2_0 => 26,
            RodVersion::V2_2 => 28,
        }
    }
    /// The tag of `kind` in this version, if the section exists.
    pub fn tag_of(self, kind: SectionKind) -> Option<u8> {
        if kind == SectionKind::AliveSyms {
            return Some(self.alive_syms_tag());
        }
        self.layout().iter().find(|(_, k)| *k == kind).map(|(t, _)| *t)
    }
    /// The compiler's name of a section (`bodiesSection` is shown as `bodies`).
    pub fn section_name(self, kind: SectionKind) -> &'static str {
        match kind {
            S::Config => "config",
            S::Strings => "strings",
            S::CheckSums => "checkSums",
            S::Deps => "deps",
            S::Numbers => "numbers",
            S::Exports => "exports",
            S::Hidden => "hidden",
            S::Reexports => "reexports",
            S::CompilerProcs => "compilerProcs",
            S::Trmacros => "trmacros",
            S::Converters => "converters",
            S::Methods => "methods",
            S::PureEnums => "pureEnums",
            S::MacroUsages => "macroUsages",
            S::ToReplay => "toReplay",
            S::TopLevel => "topLevel",
            S::Bodies => "bodies",
            S::Syms => "syms",
            S::Types => "types",
            S::TypeInstCache => "typeInstCache",
            S::ProcInstCache => "procInstCache",
            S::AttachedOps => "attachedOps",
            S::MethodsPerGenericType if self == RodVersion::V2_2 => "methodsPerGenericType",
            S::MethodsPerGenericType => "methodsPerType",
            S::EnumToStringProcs => "enumToStringProcs",
            S::MethodsPerType => "methodsPerType",
            S::Dispatchers => "dispatchers",
            S::TypeInfo => "typeInfo",
            S::BackendFlags => "backendFlags",
            S::SideChannel => "sideChannel",
            S::AliveSyms => "aliveSyms",
        }
    }

    /// On-disk size of one PackedNode (2.2 has side tables instead of fields).
    pub const fn node_size(self) -> usize {
        match self {
            RodVersion::V2_2 => 8,
            _ => 28,
        }
    }
    /// On-disk size of one PackedSym.
    pub const fn sym_size(self) -> usize {
        match self {
            RodVersion::V2_2 => 136,
            _ => 120,
        }
    }
    /// On-disk size of a PackedType without its sons (each son adds 8 bytes).
    pub const fn type_base_size(self) -> usize {
        match self {
            RodVersion::V1_6 => 60,
            RodVersion::V2_0 => 58,
            RodVersion::V2_2 => 62,
        }
    }
}

impl std::fmt::Display for RodVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}
