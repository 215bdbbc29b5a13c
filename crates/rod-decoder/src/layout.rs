//! Every record layout of the `.rod` and `.alivesyms` files, declared once per
//! version: for each record, its fields in the compiler's vocabulary with their
//! offset, size and how to read them.
//!
//! The decoder ([`crate::decode()`]) reads its records through these declarations
//! (each field is a `const`, so a read compiles to a load at a fixed offset), and
//! the byte map ([`crate::bytemap`]) explains bytes with them. A compile-time check
//! proves that the fields of each record tile it exactly (no gap, no overlap) and
//! that each record has the size that [`RodVersion`] gives it.
//!
//! Records written raw (copyMem in the compiler) include their C alignment padding,
//! declared as fields read as [`How::Pad`]. Records written field by field (those
//! holding a seq) are declared as the raw part before the seq and the part after
//! it; the seq itself is an `i32` count followed by fixed-size elements.

use crate::version::RodVersion;
use rod_format::le;

/// How a field's bytes are read, and so what they mean.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum How {
    /// C alignment padding (zero in every file the compiler writes).
    Pad,
    /// A plain signed integer (little-endian, the field's size).
    Int,
    /// A plain unsigned integer.
    UInt,
    /// A `bool` byte.
    Bool,
    /// An `i32` element count of the seq that follows, or a string's byte length.
    Count,
    /// The bytes of a string (variable length).
    Bytes,
    /// The 4-byte magic `00 'R' 'O' 'D'`.
    Magic,
    /// A section tag (`RodSection` ordinal).
    Section,
    /// `TNodeKind` ordinal.
    NodeKind,
    /// `TSymKind` ordinal.
    SymKind,
    /// `TTypeKind` ordinal.
    TypeKind,
    /// `TCallingConvention` ordinal.
    CallConv,
    /// `TMagic` ordinal.
    MagicKind,
    /// `TLibKind` ordinal.
    LibKind,
    /// `TTypeAttachedOp` ordinal.
    AttachedOp,
    /// `TBackend` ordinal.
    Backend,
    /// `TGCMode` ordinal.
    GcMode,
    /// `TSystemCC` ordinal.
    CCompiler,
    /// `TNodeFlags` set.
    NodeFlags,
    /// `TSymFlags` set.
    SymFlags,
    /// `TTypeFlags` set.
    TypeFlags,
    /// `TOptions` set.
    Options,
    /// `TGlobalOptions` set.
    GlobalOptions,
    /// `TLocFlags` set.
    LocFlags,
    /// `set[ModuleBackendFlag]`.
    BackendFlags,
    /// A `LitId` into the strings table.
    Str,
    /// A `LitId` into the numbers table.
    Num,
    /// A node's operand: a LitId, a symbol id, a value or a span, by the node's kind.
    Operand,
    /// A `NodeId` into the bodies tree (-1 none).
    NodeId,
    /// A node position in the same tree (2.2 side tables).
    NodePos,
    /// A symbol id of this module.
    SymId,
    /// A type id of this module.
    TypeId,
    /// A `PackedItemId` (module LitId, item), 8 bytes.
    ItemId,
    /// A 1.6/2.0 `PackedLineInfo` (line u16, col i16, file LitId), 8 bytes.
    LineInfo,
    /// A 2.2 `PackedLineInfo`: inline bit fields or a side-channel index, 4 bytes.
    PackedInfo,
    /// A slot of a BiTable's hash index (a LitId; 0 = empty).
    KeySlot,
}

/// One field of a record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    /// The compiler's name of the field (`kind`, `operand`, `typeId`, `annex.name`).
    pub name: &'static str,
    /// Byte offset inside the record.
    pub offset: usize,
    /// Size in bytes (for a bit field: the size of the word it is cut from).
    pub size: usize,
    /// How the bytes are read.
    pub how: How,
    /// For a bit field: its lowest bit inside the word.
    pub shift: u8,
    /// For a bit field: its width in bits; 0 for a whole-byte field.
    pub width: u8,
}

impl Field {
    /// A whole-byte field.
    pub const fn new(name: &'static str, offset: usize, size: usize, how: How) -> Field {
        Field { name, offset, size, how, shift: 0, width: 0 }
    }
    /// The same field as bits `shift .. shift + width` of its little-endian word.
    pub const fn bits(self, shift: u8, width: u8) -> Field {
        Field { shift, width, ..self }
    }
    /// One past its last byte inside the record.
    pub const fn end(&self) -> usize {
        self.offset + self.size
    }
    /// `u8` at this field's offset of `rec` (0 when `rec` is too short).
    #[inline(always)]
    pub fn u8(&self, rec: &[u8]) -> u8 {
        le::u8(rec, self.offset)
    }
    /// `u16` at this field's offset.
    #[inline(always)]
    pub fn u16(&self, rec: &[u8]) -> u16 {
        le::u16(rec, self.offset)
    }
    /// `i16` at this field's offset.
    #[inline(always)]
    pub fn i16(&self, rec: &[u8]) -> i16 {
        le::i16(rec, self.offset)
    }
    /// `u32` at this field's offset.
    #[inline(always)]
    pub fn u32(&self, rec: &[u8]) -> u32 {
        le::u32(rec, self.offset)
    }
    /// `i32` at this field's offset.
    #[inline(always)]
    pub fn i32(&self, rec: &[u8]) -> i32 {
        le::i32(rec, self.offset)
    }
    /// `u64` at this field's offset.
    #[inline(always)]
    pub fn u64(&self, rec: &[u8]) -> u64 {
        le::u64(rec, self.offset)
    }
    /// `i64` at this field's offset.
    #[inline(always)]
    pub fn i64(&self, rec: &[u8]) -> i64 {
        le::i64(rec, self.offset)
    }
    /// A bit field's value cut from the `u32` word `w`.
    #[inline(always)]
    pub fn cut(&self, w: u32) -> u32 {
        let v = w >> self.shift;
        if self.width >= 32 {
            v
        } else {
            v & ((1u32 << self.width) - 1)
        }
    }
    /// The field as an unsigned value (sign bits kept as read; up to 8 bytes; a bit
    /// field cut from its word).
    pub fn raw(&self, rec: &[u8]) -> u64 {
        let v = match self.size {
            1 => self.u8(rec) as u64,
            2 => self.u16(rec) as u64,
            4 => self.u32(rec) as u64,
            8 => self.u64(rec),
            _ => 0,
        };
        if self.width == 0 {
            v
        } else {
            self.cut(v as u32) as u64
        }
    }
    /// The field as a signed value (sign-extended from its size).
    pub fn signed(&self, rec: &[u8]) -> i64 {
        match self.size {
            1 => self.u8(rec) as i8 as i64,
            2 => self.i16(rec) as i64,
            4 => self.i32(rec) as i64,
            8 => self.i64(rec),
            _ => 0,
        }
    }
}

/// A record: its compiler name, its size and its fields in offset order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layout {
    /// The compiler's type name (`PackedNode`, `PackedSym`, `(LitId, int32)`).
    pub name: &'static str,
    /// Size in bytes.
    pub size: usize,
    /// The fields, tiling `0 .. size` (bit fields tile their word).
    pub fields: &'static [Field],
}

impl Layout {
    /// True when the fields tile the record exactly: each starts where the previous
    /// ended (bit fields of one word in bit order, filling the word), and the last
    /// ends at `size`.
    pub const fn tiles(&self) -> bool {
        let mut at = 0;
        let mut bit = 0u32;
        let mut i = 0;
        while i < self.fields.len() {
            let f = &self.fields[i];
            if f.offset != at || f.size == 0 {
                return false;
            }
            if f.width == 0 {
                if bit != 0 {
                    return false;
                }
                at += f.size;
            } else {
                if f.shift as u32 != bit || f.size > 4 {
                    return false;
                }
                bit += f.width as u32;
                if bit == 8 * f.size as u32 {
                    at += f.size;
                    bit = 0;
                } else if bit > 8 * f.size as u32 {
                    return false;
                }
            }
            i += 1;
        }
        bit == 0 && at == self.size
    }
    /// The field named `name`.
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.name == name)
    }
}

/// Declares one record: a module with one `const` per field, its [`Layout`], and a
/// compile-time proof that the fields tile the record.
macro_rules! record {
    ($(#[$doc:meta])* $m:ident = $name:literal, $size:expr; {
        $($(#[$fdoc:meta])* $f:ident: $fname:literal @ $off:literal + $sz:literal $(/ $sh:literal : $w:literal)? => $how:ident),* $(,)?
    }) => {
        $(#[$doc])*
        pub mod $m {
            #[allow(unused_imports)]
            use super::{Field, How, Layout};
            $(
                #[doc = concat!("`", $fname, "`: ", stringify!($sz), " bytes at ", stringify!($off), ".")]
                $(#[$fdoc])*
                pub const $f: Field = Field::new($fname, $off, $sz, How::$how)$(.bits($sh, $w))?;
            )*
            /// The record.
            pub const LAYOUT: Layout = Layout { name: $name, size: $size, fields: &[$($f),*] };
            const _: () = assert!(LAYOUT.tiles(), concat!($name, ": the fields do not tile the record"));
        }
    };
}

record! {
    /// The 8-byte cookie.
    cookie = "cookie", 8; {
        MAGIC: "magic" @ 0 + 4 => Magic,
        WORD_BITS: "sizeof(int)*8" @ 4 + 1 => UInt,
        ENDIAN: "cpuEndian" @ 5 + 1 => UInt,
        RESERVED: "reserved" @ 6 + 1 => UInt,
        ROD_VERSION: "RodVersion" @ 7 + 1 => UInt,
    }
}

record! {
    /// A section tag.
    tag = "RodSection", 1; { TAG: "tag" @ 0 + 1 => Section }
}

record! {
    /// An `i32` seq count or string length.
    count = "int32 length", 4; { LEN: "len" @ 0 + 4 => Count }
}

record! {
    /// `PackedItemId`.
    item_id = "PackedItemId", 8; {
        MODULE: "module" @ 0 + 4 => Str,
        ITEM: "item" @ 4 + 4 => Int,
    }
}

record! {
    /// `PackedLineInfo` of 1.6 and 2.0.
    line_info16 = "PackedLineInfo", 8; {
        LINE: "line" @ 0 + 2 => UInt,
        COL: "col" @ 2 + 2 => Int,
        FILE: "file" @ 4 + 4 => Str,
    }
}

record! {
    /// 2.2's `PackedLineInfo` when bit 0 is 0: the position inline.
    line_info22 = "PackedLineInfo", 4; {
        ASIDE: "aside" @ 0 + 4 / 0 : 1 => UInt,
        FILE: "file" @ 0 + 4 / 1 : 10 => Str,
        LINE: "line" @ 0 + 4 / 11 : 14 => UInt,
        COL: "col" @ 0 + 4 / 25 : 7 => UInt,
    }
}

record! {
    /// 2.2's `PackedLineInfo` when bit 0 is 1: an index into the sideChannel.
    line_info22_aside = "PackedLineInfo", 4; {
        ASIDE: "aside" @ 0 + 4 / 0 : 1 => UInt,
        INDEX: "index" @ 0 + 4 / 1 : 31 => UInt,
    }
}

record! {
    /// `PackedNode` of 1.6 and 2.0 (28 bytes raw).
    node16 = "PackedNode", 28; {
        KIND: "kind" @ 0 + 1 => NodeKind,
        PAD1: "padding" @ 1 + 3 => Pad,
        FLAGS: "flags" @ 4 + 4 => NodeFlags,
        OPERAND: "operand" @ 8 + 4 => Operand,
        TYPE_ID: "typeId" @ 12 + 8 => ItemId,
        INFO: "info" @ 20 + 8 => LineInfo,
    }
}

record! {
    /// `PackedNode` of 2.2 (8 bytes raw: `x` = kind | operand << 8, and the info).
    node22 = "PackedNode", 8; {
        KIND: "kind" @ 0 + 4 / 0 : 8 => NodeKind,
        OPERAND: "operand" @ 0 + 4 / 8 : 24 => Operand,
        INFO: "info" @ 4 + 4 => PackedInfo,
    }
}

record! {
    /// A 2.2 tree's `withFlags` entry.
    with_flags = "(int32, TNodeFlags)", 8; {
        NODE: "node" @ 0 + 4 => NodePos,
        FLAGS: "flags" @ 4 + 4 => NodeFlags,
    }
}

record! {
    /// A 2.2 tree's `withTypes` entry.
    with_types = "(int32, PackedItemId)", 12; {
        NODE: "node" @ 0 + 4 => NodePos,
        TYP: "typeId" @ 4 + 8 => ItemId,
    }
}

record! {
    /// `PackedLib` (12 bytes raw): a symbol's `{.dynlib.}` library, nested in
    /// `PackedSym` as `annex` (its fields appear there as `annex.*`).
    lib = "PackedLib", 12; {
        KIND: "kind" @ 0 + 1 => LibKind,
        GENERATED: "generated" @ 1 + 1 => Bool,
        OVERRIDDEN: "isOverridden" @ 2 + 1 => Bool,
        PAD: "padding" @ 3 + 1 => Pad,
        NAME: "name" @ 4 + 4 => Str,
        PATH: "path" @ 8 + 4 => NodeId,
    }
}

record! {
    /// `PackedSym` of 1.6 (120 bytes raw; `offset` is an `int`).
    sym16 = "PackedSym", 120; {
        KIND: "kind" @ 0 + 1 => SymKind,
        PAD1: "padding" @ 1 + 3 => Pad,
        NAME: "name" @ 4 + 4 => Str,
        TYP: "typ" @ 8 + 8 => ItemId,
        FLAGS: "flags" @ 16 + 8 => SymFlags,
        MAGIC: "magic" @ 24 + 2 => MagicKind,
        PAD2: "padding" @ 26 + 2 => Pad,
        INFO: "info" @ 28 + 8 => LineInfo,
        AST: "ast" @ 36 + 4 => NodeId,
        OWNER: "owner" @ 40 + 8 => ItemId,
        GUARD: "guard" @ 48 + 8 => ItemId,
        BITSIZE: "bitsize" @ 56 + 8 => Int,
        ALIGNMENT: "alignment" @ 64 + 8 => Int,
        OPTIONS: "options" @ 72 + 4 => Options,
        PAD3: "padding" @ 76 + 4 => Pad,
        POSITION: "position" @ 80 + 8 => Int,
        OFFSET: "offset" @ 88 + 8 => Int,
        EXTERNAL_NAME: "externalName" @ 96 + 4 => Str,
        LOC_FLAGS: "locFlags" @ 100 + 2 => LocFlags,
        PAD4: "padding" @ 102 + 2 => Pad,
        LIB_KIND: "annex.kind" @ 104 + 1 => LibKind,
        LIB_GENERATED: "annex.generated" @ 105 + 1 => Bool,
        LIB_OVERRIDDEN: "annex.isOverriden" @ 106 + 1 => Bool,
        LIB_PAD: "annex.padding" @ 107 + 1 => Pad,
        LIB_NAME: "annex.name" @ 108 + 4 => Str,
        LIB_PATH: "annex.path" @ 112 + 4 => NodeId,
        CONSTRAINT: "constraint" @ 116 + 4 => NodeId,
    }
}

record! {
    /// `PackedSym` of 2.0 (120 bytes raw; `offset` became `int32`, `disamb` is new).
    sym20 = "PackedSym", 120; {
        KIND: "kind" @ 0 + 1 => SymKind,
        PAD1: "padding" @ 1 + 3 => Pad,
        NAME: "name" @ 4 + 4 => Str,
        TYP: "typ" @ 8 + 8 => ItemId,
        FLAGS: "flags" @ 16 + 8 => SymFlags,
        MAGIC: "magic" @ 24 + 2 => MagicKind,
        PAD2: "padding" @ 26 + 2 => Pad,
        INFO: "info" @ 28 + 8 => LineInfo,
        AST: "ast" @ 36 + 4 => NodeId,
        OWNER: "owner" @ 40 + 8 => ItemId,
        GUARD: "guard" @ 48 + 8 => ItemId,
        BITSIZE: "bitsize" @ 56 + 8 => Int,
        ALIGNMENT: "alignment" @ 64 + 8 => Int,
        OPTIONS: "options" @ 72 + 4 => Options,
        PAD3: "padding" @ 76 + 4 => Pad,
        POSITION: "position" @ 80 + 8 => Int,
        OFFSET: "offset" @ 88 + 4 => Int,
        DISAMB: "disamb" @ 92 + 4 => Int,
        EXTERNAL_NAME: "externalName" @ 96 + 4 => Str,
        LOC_FLAGS: "locFlags" @ 100 + 2 => LocFlags,
        PAD4: "padding" @ 102 + 2 => Pad,
        LIB_KIND: "annex.kind" @ 104 + 1 => LibKind,
        LIB_GENERATED: "annex.generated" @ 105 + 1 => Bool,
        LIB_OVERRIDDEN: "annex.isOverridden" @ 106 + 1 => Bool,
        LIB_PAD: "annex.padding" @ 107 + 1 => Pad,
        LIB_NAME: "annex.name" @ 108 + 4 => Str,
        LIB_PATH: "annex.path" @ 112 + 4 => NodeId,
        CONSTRAINT: "constraint" @ 116 + 4 => NodeId,
    }
}

record! {
    /// `PackedSym` of 2.2 (136 bytes raw: the id first, a 4-byte line info,
    /// `instantiatedFrom` last).
    sym22 = "PackedSym", 136; {
        ID: "id" @ 0 + 4 => SymId,
        KIND: "kind" @ 4 + 1 => SymKind,
        PAD1: "padding" @ 5 + 3 => Pad,
        NAME: "name" @ 8 + 4 => Str,
        TYP: "typ" @ 12 + 8 => ItemId,
        PAD2: "padding" @ 20 + 4 => Pad,
        FLAGS: "flags" @ 24 + 8 => SymFlags,
        MAGIC: "magic" @ 32 + 2 => MagicKind,
        PAD3: "padding" @ 34 + 2 => Pad,
        INFO: "info" @ 36 + 4 => PackedInfo,
        AST: "ast" @ 40 + 4 => NodeId,
        OWNER: "owner" @ 44 + 8 => ItemId,
        GUARD: "guard" @ 52 + 8 => ItemId,
        PAD4: "padding" @ 60 + 4 => Pad,
        BITSIZE: "bitsize" @ 64 + 8 => Int,
        ALIGNMENT: "alignment" @ 72 + 8 => Int,
        OPTIONS: "options" @ 80 + 4 => Options,
        PAD5: "padding" @ 84 + 4 => Pad,
        POSITION: "position" @ 88 + 8 => Int,
        OFFSET: "offset" @ 96 + 4 => Int,
        DISAMB: "disamb" @ 100 + 4 => Int,
        EXTERNAL_NAME: "externalName" @ 104 + 4 => Str,
        LOC_FLAGS: "locFlags" @ 108 + 2 => LocFlags,
        PAD6: "padding" @ 110 + 2 => Pad,
        LIB_KIND: "annex.kind" @ 112 + 1 => LibKind,
        LIB_GENERATED: "annex.generated" @ 113 + 1 => Bool,
        LIB_OVERRIDDEN: "annex.isOverridden" @ 114 + 1 => Bool,
        LIB_PAD: "annex.padding" @ 115 + 1 => Pad,
        LIB_NAME: "annex.name" @ 116 + 4 => Str,
        LIB_PATH: "annex.path" @ 120 + 4 => NodeId,
        CONSTRAINT: "constraint" @ 124 + 4 => NodeId,
        INSTANTIATED_FROM: "instantiatedFrom" @ 128 + 8 => ItemId,
    }
}

record! {
    /// The raw fields of a 1.6/2.0 `PackedType` before its `types` seq.
    type_head16 = "PackedType", 10; {
        KIND: "kind" @ 0 + 1 => TypeKind,
        CALL_CONV: "callConv" @ 1 + 1 => CallConv,
        FLAGS: "flags" @ 2 + 8 => TypeFlags,
    }
}

record! {
    /// The raw fields of a 2.2 `PackedType` before its `types` seq.
    type_head22 = "PackedType", 14; {
        ID: "id" @ 0 + 4 => TypeId,
        KIND: "kind" @ 4 + 1 => TypeKind,
        CALL_CONV: "callConv" @ 5 + 1 => CallConv,
        FLAGS: "flags" @ 6 + 8 => TypeFlags,
    }
}

record! {
    /// The fields of a 1.6 `PackedType` after its `types` seq (with `lockLevel`).
    type_tail16 = "PackedType", 46; {
        N: "n" @ 0 + 4 => NodeId,
        SYM: "sym" @ 4 + 8 => ItemId,
        OWNER: "owner" @ 12 + 8 => ItemId,
        SIZE: "size" @ 20 + 8 => Int,
        ALIGN: "align" @ 28 + 2 => Int,
        PADDING_AT_END: "paddingAtEnd" @ 30 + 2 => Int,
        LOCK_LEVEL: "lockLevel" @ 32 + 2 => Int,
        TYPE_INST: "typeInst" @ 34 + 8 => ItemId,
        NON_UNIQUE_ID: "nonUniqueId" @ 42 + 4 => Int,
    }
}

record! {
    /// The fields of a 2.0/2.2 `PackedType` after its `types` seq.
    type_tail20 = "PackedType", 44; {
        N: "n" @ 0 + 4 => NodeId,
        SYM: "sym" @ 4 + 8 => ItemId,
        OWNER: "owner" @ 12 + 8 => ItemId,
        SIZE: "size" @ 20 + 8 => Int,
        ALIGN: "align" @ 28 + 2 => Int,
        PADDING_AT_END: "paddingAtEnd" @ 30 + 2 => Int,
        TYPE_INST: "typeInst" @ 32 + 8 => ItemId,
        NON_UNIQUE_ID: "nonUniqueId" @ 40 + 4 => Int,
    }
}

record! {
    /// A son of a type (`types` element) or a `concreteTypes` element.
    son = "PackedItemId", 8; { ITEM: "types[i]" @ 0 + 8 => ItemId }
}

record! {
    /// The raw fields of a `PackedInstantiation` before its `concreteTypes` seq.
    inst_head = "PackedInstantiation", 16; {
        KEY: "key" @ 0 + 8 => ItemId,
        SYM: "sym" @ 8 + 8 => ItemId,
    }
}

record! {
    /// `PackedConfig` (16 bytes raw).
    config = "PackedConfig", 16; {
        BACKEND: "backend" @ 0 + 1 => Backend,
        SELECTED_GC: "selectedGC" @ 1 + 1 => GcMode,
        C_COMPILER: "cCompiler" @ 2 + 1 => CCompiler,
        PAD: "padding" @ 3 + 1 => Pad,
        OPTIONS: "options" @ 4 + 4 => Options,
        GLOBAL_OPTIONS: "globalOptions" @ 8 + 8 => GlobalOptions,
    }
}

record! {
    /// The config section's `moduleFlags`.
    module_flags = "TSymFlags", 8; { FLAGS: "moduleFlags" @ 0 + 8 => SymFlags }
}

record! {
    /// The backendFlags section's byte.
    backend_flags = "set[ModuleBackendFlag]", 1; { FLAGS: "backendFlags" @ 0 + 1 => BackendFlags }
}

record! {
    /// A numbers value.
    number = "int64", 8; { VALUE: "value" @ 0 + 8 => Int }
}

record! {
    /// A slot of a BiTable's hash index.
    key_slot = "LitId", 4; { SLOT: "keys[i]" @ 0 + 4 => KeySlot }
}

record! {
    /// A deps entry.
    dep = "LitId", 4; { PATH: "path" @ 0 + 4 => Str }
}

record! {
    /// The raw part of a checkSums entry before its string.
    checksum_head = "(LitId, string)", 4; { FILE: "file" @ 0 + 4 => Str }
}

record! {
    /// An exports, hidden or compilerProcs entry.
    name_sym = "(LitId, int32)", 8; {
        NAME: "name" @ 0 + 4 => Str,
        ITEM: "item" @ 4 + 4 => SymId,
    }
}

record! {
    /// A reexports entry.
    name_item = "(LitId, PackedItemId)", 12; {
        NAME: "name" @ 0 + 4 => Str,
        ITEM: "item" @ 4 + 8 => ItemId,
    }
}

record! {
    /// A trmacros, converters, methods or pureEnums entry.
    sym_id = "int32", 4; { ITEM: "item" @ 0 + 4 => SymId }
}

record! {
    /// A 1.6 macroUsages entry.
    macro_usage = "(PackedItemId, PackedLineInfo)", 16; {
        ITEM: "item" @ 0 + 8 => ItemId,
        INFO: "info" @ 8 + 8 => LineInfo,
    }
}

record! {
    /// A typeInstCache, enumToStringProcs or (2.2) methodsPerType entry.
    item_pair = "(PackedItemId, PackedItemId)", 16; {
        A: "key" @ 0 + 8 => ItemId,
        B: "value" @ 8 + 8 => ItemId,
    }
}

record! {
    /// A 1.6 attachedOps entry (op first).
    attached16 = "(TTypeAttachedOp, PackedItemId, PackedItemId)", 20; {
        OP: "op" @ 0 + 1 => AttachedOp,
        PAD: "padding" @ 1 + 3 => Pad,
        TYP: "type" @ 4 + 8 => ItemId,
        PROC: "proc" @ 12 + 8 => ItemId,
    }
}

record! {
    /// A 2.0/2.2 attachedOps entry (type first).
    attached20 = "(PackedItemId, TTypeAttachedOp, PackedItemId)", 20; {
        TYP: "type" @ 0 + 8 => ItemId,
        OP: "op" @ 8 + 1 => AttachedOp,
        PAD: "padding" @ 9 + 3 => Pad,
        PROC: "proc" @ 12 + 8 => ItemId,
    }
}

record! {
    /// A methodsPerType (1.6/2.0) or methodsPerGenericType (2.2) entry.
    methods_per_type = "(PackedItemId, int, PackedItemId)", 24; {
        TYP: "type" @ 0 + 8 => ItemId,
        INDEX: "index" @ 8 + 8 => Int,
        METHOD: "method" @ 16 + 8 => ItemId,
    }
}

record! {
    /// A 2.2 dispatchers entry.
    dispatcher = "PackedItemId", 8; { ITEM: "dispatcher" @ 0 + 8 => ItemId }
}

record! {
    /// A 2.2 sideChannel entry.
    side_channel = "(LitId, int32, int32)", 12; {
        FILE: "file" @ 0 + 4 => Str,
        LINE: "line" @ 4 + 4 => Int,
        COL: "col" @ 8 + 4 => Int,
    }
}

record! {
    /// An `.alivesyms` id.
    alive_id = "int32", 4; { ITEM: "item" @ 0 + 4 => SymId }
}

/// Size of a `PackedInstantiation` without its `concreteTypes` (each adds 8 bytes).
pub const INST_BASE_SIZE: usize = inst_head::LAYOUT.size + count::LAYOUT.size;

/// The layouts of the records whose shape depends on the version.
#[derive(Debug)]
pub struct Layouts {
    /// `PackedNode`.
    pub node: &'static Layout,
    /// `PackedSym`.
    pub sym: &'static Layout,
    /// `PackedType` before its `types` seq.
    pub type_head: &'static Layout,
    /// `PackedType` after its `types` seq.
    pub type_tail: &'static Layout,
    /// An attachedOps entry.
    pub attached_op: &'static Layout,
}

/// Nim 1.6.10.
pub static V1_6: Layouts = Layouts {
    node: &node16::LAYOUT,
    sym: &sym16::LAYOUT,
    type_head: &type_head16::LAYOUT,
    type_tail: &type_tail16::LAYOUT,
    attached_op: &attached16::LAYOUT,
};
/// Nim 2.0.0.
pub static V2_0: Layouts = Layouts {
    node: &node16::LAYOUT,
    sym: &sym20::LAYOUT,
    type_head: &type_head16::LAYOUT,
    type_tail: &type_tail20::LAYOUT,
    attached_op: &attached20::LAYOUT,
};
/// Nim 2.2.0.
pub static V2_2: Layouts = Layouts {
    node: &node22::LAYOUT,
    sym: &sym22::LAYOUT,
    type_head: &type_head22::LAYOUT,
    type_tail: &type_tail20::LAYOUT,
    attached_op: &attached20::LAYOUT,
};

impl RodVersion {
    /// The record layouts of this version.
    pub fn layouts(self) -> &'static Layouts {
        match self {
            RodVersion::V1_6 => &V1_6,
            RodVersion::V2_0 => &V2_0,
            RodVersion::V2_2 => &V2_2,
        }
    }
}

/// A type's size without sons, from its declared parts.
const fn type_base(head: &Layout, tail: &Layout) -> usize {
    head.size + count::LAYOUT.size + tail.size
}

/// True when `sym`'s fields from offset `at` on, for PackedLib's size, are PackedLib's
/// fields shifted by `at` (same sizes and readings).
const fn annex_is_lib(sym: &Layout, at: usize) -> bool {
    let mut i = 0;
    while i < sym.fields.len() && sym.fields[i].offset < at {
        i += 1;
    }
    let mut k = 0;
    while k < lib::LAYOUT.fields.len() {
        if i + k >= sym.fields.len() {
            return false;
        }
        let (a, b) = (&sym.fields[i + k], &lib::LAYOUT.fields[k]);
        if a.offset != at + b.offset || a.size != b.size || a.how as u8 != b.how as u8 {
            return false;
        }
        k += 1;
    }
    true
}

// The declarations agree with the sizes the decoder frames records with.
const _: () = {
    use RodVersion as V;
    assert!(node16::LAYOUT.size == V::V1_6.node_size() && node16::LAYOUT.size == V::V2_0.node_size());
    assert!(node22::LAYOUT.size == V::V2_2.node_size());
    assert!(sym16::LAYOUT.size == V::V1_6.sym_size());
    assert!(sym20::LAYOUT.size == V::V2_0.sym_size());
    assert!(sym22::LAYOUT.size == V::V2_2.sym_size());
    assert!(type_base(&type_head16::LAYOUT, &type_tail16::LAYOUT) == V::V1_6.type_base_size());
    assert!(type_base(&type_head16::LAYOUT, &type_tail20::LAYOUT) == V::V2_0.type_base_size());
    assert!(type_base(&type_head22::LAYOUT, &type_tail20::LAYOUT) == V::V2_2.type_base_size());
    assert!(INST_BASE_SIZE == 20);
    // The flattened `annex` of each PackedSym is PackedLib at the annex's offset, and
    // its nested PackedItemIds and line infos have their declared sizes.
    assert!(annex_is_lib(&sym16::LAYOUT, sym16::LIB_KIND.offset));
    assert!(annex_is_lib(&sym20::LAYOUT, sym20::LIB_KIND.offset));
    assert!(annex_is_lib(&sym22::LAYOUT, sym22::LIB_KIND.offset));
    assert!(sym16::TYP.size == item_id::LAYOUT.size && sym22::INSTANTIATED_FROM.size == item_id::LAYOUT.size);
    assert!(node16::INFO.size == line_info16::LAYOUT.size && node22::INFO.size == line_info22::LAYOUT.size);
    assert!(sym22::INFO.size == line_info22::LAYOUT.size && sym16::INFO.size == line_info16::LAYOUT.size);
    assert!(line_info16::LAYOUT.size == item_id::LAYOUT.size);
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_layout_tiles() {
        for l in [&node16::LAYOUT, &node22::LAYOUT, &sym16::LAYOUT, &sym20::LAYOUT, &sym22::LAYOUT, &line_info22::LAYOUT] {
            assert!(l.tiles(), "{}", l.name);
        }
        const GAP: &[Field] = &[Field::new("a", 0, 1, How::UInt), Field::new("b", 2, 2, How::UInt)];
        assert!(!Layout { name: "gap", size: 4, fields: GAP }.tiles());
        const OVER: &[Field] = &[Field::new("a", 0, 4, How::UInt).bits(0, 20), Field::new("b", 0, 4, How::UInt).bits(20, 20)];
        assert!(!Layout { name: "bits", size: 4, fields: OVER }.tiles());
    }

    #[test]
    fn bit_fields_cut() {
        // 0x0A004002: inline, file 1, line 8, col 5 (rod-format-2.2.md §6.2)
        let w = 0x0A00_4002u32;
        assert_eq!(line_info22::ASIDE.cut(w), 0);
        assert_eq!(line_info22::FILE.cut(w), 1);
        assert_eq!(line_info22::LINE.cut(w), 8);
        assert_eq!(line_info22::COL.cut(w), 5);
        assert_eq!(node22::OPERAND.cut(0xFFFF_FF4F), 0xFF_FFFF);
        assert_eq!(node22::KIND.cut(0xFFFF_FF4F), 0x4F);
    }
}
