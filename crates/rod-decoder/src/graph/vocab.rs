//! The compiler vocabulary the whole-program analyses need, looked up by *name* in
//! the enum tables of the compiler that wrote a file (ordinals may differ between
//! versions, names do not).

use crate::names::Names;
use crate::version::RodVersion;

/// What the DCE does with a node of a given kind (`aliveCode`'s case branches).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Action {
    /// A non-symbol atom: nothing.
    Ignore,
    /// `nkSym`: follow the local symbol.
    Sym,
    /// `nkModuleRef`: follow the symbol of another module.
    ModuleRef,
    /// A declarative context (`nkTypeSection`, `nkTemplateDef`, ...): children not visited.
    Skip,
    /// `nkChckRangeF`, `nkChckRange64`, `nkChckRange`: range-check analysis only.
    RangeCheck,
    /// `nkProcDef`, `nkFuncDef`, `nkMethodDef`, `nkConverterDef`, `nkIteratorDef`:
    /// the exported-to-C check, children not visited.
    RoutineDef,
    /// Every other kind: visit all children.
    Descend,
}

/// Node kinds whose subtrees the DCE never enters.
pub(crate) const SKIPPED_KINDS: &[&str] = &[
    "nkMacroDef",
    "nkTemplateDef",
    "nkTypeSection",
    "nkTypeOfExpr",
    "nkCommentStmt",
    "nkIncludeStmt",
    "nkImportStmt",
    "nkImportExceptStmt",
    "nkExportStmt",
    "nkExportExceptStmt",
    "nkFromStmt",
    "nkStaticStmt",
];
const ROUTINE_DEF_KINDS: &[&str] = &["nkProcDef", "nkConverterDef", "nkMethodDef", "nkFuncDef", "nkIteratorDef"];
const RANGE_CHECK_KINDS: &[&str] = &["nkChckRangeF", "nkChckRange64", "nkChckRange"];
/// `routineKinds`: symbols whose job scans only son 6 (`bodyPos`) of their ast.
const ROUTINE_SYM_KINDS: &[&str] = &["skProc", "skFunc", "skMethod", "skIterator", "skConverter", "skMacro", "skTemplate"];
/// `abstractVar`.
const ABSTRACT_VAR: &[&str] =
    &["tyVar", "tyGenericInst", "tyDistinct", "tyOrdinal", "tyTypeDesc", "tyAlias", "tyInferred", "tySink", "tyLent", "tyOwned"];
/// `abstractVarRange`.
const ABSTRACT_VAR_RANGE: &[&str] =
    &["tyGenericInst", "tyRange", "tyVar", "tyDistinct", "tyOrdinal", "tyTypeDesc", "tyAlias", "tyInferred", "tySink", "tyOwned"];

/// A set of small ordinals (enum values below 128).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct OrdSet(u128);

impl OrdSet {
    fn of(table: &[&str], names: &[&str]) -> OrdSet {
        let mut s = OrdSet(0);
        for n in names {
            if let Some(i) = ordinal(table, n) {
                s.insert(i);
            }
        }
        s
    }
    /// The ordinals `first..=last` (by name); empty if either name is unknown.
    fn range(table: &[&str], first: &str, last: &str) -> OrdSet {
        let mut s = OrdSet(0);
        if let (Some(a), Some(b)) = (ordinal(table, first), ordinal(table, last)) {
            for i in a..=b {
                s.insert(i);
            }
        }
        s
    }
    fn insert(&mut self, i: u32) {
        if i < 128 {
            self.0 |= 1u128 << i;
        }
    }
    /// Membership.
    pub(crate) fn contains(self, i: u32) -> bool {
        i < 128 && self.0 & (1u128 << i) != 0
    }
    fn union(self, o: OrdSet) -> OrdSet {
        OrdSet(self.0 | o.0)
    }
}

fn ordinal(table: &[&str], name: &str) -> Option<u32> {
    table.iter().position(|n| *n == name).map(|i| i as u32)
}

fn bit(table: &[&str], name: &str) -> u64 {
    match ordinal(table, name) {
        Some(i) if i < 64 => 1u64 << i,
        _ => 0,
    }
}

/// Per-version ordinals and bits, from the version's name tables.
#[derive(Clone, Debug)]
pub(crate) struct Vocab {
    /// `aliveCode`'s decision for every node kind ordinal.
    pub actions: [Action; 256],
    /// `sfExportc`.
    pub sf_exportc: u64,
    /// `sfCompilerProc`.
    pub sf_compiler_proc: u64,
    /// `sfCompileTime`.
    pub sf_compile_time: u64,
    /// `sfMainModule`.
    pub sf_main_module: u64,
    /// `sfSystemModule`.
    pub sf_system_module: u64,
    /// `routineKinds`.
    pub routine_kinds: OrdSet,
    /// `skMethod`.
    pub sk_method: Option<u32>,
    /// `optRangeCheck`.
    pub opt_range_check: u32,
    /// `nkSym` and `nkEmpty`.
    pub nk_sym: u8,
    /// `nkEmpty`.
    pub nk_empty: u8,
    /// `abstractVar`.
    pub abstract_var: OrdSet,
    /// `abstractVarRange`.
    pub abstract_var_range: OrdSet,
    /// `tyUInt..tyUInt64`.
    pub uint_kinds: OrdSet,
    /// `{tyUInt, tyUInt64}`.
    pub uint_or_uint64: OrdSet,
    /// `tyUInt..tyUInt64` plus `tyChar`.
    pub unsigned_or_char: OrdSet,
    /// `tyFloat..tyFloat128`.
    pub float_kinds: OrdSet,
}

impl Vocab {
    fn build(names: &Names) -> Vocab {
        let nk = names.node_kind;
        let kind_of = |n: &str| ordinal(nk, n).and_then(|i| u8::try_from(i).ok());
        let mut actions = [Action::Descend; 256];
        let nil_lit = kind_of("nkNilLit").unwrap_or(23);
        for a in actions.iter_mut().take(nil_lit as usize + 1) {
            *a = Action::Ignore;
        }
        let nk_sym = kind_of("nkSym").unwrap_or(3);
        actions[nk_sym as usize] = Action::Sym;
        for (names, action) in
            [(SKIPPED_KINDS, Action::Skip), (ROUTINE_DEF_KINDS, Action::RoutineDef), (RANGE_CHECK_KINDS, Action::RangeCheck)]
        {
            for n in names {
                if let Some(k) = kind_of(n) {
                    actions[k as usize] = action;
                }
            }
        }
        if let Some(k) = kind_of("nkModuleRef") {
            actions[k as usize] = Action::ModuleRef;
        }
        let sf = names.sym_flag;
        let tk = names.type_kind;
        let uint_kinds = OrdSet::range(tk, "tyUInt", "tyUInt64");
        Vocab {
            actions,
            sf_exportc: bit(sf, "sfExportc"),
            sf_compiler_proc: bit(sf, "sfCompilerProc"),
            sf_compile_time: bit(sf, "sfCompileTime"),
            sf_main_module: bit(sf, "sfMainModule"),
            sf_system_module: bit(sf, "sfSystemModule"),
            routine_kinds: OrdSet::of(names.sym_kind, ROUTINE_SYM_KINDS),
            sk_method: ordinal(names.sym_kind, "skMethod"),
            opt_range_check: ordinal(names.option, "optRangeCheck").filter(|&i| i < 32).map_or(0, |i| 1u32 << i),
            nk_sym,
            nk_empty: kind_of("nkEmpty").unwrap_or(1),
            abstract_var: OrdSet::of(tk, ABSTRACT_VAR),
            abstract_var_range: OrdSet::of(tk, ABSTRACT_VAR_RANGE),
            uint_kinds,
            uint_or_uint64: OrdSet::of(tk, &["tyUInt", "tyUInt64"]),
            unsigned_or_char: uint_kinds.union(OrdSet::of(tk, &["tyChar"])),
            float_kinds: OrdSet::range(tk, "tyFloat", "tyFloat128"),
        }
    }

    /// The vocabulary of one version (built once per process).
    pub(crate) fn of(v: RodVersion) -> &'static Vocab {
        static CELLS: [std::sync::OnceLock<Vocab>; 3] =
            [std::sync::OnceLock::new(), std::sync::OnceLock::new(), std::sync::OnceLock::new()];
        CELLS[super::version_slot(v)].get_or_init(|| Vocab::build(v.names()))
    }

    /// The DCE action for a node kind.
    pub(crate) fn action(&self, kind: u8) -> Action {
        self.actions[kind as usize]
    }
}

impl crate::PackedModule {
    /// True for routine symbols (proc, func, method, iterator, converter, macro,
    /// template): their `ast` is a routine definition whose son 6 is the body.
    pub fn is_routine(&self, sym: &crate::PackedSym) -> bool {
        Vocab::of(self.version).routine_kinds.contains(sym.kind as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_is_known_in_every_version() {
        for v in RodVersion::ALL {
            let n = v.names();
            for name in SKIPPED_KINDS.iter().chain(ROUTINE_DEF_KINDS).chain(RANGE_CHECK_KINDS).chain(&[
                "nkModuleRef",
                "nkSym",
                "nkEmpty",
                "nkNilLit",
            ]) {
                assert!(ordinal(n.node_kind, name).is_some(), "{v}: {name}");
            }
            for name in ROUTINE_SYM_KINDS.iter().chain(&["skMethod"]) {
                assert!(ordinal(n.sym_kind, name).is_some(), "{v}: {name}");
            }
            for name in ["sfExportc", "sfCompilerProc", "sfCompileTime", "sfMainModule", "sfSystemModule"] {
                assert_ne!(bit(n.sym_flag, name), 0, "{v}: {name}");
            }
            for name in ABSTRACT_VAR.iter().chain(ABSTRACT_VAR_RANGE).chain(&["tyChar", "tyUInt", "tyUInt64", "tyFloat", "tyFloat128"]) {
                assert!(ordinal(n.type_kind, name).is_some_and(|i| i < 128), "{v}: {name}");
            }
            assert!(ordinal(n.option, "optRangeCheck").is_some());
            let voc = Vocab::of(v);
            assert_eq!(voc.action(3), Action::Sym);
            assert_eq!(voc.action(2), Action::Ignore);
        }
    }
}
