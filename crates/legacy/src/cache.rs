//! A whole legacy cache: the `.rod` files of one text nimcache, or one rodfiles.db,
//! with its modules listed the same way and references resolved across modules.

use crate::db::DbCache;
use crate::ids::{ModuleIdx, Ref, SymId, TypeId};
use crate::model::{LineInfo, Symbol, Tree, Type};
use crate::names::Era;
use crate::text::TextModule;
use std::collections::{HashMap, HashSet};

/// The modules of one text nimcache (`<module>.rod` files of one compiler).
#[derive(Clone, Debug)]
pub struct TextCache {
    /// The compiler that wrote the files.
    pub era: Era,
    /// (file name, decoded file), in file-name order.
    pub modules: Vec<(String, TextModule)>,
    by_id: HashMap<SymId, u32>,
    index_keys: Vec<HashSet<i64>>,
}

/// A decoded legacy cache.
#[derive(Clone, Debug)]
pub enum Cache {
    /// Text `.rod` files (0.9.0 / 0.17.2).
    Text(TextCache),
    /// A rodfiles.db (0.19.x / 1.4.8).
    Db(Box<DbCache>),
}

/// One module as every printer lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModuleSummary {
    /// The module symbol's name.
    pub name: String,
    /// Its path (FILES entry of the module symbol / modules.fullpath).
    pub path: String,
    /// The module id (`ID:` / modules.nimid).
    pub id: SymId,
    /// Where it was read from: the `.rod` file name, or `modules` row id.
    pub source: String,
    /// Symbols.
    pub syms: usize,
    /// Types.
    pub types: usize,
    /// INIT entries / toplevelstmts rows.
    pub toplevel: usize,
}

/// Where a reference leads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// To an entry of the same module.
    Local,
    /// To an entry of another module.
    Module(ModuleIdx),
    /// To a row whose `module` is 0 (sqlite: no owning module).
    NoModule,
    /// Nowhere in this cache.
    Unresolved,
}

/// An IMPORTS entry (text) with its resolution.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImportLink {
    /// The importing module.
    pub from: ModuleIdx,
    /// The symbol.
    pub sym: SymId,
    /// The owner module id IMPORTS names.
    pub owner: SymId,
    /// The module whose `ID:` is `owner`, if loaded.
    pub owner_module: Option<ModuleIdx>,
    /// True when that module's INDEX has `sym` (the reader's `rrGetSym` path).
    pub resolved: bool,
}

/// Totals of the id references of a rodfiles.db.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RefTotals {
    /// Every reference.
    pub total: usize,
    /// Symbol references.
    pub to_syms: usize,
    /// Type references.
    pub to_types: usize,
    /// To a row of the same module.
    pub same_module: usize,
    /// To another module, or to no row.
    pub cross_module: usize,
    /// Cross-module ones whose id has a row.
    pub cross_module_resolved: usize,
    /// Those whose row has module 0.
    pub to_module_0: usize,
    /// Ids with no row.
    pub unresolved: usize,
}

impl TextCache {
    /// A cache from decoded files; the era is the first file's.
    pub fn new(mut modules: Vec<(String, TextModule)>) -> Self {
        modules.sort_by(|a, b| a.0.cmp(&b.0));
        let era = modules.first().map_or(Era::Text090, |(_, m)| m.era);
        let by_id = modules.iter().enumerate().map(|(i, (_, m))| (m.id, i as u32)).collect();
        let index_keys = modules.iter().map(|(_, m)| m.index.iter().map(|&(k, _)| k).collect()).collect();
        TextCache { era, modules, by_id, index_keys }
    }

    /// The module whose `ID:` is `id`.
    pub fn module_by_id(&self, id: SymId) -> Option<ModuleIdx> {
        self.by_id.get(&id).map(|&i| ModuleIdx(i))
    }

    /// Every IMPORTS entry with its resolution.
    pub fn imports(&self) -> Vec<ImportLink> {
        let mut out = Vec::new();
        for (i, (_, m)) in self.modules.iter().enumerate() {
            for &(sym, owner) in &m.imports {
                let owner_module = self.module_by_id(owner);
                let resolved = owner_module.and_then(|o| self.index_keys.get(o.get())).is_some_and(|k| k.contains(&sym.0));
                out.push(ImportLink { from: ModuleIdx(i as u32), sym, owner, owner_module, resolved });
            }
        }
        out
    }

    /// Resolves a symbol referenced from module `from`: its own INDEX first, then
    /// IMPORTS to the owning module (as `rrGetSym`).
    pub fn resolve_sym(&self, from: ModuleIdx, id: SymId) -> Option<(ModuleIdx, &Symbol)> {
        let (_, m) = self.modules.get(from.get())?;
        if let Some(s) = m.sym(id) {
            return Some((from, s));
        }
        let owner = m.imports.iter().find(|(s, _)| *s == id).map(|&(_, o)| o)?;
        let om = self.module_by_id(owner)?;
        let (_, o) = self.modules.get(om.get())?;
        o.sym(id).map(|s| (om, s))
    }
}

impl Cache {
    /// The era.
    pub fn era(&self) -> Era {
        match self {
            Cache::Text(t) => t.era,
            Cache::Db(d) => d.era,
        }
    }

    /// The number of modules.
    pub fn module_count(&self) -> usize {
        match self {
            Cache::Text(t) => t.modules.len(),
            Cache::Db(d) => d.modules.len(),
        }
    }

    /// Every module, in cache order (file name / modules rowid).
    pub fn modules(&self) -> Vec<ModuleSummary> {
        match self {
            Cache::Text(t) => t
                .modules
                .iter()
                .map(|(file, m)| {
                    let ms = m.module_sym();
                    let path = ms
                        .and_then(|s| usize::try_from(s.info.file).ok())
                        .and_then(|f| m.files.get(f))
                        .cloned()
                        .unwrap_or_default();
                    ModuleSummary {
                        name: ms.map(|s| s.name.clone()).unwrap_or_default(),
                        path,
                        id: m.id,
                        source: file.clone(),
                        syms: m.syms.len(),
                        types: m.types.len(),
                        toplevel: m.toplevel.len(),
                    }
                })
                .collect(),
            Cache::Db(d) => {
                let mut counts: HashMap<i64, (usize, usize, usize)> = HashMap::new();
                for r in &d.syms {
                    counts.entry(r.module).or_default().0 += 1;
                }
                for r in &d.types {
                    counts.entry(r.module).or_default().1 += 1;
                }
                for r in &d.toplevel {
                    counts.entry(r.module).or_default().2 += 1;
                }
                d.modules
                    .iter()
                    .map(|m| {
                        let c = counts.get(&m.nimid).copied().unwrap_or_default();
                        ModuleSummary {
                            name: d.sym(SymId(m.nimid)).map(|r| r.sym.name.clone()).unwrap_or_default(),
                            path: m.fullpath.clone(),
                            id: SymId(m.nimid),
                            source: format!("modules row {}", m.id),
                            syms: c.0,
                            types: c.1,
                            toplevel: c.2,
                        }
                    })
                    .collect()
            }
        }
    }

    /// The symbols of module `m`, in DATA order (text) or syms rowid order (sqlite).
    pub fn syms_of(&self, m: ModuleIdx) -> Vec<&Symbol> {
        match self {
            Cache::Text(t) => t.modules.get(m.get()).map(|(_, x)| x.syms.iter().map(|(_, s)| s).collect()).unwrap_or_default(),
            Cache::Db(d) => {
                let Some(row) = d.modules.get(m.get()) else { return Vec::new() };
                d.syms.iter().filter(|r| r.module == row.nimid).map(|r| &r.sym).collect()
            }
        }
    }

    /// The types of module `m`.
    pub fn types_of(&self, m: ModuleIdx) -> Vec<&Type> {
        match self {
            Cache::Text(t) => t.modules.get(m.get()).map(|(_, x)| x.types.iter().map(|(_, s)| s).collect()).unwrap_or_default(),
            Cache::Db(d) => {
                let Some(row) = d.modules.get(m.get()) else { return Vec::new() };
                d.types.iter().filter(|r| r.module == row.nimid).map(|r| &r.typ).collect()
            }
        }
    }

    /// The top-level statements of module `m`: INIT order (text), position order (sqlite).
    pub fn toplevel_of(&self, m: ModuleIdx) -> Vec<&Tree> {
        match self {
            Cache::Text(t) => t.modules.get(m.get()).map(|(_, x)| x.toplevel.iter().map(|(_, s)| s).collect()).unwrap_or_default(),
            Cache::Db(d) => {
                let Some(row) = d.modules.get(m.get()) else { return Vec::new() };
                let mut v: Vec<_> = d.toplevel.iter().filter(|r| r.module == row.nimid).collect();
                v.sort_by_key(|r| (r.position, r.rowid));
                v.into_iter().map(|r| &r.tree).collect()
            }
        }
    }

    /// The file path of a line info stored in module `m`.
    pub fn file_of(&self, m: ModuleIdx, info: LineInfo) -> Option<String> {
        match self {
            Cache::Text(t) => {
                let (_, x) = t.modules.get(m.get())?;
                usize::try_from(info.file).ok().and_then(|f| x.files.get(f)).cloned()
            }
            Cache::Db(d) => d.file_path(info.file).map(str::to_string),
        }
    }

    /// The module a symbol or type id belongs to, seen from module `from`.
    pub fn resolve(&self, from: ModuleIdx, r: Ref) -> Resolution {
        match self {
            Cache::Text(t) => match r {
                Ref::Type(id) => {
                    if t.modules.get(from.get()).is_some_and(|(_, m)| m.typ(id).is_some()) {
                        Resolution::Local
                    } else {
                        Resolution::Unresolved
                    }
                }
                Ref::Sym(id) => match t.resolve_sym(from, id) {
                    Some((m, _)) if m == from => Resolution::Local,
                    Some((m, _)) => Resolution::Module(m),
                    None => Resolution::Unresolved,
                },
            },
            Cache::Db(d) => {
                let module = match r {
                    Ref::Sym(id) => d.sym(id).map(|x| x.module),
                    Ref::Type(id) => d.typ(id).map(|x| x.module),
                };
                let from_nimid = d.modules.get(from.get()).map(|m| m.nimid);
                match module {
                    None => Resolution::Unresolved,
                    Some(0) => Resolution::NoModule,
                    Some(x) if Some(x) == from_nimid => Resolution::Local,
                    Some(x) => d.modules.iter().position(|m| m.nimid == x).map_or(Resolution::Unresolved, |i| Resolution::Module(ModuleIdx(i as u32))),
                }
            }
        }
    }

    /// For a rodfiles.db: every id reference of every syms, types and toplevelstmts
    /// row, classified (same module, cross module, resolved, module 0, unresolved).
    pub fn db_ref_totals(&self) -> Option<RefTotals> {
        let Cache::Db(d) = self else { return None };
        let mut t = RefTotals::default();
        let mut count = |module: i64, r: &Ref| {
            t.total += 1;
            let target = match r {
                Ref::Sym(id) => {
                    t.to_syms += 1;
                    d.sym(*id).map(|x| x.module)
                }
                Ref::Type(id) => {
                    t.to_types += 1;
                    d.typ(*id).map(|x| x.module)
                }
            };
            match target {
                Some(m) if m == module => t.same_module += 1,
                Some(m) => {
                    t.cross_module += 1;
                    t.cross_module_resolved += 1;
                    if m == 0 {
                        t.to_module_0 += 1;
                    }
                }
                None => {
                    t.cross_module += 1;
                    t.unresolved += 1;
                }
            }
        };
        for r in &d.syms {
            r.sym.refs.iter().for_each(|x| count(r.module, x));
        }
        for r in &d.types {
            r.typ.refs.iter().for_each(|x| count(r.module, x));
        }
        for r in &d.toplevel {
            for n in &r.tree.nodes {
                if let Some(ty) = n.typ {
                    count(r.module, &Ref::Type(ty));
                }
                if let crate::model::Literal::Sym(s) = n.lit {
                    count(r.module, &Ref::Sym(s));
                }
            }
        }
        Some(t)
    }

    /// A symbol by id, searched in module `from` first, then the whole cache.
    pub fn sym(&self, from: ModuleIdx, id: SymId) -> Option<(ModuleIdx, &Symbol)> {
        match self {
            Cache::Text(t) => t.resolve_sym(from, id),
            Cache::Db(d) => {
                let r = d.sym(id)?;
                let m = d.modules.iter().position(|m| m.nimid == r.module).map_or(from, |i| ModuleIdx(i as u32));
                Some((m, &r.sym))
            }
        }
    }

    /// A type by id, as module `from` sees it.
    pub fn typ(&self, from: ModuleIdx, id: TypeId) -> Option<&Type> {
        match self {
            Cache::Text(t) => t.modules.get(from.get()).and_then(|(_, m)| m.typ(id)),
            Cache::Db(d) => d.typ(id).map(|r| &r.typ),
        }
    }
}
