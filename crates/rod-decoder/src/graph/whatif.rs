//! What-if: remove a top-level statement or a symbol and see what would die.
//!
//! [`WhatIf::compute`] reruns the DCE without the given statements and symbols
//! ([`LiveSet::compute_without`]) and compares with the current live set: per
//! module the ids that would leave it, and the modules the backend would
//! regenerate after such an edit: the edited modules (their source changes), the
//! modules that import them directly or not (the compiler recompiles importers
//! of a recompiled module), and every module whose live set changes. One DCE run
//! plus linear work, so it is fast enough to run on every click.

use super::dce::{LiveSet, Without};
use super::diff::Reason;
use super::{ModuleGraph, ModuleIdx};
use crate::ids::{NodePos, SymId};
use crate::print::short_path;

/// The outcome of a what-if.
#[derive(Clone, Debug)]
pub struct WhatIf {
    /// The live set without the removed things.
    pub live: LiveSet,
    /// Per module (ascending), the ids that would leave the live set (ascending);
    /// modules where nothing dies are left out.
    pub dies: Vec<(ModuleIdx, Vec<SymId>)>,
    /// Ids that would enter the live set (none, normally: removing code only
    /// removes roots; listed for honesty).
    pub enters: Vec<(ModuleIdx, Vec<SymId>)>,
    /// The modules that would be regenerated, ascending, each with its reasons
    /// (alive set changed, source changed for the edited modules, a dependency
    /// changed for their importers).
    pub regenerated: Vec<(ModuleIdx, Vec<Reason>)>,
    /// The modules whose source the removal edits.
    pub edited: Vec<ModuleIdx>,
}

impl WhatIf {
    /// Recomputes the live set of `g` without `without` and compares it with `base`
    /// (the live set of `g` as it is).
    pub fn compute(g: &ModuleGraph, base: &LiveSet, without: &Without) -> WhatIf {
        let live = LiveSet::compute_without(g, without);
        let mut dies = Vec::new();
        let mut enters = Vec::new();
        for i in g.indexes() {
            let (d, e) = super::diff::sorted_difference(base.alive(i), live.alive(i));
            if !d.is_empty() {
                dies.push((i, d));
            }
            if !e.is_empty() {
                enters.push((i, e));
            }
        }
        let mut edited: Vec<ModuleIdx> = without.statements.iter().map(|x| x.0).chain(without.symbols.iter().map(|x| x.0)).collect();
        edited.sort_unstable();
        edited.dedup();
        // importers of the edited modules, directly or not
        let mut importers: Vec<Vec<ModuleIdx>> = vec![Vec::new(); g.len()];
        for i in g.in_build() {
            let Some(gm) = g.get(i) else { continue };
            for &d in &gm.module.imports {
                if let Ok(t) = g.resolve_path(i, d) {
                    if t != i {
                        if let Some(v) = importers.get_mut(t.index()) {
                            v.push(i);
                        }
                    }
                }
            }
        }
        let mut reasons: Vec<Vec<Reason>> = vec![Vec::new(); g.len()];
        let mut dep_changed = vec![false; g.len()];
        let mut stack: Vec<ModuleIdx> = edited.clone();
        while let Some(t) = stack.pop() {
            for &imp in importers.get(t.index()).map(Vec::as_slice).unwrap_or(&[]) {
                if let Some(slot) = dep_changed.get_mut(imp.index()) {
                    if !*slot {
                        *slot = true;
                        stack.push(imp);
                    }
                }
            }
        }
        for (m, _) in dies.iter().chain(&enters) {
            if let Some(r) = reasons.get_mut(m.index()) {
                if !r.contains(&Reason::AliveSetChanged) {
                    r.push(Reason::AliveSetChanged);
                }
            }
        }
        for m in &edited {
            if let Some(r) = reasons.get_mut(m.index()) {
                r.push(Reason::SourceChanged);
            }
        }
        for (i, d) in dep_changed.iter().enumerate() {
            if *d {
                if let Some(r) = reasons.get_mut(i) {
                    r.push(Reason::DependencyChanged);
                }
            }
        }
        let regenerated = reasons
            .into_iter()
            .enumerate()
            .filter(|(_, r)| !r.is_empty())
            .map(|(i, mut r)| {
                r.sort_unstable();
                r.dedup();
                (ModuleIdx(i as u32), r)
            })
            .collect();
        WhatIf { live, dies, enters, regenerated, edited }
    }

    /// Total number of ids that would die.
    pub fn total_dies(&self) -> usize {
        self.dies.iter().map(|d| d.1.len()).sum()
    }
}


/// The top-level statements of the current build that start at `line` of the file
/// `file` (a file name such as `main.nim`, a path suffix, or the whole path; the
/// position is the statement's own line info, so statements of an include file
/// are found under the include file's name and belong to the including module).
pub fn statements_at(g: &ModuleGraph, file: &str, line: i32) -> Vec<(ModuleIdx, NodePos)> {
    let mut out = Vec::new();
    for i in g.in_build() {
        let Some(gm) = g.get(i) else { continue };
        let m = &gm.module;
        let tree = &m.top_level;
        for root in tree.roots() {
            let Some(n) = tree.node(root) else { continue };
            if n.info.line != line || n.info.file.is_none() {
                continue;
            }
            let p = m.str(n.info.file);
            let ok = p == file || short_path(&p) == file || (!file.is_empty() && p.ends_with(&format!("/{}", file.trim_start_matches('/'))));
            if ok {
                out.push((i, root));
            }
        }
    }
    out
}

/// Parses `FILE.nim:LINE`.
pub fn parse_location(s: &str) -> Option<(&str, i32)> {
    let (file, line) = s.rsplit_once(':')?;
    let line: i32 = line.trim().parse().ok()?;
    (!file.is_empty() && line > 0).then_some((file, line))
}

/// A [`Without`] for one symbol.
pub fn without_symbol(m: ModuleIdx, id: SymId) -> Without {
    Without { statements: Vec::new(), symbols: vec![(m, id)] }
}
