//! `PackedModule`: every section of one `.rod` file, in one logical model for all
//! versions.

use crate::ids::*;
use crate::tree::{LineInfo, NodeKind, PackedTree};
use crate::version::{RodVersion, SectionKind};
use rod_format::SectionSpan;

/// `PackedConfig`: the configuration the module was compiled with.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PackedConfig {
    /// `TBackend` ordinal.
    pub backend: u8,
    /// `TGCMode` ordinal.
    pub selected_gc: u8,
    /// `TSystemCC` ordinal.
    pub c_compiler: u8,
    /// `TOptions` bit set.
    pub options: u32,
    /// `TGlobalOptions` bit set.
    pub global_options: u64,
}

/// `PackedLib`: the `{.dynlib.}` library of an imported symbol (all zero = none).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PackedLib {
    /// `TLibKind` ordinal.
    pub kind: u8,
    /// `generated`.
    pub generated: bool,
    /// `isOverriden` (2.x: `isOverridden`).
    pub is_overridden: bool,
    /// Library name LitId; 0 = no library.
    pub name: LitId,
    /// NodeId of the library path expression.
    pub path: NodeId,
}

impl PackedLib {
    /// True when the symbol has a library.
    pub fn is_some(&self) -> bool {
        !self.name.is_none()
    }
}

/// `PackedSym`: one symbol record.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PackedSym {
    /// The symbol's id in its module (`itemId.item`).
    pub id: SymId,
    /// `TSymKind` ordinal.
    pub kind: u8,
    /// Name (strings LitId); 0 only in holes.
    pub name: LitId,
    /// The symbol's type.
    pub typ: PackedItemId,
    /// `TSymFlags` bit set.
    pub flags: u64,
    /// `TMagic` ordinal.
    pub magic: u16,
    /// Definition position.
    pub info: LineInfo,
    /// The definition tree in bodies (-1 none).
    pub ast: NodeId,
    /// Owner symbol.
    pub owner: PackedItemId,
    /// `guard` (variables only).
    pub guard: PackedItemId,
    /// `bitsize` (variables/fields only).
    pub bitsize: i64,
    /// `alignment` (variables/fields only).
    pub alignment: i64,
    /// `TOptions` bit set in force at the definition.
    pub options: u32,
    /// `position` (parameter index, field index, enum value...).
    pub position: i64,
    /// `offset` (field offset; -1 unknown). 1.6 stores an `int`, 2.x an `int32`.
    pub offset: i64,
    /// `disamb` (2.x only; 0 in 1.6).
    pub disamb: i32,
    /// C name (`loc.r` / `loc.snippet`) LitId.
    pub external_name: LitId,
    /// `TLocFlags` bit set.
    pub loc_flags: u16,
    /// The `{.dynlib.}` library.
    pub annex: PackedLib,
    /// Term-rewriting constraint (-1 none).
    pub constraint: NodeId,
    /// The generic routine this is an instance of (2.2 only; nil otherwise).
    pub instantiated_from: PackedItemId,
}

impl PackedSym {
    /// A never-filled slot of a 1.6/2.0 file (all zero, name 0).
    pub fn is_hole(&self) -> bool {
        self.name.is_none()
    }
}

/// `PackedType`: one type record. Its sons are in [`TypeTable::sons`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PackedType {
    /// The type's id (`uniqueId.item`).
    pub id: TypeId,
    /// `TTypeKind` ordinal.
    pub kind: u8,
    /// `TCallingConvention` ordinal.
    pub call_conv: u8,
    /// `TTypeFlags` bit set.
    pub flags: u64,
    /// Range of this type's sons in [`TypeTable::sons`] (start, len).
    pub sons: (u32, u32),
    /// The type's node in bodies (-1 none).
    pub n: NodeId,
    /// The type's symbol.
    pub sym: PackedItemId,
    /// Owner symbol.
    pub owner: PackedItemId,
    /// Size in bytes (-1 unknown).
    pub size: i64,
    /// Alignment (-1 unknown).
    pub align: i16,
    /// `paddingAtEnd`.
    pub padding_at_end: i16,
    /// `lockLevel` (1.6 only).
    pub lock_level: Option<i16>,
    /// The generic instance this type comes from.
    pub type_inst: PackedItemId,
    /// `itemId.item` (may differ from `id`).
    pub non_unique_id: i32,
}

impl PackedType {
    /// A never-filled slot of a 1.6/2.0 file (type slot 0 is always one).
    pub fn is_hole(&self) -> bool {
        self.kind == 0 && self.non_unique_id == 0 && self.sym == PackedItemId::default() && self.sons.1 == 0 && self.size == 0
    }
}

/// A keyed table gets a dense id index only when its largest id is at most this many
/// times its record count (plus [`DENSE_SLACK`]); otherwise a sorted (id, record) list.
pub const DENSE_FACTOR: usize = 8;
/// See [`DENSE_FACTOR`].
pub const DENSE_SLACK: usize = 4096;

/// A table of items keyed by id. 1.6/2.0 files store slot arrays (record *i* has id
/// *i*, never-filled slots are all-zero holes); 2.2 files store only the filled
/// records, in insertion order, each with its id.
#[derive(Clone, Debug, Default)]
pub struct ItemTable<T, K = SymId> {
    /// The records in file order.
    pub records: Vec<T>,
    /// id → index into `records` (`u32::MAX` = absent) for 2.2 tables whose ids are
    /// dense (largest id at most [`DENSE_FACTOR`] × records + [`DENSE_SLACK`], so its
    /// size follows the record count); empty for slot arrays and sparse ids.
    index: Vec<u32>,
    /// Sorted (id, index) pairs when ids are too sparse for a dense index.
    sparse: Vec<(i32, u32)>,
    keyed: bool,
    /// [`Self::count`], computed once.
    count: usize,
    key: std::marker::PhantomData<K>,
}

impl<T, K: ItemKey> ItemTable<T, K> {
    /// A slot array (1.6/2.0): record i has id i.
    pub fn slots(records: Vec<T>) -> Self {
        let count = records.len();
        ItemTable { records, index: Vec::new(), sparse: Vec::new(), keyed: false, count, key: std::marker::PhantomData }
    }
    /// A keyed table (2.2). Later duplicates of an id replace earlier ones, as in the
    /// compiler's loader.
    pub fn keyed(records: Vec<T>, id_of: impl Fn(&T) -> K) -> Self {
        let id_of = |r: &T| id_of(r).raw();
        let max = records.iter().map(id_of).max().unwrap_or(-1);
        let mut t = ItemTable { records, index: Vec::new(), sparse: Vec::new(), keyed: true, count: 0, key: std::marker::PhantomData };
        if max >= 0 && (max as usize) <= t.records.len().saturating_mul(DENSE_FACTOR).saturating_add(DENSE_SLACK) {
            t.index = vec![u32::MAX; max as usize + 1];
            for (i, r) in t.records.iter().enumerate() {
                let id = id_of(r);
                if let Some(x) = usize::try_from(id).ok().and_then(|id| t.index.get_mut(id)) {
                    *x = i as u32;
                }
            }
        } else {
            let mut v: Vec<(i32, u32)> = t.records.iter().enumerate().map(|(i, r)| (id_of(r), i as u32)).collect();
            v.sort_by_key(|&(id, i)| (id, std::cmp::Reverse(i)));
            v.dedup_by_key(|x| x.0);
            t.sparse = v;
        }
        t.count = if t.index.is_empty() { t.sparse.len() } else { t.index.iter().filter(|&&x| x != u32::MAX).count() };
        t
    }
    /// True for a 2.2 table keyed by id.
    pub fn is_keyed(&self) -> bool {
        self.keyed
    }
    /// The record with this id (holes included for slot arrays).
    pub fn slot(&self, id: K) -> Option<&T> {
        let id = id.raw();
        let i = usize::try_from(id).ok();
        if !self.keyed {
            return i.and_then(|i| self.records.get(i));
        }
        if !self.index.is_empty() {
            let k = *self.index.get(i?)?;
            return self.records.get(k as usize);
        }
        let k = self.sparse.binary_search_by_key(&id, |x| x.0).ok()?;
        self.records.get(self.sparse[k].1 as usize)
    }
    /// Number of entries as the compiler counts them: slots (holes included) for
    /// 1.6/2.0, distinct ids for 2.2.
    pub fn count(&self) -> usize {
        self.count
    }
    /// Ids in ascending order with their records (holes included for slot arrays;
    /// for 2.2, the last record of a duplicated id).
    pub fn iter(&self) -> Box<dyn Iterator<Item = (K, &T)> + '_> {
        if !self.keyed {
            Box::new(self.records.iter().enumerate().map(|(i, r)| (K::from_raw(i as i32), r)))
        } else if !self.index.is_empty() {
            Box::new(
                self.index
                    .iter()
                    .enumerate()
                    .filter(|x| *x.1 != u32::MAX)
                    .map(|(id, &k)| (K::from_raw(id as i32), &self.records[k as usize])),
            )
        } else {
            Box::new(self.sparse.iter().map(|&(id, k)| (K::from_raw(id), &self.records[k as usize])))
        }
    }
    /// The index into `records` of the record with this id (the surviving one of a
    /// duplicated 2.2 id); `None` if not stored. Always below `records.len()`, so
    /// per-record side tables (bit sets) are sized by the records actually present,
    /// never by the largest id.
    pub fn record_index(&self, id: K) -> Option<usize> {
        let id = id.raw();
        let i = usize::try_from(id).ok();
        if !self.keyed {
            return i.filter(|&i| i < self.records.len());
        }
        if !self.index.is_empty() {
            let k = *self.index.get(i?)?;
            return (k != u32::MAX).then_some(k as usize);
        }
        let k = self.sparse.binary_search_by_key(&id, |x| x.0).ok()?;
        self.sparse.get(k).map(|x| x.1 as usize)
    }
    /// (id, record index) of every entry, ids ascending (as [`Self::iter`]).
    pub fn keys(&self) -> Box<dyn Iterator<Item = (K, usize)> + '_> {
        if !self.keyed {
            Box::new((0..self.records.len()).map(|i| (K::from_raw(i as i32), i)))
        } else if !self.index.is_empty() {
            Box::new(
                self.index
                    .iter()
                    .enumerate()
                    .filter(|x| *x.1 != u32::MAX)
                    .map(|(id, &k)| (K::from_raw(id as i32), k as usize)),
            )
        } else {
            Box::new(self.sparse.iter().map(|&(id, k)| (K::from_raw(id), k as usize)))
        }
    }
}

/// The type table plus the shared storage of all types' sons.
#[derive(Clone, Debug, Default)]
pub struct TypeTable {
    /// The records.
    pub table: ItemTable<PackedType, TypeId>,
    /// All sons, one slice per type (see [`PackedType::sons`]).
    pub sons: Vec<PackedItemId>,
}

impl TypeTable {
    /// The sons of `t`.
    pub fn sons_of(&self, t: &PackedType) -> &[PackedItemId] {
        let (s, n) = (t.sons.0 as usize, t.sons.1 as usize);
        self.sons.get(s..s + n).unwrap_or(&[])
    }
}

/// `PackedInstantiation`: one generic instance made in this module.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PackedInstantiation {
    /// The generic symbol.
    pub key: PackedItemId,
    /// The instance.
    pub sym: PackedItemId,
    /// The concrete types it was instantiated with.
    pub concrete_types: Vec<PackedItemId>,
}

/// A BiTable of strings: values only (the hash index is not needed to read).
#[derive(Clone, Debug, Default)]
pub struct StringTable {
    data: Vec<u8>,
    ends: Vec<u32>,
    base: u32,
    /// Number of slots of the on-disk hash index (`keys`).
    pub key_slots: u32,
}

impl StringTable {
    pub(crate) fn new(base: u32, capacity: usize, bytes: usize) -> Self {
        StringTable { data: Vec::with_capacity(bytes), ends: Vec::with_capacity(capacity), base, key_slots: 0 }
    }
    pub(crate) fn push(&mut self, s: &[u8]) {
        self.data.extend_from_slice(s);
        self.ends.push(self.data.len() as u32);
    }
    /// Number of values (`len(vals)`).
    pub fn len(&self) -> usize {
        self.ends.len()
    }
    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
    /// The value at index `i` (not a LitId).
    pub fn at(&self, i: usize) -> Option<&[u8]> {
        let end = *self.ends.get(i)? as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        self.data.get(start..end)
    }
    /// The value of a LitId.
    pub fn get(&self, id: LitId) -> Option<&[u8]> {
        self.at(id.0.checked_sub(self.base)? as usize)
    }
    /// The value of a LitId as text (invalid UTF-8 replaced).
    pub fn text(&self, id: LitId) -> Option<std::borrow::Cow<'_, str>> {
        self.get(id).map(String::from_utf8_lossy)
    }
    /// The LitId of index `i`.
    pub fn lit_id(&self, i: usize) -> LitId {
        LitId(self.base + i as u32)
    }
    /// All values with their LitIds.
    pub fn iter(&self) -> impl Iterator<Item = (LitId, &[u8])> {
        (0..self.len()).filter_map(move |i| Some((self.lit_id(i), self.at(i)?)))
    }
    /// Bytes of all values together.
    pub fn byte_len(&self) -> usize {
        self.data.len()
    }
}

/// A BiTable of numbers (`int64`; floats are stored as their bit patterns).
#[derive(Clone, Debug, Default)]
pub struct NumberTable {
    /// The values.
    pub vals: Vec<i64>,
    base: u32,
    /// Number of slots of the on-disk hash index.
    pub key_slots: u32,
}

impl NumberTable {
    pub(crate) fn new(base: u32, vals: Vec<i64>) -> Self {
        NumberTable { vals, base, key_slots: 0 }
    }
    /// The value of a LitId.
    pub fn get(&self, id: LitId) -> Option<i64> {
        self.vals.get(id.0.checked_sub(self.base)? as usize).copied()
    }
    /// The LitId of index `i`.
    pub fn lit_id(&self, i: usize) -> LitId {
        LitId(self.base + i as u32)
    }
}

/// One entry of the 2.2 line-info side channel.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SideChannelEntry {
    /// File LitId.
    pub file: LitId,
    /// Line.
    pub line: i32,
    /// Column.
    pub col: i32,
}

/// An `(op, proc)` entry of attachedOps, the type it is attached to first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AttachedOp {
    /// The type.
    pub typ: PackedItemId,
    /// `TTypeAttachedOp` ordinal.
    pub op: u8,
    /// The hook proc.
    pub proc_: PackedItemId,
}

/// One section as found in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SectionInfo {
    /// The logical section.
    pub kind: SectionKind,
    /// Where it is.
    pub span: SectionSpan,
}

/// Everything in one `.rod` file.
#[derive(Clone, Debug)]
pub struct PackedModule {
    /// Which compiler's layout the file has.
    pub version: RodVersion,
    /// Size of the file in bytes.
    pub file_size: usize,
    /// Every section with its byte range, in file order.
    pub sections: Vec<SectionInfo>,
    /// `definedSymbols`: `"config"` plus one space and name per defined symbol.
    pub defined_symbols: String,
    /// The module symbol's `TSymFlags` (`sfMainModule`, `sfSystemModule`).
    pub module_flags: u64,
    /// `PackedConfig`.
    pub config: PackedConfig,
    /// `strings`.
    pub strings: StringTable,
    /// `includes`: (path LitId, SHA-1 hex); entry 0 is the module itself.
    pub includes: Vec<(LitId, String)>,
    /// `imports` (deps): paths of directly imported modules.
    pub imports: Vec<LitId>,
    /// `numbers`.
    pub numbers: NumberTable,
    /// `exports`: (name, local symbol id).
    pub exports: Vec<(LitId, SymId)>,
    /// `hidden`: non-exported top-level symbols.
    pub hidden: Vec<(LitId, SymId)>,
    /// `reexports`.
    pub reexports: Vec<(LitId, PackedItemId)>,
    /// `compilerProcs`.
    pub compiler_procs: Vec<(LitId, SymId)>,
    /// `trmacros`.
    pub trmacros: Vec<SymId>,
    /// `converters`.
    pub converters: Vec<SymId>,
    /// `methods`.
    pub methods: Vec<SymId>,
    /// `pureEnums`.
    pub pure_enums: Vec<SymId>,
    /// `macroUsages` (1.6 only, never filled).
    pub macro_usages: Vec<(PackedItemId, LineInfo)>,
    /// `toReplay`.
    pub to_replay: PackedTree,
    /// `topLevel`.
    pub top_level: PackedTree,
    /// `bodies`.
    pub bodies: PackedTree,
    /// `syms`.
    pub syms: ItemTable<PackedSym>,
    /// `types`.
    pub types: TypeTable,
    /// `typeInstCache`: (generic type symbol, instance).
    pub type_inst_cache: Vec<(PackedItemId, PackedItemId)>,
    /// `procInstCache`.
    pub proc_inst_cache: Vec<PackedInstantiation>,
    /// `attachedOps`.
    pub attached_ops: Vec<AttachedOp>,
    /// 1.6/2.0 `methodsPerType`, 2.2 `methodsPerGenericType`: (type, index, method).
    pub methods_per_generic_type: Vec<(PackedItemId, i64, PackedItemId)>,
    /// `enumToStringProcs`.
    pub enum_to_string_procs: Vec<(PackedItemId, PackedItemId)>,
    /// 2.2 `methodsPerType`.
    pub methods_per_type: Vec<(PackedItemId, PackedItemId)>,
    /// 2.2 `dispatchers`.
    pub dispatchers: Vec<PackedItemId>,
    /// `typeInfo` (`emittedTypeInfo`).
    pub type_info: Vec<String>,
    /// `backendFlags` bit set.
    pub backend_flags: u8,
    /// 2.2 `sideChannel` (already applied to every node and symbol).
    pub side_channel: Vec<SideChannelEntry>,
}

/// The stale entries of `includes` ([`PackedModule::stale_includes`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StaleIncludes {
    flags: Vec<bool>,
    list: Vec<usize>,
}

impl StaleIncludes {
    /// True if entry `i` is stale (O(1)).
    pub fn contains(&self, i: &usize) -> bool {
        self.flags.get(*i).copied().unwrap_or(false)
    }
    /// The stale entries, ascending.
    pub fn as_slice(&self) -> &[usize] {
        &self.list
    }
    /// Number of stale entries.
    pub fn len(&self) -> usize {
        self.list.len()
    }
    /// True when no entry is stale.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
    /// The stale entries, ascending.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.list.iter().copied()
    }
}

/// A symbol reference found in a tree: a local nkSym or a 3-node nkModuleRef.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SymRef {
    /// A symbol of this module.
    Local(SymId),
    /// A symbol of another module.
    Remote(ModuleRef),
}

impl PackedModule {
    /// The module's own absolute path (`includes[0]`), if present.
    pub fn path(&self) -> Option<std::borrow::Cow<'_, str>> {
        self.strings.text(self.includes.first()?.0)
    }
    /// The LitId of the module's own path.
    pub fn path_id(&self) -> Option<LitId> {
        self.includes.first().map(|x| x.0)
    }
    /// One of the three trees.
    pub fn tree(&self, kind: TreeKind) -> &PackedTree {
        match kind {
            TreeKind::ToReplay => &self.to_replay,
            TreeKind::TopLevel => &self.top_level,
            TreeKind::Bodies => &self.bodies,
        }
    }
    /// A string by LitId, as text.
    pub fn str(&self, id: LitId) -> std::borrow::Cow<'_, str> {
        self.strings.text(id).unwrap_or(std::borrow::Cow::Borrowed(""))
    }
    /// The symbol with this id (`None` for holes and absent ids).
    pub fn sym(&self, id: SymId) -> Option<&PackedSym> {
        self.syms.slot(id).filter(|s| !s.is_hole())
    }
    /// The symbol's name.
    pub fn sym_name(&self, s: &PackedSym) -> std::borrow::Cow<'_, str> {
        self.str(s.name)
    }
    /// The type with this id (`None` for holes and absent ids).
    pub fn typ(&self, id: TypeId) -> Option<&PackedType> {
        self.types.table.slot(id).filter(|t| !t.is_hole())
    }
    /// Interprets a PackedItemId of this module.
    pub fn item_ref(&self, id: PackedItemId) -> ItemRef {
        let nil = match self.version {
            RodVersion::V2_2 => id.module.is_none() && id.item == 0,
            _ => id.module.is_none() && (id.item == -1 || id.item == 0),
        };
        if nil {
            ItemRef::Nil
        } else if id.module.is_none() || Some(id.module) == self.path_id() {
            ItemRef::Local(id.item)
        } else {
            ItemRef::Remote(ModuleRef { module: id.module, item: id.item })
        }
    }
    /// The symbol a node names: an nkSym atom or an nkModuleRef group.
    pub fn sym_ref(&self, tree: TreeKind, pos: NodePos) -> Option<SymRef> {
        let t = self.tree(tree);
        let n = t.node(pos)?;
        match n.kind {
            NodeKind::SYM => Some(SymRef::Local(SymId(n.operand))),
            NodeKind::MODULE_REF => {
                let m = t.node(NodePos(pos.0.checked_add(1)?))?;
                let i = t.node(NodePos(pos.0.checked_add(2)?))?;
                if t.span(pos) < 3 {
                    return None;
                }
                Some(match self.item_ref(PackedItemId { module: LitId(m.operand as u32), item: i.operand }) {
                    ItemRef::Remote(r) => SymRef::Remote(r),
                    _ => SymRef::Local(SymId(i.operand)),
                })
            }
            _ => None,
        }
    }
    /// A node's type: its own, or for a 2.2 symbol node without one, its symbol's.
    pub fn node_type(&self, tree: TreeKind, pos: NodePos) -> PackedItemId {
        let Some(n) = self.tree(tree).node(pos) else { return PackedItemId::default() };
        if self.version == RodVersion::V2_2 && self.item_ref(n.typ) == ItemRef::Nil && n.kind == NodeKind::SYM {
            if let Some(s) = self.sym(SymId(n.operand)) {
                return s.typ;
            }
        }
        n.typ
    }
    /// The section of this kind, if the file has it.
    pub fn section(&self, kind: SectionKind) -> Option<&SectionInfo> {
        self.sections.iter().find(|s| s.kind == kind)
    }
    /// The absolute byte offset of the record of node `pos` of `tree` in the file
    /// (the section's tag, its `i32` count, then fixed-size node records).
    pub fn node_offset(&self, tree: TreeKind, pos: NodePos) -> Option<usize> {
        if pos.index() >= self.tree(tree).len() {
            return None;
        }
        let s = self.section(tree.section())?;
        s.span.start.checked_add(5)?.checked_add(pos.index().checked_mul(self.version.node_size())?)
    }
    /// Total number of nodes of the three trees.
    pub fn node_count(&self) -> usize {
        self.to_replay.len() + self.top_level.len() + self.bodies.len()
    }
    /// Entries of `includes` that are stale: an earlier entry for a path that has a
    /// later entry (the compiler keeps the old hash when it rebuilds a module).
    /// One backward pass with a map (linear in the entries, whatever the file holds);
    /// [`StaleIncludes::contains`] is O(1).
    pub fn stale_includes(&self) -> StaleIncludes {
        // path → (hash of its last entry, whether a later entry has another hash)
        let mut later: std::collections::HashMap<LitId, (&str, bool)> = std::collections::HashMap::new();
        let mut flags = vec![false; self.includes.len()];
        for (i, (p, h)) in self.includes.iter().enumerate().rev() {
            match later.get_mut(p) {
                None => {
                    later.insert(*p, (h.as_str(), false));
                }
                Some((last, mixed)) => {
                    if *mixed || *last != h.as_str() {
                        flags[i] = true;
                        *mixed = true;
                    }
                }
            }
        }
        let list = flags.iter().enumerate().filter(|x| *x.1).map(|x| x.0).collect();
        StaleIncludes { flags, list }
    }
    /// The routine body (son 6) of a definition node, if it has one.
    pub fn routine_body(&self, tree: TreeKind, def: NodePos) -> Option<NodePos> {
        self.tree(tree).child(def, 6)
    }
}

pub(crate) fn empty_module(version: RodVersion, file_size: usize) -> PackedModule {
    let base = version.lit_base();
    PackedModule {
        version,
        file_size,
        sections: Vec::new(),
        defined_symbols: String::new(),
        module_flags: 0,
        config: PackedConfig::default(),
        strings: StringTable::new(base, 0, 0),
        includes: Vec::new(),
        imports: Vec::new(),
        numbers: NumberTable::new(base, Vec::new()),
        exports: Vec::new(),
        hidden: Vec::new(),
        reexports: Vec::new(),
        compiler_procs: Vec::new(),
        trmacros: Vec::new(),
        converters: Vec::new(),
        methods: Vec::new(),
        pure_enums: Vec::new(),
        macro_usages: Vec::new(),
        to_replay: PackedTree::default(),
        top_level: PackedTree::default(),
        bodies: PackedTree::default(),
        syms: ItemTable::slots(Vec::new()),
        types: TypeTable::default(),
        type_inst_cache: Vec::new(),
        proc_inst_cache: Vec::new(),
        attached_ops: Vec::new(),
        methods_per_generic_type: Vec::new(),
        enum_to_string_procs: Vec::new(),
        methods_per_type: Vec::new(),
        dispatchers: Vec::new(),
        type_info: Vec::new(),
        backend_flags: 0,
        side_channel: Vec::new(),
    }
}
