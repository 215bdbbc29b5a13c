//! Integrity of a whole cache folder (the compiler's `integrity.nim` checks that
//! every reference of a program resolves): [`check_integrity`] lists
//! [`Finding`]s, each with the module, what is wrong and where.
//!
//! * a reference (`deps` entry, `nkModuleRef` node, node type) into a module that
//!   is not loaded, or only in another compiler version;
//! * a resolved reference to an item the target does not store (out of range) or
//!   that is a hole of a 1.6/2.0 slot array;
//! * stale includes: an include entry whose SHA-1 differs from the source file's
//!   (when the caller can read it) or from a later entry for the same file;
//! * mixed compiler versions in one folder;
//! * `.alivesyms` files without a `.rod` (the caller lists them);
//! * modules that are not part of the current build (left-overs, duplicates,
//!   modules without a path).
//!
//! Linear in the nodes of all trees; references are reported once per (module,
//! target, kind) with a count and the first place, so a hostile file cannot make
//! the list larger than its module count times the kinds.

use super::{LinkFailure, ModuleGraph, ModuleIdx, ModuleStatus, PathCache};
use crate::ids::{ItemRef, NodePos, SymId, TreeKind, TypeId};
use crate::module::SymRef;
use crate::print::short_path;
use std::collections::BTreeMap;

/// What is wrong.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum FindingKind {
    /// References into a module that is not loaded: (its path, count).
    ModuleNotLoaded {
        /// The missing module's path.
        path: String,
        /// How many references (a deps entry counts as one).
        count: usize,
    },
    /// References into a module written by another compiler version.
    OtherVersion {
        /// The target's path.
        path: String,
        /// How many.
        count: usize,
    },
    /// References to symbols or types the target does not store.
    ItemOutOfRange {
        /// The target module.
        target: ModuleIdx,
        /// The first such id.
        item: i32,
        /// How many.
        count: usize,
    },
    /// References to holes of the target's slot array.
    Hole {
        /// The target module.
        target: ModuleIdx,
        /// The first such id.
        item: i32,
        /// How many.
        count: usize,
    },
    /// An include entry whose SHA-1 differs from the file on disk.
    StaleInclude {
        /// The source file.
        path: String,
        /// Recorded SHA-1.
        recorded: String,
        /// The file's SHA-1 now.
        now: String,
    },
    /// An include entry superseded by a later entry with another SHA-1 for the same
    /// file (`nim rod` refuses such a file with `includeFileChanged`).
    SupersededInclude {
        /// The source file.
        path: String,
    },
    /// The folder mixes compiler versions: (version label, module count).
    MixedVersions(Vec<(String, usize)>),
    /// A `.alivesyms` file without a `.rod`.
    AliveSymsWithoutRod {
        /// Its file name.
        file: String,
    },
    /// A module that is not part of the current build.
    NotInBuild {
        /// Why: left over from an earlier build, duplicate, no own path.
        why: String,
    },
}

impl FindingKind {
    /// A one-line description.
    pub fn text(&self, g: &ModuleGraph) -> String {
        let short = |m: ModuleIdx| g.get(m).map_or("?".to_string(), |x| x.short().to_string());
        match self {
            FindingKind::ModuleNotLoaded { path, count } => format!("dangling: {count} reference(s) into {path}, which is not loaded"),
            FindingKind::OtherVersion { path, count } => {
                format!("dangling: {count} reference(s) into {path}, loaded only from another compiler version")
            }
            FindingKind::ItemOutOfRange { target, item, count } => {
                format!("dangling: {count} reference(s) to items {} does not store (first: #{item})", short(*target))
            }
            FindingKind::Hole { target, item, count } => format!("dangling: {count} reference(s) to holes of {} (first: #{item})", short(*target)),
            FindingKind::StaleInclude { path, recorded, now } => {
                format!("stale include: {path} has SHA-1 {now}, the module recorded {recorded}")
            }
            FindingKind::SupersededInclude { path } => format!("stale include: an older SHA-1 of {path} is still recorded (includeFileChanged)"),
            FindingKind::MixedVersions(v) => {
                let list: Vec<String> = v.iter().map(|(l, n)| format!("{n} of {l}")).collect();
                format!("mixed compiler versions: {}", list.join(", "))
            }
            FindingKind::AliveSymsWithoutRod { file } => format!("{file} has no .rod file"),
            FindingKind::NotInBuild { why } => format!("not part of the current build: {why}"),
        }
    }
    /// A stable slug: `dangling-module`, `other-version`, `item-out-of-range`,
    /// `hole`, `stale-include`, `superseded-include`, `mixed-versions`,
    /// `alivesyms-without-rod`, `not-in-build`.
    pub fn slug(&self) -> &'static str {
        match self {
            FindingKind::ModuleNotLoaded { .. } => "dangling-module",
            FindingKind::OtherVersion { .. } => "other-version",
            FindingKind::ItemOutOfRange { .. } => "item-out-of-range",
            FindingKind::Hole { .. } => "hole",
            FindingKind::StaleInclude { .. } => "stale-include",
            FindingKind::SupersededInclude { .. } => "superseded-include",
            FindingKind::MixedVersions(_) => "mixed-versions",
            FindingKind::AliveSymsWithoutRod { .. } => "alivesyms-without-rod",
            FindingKind::NotInBuild { .. } => "not-in-build",
        }
    }
    /// True for what breaks the program (dangling references, stale includes,
    /// mixed versions); false for remarks (left-over modules, stray `.alivesyms`).
    pub fn is_error(&self) -> bool {
        !matches!(self, FindingKind::NotInBuild { .. } | FindingKind::AliveSymsWithoutRod { .. })
    }
}

/// Where in a module a finding was first seen.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Place {
    /// The whole module (or folder).
    Module,
    /// A `deps` entry.
    Deps,
    /// A node of one of its trees.
    Node(TreeKind, NodePos),
    /// An include entry (its index in the checksums section).
    Include(usize),
}

impl Place {
    /// In words: `deps`, `topLevel node 12`, `include entry 0`.
    pub fn text(&self) -> String {
        match self {
            Place::Module => "module".into(),
            Place::Deps => "deps".into(),
            Place::Node(t, n) => format!("{} node {}", t.name(), n.0),
            Place::Include(i) => format!("include entry {i}"),
        }
    }
}

/// One integrity finding.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Finding {
    /// The module it is about (`None`: the whole folder).
    pub module: Option<ModuleIdx>,
    /// What.
    pub what: FindingKind,
    /// Where (the first place).
    pub place: Place,
}

/// What the caller knows beyond the decoded modules.
pub struct IntegrityInputs<'a> {
    /// The SHA-1 (hex, any case) of a source file by its absolute path, when it can
    /// be read (`None`: not compared).
    pub source_sha1: &'a dyn Fn(&str) -> Option<String>,
    /// `.alivesyms` files of the folder that have no `.rod`.
    pub stray_alive: &'a [String],
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Missing(u32),
    Other(u32),
    Range(ModuleIdx),
    Hole(ModuleIdx),
}

/// Checks the whole graph. Findings come sorted by module, then kind.
pub fn check_integrity(g: &ModuleGraph, inputs: &IntegrityInputs<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    if let Some(v) = g.mixed_versions() {
        let list = v.iter().map(|(v, n)| (v.compiler().to_string(), *n)).collect();
        out.push(Finding { module: None, what: FindingKind::MixedVersions(list), place: Place::Module });
    }
    for f in inputs.stray_alive {
        out.push(Finding { module: None, what: FindingKind::AliveSymsWithoutRod { file: f.clone() }, place: Place::Module });
    }
    let mut paths = PathCache::default();
    for from in g.indexes() {
        let Some(gm) = g.get(from) else { continue };
        let m = &gm.module;
        match gm.status {
            ModuleStatus::InBuild => {}
            ModuleStatus::Stale => out.push(Finding {
                module: Some(from),
                what: FindingKind::NotInBuild { why: "not reachable from the main module and system (left over from an earlier build)".into() },
                place: Place::Module,
            }),
            ModuleStatus::Duplicate(first) => out.push(Finding {
                module: Some(from),
                what: FindingKind::NotInBuild { why: format!("another file ({}) has the same module path", g.get(first).map_or("?", |x| x.name.as_str())) },
                place: Place::Module,
            }),
            ModuleStatus::NoPath => out.push(Finding {
                module: Some(from),
                what: FindingKind::NotInBuild { why: "no own path (includes[0])".into() },
                place: Place::Module,
            }),
        }
        if matches!(gm.status, ModuleStatus::Duplicate(_) | ModuleStatus::NoPath) {
            continue;
        }
        // (kind, target) → (count, first item, first place); paths by LitId
        let mut agg: BTreeMap<Key, (usize, i32, Place)> = BTreeMap::new();
        let mut lit_paths: BTreeMap<u32, String> = BTreeMap::new();
        let mut note = |key: Key, item: i32, place: Place| {
            let e = agg.entry(key).or_insert((0, item, place));
            e.0 += 1;
        };
        let link = |paths: &mut PathCache, lit: crate::ids::LitId, item: i32, is_type: bool, place: Place, note: &mut dyn FnMut(Key, i32, Place)| {
            match paths.resolve(g, from, lit) {
                Ok(t) => {
                    let Some(tm) = g.get(t).map(|x| &x.module) else { return };
                    if item < 0 {
                        return;
                    }
                    if is_type {
                        match tm.types.table.slot(TypeId(item)) {
                            None => note(Key::Range(t), item, place),
                            Some(ty) if ty.is_hole() && item != 0 => note(Key::Hole(t), item, place),
                            Some(_) => {}
                        }
                    } else {
                        match tm.syms.slot(SymId(item)) {
                            None => note(Key::Range(t), item, place),
                            Some(s) if s.is_hole() => note(Key::Hole(t), item, place),
                            Some(_) => {}
                        }
                    }
                }
                Err(LinkFailure::NotLoaded) => note(Key::Missing(lit.0), item, place),
                Err(LinkFailure::OtherVersion(_)) => note(Key::Other(lit.0), item, place),
            }
        };
        for &d in &m.imports {
            match g.resolve_path(from, d) {
                Ok(_) => {}
                Err(LinkFailure::NotLoaded) => note(Key::Missing(d.0), -1, Place::Deps),
                Err(LinkFailure::OtherVersion(_)) => note(Key::Other(d.0), -1, Place::Deps),
            }
            lit_paths.entry(d.0).or_insert_with(|| m.str(d).into_owned());
        }
        for tk in TreeKind::ALL {
            let tree = m.tree(tk);
            for i in 0..tree.len() as u32 {
                let pos = NodePos(i);
                if let Some(SymRef::Remote(r)) = m.sym_ref(tk, pos) {
                    lit_paths.entry(r.module.0).or_insert_with(|| m.str(r.module).into_owned());
                    link(&mut paths, r.module, r.item, false, Place::Node(tk, pos), &mut note);
                }
                if let ItemRef::Remote(r) = m.item_ref(m.node_type(tk, pos)) {
                    lit_paths.entry(r.module.0).or_insert_with(|| m.str(r.module).into_owned());
                    link(&mut paths, r.module, r.item, true, Place::Node(tk, pos), &mut note);
                }
            }
        }
        for (key, (count, item, place)) in agg {
            let path = |lit: u32| lit_paths.get(&lit).cloned().unwrap_or_default();
            let what = match key {
                Key::Missing(l) => FindingKind::ModuleNotLoaded { path: path(l), count },
                Key::Other(l) => FindingKind::OtherVersion { path: path(l), count },
                Key::Range(t) => FindingKind::ItemOutOfRange { target: t, item, count },
                Key::Hole(t) => FindingKind::Hole { target: t, item, count },
            };
            out.push(Finding { module: Some(from), what, place });
        }
        // includes: superseded entries, then the latest entry of each file against the disk
        let superseded = m.stale_includes();
        let mut latest: BTreeMap<String, usize> = BTreeMap::new();
        for (k, (p, _)) in m.includes.iter().enumerate() {
            latest.insert(m.str(*p).into_owned(), k);
        }
        for (k, (p, hash)) in m.includes.iter().enumerate() {
            let path = m.str(*p).into_owned();
            if superseded.contains(&k) {
                out.push(Finding { module: Some(from), what: FindingKind::SupersededInclude { path }, place: Place::Include(k) });
                continue;
            }
            if latest.get(&path) != Some(&k) {
                continue;
            }
            if let Some(now) = (inputs.source_sha1)(&path) {
                if !now.eq_ignore_ascii_case(hash) {
                    out.push(Finding {
                        module: Some(from),
                        what: FindingKind::StaleInclude { path, recorded: hash.clone(), now },
                        place: Place::Include(k),
                    });
                }
            }
        }
    }
    out
}

/// `module: what (where)` per finding.
pub fn print_findings(g: &ModuleGraph, findings: &[Finding], out: &mut impl std::io::Write) -> std::io::Result<()> {
    for f in findings {
        let who = match f.module.and_then(|m| g.get(m)) {
            Some(gm) => format!("{} ({})", gm.name, if gm.path.is_empty() { "no path" } else { short_path(&gm.path) }),
            None => "folder".to_string(),
        };
        let place = if f.place == Place::Module { String::new() } else { format!(" at {}", f.place.text()) };
        writeln!(out, "{who}: {}{place}", f.what.text(g))?;
    }
    Ok(())
}
