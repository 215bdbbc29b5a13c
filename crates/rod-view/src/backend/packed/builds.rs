//! Debugging incremental builds on a loaded packed cache: the calls the explorer
//! makes (caches kept apart, what-if, the drawn module graph, integrity, two
//! builds compared), each a thin layer over `rod_decoder::graph`.

use super::{stem, tree_id, PackedCache, PackedLoader};
use crate::builds::{heading_of, IntegrityRow};
use crate::ids::Target;
use crate::layout::GraphLayout;
use crate::rows::Link;
use rod_decoder::graph::integrity::{FindingKind, Place};
use rod_decoder::graph::{
    check_integrity, group_modules, BuildDiff, CacheGroup, Finding, ImportGraph, IntegrityInputs, ModuleIdx, Snapshot, TreeDiff,
    WhatIf, Without,
};

impl PackedLoader {
    /// Links the files into separate caches, one per folder and program
    /// ([`group_modules`]): never one cache of two programs. Each comes with its
    /// group (heading: [`CacheGroup::label`]); `.alivesyms` records go with the
    /// modules of their stem, decoding problems with the first cache of their
    /// folder. The live sets are not computed yet.
    pub fn link_apart(self) -> Vec<(CacheGroup, PackedCache)> {
        let groups = group_modules(&self.mods);
        if groups.len() <= 1 {
            let g = groups.into_iter().next().unwrap_or(CacheGroup { folder: String::new(), program: None, leftovers: false, members: Vec::new() });
            return vec![(g, self.link())];
        }
        let mut out = Vec::with_capacity(groups.len());
        let mut problems_given: Vec<bool> = vec![false; self.problems.len()];
        // a record whose stem is no module's goes to the first cache of its folder
        let all_stems: std::collections::HashSet<&str> = self.mods.iter().map(|m| stem(&m.0)).collect();
        let mut stray_given: Vec<bool> = vec![false; self.alive.len()];
        for g in groups {
            let mut l = PackedLoader::new();
            let mut stems: Vec<String> = Vec::new();
            for &i in &g.members {
                if let Some(m) = self.mods.get(i) {
                    stems.push(stem(&m.0).to_string());
                    l.mods.push(m.clone());
                    l.sizes.push(self.sizes.get(i).copied().unwrap_or(0));
                }
            }
            for (k, (file, r)) in self.alive.iter().enumerate() {
                let mine = stems.iter().any(|s| s == stem(file));
                let stray = !all_stems.contains(stem(file))
                    && rod_decoder::graph::groups::folder_of(file) == g.folder
                    && !stray_given.get(k).copied().unwrap_or(true);
                if stray {
                    if let Some(x) = stray_given.get_mut(k) {
                        *x = true;
                    }
                }
                if mine || stray {
                    l.alive.push((file.clone(), r.clone()));
                }
            }
            for (k, p) in self.problems.iter().enumerate() {
                if rod_decoder::graph::groups::folder_of(&p.file) == g.folder && !problems_given.get(k).copied().unwrap_or(true) {
                    l.problems.push(p.clone());
                    if let Some(x) = problems_given.get_mut(k) {
                        *x = true;
                    }
                }
            }
            out.push((g, l.link()));
        }
        out
    }
}

impl PackedCache {
    /// What would die without these statements or symbols (the live set must have
    /// been computed: [`PackedCache::compute_live`]; `None` otherwise). One DCE run.
    pub fn whatif(&self, without: &Without) -> Option<WhatIf> {
        Some(WhatIf::compute(&self.graph, self.live.as_ref()?, without))
    }

    /// The module graph laid out in layers (boxes sized by bytes, coloured by
    /// alive share when the live set is computed; import cycles marked).
    pub fn graph_layout(&self) -> GraphLayout {
        let ig = ImportGraph::build(&self.graph);
        GraphLayout::compute(&self.graph, &ig, self.live.as_ref(), &self.sizes)
    }

    /// The integrity findings of the whole cache; `source_sha1` gives the SHA-1 of
    /// a source file by path when it is at hand (the browser: a dropped source).
    /// `.alivesyms` files without a `.rod` come from [`PackedCache::stray`].
    pub fn integrity(&self, source_sha1: &dyn Fn(&str) -> Option<String>) -> Vec<Finding> {
        let stray: Vec<String> = self
            .stray
            .iter()
            .filter(|(_, why)| why.starts_with("no .rod file"))
            .map(|(f, _)| rod_decoder::graph::groups::file_of(f).to_string())
            .collect();
        check_integrity(&self.graph, &IntegrityInputs { source_sha1, stray_alive: &stray })
    }

    /// The build's live sets, source and configuration fingerprints by module path,
    /// for [`BuildDiff::between`] (`None` before [`PackedCache::compute_live`]).
    pub fn snapshot(&self) -> Option<Snapshot> {
        Some(Snapshot::of(&self.graph, self.live.as_ref()?))
    }

    /// Two builds compared per module (regenerated or not and why, symbols that
    /// entered and left the live set); `None` unless both live sets are computed.
    pub fn build_diff(old: &PackedCache, new: &PackedCache) -> Option<BuildDiff> {
        Some(BuildDiff::between(&old.snapshot()?, &new.snapshot()?))
    }

    /// The structural diff of a module of this (old) build against the module with
    /// the same path in `new` (`None` when `new` has no such module).
    pub fn tree_diff(&self, m: ModuleIdx, new: &PackedCache) -> Option<TreeDiff> {
        let path = &self.graph.get(m)?.path;
        let version = self.graph.get(m)?.module.version;
        let other = new.graph.by_path(version, path)?;
        Some(TreeDiff::between(&self.graph, m, &new.graph, other))
    }

    /// [`PackedCache::integrity`] as the view's rows: the module and the node linked,
    /// the missing or target module named; problems first, then remarks.
    pub fn integrity_rows(&self, source_sha1: &dyn Fn(&str) -> Option<String>) -> Vec<IntegrityRow> {
        let mut rows: Vec<IntegrityRow> = self.integrity(source_sha1).iter().map(|f| self.integrity_row(f)).collect();
        // problems first, then remarks; each in module order
        rows.sort_by_key(|r| !r.is_error);
        rows
    }

    fn integrity_row(&self, f: &Finding) -> IntegrityRow {
        let module = f.module.map(|m| Link::to(self.short(m).to_string(), Target::Module(m)));
        let place = match (&f.place, f.module) {
            (Place::Node(tk, n), Some(m)) => Some(Link::to(f.place.text(), Target::Node(m, tree_id(*tk), *n))),
            (Place::Module, _) => None,
            (p, Some(m)) => Some(Link::to(p.text(), Target::Module(m))),
            (p, None) => Some(Link::unresolved(p.text(), "the whole cache")),
        };
        let short = |p: &str| rod_decoder::print::short_path(p).to_string();
        let about = match &f.what {
            FindingKind::ModuleNotLoaded { path, .. } => Some(Link::unresolved(short(path), format!("{path} is not loaded"))),
            FindingKind::OtherVersion { path, .. } => {
                Some(Link::unresolved(short(path), format!("{path} is loaded only from another compiler version")))
            }
            FindingKind::ItemOutOfRange { target, .. } | FindingKind::Hole { target, .. } => {
                Some(Link::to(self.short(*target).to_string(), Target::Module(*target)))
            }
            FindingKind::StaleInclude { path, .. } | FindingKind::SupersededInclude { path } => {
                Some(Link::unresolved(short(path), path.clone()))
            }
            FindingKind::AliveSymsWithoutRod { file } => Some(Link::unresolved(file.clone(), "no .rod file of this stem")),
            FindingKind::MixedVersions(_) | FindingKind::NotInBuild { .. } => None,
        };
        let kind = f.what.slug();
        IntegrityRow { module, kind, heading: heading_of(kind), text: f.what.text(&self.graph), is_error: f.what.is_error(), place, about }
    }
}
