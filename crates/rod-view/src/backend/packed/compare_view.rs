//! Two packed builds compared and what-if, as the view layer's rows
//! ([`crate::compare`]): the packed backend's answers to the trait's "builds"
//! block, each a thin wording layer over [`PackedCache::build_diff`],
//! [`PackedCache::tree_diff`] and [`PackedCache::whatif`].

use rod_decoder::graph::{whatif, ItemChange, ItemKind, ModuleIdx, Reason, Without};
use rod_decoder::print::short_path;
use rod_decoder::{NodePos, TreeKind};

use super::rows::{sym_id, sym_key};
use super::{tree_id, tree_kind, PackedCache};
use crate::compare::{BuildCompare, ModuleCompare, ReasonRow, Removal, TreeChange, WhatIfModule, WhatIfRegen, WhatIfView};
use crate::ids::TreeId;

fn reason_row(r: Reason) -> ReasonRow {
    ReasonRow { slug: r.slug(), words: r.words().to_string() }
}

impl PackedCache {
    /// The other cache as a packed one, when it is.
    fn packed_of(other: &dyn crate::Cache) -> Option<&PackedCache> {
        other.as_any()?.downcast_ref::<PackedCache>()
    }

    pub(super) fn view_build_diff(&self, newer: &dyn crate::Cache) -> Option<BuildCompare> {
        let new = Self::packed_of(newer)?;
        let d = PackedCache::build_diff(self, new)?;
        let find = |c: &PackedCache, path: &str| c.graph.by_path_any(path).filter(|&m| c.graph.get(m).is_some_and(|g| g.in_build()));
        let modules = d
            .modules
            .iter()
            .map(|md| ModuleCompare {
                path: md.path.clone(),
                short: short_path(&md.path).to_string(),
                old: find(self, &md.path),
                new: find(new, &md.path),
                change: md.change_words().to_string(),
                regenerated: md.regenerated,
                reasons: md.reasons.iter().copied().map(reason_row).collect(),
                changed_deps: md.changed_deps.iter().map(|p| short_path(p).to_string()).collect(),
                entered: md.entered.iter().map(|&i| sym_key(i)).collect(),
                left: md.left.iter().map(|&i| sym_key(i)).collect(),
            })
            .collect();
        Some(BuildCompare::counted(modules))
    }

    pub(super) fn view_tree_diff(&self, m: ModuleIdx, newer: &dyn crate::Cache, m_new: ModuleIdx) -> Option<Vec<TreeChange>> {
        let new = Self::packed_of(newer)?;
        self.graph.get(m)?;
        new.graph.get(m_new)?;
        let d = rod_decoder::graph::TreeDiff::between(&self.graph, m, &new.graph, m_new);
        let line_of = |c: &PackedCache, mi: ModuleIdx, tk: TreeKind, p: Option<NodePos>| {
            let pm = c.module(mi)?;
            pm.tree(tk).node(p?).map(|n| n.info.line)
        };
        Some(
            d.items
                .iter()
                .map(|it| {
                    let tk = match it.kind {
                        ItemKind::Statement => TreeKind::TopLevel,
                        ItemKind::Body => TreeKind::Bodies,
                    };
                    let line = line_of(new, m_new, tk, it.new).or_else(|| line_of(self, m, tk, it.old));
                    TreeChange {
                        kind: match it.kind {
                            ItemKind::Statement => "statement",
                            ItemKind::Body => "body",
                        }
                        .to_string(),
                        name: rod_decoder::graph::print_trees::item_words(&it.name, line),
                        change: match it.change {
                            ItemChange::Added => "added",
                            ItemChange::Removed => "removed",
                            ItemChange::Changed => "changed",
                            ItemChange::Same => "same",
                        }
                        .to_string(),
                        tree: tree_id(tk),
                        old: it.old,
                        new: it.new,
                        changed_old: it.changed_old.clone(),
                        changed_new: it.changed_new.clone(),
                    }
                })
                .collect(),
        )
    }

    pub(super) fn view_removable(&self, m: ModuleIdx, t: TreeId, n: NodePos) -> Option<Removal> {
        if tree_kind(t)? != TreeKind::TopLevel || !self.graph.get(m)?.in_build() {
            return None;
        }
        self.live()?;
        let tree = &self.module(m)?.top_level;
        tree.roots().any(|r| r == n).then_some(Removal::Statement(m, t, n))
    }

    pub(super) fn view_whatif(&self, remove: &[Removal]) -> Option<WhatIfView> {
        let mut without = Without::default();
        let mut removed = Vec::new();
        for r in remove {
            match *r {
                Removal::Statement(m, t, n) => {
                    self.view_removable(m, t, n)?;
                    // Deleting the statement's source line deletes every top-level
                    // statement the compiler recorded at that line (generic instances
                    // and the like start there too), as `rodscope whatif --without-stmt`.
                    let info = self.module(m)?.top_level.node(n).map(|x| x.info).unwrap_or_default();
                    let path = self.module(m).map(|pm| pm.str(info.file).into_owned()).unwrap_or_default();
                    let mut at = if info.file.is_none() { Vec::new() } else { whatif::statements_at(&self.graph, &path, info.line) };
                    if !at.contains(&(m, n)) {
                        at.push((m, n));
                    }
                    at.sort_unstable();
                    let mut i = 0;
                    while let Some(&(sm, _)) = at.get(i) {
                        let nodes: Vec<String> = at.iter().skip(i).take_while(|x| x.0 == sm).map(|x| x.1 .0.to_string()).collect();
                        i += nodes.len();
                        removed.push(match nodes.len() {
                            1 => format!("the top-level statement at {}:{} ({}, topLevel node {})", short_path(&path), info.line, self.short(sm), nodes.join("")),
                            k => format!("the {k} top-level statements at {}:{} ({}, topLevel nodes {})", short_path(&path), info.line, self.short(sm), nodes.join(", ")),
                        });
                    }
                    without.statements.extend(at);
                }
                Removal::Symbol(m, s) => {
                    let id = sym_id(s)?;
                    self.module(m)?.sym(id)?;
                    removed.push(self.graph.sym_label(m, id));
                    without.symbols.push((m, id));
                }
            }
        }
        let w = self.whatif(&without)?;
        let module_of = |m: ModuleIdx, ids: &[rod_decoder::SymId]| WhatIfModule {
            module: m,
            path: self.graph.get(m).map(|g| g.path.clone()).unwrap_or_default(),
            short: self.short(m).to_string(),
            syms: ids.iter().map(|&i| sym_key(i)).collect(),
        };
        let dies = w.dies.iter().map(|(m, ids)| module_of(*m, ids)).collect();
        let enters = w.enters.iter().map(|(m, ids)| module_of(*m, ids)).collect();
        let regenerated = w
            .regenerated
            .iter()
            .map(|(m, rs)| WhatIfRegen {
                module: *m,
                path: self.graph.get(*m).map(|g| g.path.clone()).unwrap_or_default(),
                short: self.short(*m).to_string(),
                reasons: rs.iter().copied().map(reason_row).collect(),
            })
            .collect();
        Some(WhatIfView::counted(removed, dies, enters, regenerated))
    }
}
