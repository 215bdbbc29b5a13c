//! Comparing live sets: a computed [`LiveSet`] against `.alivesyms` files
//! ([`check_alive`]), and two builds against each other ([`BuildDiff`]).

use super::dce::LiveSet;
use super::{ModuleGraph, ModuleIdx};
use crate::alive::AliveSyms;
use crate::ids::{LitId, SymId};
use crate::module::PackedModule;
use crate::version::RodVersion;
use std::collections::{BTreeMap, HashMap};

/// The outcome of comparing a computed live set with the `.alivesyms` files.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AliveCheck {
    /// In-build modules whose computed set equals the file.
    pub matched: Vec<ModuleIdx>,
    /// In-build modules whose computed set differs: (module, ids only computed,
    /// ids only in the file).
    pub differ: Vec<(ModuleIdx, Vec<SymId>, Vec<SymId>)>,
    /// Modules outside the current build: their `.alivesyms` is stale, not compared.
    pub stale: Vec<ModuleIdx>,
    /// In-build modules without an `.alivesyms` file.
    pub missing: Vec<ModuleIdx>,
    /// `.alivesyms` files written by another compiler version than their `.rod`.
    pub wrong_version: Vec<(ModuleIdx, RodVersion)>,
}

impl AliveCheck {
    /// True when every in-build module was compared and matched.
    pub fn all_match(&self) -> bool {
        self.differ.is_empty() && self.missing.is_empty() && self.wrong_version.is_empty()
    }
}

/// Compares the computed set of every module with its `.alivesyms` (`expected`,
/// indexed by module; `None` where there is no file).
pub fn check_alive(g: &ModuleGraph, live: &LiveSet, expected: &[Option<AliveSyms>]) -> AliveCheck {
    let mut c = AliveCheck::default();
    for i in g.indexes() {
        let Some(gm) = g.get(i) else { continue };
        let file = expected.get(i.index()).and_then(Option::as_ref);
        if !gm.in_build() {
            if file.is_some() {
                c.stale.push(i);
            }
            continue;
        }
        match file {
            None => c.missing.push(i),
            Some(f) if f.version != gm.module.version => c.wrong_version.push((i, f.version)),
            Some(f) => {
                let mut want = f.ids.clone();
                want.sort_unstable();
                want.dedup();
                let (extra, lacking) = sorted_difference(live.alive(i), &want);
                if extra.is_empty() && lacking.is_empty() {
                    c.matched.push(i);
                } else {
                    c.differ.push((i, extra, lacking));
                }
            }
        }
    }
    c
}

/// (a \ b, b \ a) of two ascending lists.
pub(crate) fn sorted_difference<T: Ord + Copy>(a: &[T], b: &[T]) -> (Vec<T>, Vec<T>) {
    let (mut only_a, mut only_b) = (Vec::new(), Vec::new());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) if x == y => {
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) if x < y => {
                only_a.push(*x);
                i += 1;
            }
            (Some(_), Some(y)) => {
                only_b.push(*y);
                j += 1;
            }
            (Some(x), None) => {
                only_a.push(*x);
                i += 1;
            }
            (None, Some(y)) => {
                only_b.push(*y);
                j += 1;
            }
            (None, None) => break,
        }
    }
    (only_a, only_b)
}

/// The SHA-1s of a module's own source and its include files, the latest entry of
/// each path (a rebuilt module keeps its old entry before the new one), joined.
pub fn source_fingerprint(m: &PackedModule) -> Option<String> {
    let mut paths: Vec<LitId> = Vec::new();
    let mut latest: BTreeMap<LitId, &str> = BTreeMap::new();
    for (p, h) in &m.includes {
        if latest.insert(*p, h).is_none() {
            paths.push(*p);
        }
    }
    if paths.is_empty() {
        return None;
    }
    Some(paths.iter().filter_map(|p| latest.get(p)).copied().collect::<Vec<_>>().join(" "))
}

/// One module of a build, as far as live sets go.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SnapshotModule {
    /// The compiler that wrote it.
    pub version: Option<RodVersion>,
    /// Alive ids, ascending.
    pub alive: Vec<SymId>,
    /// SHA-1s of its sources ([`source_fingerprint`]), when known.
    pub source_hash: Option<String>,
    /// The configuration it was compiled with ([`config_fingerprint`]), when known.
    pub config: Option<String>,
    /// The paths of its `deps` (imports), when known.
    pub deps: Vec<String>,
}

/// What the compiler compares on reload (`configIdentical`): the defined symbols
/// and the `PackedConfig` fields (backend, GC, C compiler, options, global options).
pub fn config_fingerprint(m: &PackedModule) -> String {
    let c = &m.config;
    format!(
        "{} | backend {} gc {} cc {} options {:#x} global {:#x}",
        m.defined_symbols, c.backend, c.selected_gc, c.c_compiler, c.options, c.global_options
    )
}

/// The paths of a module's `deps` entries, in file order.
pub fn dep_paths(m: &PackedModule) -> Vec<String> {
    m.imports.iter().filter_map(|&d| m.strings.text(d).map(|p| p.into_owned())).collect()
}

/// The live sets of one build, by module path (modules of the current build only).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Snapshot {
    /// Path → module.
    pub modules: BTreeMap<String, SnapshotModule>,
}

impl Snapshot {
    /// The in-build modules of a graph with their computed live sets.
    pub fn of(g: &ModuleGraph, live: &LiveSet) -> Snapshot {
        let mut modules = BTreeMap::new();
        for i in g.in_build() {
            let Some(gm) = g.get(i) else { continue };
            modules.insert(
                gm.path.clone(),
                SnapshotModule {
                    version: Some(gm.module.version),
                    alive: live.alive(i).to_vec(),
                    source_hash: source_fingerprint(&gm.module),
                    config: Some(config_fingerprint(&gm.module)),
                    deps: dep_paths(&gm.module),
                },
            );
        }
        Snapshot { modules }
    }
    /// `.alivesyms` files by module path (sorted and deduplicated here).
    pub fn from_alive_syms(files: impl IntoIterator<Item = (String, AliveSyms)>) -> Snapshot {
        let mut modules = BTreeMap::new();
        for (path, a) in files {
            let mut alive = a.ids;
            alive.sort_unstable();
            alive.dedup();
            modules.insert(path, SnapshotModule { version: Some(a.version), alive, ..SnapshotModule::default() });
        }
        Snapshot { modules }
    }
}

/// What happened to one module between two builds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModuleChange {
    /// Only in the new build.
    Added,
    /// Only in the old build.
    Removed,
    /// In both, with a different live set: the backend regenerates it.
    Regenerated,
    /// In both, same live set.
    Unchanged,
    /// In both, but written by different compiler versions: ids are not comparable.
    VersionChanged,
}

/// One module of a [`BuildDiff`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModuleDiff {
    /// Its path.
    pub path: String,
    /// What happened.
    pub change: ModuleChange,
    /// Ids alive in the new build only.
    pub entered: Vec<SymId>,
    /// Ids alive in the old build only.
    pub left: Vec<SymId>,
    /// `Some(true)` when its own source changed (its SHA-1 differs), when both
    /// builds know it.
    pub source_changed: Option<bool>,
    /// True when the backend regenerates its code in the new build: the compiler
    /// recompiled it (source, configuration or a dependency changed; or it is new)
    /// or its live set changed (`cbackend.nim`'s `loadedButAliveSetChanged`).
    pub regenerated: bool,
    /// Why, in this order: alive set, source, config, dependency (empty when not
    /// regenerated; an added module has none of them).
    pub reasons: Vec<Reason>,
    /// The direct dependencies (paths) that were recompiled, for
    /// [`Reason::DependencyChanged`].
    pub changed_deps: Vec<String>,
}

/// Why a module is regenerated in the new build.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reason {
    /// Its live set differs from the old build's (the compiler compares with the
    /// `.alivesyms` file and regenerates the module even if it was loaded from disk).
    AliveSetChanged,
    /// The SHA-1 of its source or of an include file changed (`includeFileChanged`).
    SourceChanged,
    /// The defined symbols or the configuration differ (`configMismatch`).
    ConfigChanged,
    /// A module it imports (directly or not) was recompiled (`needsRecompile`
    /// follows `deps`).
    DependencyChanged,
}

impl Reason {
    /// A stable slug for JSON: `alive-set`, `source`, `config`, `dependency`.
    pub fn slug(self) -> &'static str {
        match self {
            Reason::AliveSetChanged => "alive-set",
            Reason::SourceChanged => "source",
            Reason::ConfigChanged => "config",
            Reason::DependencyChanged => "dependency",
        }
    }
    /// In words.
    pub fn words(self) -> &'static str {
        match self {
            Reason::AliveSetChanged => "alive set changed",
            Reason::SourceChanged => "source changed",
            Reason::ConfigChanged => "defines/config changed",
            Reason::DependencyChanged => "a dependency changed",
        }
    }
}

/// The difference between two builds' live sets, per module path (sorted).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BuildDiff {
    /// Every module of either build.
    pub modules: Vec<ModuleDiff>,
}

impl BuildDiff {
    /// Compares an old and a new build. Linear in modules and `deps` entries.
    pub fn between(old: &Snapshot, new: &Snapshot) -> BuildDiff {
        let mut paths: Vec<&String> = old.modules.keys().chain(new.modules.keys()).collect();
        paths.sort();
        paths.dedup();
        let mut modules: Vec<ModuleDiff> = paths
            .into_iter()
            .map(|p| {
                let (a, b) = (old.modules.get(p), new.modules.get(p));
                let source_changed = match (a.and_then(|x| x.source_hash.as_ref()), b.and_then(|x| x.source_hash.as_ref())) {
                    (Some(x), Some(y)) => Some(!x.eq_ignore_ascii_case(y)),
                    _ => None,
                };
                let config_changed = match (a.and_then(|x| x.config.as_ref()), b.and_then(|x| x.config.as_ref())) {
                    (Some(x), Some(y)) => x != y,
                    _ => false,
                };
                let (change, entered, left) = match (a, b) {
                    (None, Some(b)) => (ModuleChange::Added, b.alive.clone(), Vec::new()),
                    (Some(a), None) => (ModuleChange::Removed, Vec::new(), a.alive.clone()),
                    (Some(a), Some(b)) if a.version != b.version && a.version.is_some() && b.version.is_some() => {
                        (ModuleChange::VersionChanged, Vec::new(), Vec::new())
                    }
                    (Some(a), Some(b)) => {
                        let (entered, left) = sorted_difference(&b.alive, &a.alive);
                        let change =
                            if entered.is_empty() && left.is_empty() { ModuleChange::Unchanged } else { ModuleChange::Regenerated };
                        (change, entered, left)
                    }
                    (None, None) => (ModuleChange::Unchanged, Vec::new(), Vec::new()),
                };
                let mut reasons = Vec::new();
                if matches!(change, ModuleChange::Regenerated) {
                    reasons.push(Reason::AliveSetChanged);
                }
                if source_changed == Some(true) && b.is_some() {
                    reasons.push(Reason::SourceChanged);
                }
                if config_changed && b.is_some() {
                    reasons.push(Reason::ConfigChanged);
                }
                let regenerated = !reasons.is_empty() || matches!(change, ModuleChange::Added | ModuleChange::VersionChanged);
                ModuleDiff { path: p.clone(), change, entered, left, source_changed, regenerated, reasons, changed_deps: Vec::new() }
            })
            .collect();
        // Recompiled in the new build: new, version changed, source or config
        // changed, or importing (directly or not) a recompiled module.
        let index: HashMap<&str, usize> = modules.iter().enumerate().map(|(i, m)| (m.path.as_str(), i)).collect();
        let recompiled_seed = |m: &ModuleDiff| {
            matches!(m.change, ModuleChange::Added | ModuleChange::VersionChanged)
                || m.reasons.iter().any(|r| matches!(r, Reason::SourceChanged | Reason::ConfigChanged))
        };
        let mut importers: Vec<Vec<usize>> = vec![Vec::new(); modules.len()];
        for (path, sm) in &new.modules {
            let Some(&me) = index.get(path.as_str()) else { continue };
            for d in &sm.deps {
                if let Some(&t) = index.get(d.as_str()) {
                    if t != me {
                        if let Some(v) = importers.get_mut(t) {
                            v.push(me);
                        }
                    }
                }
            }
        }
        let mut recompiled: Vec<bool> = modules.iter().map(recompiled_seed).collect();
        let mut stack: Vec<usize> = (0..modules.len()).filter(|&i| recompiled.get(i) == Some(&true)).collect();
        while let Some(t) = stack.pop() {
            let dep_path = modules.get(t).map(|m| m.path.clone()).unwrap_or_default();
            for &imp in importers.get(t).map(Vec::as_slice).unwrap_or(&[]) {
                let Some(m) = modules.get_mut(imp) else { continue };
                if m.change == ModuleChange::Removed {
                    continue;
                }
                m.changed_deps.push(dep_path.clone());
                if !m.reasons.contains(&Reason::DependencyChanged) {
                    m.reasons.push(Reason::DependencyChanged);
                    m.regenerated = true;
                }
                if let Some(r) = recompiled.get_mut(imp) {
                    if !*r {
                        *r = true;
                        stack.push(imp);
                    }
                }
            }
        }
        for m in &mut modules {
            m.changed_deps.sort();
            m.changed_deps.dedup();
        }
        BuildDiff { modules }
    }
    /// The modules the backend regenerates ([`ModuleDiff::regenerated`]).
    pub fn regenerated(&self) -> impl Iterator<Item = &ModuleDiff> {
        self.modules.iter().filter(|m| m.regenerated)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::sym_ids;

    #[test]
    fn differences() {
        assert_eq!(sorted_difference(&[1, 2, 5, 9], &[2, 3, 9, 10]), (vec![1, 5], vec![3, 10]));
        assert_eq!(sorted_difference(&[], &[1]), (vec![], vec![1]));
    }

    #[test]
    fn diff_of_snapshots() {
        let m = |ids: &[i32], h: &str| SnapshotModule {
            version: Some(RodVersion::V1_6),
            alive: sym_ids(ids),
            source_hash: Some(h.into()),
            ..SnapshotModule::default()
        };
        let old = Snapshot {
            modules: [("/a.nim".to_string(), m(&[1, 2], "X")), ("/b.nim".into(), m(&[1], "Y")), ("/c.nim".into(), m(&[4], "Z"))].into(),
        };
        let new = Snapshot {
            modules: [("/a.nim".to_string(), m(&[1, 3], "X")), ("/b.nim".into(), m(&[1], "Q")), ("/d.nim".into(), m(&[7], "W"))].into(),
        };
        let d = BuildDiff::between(&old, &new);
        let got: Vec<_> =
            d.modules.iter().map(|x| (x.path.as_str(), x.change, x.entered.clone(), x.left.clone(), x.source_changed)).collect();
        assert_eq!(
            got,
            vec![
                ("/a.nim", ModuleChange::Regenerated, sym_ids(&[3]), sym_ids(&[2]), Some(false)),
                ("/b.nim", ModuleChange::Unchanged, vec![], vec![], Some(true)),
                ("/c.nim", ModuleChange::Removed, vec![], sym_ids(&[4]), None),
                ("/d.nim", ModuleChange::Added, sym_ids(&[7]), vec![], None),
            ]
        );
        assert_eq!(d.regenerated().count(), 3);
        let regen: Vec<_> = d.modules.iter().map(|x| (x.path.as_str(), x.regenerated, x.reasons.clone())).collect();
        assert_eq!(
            regen,
            vec![
                ("/a.nim", true, vec![Reason::AliveSetChanged]),
                ("/b.nim", true, vec![Reason::SourceChanged]),
                ("/c.nim", false, vec![]),
                ("/d.nim", true, vec![]),
            ]
        );
    }

    #[test]
    fn dependencies_and_config() {
        let m = |h: &str, cfg: &str, deps: &[&str]| SnapshotModule {
            version: Some(RodVersion::V1_6),
            alive: sym_ids(&[1]),
            source_hash: Some(h.into()),
            config: Some(cfg.into()),
            deps: deps.iter().map(|d| d.to_string()).collect(),
        };
        let old = Snapshot {
            modules: [
                ("/main.nim".to_string(), m("M", "c", &["/lib.nim"])),
                ("/lib.nim".into(), m("L", "c", &["/util.nim"])),
                ("/util.nim".into(), m("U", "c", &[])),
                ("/other.nim".into(), m("O", "c", &[])),
            ]
            .into(),
        };
        let mut new = old.clone();
        if let Some(u) = new.modules.get_mut("/util.nim") {
            u.source_hash = Some("U2".into());
        }
        let d = BuildDiff::between(&old, &new);
        let got: Vec<_> = d.modules.iter().map(|x| (x.path.as_str(), x.regenerated, x.reasons.clone(), x.changed_deps.clone())).collect();
        assert_eq!(
            got,
            vec![
                ("/lib.nim", true, vec![Reason::DependencyChanged], vec!["/util.nim".to_string()]),
                ("/main.nim", true, vec![Reason::DependencyChanged], vec!["/lib.nim".to_string()]),
                ("/other.nim", false, vec![], vec![]),
                ("/util.nim", true, vec![Reason::SourceChanged], vec![]),
            ]
        );
        let mut cfg = old.clone();
        for x in cfg.modules.values_mut() {
            x.config = Some("c -d:x".into());
        }
        let d = BuildDiff::between(&old, &cfg);
        assert!(d.modules.iter().all(|x| x.regenerated && x.reasons.contains(&Reason::ConfigChanged)));
    }
}
