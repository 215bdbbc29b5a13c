//! The whole program: every loaded module of a build, linked by path.
//!
//! A [`ModuleGraph`] is built from decoded modules only (no file system: the CLI
//! reads a folder, the browser feeds dropped files). It indexes modules by their own
//! path, resolves references between them ([`Resolution`]: a reference into a module
//! that is not loaded is an [`UnresolvedLink`] value, never an error), never links
//! modules written by different compilers ([`ModuleGraph::mixed_versions`]) and
//! decides which modules belong to the current build ([`ModuleStatus`]): the main
//! module, system and the closure of their `deps`.
//!
//! The analyses on top of it:
//! * [`LiveSet`]: the compiler's dead code elimination (`dce.nim`), per module the
//!   sorted alive ids that `.alivesyms` holds, with the first cause of every alive
//!   symbol ([`LiveSet::why_alive`]) and, for dead ones, where they are mentioned
//!   only in places the DCE does not look ([`LiveSet::why_dead`]);
//! * [`UsageIndex`]: every node of every tree that names a symbol;
//! * [`BuildDiff`]: per module, regenerated or not and why ([`Reason`]), and which
//!   symbols entered or left the live set between two builds; [`TreeDiff`]: the
//!   structural diff of one module's statements and routine bodies;
//! * [`ImportGraph`]: the module import graph with per-edge reference counts;
//! * [`groups`]: loaded files grouped into separate caches (folders, programs);
//! * [`WhatIf`]: the live set without a top-level statement or a symbol;
//! * [`check_integrity`]: dangling references, stale includes, mixed versions,
//!   stray `.alivesyms`, modules outside the build, as [`Finding`]s.
//!
//! Printers for all of them are in [`print`](self::print) and write to any `io::Write`.

mod bitset;
mod dce;
mod diff;
pub mod groups;
mod imports;
pub mod integrity;
pub mod print;
pub mod print_trees;
#[cfg(test)]
mod tests;
pub mod treediff;
mod usages;
mod vocab;
pub mod whatif;
mod why;

pub use dce::{Anomaly, Cause, ExportRule, LiveSet, Rule, Site, Without};
pub use diff::{
    check_alive, config_fingerprint, dep_paths, source_fingerprint, AliveCheck, BuildDiff, ModuleChange, ModuleDiff, Reason, Snapshot,
    SnapshotModule,
};
pub use groups::{group_modules, split_modules, CacheGroup};
pub use imports::{ImportEdge, ImportGraph};
pub use integrity::{check_integrity, Finding, FindingKind, IntegrityInputs, Place};
pub use treediff::{ItemChange, ItemDiff, ItemKind, TreeDiff};
pub use usages::{Usage, UsageIndex};
pub use whatif::WhatIf;
pub use why::{bodies_owners, DeadReason, Mention, MentionContext, Owner, TreeContexts, WhyDead, WhyStep};

use crate::ids::{ItemRef, LitId, ModuleRef, PackedItemId, SymId};
use crate::module::{PackedModule, PackedSym};
use crate::names::name_or_raw;
use crate::print::short_path;
use crate::version::RodVersion;
use std::collections::HashMap;
use std::fmt;
use vocab::Vocab;

/// The index of a module in a [`ModuleGraph`] (the order the modules were given in).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ModuleIdx(pub u32);

impl ModuleIdx {
    /// As an index.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl fmt::Display for ModuleIdx {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "m{}", self.0)
    }
}

/// Whether a loaded module takes part in the current build.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModuleStatus {
    /// The main module, system, or reachable from them through `deps`.
    InBuild,
    /// Loaded but not reachable from the main module and system: a `.rod` left over
    /// by an earlier build. Its `.alivesyms` is stale.
    Stale,
    /// Another loaded module of the same version has the same own path; this one is
    /// ignored (never linked to).
    Duplicate(ModuleIdx),
    /// The module has no `includes[0]`, so no own path; nothing can link to it.
    NoPath,
}

/// A loaded module with the name it was given (a file name, usually).
#[derive(Clone, Debug)]
pub struct GraphModule {
    /// The name it was loaded under (e.g. `@mfoo.rod`).
    pub name: String,
    /// Its own absolute path (`includes[0]`), empty if it has none.
    pub path: String,
    /// The decoded file.
    pub module: PackedModule,
    /// Part of the current build or not.
    pub status: ModuleStatus,
    /// `sfMainModule` is set in its module flags.
    pub is_main: bool,
    /// `sfSystemModule` is set in its module flags.
    pub is_system: bool,
}

impl GraphModule {
    /// The last component of its path (or its name when it has no path).
    pub fn short(&self) -> &str {
        if self.path.is_empty() {
            &self.name
        } else {
            short_path(&self.path)
        }
    }
    /// True if it takes part in the current build.
    pub fn in_build(&self) -> bool {
        self.status == ModuleStatus::InBuild
    }
    /// True when a query's module part names this module: a file name with or
    /// without `.nim`, a path suffix after `/`, or the whole path.
    pub fn matches_query(&self, q: &str) -> bool {
        module_matches(self, q)
    }
}

/// Why a module path could not be linked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkFailure {
    /// No loaded module has this path.
    NotLoaded,
    /// Only a module written by another compiler version has this path; it is not
    /// linked (ids mean different things across versions).
    OtherVersion(ModuleIdx),
}

/// A reference from one module into a module that is not (usably) loaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnresolvedLink {
    /// The referring module.
    pub from: ModuleIdx,
    /// The target's path, a LitId of the referring module's strings.
    pub path: LitId,
    /// The symbol or type id in the target.
    pub item: i32,
    /// Why it is unresolved.
    pub reason: LinkFailure,
}

/// A `PackedItemId` or `ModuleRef` of one module, resolved against the graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// `nilItemId`.
    Nil,
    /// Item `1` of module `0`.
    Resolved(ModuleIdx, i32),
    /// The target module is not loaded (or only in another version).
    Unresolved(UnresolvedLink),
}

impl Resolution {
    /// The target, if resolved.
    pub fn target(self) -> Option<(ModuleIdx, i32)> {
        match self {
            Resolution::Resolved(m, i) => Some((m, i)),
            _ => None,
        }
    }
}

/// How the build was delimited.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BuildRoots {
    /// Modules with `sfMainModule`.
    pub mains: Vec<ModuleIdx>,
    /// Modules with `sfSystemModule`.
    pub systems: Vec<ModuleIdx>,
    /// Versions without a main module: all their modules were taken as in the build.
    pub assumed_whole: Vec<RodVersion>,
    /// `deps` entries of in-build modules that name no loaded module: (module, path LitId).
    pub missing_deps: Vec<(ModuleIdx, LitId)>,
}

/// Every loaded module, indexed by (version, own path).
#[derive(Clone, Debug, Default)]
pub struct ModuleGraph {
    modules: Vec<GraphModule>,
    /// Own path → module, one map per version ([`version_slot`]).
    by_path: [HashMap<String, ModuleIdx>; 3],
    roots: BuildRoots,
}

impl ModuleGraph {
    /// A graph of these modules, each named by the last component of its path.
    pub fn new(modules: Vec<PackedModule>) -> ModuleGraph {
        ModuleGraph::from_named(
            modules
                .into_iter()
                .map(|m| {
                    let name = m.path().map(|p| short_path(&p).to_string()).unwrap_or_default();
                    (name, m)
                })
                .collect(),
        )
    }

    /// A graph of these modules under the given names (file names, usually). The
    /// first of several modules with the same version and path wins; the others are
    /// [`ModuleStatus::Duplicate`]. Linear in the input.
    pub fn from_named(modules: Vec<(String, PackedModule)>) -> ModuleGraph {
        let mut g = ModuleGraph { modules: Vec::with_capacity(modules.len()), by_path: Default::default(), roots: BuildRoots::default() };
        for (i, (name, module)) in modules.into_iter().enumerate() {
            let idx = ModuleIdx(i as u32);
            let voc = Vocab::of(module.version);
            let path = module.path().map(|p| p.into_owned()).unwrap_or_default();
            let status = if path.is_empty() {
                ModuleStatus::NoPath
            } else {
                let map = &mut g.by_path[version_slot(module.version)];
                match map.get(&path) {
                    Some(&first) => ModuleStatus::Duplicate(first),
                    None => {
                        map.insert(path.clone(), idx);
                        ModuleStatus::Stale
                    }
                }
            };
            let is_main = module.module_flags & voc.sf_main_module != 0;
            let is_system = module.module_flags & voc.sf_system_module != 0;
            g.modules.push(GraphModule { name, path, module, status, is_main, is_system });
        }
        g.delimit_build();
        g
    }

    /// Marks the current build: per version, the main modules, the system modules
    /// and the closure of their `deps`; a version without a main module is taken whole.
    fn delimit_build(&mut self) {
        let mut roots = BuildRoots::default();
        let mut versions: Vec<RodVersion> = self.modules.iter().map(|m| m.module.version).collect();
        versions.sort();
        versions.dedup();
        let mut stack: Vec<ModuleIdx> = Vec::new();
        for (i, m) in self.modules.iter().enumerate() {
            if matches!(m.status, ModuleStatus::Duplicate(_) | ModuleStatus::NoPath) {
                continue;
            }
            if m.is_main {
                roots.mains.push(ModuleIdx(i as u32));
            }
            if m.is_system {
                roots.systems.push(ModuleIdx(i as u32));
            }
        }
        for v in versions {
            let has_main = roots.mains.iter().any(|&i| self.get(i).is_some_and(|m| m.module.version == v));
            for (i, m) in self.modules.iter().enumerate() {
                if m.module.version != v || m.status != ModuleStatus::Stale {
                    continue;
                }
                if !has_main || m.is_main || m.is_system {
                    stack.push(ModuleIdx(i as u32));
                }
            }
            if !has_main {
                roots.assumed_whole.push(v);
            }
        }
        let mut in_build = vec![false; self.modules.len()];
        while let Some(i) = stack.pop() {
            let Some(slot) = in_build.get_mut(i.index()) else { continue };
            if std::mem::replace(slot, true) {
                continue;
            }
            let Some(m) = self.get(i) else { continue };
            // each distinct path once (a file can repeat one long path many times)
            let mut seen = std::collections::HashSet::new();
            for &dep in &m.module.imports {
                if !seen.insert(dep) {
                    continue;
                }
                match self.resolve_path(i, dep) {
                    Ok(t) => {
                        if in_build.get(t.index()) == Some(&false) {
                            stack.push(t);
                        }
                    }
                    Err(_) => roots.missing_deps.push((i, dep)),
                }
            }
        }
        for (m, inb) in self.modules.iter_mut().zip(in_build) {
            if inb {
                m.status = ModuleStatus::InBuild;
            }
        }
        self.roots = roots;
    }

    /// All modules, in load order (`ModuleIdx` order).
    pub fn modules(&self) -> &[GraphModule] {
        &self.modules
    }
    /// Number of loaded modules.
    pub fn len(&self) -> usize {
        self.modules.len()
    }
    /// True if no module is loaded.
    pub fn is_empty(&self) -> bool {
        self.modules.is_empty()
    }
    /// One module.
    pub fn get(&self, i: ModuleIdx) -> Option<&GraphModule> {
        self.modules.get(i.index())
    }
    /// The indexes of all modules.
    pub fn indexes(&self) -> impl DoubleEndedIterator<Item = ModuleIdx> + ExactSizeIterator {
        (0..self.modules.len() as u32).map(ModuleIdx)
    }
    /// What a module is, in words, for listings: `main`, `system`, `stale: not in the
    /// current build`, `duplicate of x.nim, ignored`, `no own path, ignored` (empty for
    /// an ordinary module of the build). The one wording of the CLI and the explorer.
    pub fn status_words(&self, m: ModuleIdx) -> Vec<String> {
        let Some(gm) = self.get(m) else { return Vec::new() };
        let mut tags = Vec::new();
        if gm.is_main {
            tags.push("main".to_string());
        }
        if gm.is_system {
            tags.push("system".to_string());
        }
        match gm.status {
            ModuleStatus::InBuild => {}
            ModuleStatus::Stale => tags.push("stale: not in the current build".into()),
            ModuleStatus::Duplicate(first) => {
                tags.push(format!("duplicate of {}, ignored", self.get(first).map_or("?", GraphModule::short)))
            }
            ModuleStatus::NoPath => tags.push("no own path, ignored".into()),
        }
        tags
    }
    /// The modules of the current build.
    pub fn in_build(&self) -> impl Iterator<Item = ModuleIdx> + '_ {
        self.indexes().filter(|&i| self.get(i).is_some_and(GraphModule::in_build))
    }
    /// How the build was delimited (main modules, systems, missing deps).
    pub fn build_roots(&self) -> &BuildRoots {
        &self.roots
    }
    /// The module of this version with this own path.
    pub fn by_path(&self, version: RodVersion, path: &str) -> Option<ModuleIdx> {
        self.by_path[version_slot(version)].get(path).copied()
    }
    /// The module with this own path, whatever its version (the oldest version
    /// first when several have it).
    pub fn by_path_any(&self, path: &str) -> Option<ModuleIdx> {
        RodVersion::ALL.iter().find_map(|&v| self.by_path(v, path))
    }
    /// The versions present with their module counts, when there is more than one.
    /// Modules of different versions are never linked to each other.
    pub fn mixed_versions(&self) -> Option<Vec<(RodVersion, usize)>> {
        let counts: Vec<(RodVersion, usize)> = RodVersion::ALL
            .iter()
            .map(|&v| (v, self.modules.iter().filter(|m| m.module.version == v).count()))
            .filter(|x| x.1 > 0)
            .collect();
        (counts.len() > 1).then_some(counts)
    }

    /// The module that a path LitId of module `from` names (same version only).
    pub fn resolve_path(&self, from: ModuleIdx, path: LitId) -> Result<ModuleIdx, LinkFailure> {
        let Some(m) = self.get(from) else { return Err(LinkFailure::NotLoaded) };
        if Some(path) == m.module.path_id() || path.is_none() {
            return Ok(from);
        }
        let Some(p) = m.module.strings.text(path) else { return Err(LinkFailure::NotLoaded) };
        let v = m.module.version;
        if let Some(t) = self.by_path(v, &p) {
            return Ok(t);
        }
        match RodVersion::ALL.iter().filter(|&&o| o != v).find_map(|&o| self.by_path(o, &p)) {
            Some(t) => Err(LinkFailure::OtherVersion(t)),
            None => Err(LinkFailure::NotLoaded),
        }
    }

    /// Resolves a `ModuleRef` of module `from`.
    pub fn resolve_ref(&self, from: ModuleIdx, r: ModuleRef) -> Resolution {
        match self.resolve_path(from, r.module) {
            Ok(t) => Resolution::Resolved(t, r.item),
            Err(reason) => Resolution::Unresolved(UnresolvedLink { from, path: r.module, item: r.item, reason }),
        }
    }

    /// Resolves a `PackedItemId` of module `from`.
    pub fn resolve_item(&self, from: ModuleIdx, id: PackedItemId) -> Resolution {
        let Some(m) = self.get(from) else {
            return Resolution::Unresolved(UnresolvedLink { from, path: id.module, item: id.item, reason: LinkFailure::NotLoaded });
        };
        match m.module.item_ref(id) {
            ItemRef::Nil => Resolution::Nil,
            ItemRef::Local(i) => Resolution::Resolved(from, i),
            ItemRef::Remote(r) => self.resolve_ref(from, r),
        }
    }

    /// The symbol `id` of module `m`, if stored and not a hole.
    pub fn sym(&self, m: ModuleIdx, id: SymId) -> Option<&PackedSym> {
        self.get(m)?.module.sym(id)
    }

    /// `name (skKind #id)` for a symbol, `<missing symbol id>` if absent.
    pub fn sym_label(&self, m: ModuleIdx, id: SymId) -> String {
        let Some(gm) = self.get(m) else { return format!("<module {m}?> #{id}") };
        match gm.module.sym(id) {
            Some(s) => format!("{} ({} #{id})", gm.module.sym_name(s), name_or_raw(gm.module.version.names().sym_kind, s.kind as u32)),
            None => format!("<missing symbol #{id}>"),
        }
    }

    /// Symbols named by a query `NAME` or `NAME@MODULE`: every stored symbol called
    /// NAME, in every module or in the modules MODULE names (a file name with or
    /// without `.nim`, a path suffix after `/`, or the whole path). `*` as NAME
    /// matches every symbol of the module.
    pub fn find_symbols(&self, query: &str) -> Vec<(ModuleIdx, SymId)> {
        let (name, module) = match query.rsplit_once('@') {
            Some((n, m)) if !n.is_empty() => (n, Some(m)),
            _ => (query, None),
        };
        let mut out = Vec::new();
        for (i, gm) in self.modules.iter().enumerate() {
            if matches!(gm.status, ModuleStatus::Duplicate(_)) {
                continue;
            }
            if let Some(q) = module {
                if !module_matches(gm, q) {
                    continue;
                }
            }
            for (id, s) in gm.module.syms.iter() {
                if s.is_hole() {
                    continue;
                }
                if name == "*" || gm.module.strings.get(s.name) == Some(name.as_bytes()) {
                    out.push((ModuleIdx(i as u32), id));
                }
            }
        }
        out
    }
}

/// The index of a version in per-version arrays.
pub(crate) fn version_slot(v: RodVersion) -> usize {
    match v {
        RodVersion::V1_6 => 0,
        RodVersion::V2_0 => 1,
        RodVersion::V2_2 => 2,
    }
}

fn module_matches(gm: &GraphModule, q: &str) -> bool {
    let short = gm.short();
    let stem = short.strip_suffix(".nim").unwrap_or(short);
    q == short
        || q == stem
        || q == gm.path
        || q == gm.name
        || (!q.is_empty() && gm.path.ends_with(&format!("/{}", q.trim_start_matches('/'))))
}


/// A cache for resolving the path LitIds of modules (the compiler's
/// `toFileIndexCached`): every (module, LitId) is resolved once, so the path text
/// (which a file can make megabytes long) is hashed once, not once per reference.
#[derive(Clone, Debug, Default)]
pub(crate) struct PathCache {
    seen: HashMap<(ModuleIdx, LitId), Result<ModuleIdx, LinkFailure>>,
}

impl PathCache {
    pub(crate) fn resolve(&mut self, g: &ModuleGraph, from: ModuleIdx, path: LitId) -> Result<ModuleIdx, LinkFailure> {
        *self.seen.entry((from, path)).or_insert_with(|| g.resolve_path(from, path))
    }
}
