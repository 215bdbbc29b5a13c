//! Named ordinals of the enums the analyses and views test against, declared once.
//! Each constant carries the compiler's name for it; a test proves that every
//! version's generated table has that name at that ordinal, so no code elsewhere
//! compares a name string or writes a bare number.

macro_rules! ordinals {
    ($(#[$doc:meta])* $module:ident: $table:ident { $($konst:ident = $ord:literal => $name:literal),* $(,)? }) => {
        $(#[$doc])*
        pub mod $module {
            $(#[doc = concat!("`", $name, "`")] pub const $konst: u8 = $ord;)*
            /// Every constant of this module with the compiler's name for it.
            pub const ALL: &[(u8, &str)] = &[$(($ord, $name)),*];
            /// The generated table this module's ordinals index.
            pub fn table(n: &crate::names::Names) -> &'static [&'static str] {
                n.$table
            }
        }
    };
}

ordinals! {
    /// `TTypeKind` (the same ordinals in 1.6, 2.0 and 2.2 for every name listed).
    ty: type_kind {
        NONE = 0 => "tyNone", BOOL = 1 => "tyBool", CHAR = 2 => "tyChar", EMPTY = 3 => "tyEmpty",
        ALIAS = 4 => "tyAlias", NIL = 5 => "tyNil", UNTYPED = 6 => "tyUntyped", TYPED = 7 => "tyTyped",
        TYPE_DESC = 8 => "tyTypeDesc", GENERIC_INVOCATION = 9 => "tyGenericInvocation",
        GENERIC_BODY = 10 => "tyGenericBody", GENERIC_INST = 11 => "tyGenericInst",
        GENERIC_PARAM = 12 => "tyGenericParam", DISTINCT = 13 => "tyDistinct", ENUM = 14 => "tyEnum",
        ORDINAL = 15 => "tyOrdinal", ARRAY = 16 => "tyArray", OBJECT = 17 => "tyObject",
        TUPLE = 18 => "tyTuple", SET = 19 => "tySet", RANGE = 20 => "tyRange", PTR = 21 => "tyPtr",
        REF = 22 => "tyRef", VAR = 23 => "tyVar", SEQUENCE = 24 => "tySequence", PROC = 25 => "tyProc",
        POINTER = 26 => "tyPointer", OPEN_ARRAY = 27 => "tyOpenArray", STRING = 28 => "tyString",
        CSTRING = 29 => "tyCstring", FORWARD = 30 => "tyForward", INT = 31 => "tyInt",
        INT8 = 32 => "tyInt8", INT16 = 33 => "tyInt16", INT32 = 34 => "tyInt32", INT64 = 35 => "tyInt64",
        FLOAT = 36 => "tyFloat", FLOAT32 = 37 => "tyFloat32", FLOAT64 = 38 => "tyFloat64",
        FLOAT128 = 39 => "tyFloat128", UINT = 40 => "tyUInt", UINT8 = 41 => "tyUInt8",
        UINT16 = 42 => "tyUInt16", UINT32 = 43 => "tyUInt32", UINT64 = 44 => "tyUInt64",
        OWNED = 45 => "tyOwned", SINK = 46 => "tySink", LENT = 47 => "tyLent", VARARGS = 48 => "tyVarargs",
        UNCHECKED_ARRAY = 49 => "tyUncheckedArray", STATIC = 60 => "tyStatic", VOID = 63 => "tyVoid",
        ITERABLE = 64 => "tyIterable",
    }
}

ordinals! {
    /// `TSymKind` (the same ordinals in 1.6, 2.0 and 2.2 for every name listed).
    sk: sym_kind {
        PARAM = 3 => "skParam", GENERIC_PARAM = 4 => "skGenericParam", MODULE = 6 => "skModule",
        TYPE = 7 => "skType", VAR = 8 => "skVar", LET = 9 => "skLet", CONST = 10 => "skConst",
        RESULT = 11 => "skResult", PROC = 12 => "skProc", FUNC = 13 => "skFunc", METHOD = 14 => "skMethod",
        ITERATOR = 15 => "skIterator", CONVERTER = 16 => "skConverter", MACRO = 17 => "skMacro",
        TEMPLATE = 18 => "skTemplate", FIELD = 19 => "skField", ENUM_FIELD = 20 => "skEnumField",
    }
}

ordinals! {
    /// `TNodeKind` kinds the views test, beyond the constants of [`crate::NodeKind`].
    nk: node_kind {
        POSTFIX = 31 => "nkPostfix", IDENT_DEFS = 35 => "nkIdentDefs", VAR_TUPLE = 36 => "nkVarTuple",
        PRAGMA_EXPR = 43 => "nkPragmaExpr", RANGE = 44 => "nkRange", LAMBDA = 51 => "nkLambda",
        DO = 52 => "nkDo", ACC_QUOTED = 53 => "nkAccQuoted", FORMAL_PARAMS = 76 => "nkFormalParams",
        PROC_DEF = 79 => "nkProcDef", METHOD_DEF = 80 => "nkMethodDef", CONVERTER_DEF = 81 => "nkConverterDef",
        MACRO_DEF = 82 => "nkMacroDef", TEMPLATE_DEF = 83 => "nkTemplateDef", ITERATOR_DEF = 84 => "nkIteratorDef",
        CONST_DEF = 102 => "nkConstDef", TYPE_DEF = 103 => "nkTypeDef", REC_LIST = 138 => "nkRecList",
        ENUM_FIELD_DEF = 151 => "nkEnumFieldDef", FUNC_DEF = 159 => "nkFuncDef", MODULE_REF = 162 => "nkModuleRef",
    }
}

/// True for the node kinds that define a name (routines, types, constants,
/// variables, enum fields): rows show the defined name beside them.
pub fn is_definition(kind: u8) -> bool {
    matches!(
        kind,
        nk::IDENT_DEFS | nk::VAR_TUPLE | nk::CONST_DEF | nk::TYPE_DEF | nk::ENUM_FIELD_DEF
    ) || (nk::PROC_DEF..=nk::ITERATOR_DEF).contains(&kind)
        || kind == nk::FUNC_DEF
}

/// True for the definitions of routines whose body the DCE scans once the routine
/// is alive (procs, funcs, methods, converters, iterators; not macros or templates).
pub fn defines_routine(kind: u8) -> bool {
    matches!(kind, nk::PROC_DEF | nk::METHOD_DEF | nk::CONVERTER_DEF | nk::ITERATOR_DEF | nk::FUNC_DEF)
}

#[cfg(test)]
mod tests {
    use crate::version::RodVersion;

    /// The `NodeKind` constants of the tree module name the same kinds in every version.
    #[test]
    fn node_kind_constants_agree_with_every_version() {
        use crate::tree::NodeKind as K;
        let consts = [
            (K::EMPTY, "nkEmpty"), (K::IDENT, "nkIdent"), (K::SYM, "nkSym"), (K::TYPE, "nkType"),
            (K::CHAR_LIT, "nkCharLit"), (K::INT_LIT, "nkIntLit"), (K::INT32_LIT, "nkInt32Lit"),
            (K::INT64_LIT, "nkInt64Lit"), (K::UINT_LIT, "nkUIntLit"), (K::UINT64_LIT, "nkUInt64Lit"),
            (K::FLOAT_LIT, "nkFloatLit"), (K::FLOAT128_LIT, "nkFloat128Lit"), (K::STR_LIT, "nkStrLit"),
            (K::R_STR_LIT, "nkRStrLit"), (K::TRIPLE_STR_LIT, "nkTripleStrLit"), (K::NIL_LIT, "nkNilLit"),
            (K::CLOSED_SYM_CHOICE, "nkClosedSymChoice"), (K::OPEN_SYM_CHOICE, "nkOpenSymChoice"),
            (K::CHCK_RANGE_F, "nkChckRangeF"), (K::CHCK_RANGE_64, "nkChckRange64"), (K::CHCK_RANGE, "nkChckRange"),
            (K::PROC_DEF, "nkProcDef"), (K::METHOD_DEF, "nkMethodDef"), (K::CONVERTER_DEF, "nkConverterDef"),
            (K::MACRO_DEF, "nkMacroDef"), (K::TEMPLATE_DEF, "nkTemplateDef"), (K::ITERATOR_DEF, "nkIteratorDef"),
            (K::TYPE_DEF, "nkTypeDef"), (K::FUNC_DEF, "nkFuncDef"), (K::MODULE_REF, "nkModuleRef"),
            (K::REPLAY_ACTION, "nkReplayAction"), (K::NIL_ROD_NODE, "nkNilRodNode"),
        ];
        for v in RodVersion::ALL {
            for (k, name) in consts {
                assert_eq!(v.names().node_kind.get(k.0 as usize).copied(), Some(name), "{v:?}: {name}");
            }
        }
    }

    #[test]
    fn ordinals_agree_with_every_version() {
        for v in RodVersion::ALL {
            let n = v.names();
            for (table, all) in [(super::ty::table(n), super::ty::ALL), (super::sk::table(n), super::sk::ALL), (super::nk::table(n), super::nk::ALL)] {
                for &(ord, name) in all {
                    assert_eq!(table.get(ord as usize).copied(), Some(name), "{v:?}: ordinal {ord}");
                }
            }
        }
    }
}
