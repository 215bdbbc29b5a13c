//! `impl Cache for PackedCache`: the contract, answered from the graph, the live set
//! and the indexes.

use rod_decoder::graph::{DeadReason, MentionContext, ModuleIdx, ModuleStatus, Owner, Rule, Site};
use rod_decoder::names::{flag_names, name_or_raw};
use rod_decoder::{NodePos, TreeKind};

use super::rows::{pos_of, sym_id, sym_key, type_id};
use super::{tree_id, tree_kind, PackedCache, TREES};
use crate::cache::{Cache, Format};
use crate::ids::{SymKey, Target, TreeId, TypeKey};
use crate::rows::{Fact, FilePart, FileProblem, Link, LiveMark, ModuleRow, NodeRow, SymHit, SymRow, TableInfo, TreeInfo, TypeRow, UsageRow, Why, WhyStep};
use crate::text::plural;

impl PackedCache {
    fn status_words(&self, m: ModuleIdx) -> Vec<String> {
        self.graph.status_words(m)
    }

    /// `top level of main.nim, topLevel node 12 (main.nim:5:2)` or
    /// `body of main.nim: main (skProc #3), bodies node 40 (main.nim:20:4)`, linked to the node.
    fn site_link(&self, site: Site) -> Link {
        let (tree, node) = site.node();
        let m = site.module();
        let label = match site {
            Site::TopLevel { module, .. } => format!(
                "top level of {}, {}",
                self.short(module),
                self.node_text(m, tree, node)
            ),
            Site::Body { module, owner, .. } => {
                let routine = self
                    .module(module)
                    .and_then(|pm| pm.sym(owner).map(|s| pm.is_routine(s)))
                    .unwrap_or(false);
                format!(
                    "{} of {}, {}",
                    if routine { "body" } else { "ast" },
                    self.sym_label(module, owner, true),
                    self.node_text(m, tree, node)
                )
            }
        };
        Link::to(label, Target::Node(m, tree_id(tree), node))
    }

    /// `topLevel node 12 (main.nim:5:2)`.
    fn node_text(&self, m: ModuleIdx, tree: TreeKind, node: NodePos) -> String {
        let pos = self
            .module(m)
            .and_then(|pm| pm.tree(tree).node(node).and_then(|n| pos_of(pm, &n.info)))
            .map(|p| p.short_text())
            .unwrap_or_else(|| "?".into());
        format!("{} node {} ({pos})", tree.name(), node.0)
    }

    /// `main.nim, bodies node 12`, linked.
    fn node_link(&self, m: ModuleIdx, tree: TreeKind, node: NodePos) -> Link {
        Link::to(
            format!("{}, {} node {}", self.short(m), tree.name(), node.0),
            Target::Node(m, tree_id(tree), node),
        )
    }
}

fn rule_text(rule: &Rule) -> String {
    match rule {
        Rule::Mention => "mentions".to_string(),
        Rule::ExportedToC(r) => format!("defines the {} root", r.word()),
        Rule::RangeCheck(name) => format!("range check requests compilerproc {name}:"),
    }
}

impl Cache for PackedCache {
    fn file_bytes(&self, m: ModuleIdx) -> Option<&[u8]> {
        self.kept_bytes(m)
    }
    fn region_count(&self, m: ModuleIdx) -> usize {
        self.byte_map(m).map_or(0, |b| b.len())
    }
    fn region(&self, m: ModuleIdx, i: usize) -> Option<crate::bytes::RegionRow> {
        let r = self.byte_map(m)?.region(i)?;
        Some(self.region_row(m, i, &r))
    }
    fn regions(&self, m: ModuleIdx, bytes: std::ops::Range<usize>, cap: usize) -> Vec<crate::bytes::RegionRow> {
        self.packed_regions(m, bytes, cap)
    }
    fn region_at(&self, m: ModuleIdx, offset: usize) -> Option<crate::bytes::RegionRow> {
        let (i, r) = self.byte_map(m)?.region_at(offset)?;
        Some(self.region_row(m, i, &r))
    }
    fn region_fields(&self, m: ModuleIdx, region: &crate::bytes::RegionRow) -> Vec<crate::bytes::FieldRow> {
        self.packed_region_fields(m, region)
    }
    fn bytes_of(&self, target: Target) -> Option<std::ops::Range<usize>> {
        self.packed_bytes_of(target)
    }
    fn table_row_bytes(&self, m: ModuleIdx, table: &str, row: usize) -> Option<std::ops::Range<usize>> {
        self.packed_table_row_bytes(m, table, row)
    }
    fn byte_sections(&self, m: ModuleIdx) -> Vec<crate::bytes::ByteSection> {
        self.packed_byte_sections(m)
    }
    // The packed-array pane and "What is this?" (issue 9).
    fn array_storage(&self, m: ModuleIdx, t: TreeId) -> crate::array::ArrayStorage {
        self.packed_array_storage(m, t)
    }
    fn array_row(&self, m: ModuleIdx, t: TreeId, n: NodePos) -> Option<crate::array::ArrayRow> {
        self.packed_array_row(m, t, n)
    }
    fn explain(&self, sel: &crate::glossary::Selection) -> Vec<crate::glossary::Entry> {
        self.packed_explain(sel)
    }

    fn format(&self) -> Format {
        Format::PackedRod
    }

    fn notes(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(v) = self.graph.mixed_versions() {
            let parts: Vec<String> = v
                .iter()
                .map(|(v, n)| format!("{} ({})", v.compiler(), plural(*n, "module", "modules")))
                .collect();
            out.push(format!("Files of different compilers were loaded: {}. Modules of different compilers are never linked.", parts.join(", ")));
        }
        let missing = &self.graph.build_roots().missing_deps;
        if !missing.is_empty() {
            let mut paths: Vec<String> = missing
                .iter()
                .filter_map(|&(m, lit)| self.module(m).map(|pm| crate::text::short_path(&pm.str(lit)).to_string()))
                .collect();
            paths.sort();
            paths.dedup();
            let shown = paths.len().min(8);
            let more = if paths.len() > shown { format!(", and {} more", paths.len() - shown) } else { String::new() };
            out.push(format!(
                "{} imported by the build {} not loaded ({}{more}): references into them stay unresolved.",
                plural(paths.len(), "module", "modules"),
                if paths.len() == 1 { "is" } else { "are" },
                paths[..shown].join(", ")
            ));
        }
        for (file, why) in &self.stray {
            out.push(format!("{file}: {why}"));
        }
        out
    }

    fn problems(&self) -> Vec<FileProblem> {
        self.problems.clone()
    }

    fn module_count(&self) -> usize {
        self.graph.len()
    }

    fn module_row(&self, m: ModuleIdx) -> Option<ModuleRow> {
        let gm = self.graph.get(m)?;
        let pm = &gm.module;
        Some(ModuleRow {
            module: m,
            file: gm.name.clone(),
            path: gm.path.clone(),
            short: gm.short().to_string(),
            compiler: pm.version.compiler().to_string(),
            size: self.sizes.get(m.index()).copied().unwrap_or(pm.file_size),
            syms: pm.syms.count(),
            holes: pm.syms.iter().filter(|(_, s)| s.is_hole()).count(),
            types: pm.types.table.count(),
            nodes: pm.node_count(),
            alive: self.live.as_ref().map(|l| l.alive(m).len()),
            live: self.live_mark(m),
            status: self.status_words(m),
        })
    }

    fn module_key(&self, m: ModuleIdx) -> Option<String> {
        self.keys.get(m.index()).cloned()
    }

    fn module_by_key(&self, key: &str) -> Option<ModuleIdx> {
        self.key_index.get(key).copied()
    }

    fn module_facts(&self, mi: ModuleIdx) -> Vec<Fact> {
        let Some(gm) = self.graph.get(mi) else {
            return Vec::new();
        };
        let m = &gm.module;
        let n = m.version.names();
        let mut f = vec![
            Fact::text("File", gm.name.clone()),
            Fact::text("Path", gm.path.clone()),
            Fact::text(
                "Compiler",
                format!(
                    "{} layout (RodVersion {})",
                    m.version.compiler(),
                    m.version.rod_version_byte()
                ),
            ),
        ];
        let status = self.status_words(mi);
        f.push(Fact::text("Build", if status.is_empty() { "in the current build".to_string() } else { status.join(", ") }));
        // Each imported module once (1.6.10's system.rod records digitsutils twice); the
        // imports table keeps every row as stored and marks the repeats.
        let mut imports: Vec<Link> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (i, dep) in m.imports.iter().enumerate() {
            if !seen.insert(*dep) {
                continue;
            }
            imports.extend(self.packed_table_row(mi, "imports", i).into_iter().flatten());
        }
        f.push(Fact::links("Imports", imports));
        f.push(Fact::text("Backend", name_or_raw(n.backend, m.config.backend as u32)));
        f.push(Fact::text("GC", name_or_raw(n.gc_mode, m.config.selected_gc as u32)));
        f.push(Fact::text("C compiler", name_or_raw(n.system_cc, m.config.c_compiler as u32)));
        let opts: Vec<String> = flag_names(n.option, m.config.options as u64).into_iter().map(|c| c.into_owned()).collect();
        f.push(Fact::text("Options", opts.join(", ")));
        let gopts: Vec<String> = flag_names(n.global_option, m.config.global_options)
            .into_iter()
            .map(|c| c.into_owned())
            .collect();
        f.push(Fact::text("Global options", gopts.join(", ")));
        let defines: Vec<&str> = m
            .defined_symbols
            .split(' ')
            .skip(1)
            .filter(|s| !s.is_empty())
            .collect();
        f.push(Fact::text(
            format!("Defines (-d, {})", defines.len()),
            defines.join(" "),
        ));
        let mflags: Vec<String> = flag_names(n.sym_flag, m.module_flags)
            .into_iter()
            .map(|c| c.into_owned())
            .collect();
        f.push(Fact::text("Module flags", mflags.join(", ")));
        f
    }

    fn trees(&self, m: ModuleIdx) -> Vec<TreeInfo> {
        let Some(pm) = self.module(m) else {
            return Vec::new();
        };
        TREES
            .iter()
            .map(|&k| TreeInfo {
                id: tree_id(k),
                slug: k.slug().to_string(),
                title: k.name().to_string(),
                len: pm.tree(k).len(),
            })
            .collect()
    }

    fn tree_len(&self, m: ModuleIdx, t: TreeId) -> usize {
        match (self.module(m), tree_kind(t)) {
            (Some(pm), Some(k)) => pm.tree(k).len(),
            _ => 0,
        }
    }

    fn subtree_end(&self, m: ModuleIdx, t: TreeId, n: NodePos) -> NodePos {
        match (self.module(m), tree_kind(t)) {
            (Some(pm), Some(k)) if n.index() < pm.tree(k).len() => pm.tree(k).subtree_end(n),
            _ => n,
        }
    }

    fn node_row(&self, m: ModuleIdx, t: TreeId, n: NodePos) -> Option<NodeRow> {
        self.packed_node_row(m, tree_kind(t)?, n)
    }

    fn folds_children(&self, m: ModuleIdx, t: TreeId, n: NodePos) -> bool {
        match (self.module(m), tree_kind(t)) {
            (Some(pm), Some(k)) => pm.tree(k).node(n).is_some_and(|x| x.kind == rod_decoder::NodeKind::MODULE_REF),
            _ => false,
        }
    }

    fn full_literal(&self, m: ModuleIdx, t: TreeId, n: NodePos) -> Option<String> {
        let (pm, k) = (self.module(m)?, tree_kind(t)?);
        match pm.literal(k, n) {
            rod_decoder::Literal::None | rod_decoder::Literal::Sym(_) => None,
            lit => Some(lit.display()),
        }
    }

    fn file_parts(&self, m: ModuleIdx) -> Vec<FilePart> {
        let Some(pm) = self.module(m) else { return Vec::new() };
        pm.sections
            .iter()
            .map(|s| FilePart { name: s.span.name.to_string(), start: s.span.start, len: s.span.end.saturating_sub(s.span.start), count: s.span.count.map(|c| c as usize) })
            .collect()
    }

    fn symbols(&self, m: ModuleIdx) -> Vec<SymKey> {
        let Some(pm) = self.module(m) else {
            return Vec::new();
        };
        pm.syms
            .iter()
            .filter(|(_, s)| !s.is_hole())
            .map(|(id, _)| sym_key(id))
            .collect()
    }

    fn symbol_holes(&self, m: ModuleIdx) -> usize {
        let Some(pm) = self.module(m) else { return 0 };
        pm.syms.iter().filter(|(_, s)| s.is_hole()).count()
    }

    fn sym_row(&self, m: ModuleIdx, s: SymKey) -> Option<SymRow> {
        self.packed_sym_row(m, sym_id(s)?)
    }

    fn types(&self, m: ModuleIdx) -> Vec<TypeKey> {
        let Some(pm) = self.module(m) else {
            return Vec::new();
        };
        pm.types
            .table
            .iter()
            .filter(|(_, t)| !t.is_hole())
            .map(|(id, _)| TypeKey(i64::from(id.0)))
            .collect()
    }

    fn type_row(&self, m: ModuleIdx, t: TypeKey) -> Option<TypeRow> {
        self.packed_type_row(m, type_id(t)?)
    }

    fn sym_link(&self, m: ModuleIdx, s: SymKey, qualified: bool) -> Link {
        match sym_id(s) {
            Some(id) => self.sym_link_of(m, id, qualified),
            None => Link::unresolved(format!("#{s}"), "no such symbol"),
        }
    }

    fn tables(&self, m: ModuleIdx) -> Vec<TableInfo> {
        self.packed_tables(m)
    }

    fn table_row(&self, m: ModuleIdx, table: &str, row: usize) -> Option<Vec<Link>> {
        self.packed_table_row(m, table, row)
    }

    fn live_mark(&self, m: ModuleIdx) -> LiveMark {
        if self.live.is_none() {
            return LiveMark::None;
        }
        self.marks
            .get(m.index())
            .cloned()
            .unwrap_or(LiveMark::NoRecord)
    }

    fn is_alive(&self, m: ModuleIdx, s: SymKey) -> Option<bool> {
        Some(self.live.as_ref()?.is_alive(m, sym_id(s)?))
    }

    fn in_record(&self, m: ModuleIdx, s: SymKey) -> Option<bool> {
        let f = self.alive_files.get(m.index())?.as_ref()?;
        Some(f.ids.binary_search(&sym_id(s)?).is_ok())
    }

    fn why(&self, m: ModuleIdx, s: SymKey) -> Why {
        let Some(live) = self.live.as_ref() else {
            return Why::Unknown("the live set has not been computed".into());
        };
        let Some(id) = sym_id(s) else {
            return Why::Unknown("no such symbol".into());
        };
        if let Some(steps) = live.why_alive(m, id) {
            return Why::Alive(
                steps
                    .iter()
                    .map(|st| WhyStep {
                        site: self.site_link(st.cause.site),
                        rule: rule_text(&st.cause.rule),
                        sym: self.sym_link_of(st.module, st.sym, true),
                    })
                    .collect(),
            );
        }
        let usages = self.usage_index();
        let Some(w) = live.why_dead_in(&self.graph, usages, m, id, &mut self.contexts.borrow_mut())
        else {
            return Why::Unknown("no such symbol".into());
        };
        let reason = match w.reason {
            DeadReason::NotInBuild(ModuleStatus::Duplicate(_)) => {
                "its module is a duplicate, ignored".to_string()
            }
            DeadReason::NotInBuild(ModuleStatus::NoPath) => {
                "its module is without an own path, ignored".to_string()
            }
            DeadReason::NotInBuild(_) => {
                "its module is stale: not part of the current build".to_string()
            }
            DeadReason::NotReachable => "not reachable from any root".to_string(),
        };
        let mentions = w
            .mentions
            .iter()
            .map(|mention| {
                let u = mention.usage;
                let kname = |k: rod_decoder::NodeKind| {
                    self.module(u.module).map_or_else(|| format!("#{}", k.0), |pm| name_or_raw(pm.version.names().node_kind, k.0 as u32).into_owned())
                };
                let why = match mention.context {
                    MentionContext::ToReplay => "in toReplay, which the DCE never scans".to_string(),
                    MentionContext::NotInBuild => "in a module outside the current build".to_string(),
                    MentionContext::Skipped { kind, node } => {
                        if rod_decoder::names::ordinals::defines_routine(kind.0) {
                            format!("inside {} at node {}: a definition is not a use (its body is scanned only once its symbol is alive)", kname(kind), node.0)
                        } else {
                            format!("inside {} at node {}, which the DCE does not enter", kname(kind), node.0)
                        }
                    }
                    MentionContext::DeadOwner { owner } => format!("in {}, which is not alive", self.sym_label(u.module, owner, false)),
                    MentionContext::OutsideBody { owner } => format!("in {} outside its body (parameters, pragmas)", self.sym_label(u.module, owner, false)),
                    MentionContext::TypeNode { type_id } => format!("in the node of type #{type_id}; types are never followed"),
                    MentionContext::UnownedRoot => "in a bodies root no symbol or type points at (an expansion record)".to_string(),
                    MentionContext::Scanned => "on a scanned path (inconsistent)".to_string(),
                };
                (Link::to(format!("{}, {}", self.short(u.module), self.node_text(u.module, u.tree, u.node)), Target::Node(u.module, tree_id(u.tree), u.node)), why)
            })
            .collect();
        Why::Dead { reason, mentions }
    }

    fn usages(&self, m: ModuleIdx, s: SymKey) -> Vec<UsageRow> {
        let Some(id) = sym_id(s) else {
            return Vec::new();
        };
        let list = self.usage_index().of(m, id);
        let mut ctx = self.contexts.borrow_mut();
        list.iter()
            .map(|u| {
                let within = if u.tree == TreeKind::Bodies {
                    ctx.owners_of(&self.graph, u.module, u.node)
                        .iter()
                        .map(|o| match *o {
                            Owner::Ast(s) => self.sym_link_of(u.module, s, false),
                            Owner::Extra(s) => {
                                let mut l = self.sym_link_of(u.module, s, false);
                                l.note = Some("constraint or library".into());
                                l
                            }
                            Owner::Type(t) => Link::to(
                                format!("type #{t}"),
                                Target::Type(u.module, TypeKey(i64::from(t.0))),
                            ),
                        })
                        .collect()
                } else {
                    Vec::new()
                };
                UsageRow {
                    node: self.node_link(u.module, u.tree, u.node),
                    pos: self.module(u.module).and_then(|pm| pos_of(pm, &u.info)),
                    within,
                }
            })
            .collect()
    }

    fn search(&self, query: &str, cap: usize) -> (Vec<SymHit>, usize) {
        let (name, module) = match query.rsplit_once('@') {
            Some((n, m)) if !n.is_empty() => (n, Some(m)),
            _ => (query, None),
        };
        let keep = |mi: ModuleIdx| match module {
            Some(q) if !q.is_empty() => self.graph.get(mi).is_some_and(|g| g.matches_query(q)),
            _ => true,
        };
        let (hits, total) = self.search_index().find(name, cap, keep);
        (
            hits.into_iter()
                .map(|(module, sym, rank, _)| SymHit {
                    module,
                    sym: sym_key(sym),
                    rank,
                })
                .collect(),
            total,
        )
    }

    fn nodes_at(&self, file: &str, line: i32, col: Option<i32>) -> Vec<crate::rows::NodeAt> {
        self.packed_nodes_at(file, line, col)
    }

    fn source_files(&self, m: ModuleIdx) -> Vec<crate::rows::SourceFile> {
        self.packed_source_files(m)
    }

    fn find_in_tree(&self, m: ModuleIdx, t: TreeId, query: &str, cap: usize) -> Vec<NodePos> {
        self.packed_find(m, t, query, cap)
    }

    fn find_symbols(&self, query: &str) -> Vec<(ModuleIdx, SymKey)> {
        self.graph
            .find_symbols(query)
            .into_iter()
            .map(|(m, id)| (m, sym_key(id)))
            .collect()
    }

    // ---- builds: compare and what-if (compare_view.rs)

    fn as_any(&self) -> Option<&dyn std::any::Any> {
        Some(self)
    }

    fn build_diff(&self, newer: &dyn Cache) -> Option<crate::compare::BuildCompare> {
        self.view_build_diff(newer)
    }

    fn tree_diff(&self, m: ModuleIdx, newer: &dyn Cache, m_new: ModuleIdx) -> Option<Vec<crate::compare::TreeChange>> {
        self.view_tree_diff(m, newer, m_new)
    }

    fn removable(&self, m: ModuleIdx, t: TreeId, n: NodePos) -> Option<crate::compare::Removal> {
        self.view_removable(m, t, n)
    }

    fn whatif(&self, remove: &[crate::compare::Removal]) -> Option<crate::compare::WhatIfView> {
        self.view_whatif(remove)
    }

    // builds: graph and integrity
    fn graph_layout(&self) -> Option<crate::layout::GraphLayout> {
        Some(PackedCache::graph_layout(self))
    }

    fn integrity(&self, source_sha1: &dyn Fn(&str) -> Option<String>) -> Option<Vec<crate::builds::IntegrityRow>> {
        Some(self.integrity_rows(source_sha1))
    }
}
