//! Caches kept apart: loaded files grouped into separate caches, one per program.
//!
//! Files are grouped by the folder part of their names (`sub/dir/@mfoo.rod` is in
//! `sub/dir`). A folder that holds the main modules of several programs (several
//! builds into one nimcache) is split once more: each program is its main module,
//! the system modules of its version and the closure of their `deps` within the
//! folder. A module two programs share (system, the standard library) is a member
//! of both groups; modules that no program of such a folder reaches (left over
//! from earlier builds) form a group of their own, marked
//! [`CacheGroup::leftovers`]. Modules of different groups are never linked: build
//! one [`ModuleGraph`](super::ModuleGraph) per group ([`split_modules`]).
//!
//! Linear in the number of modules and `deps` entries (one path map per folder
//! and version, one stack per program).

use super::vocab::Vocab;
use super::version_slot;
use crate::module::PackedModule;
use std::collections::{BTreeMap, HashMap};

/// One separate cache among the loaded files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CacheGroup {
    /// The folder part of the members' names (`""` for names without one).
    pub folder: String,
    /// The main module's own path when the folder holds several programs and this
    /// group is one of them (`None` for a folder of one program).
    pub program: Option<String>,
    /// True for the modules of a multi-program folder that no program reaches.
    pub leftovers: bool,
    /// Indexes of the members in the input, ascending.
    pub members: Vec<usize>,
}

impl CacheGroup {
    /// A heading naming the group: the folder (`.` for the top), then the program's
    /// main module file or "left-overs" when the folder holds several programs.
    pub fn label(&self) -> String {
        let folder = if self.folder.is_empty() { "." } else { self.folder.as_str() };
        match (&self.program, self.leftovers) {
            (Some(p), _) => format!("{folder} (program {})", crate::print::short_path(p)),
            (None, true) => format!("{folder} (modules of no program in this folder)"),
            (None, false) => folder.to_string(),
        }
    }
}

/// The folder part of a file name: everything before the last `/` (or `\`).
pub fn folder_of(name: &str) -> &str {
    match name.rfind(['/', '\\']) {
        Some(i) => name.get(..i).unwrap_or(""),
        None => "",
    }
}

/// The last component of a file name.
pub fn file_of(name: &str) -> &str {
    match name.rfind(['/', '\\']) {
        Some(i) => name.get(i + 1..).unwrap_or(name),
        None => name,
    }
}

/// Groups loaded files (name, decoded module) into separate caches. Groups come
/// in folder order; within a folder, programs in the order of their main modules'
/// paths, left-overs last. Every input index is in at least one group.
pub fn group_modules(files: &[(String, PackedModule)]) -> Vec<CacheGroup> {
    let mut by_folder: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, (name, _)) in files.iter().enumerate() {
        by_folder.entry(folder_of(name)).or_default().push(i);
    }
    let mut out = Vec::new();
    for (folder, members) in by_folder {
        out.extend(split_folder(folder, &members, files));
    }
    out
}

/// The groups of one folder.
fn split_folder(folder: &str, members: &[usize], files: &[(String, PackedModule)]) -> Vec<CacheGroup> {
    let flag = |i: usize, main: bool| {
        files.get(i).is_some_and(|(_, m)| {
            let voc = Vocab::of(m.version);
            m.module_flags & if main { voc.sf_main_module } else { voc.sf_system_module } != 0
        })
    };
    let mut mains: Vec<(String, usize)> = members
        .iter()
        .filter(|&&i| flag(i, true))
        .filter_map(|&i| Some((files.get(i)?.1.path()?.into_owned(), i)))
        .collect();
    mains.sort();
    mains.dedup_by(|a, b| a.0 == b.0);
    let whole = || CacheGroup { folder: folder.to_string(), program: None, leftovers: false, members: members.to_vec() };
    if mains.len() <= 1 {
        return vec![whole()];
    }
    // own path → member, per version (the first of duplicates wins, as in ModuleGraph)
    let mut by_path: [HashMap<String, usize>; 3] = Default::default();
    for &i in members {
        let Some((_, m)) = files.get(i) else { continue };
        if let Some(p) = m.path() {
            by_path[version_slot(m.version)].entry(p.into_owned()).or_insert(i);
        }
    }
    let mut reached = vec![false; files.len()];
    let mut out = Vec::new();
    for (path, main) in &mains {
        let Some((_, mm)) = files.get(*main) else { continue };
        let version = mm.version;
        let mut seen = vec![false; files.len()];
        let mut stack: Vec<usize> = vec![*main];
        stack.extend(members.iter().copied().filter(|&i| flag(i, false) && files.get(i).is_some_and(|f| f.1.version == version)));
        while let Some(i) = stack.pop() {
            let Some(slot) = seen.get_mut(i) else { continue };
            if std::mem::replace(slot, true) {
                continue;
            }
            let Some((_, m)) = files.get(i) else { continue };
            for &dep in &m.imports {
                let Some(p) = m.strings.text(dep) else { continue };
                if let Some(&t) = by_path[version_slot(m.version)].get(p.as_ref()) {
                    if seen.get(t) == Some(&false) {
                        stack.push(t);
                    }
                }
            }
        }
        let group: Vec<usize> = members.iter().copied().filter(|&i| seen.get(i) == Some(&true)).collect();
        for &i in &group {
            if let Some(r) = reached.get_mut(i) {
                *r = true;
            }
        }
        out.push(CacheGroup { folder: folder.to_string(), program: Some(path.clone()), leftovers: false, members: group });
    }
    let rest: Vec<usize> = members.iter().copied().filter(|&i| reached.get(i) == Some(&false)).collect();
    if !rest.is_empty() {
        out.push(CacheGroup { folder: folder.to_string(), program: None, leftovers: true, members: rest });
    }
    out
}

/// Splits loaded files into their groups' file lists (see [`group_modules`]): a
/// module shared by several groups is cloned into each; the others are moved.
pub fn split_modules(files: Vec<(String, PackedModule)>) -> Vec<(CacheGroup, Vec<(String, PackedModule)>)> {
    let groups = group_modules(&files);
    let mut uses = vec![0usize; files.len()];
    for g in &groups {
        for &i in &g.members {
            if let Some(u) = uses.get_mut(i) {
                *u += 1;
            }
        }
    }
    let mut slots: Vec<Option<(String, PackedModule)>> = files.into_iter().map(Some).collect();
    let mut out = Vec::with_capacity(groups.len());
    for g in groups {
        let mut mods = Vec::with_capacity(g.members.len());
        for &i in &g.members {
            let (Some(u), Some(slot)) = (uses.get_mut(i), slots.get_mut(i)) else { continue };
            *u = u.saturating_sub(1);
            let taken = if *u == 0 { slot.take() } else { slot.clone() };
            if let Some(x) = taken {
                mods.push(x);
            }
        }
        out.push((g, mods));
    }
    out
}
