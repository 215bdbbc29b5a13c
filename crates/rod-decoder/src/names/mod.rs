//! The compiler's enum names, per version. Each table lists names in ordinal order,
//! as the compiler that wrote the file spelled them.

pub mod ordinals;
pub mod v1_6;
pub mod v2_0;
pub mod v2_2;

/// The enum name tables of one compiler version.
#[derive(Debug)]
pub struct Names {
    /// `TNodeKind`.
    pub node_kind: &'static [&'static str],
    /// `TSymKind`.
    pub sym_kind: &'static [&'static str],
    /// `TTypeKind`.
    pub type_kind: &'static [&'static str],
    /// `TMagic`.
    pub magic: &'static [&'static str],
    /// `TCallingConvention`.
    pub call_conv: &'static [&'static str],
    /// `TLibKind`.
    pub lib_kind: &'static [&'static str],
    /// `TTypeAttachedOp`.
    pub attached_op: &'static [&'static str],
    /// `TBackend`.
    pub backend: &'static [&'static str],
    /// `TGCMode`.
    pub gc_mode: &'static [&'static str],
    /// `TSystemCC`.
    pub system_cc: &'static [&'static str],
    /// `RodSection`.
    pub rod_section: &'static [&'static str],
    /// `TNodeFlag`.
    pub node_flag: &'static [&'static str],
    /// `TSymFlag`.
    pub sym_flag: &'static [&'static str],
    /// `TTypeFlag`.
    pub type_flag: &'static [&'static str],
    /// `TOption`.
    pub option: &'static [&'static str],
    /// `TGlobalOption`.
    pub global_option: &'static [&'static str],
    /// `TLocFlag`.
    pub loc_flag: &'static [&'static str],
    /// `ModuleBackendFlag`.
    pub backend_flag: &'static [&'static str],
    /// Const aliases: (enum, ordinal, extra name).
    pub aliases: &'static [(&'static str, u32, &'static str)],
}

macro_rules! names_of {
    ($m:ident) => {
        Names {
            node_kind: $m::TNODE_KIND,
            sym_kind: $m::TSYM_KIND,
            type_kind: $m::TTYPE_KIND,
            magic: $m::TMAGIC,
            call_conv: $m::TCALLING_CONVENTION,
            lib_kind: $m::TLIB_KIND,
            attached_op: $m::TTYPE_ATTACHED_OP,
            backend: $m::TBACKEND,
            gc_mode: $m::TGCMODE,
            system_cc: $m::TSYSTEM_CC,
            rod_section: $m::ROD_SECTION,
            node_flag: $m::TNODE_FLAG,
            sym_flag: $m::TSYM_FLAG,
            type_flag: $m::TTYPE_FLAG,
            option: $m::TOPTION,
            global_option: $m::TGLOBAL_OPTION,
            loc_flag: $m::TLOC_FLAG,
            backend_flag: $m::MODULE_BACKEND_FLAG,
            aliases: $m::ALIASES,
        }
    };
}

/// Nim 1.6.10.
pub static V1_6: Names = names_of!(v1_6);
/// Nim 2.0.0.
pub static V2_0: Names = names_of!(v2_0);
/// Nim 2.2.0.
pub static V2_2: Names = names_of!(v2_2);

/// The name of `ordinal` in `table`, or `None` when it is out of range.
pub fn name(table: &'static [&'static str], ordinal: u32) -> Option<&'static str> {
    table.get(ordinal as usize).copied()
}

/// The name of `ordinal` in `table`, or `<prefix>#<ordinal>?` when out of range.
pub fn name_or_raw(table: &'static [&'static str], ordinal: u32) -> std::borrow::Cow<'static, str> {
    match name(table, ordinal) {
        Some(n) => std::borrow::Cow::Borrowed(n),
        None => std::borrow::Cow::Owned(format!("#{ordinal}?")),
    }
}

/// The names of the bits set in `bits` (bit i = ordinal i), in ordinal order.
/// Bits past the table are named `#i?`.
pub fn flag_names(table: &'static [&'static str], bits: u64) -> Vec<std::borrow::Cow<'static, str>> {
    (0..64u32).filter(|i| bits & (1u64 << i) != 0).map(|i| name_or_raw(table, i)).collect()
}
