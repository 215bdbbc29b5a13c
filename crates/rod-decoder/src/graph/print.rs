//! Printers for the whole-program views. Each writes to an `impl Write`, so the
//! CLI, the tests and the web app share them.

use super::dce::{Anomaly, LiveSet, Site};
use super::diff::{AliveCheck, BuildDiff, ModuleChange, Reason};
use super::imports::ImportGraph;
use super::{GraphModule, LinkFailure, ModuleGraph, ModuleIdx};
use crate::ids::{NodePos, SymId, TreeKind};
use crate::print::short_path;
use crate::tree::LineInfo;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// `name (skKind #id)` of a symbol, or `<missing symbol #id>`.
fn sym_text(g: &ModuleGraph, m: ModuleIdx, id: SymId) -> String {
    g.sym_label(m, id)
}

/// `module.nim: name (skKind #id)`.
fn qualified(g: &ModuleGraph, m: ModuleIdx, id: SymId) -> String {
    format!("{}: {}", short_of(g, m), sym_text(g, m, id))
}

fn short_of(g: &ModuleGraph, m: ModuleIdx) -> &str {
    g.get(m).map_or("?", GraphModule::short)
}

/// `file.nim:line:col` of a line info of module `m` (`?` when it has none).
fn info_text(g: &ModuleGraph, m: ModuleIdx, info: LineInfo) -> String {
    match g.get(m) {
        Some(gm) if !info.file.is_none() => format!("{}:{}:{}", short_path(&gm.module.str(info.file)), info.line, info.col),
        _ => "?".to_string(),
    }
}

/// `topLevel node 12 (main.nim:5:2)`.
fn node_text(g: &ModuleGraph, m: ModuleIdx, tree: TreeKind, node: NodePos) -> String {
    let info = g.get(m).and_then(|gm| gm.module.tree(tree).node(node)).map(|n| n.info).unwrap_or_default();
    format!("{} node {} ({})", tree.name(), node.0, info_text(g, m, info))
}

/// `  (main, system)`-style tags of a module ([`ModuleGraph::status_words`]).
fn status_text(g: &ModuleGraph, m: ModuleIdx) -> String {
    let tags = g.status_words(m);
    if tags.is_empty() {
        String::new()
    } else {
        format!("  ({})", tags.join(", "))
    }
}

/// Notes about the graph itself: mixed versions, main modules, missing deps.
pub fn print_graph_notes(g: &ModuleGraph, out: &mut impl Write) -> io::Result<()> {
    if let Some(v) = g.mixed_versions() {
        let list: Vec<String> = v.iter().map(|(v, n)| format!("{} of {}", plural(*n, "module"), v.compiler())).collect();
        writeln!(out, "note: mixed compiler versions ({}); modules of different versions are never linked", list.join(", "))?;
    }
    let roots = g.build_roots();
    for v in &roots.assumed_whole {
        writeln!(out, "note: no main module among the {} modules: all of them are taken as the build", v.label())?;
    }
    let mains = roots.mains.iter().filter(|m| g.get(**m).is_some()).count();
    if mains > 1 {
        let names: Vec<&str> = roots.mains.iter().map(|&m| short_of(g, m)).collect();
        writeln!(out, "note: {mains} main modules ({}): their builds are analysed together", names.join(", "))?;
    }
    for &(m, dep) in &roots.missing_deps {
        let path = g.get(m).map(|gm| gm.module.str(dep).into_owned()).unwrap_or_default();
        writeln!(out, "note: {} imports {path}, which is not loaded", short_of(g, m))?;
    }
    Ok(())
}

/// Per module: short path, alive count, number of symbols, status; then totals.
pub fn print_alive_summary(g: &ModuleGraph, live: &LiveSet, out: &mut impl Write) -> io::Result<()> {
    print_graph_notes(g, out)?;
    let width = g.modules().iter().map(|m| m.short().len()).max().unwrap_or(6).max(6);
    writeln!(out, "{:width$}  {:>7}  {:>7}", "module", "alive", "symbols")?;
    let (mut alive, mut total, mut stale) = (0, 0, 0);
    for i in g.indexes() {
        let Some(gm) = g.get(i) else { continue };
        let syms = gm.module.syms.iter().filter(|(_, s)| !s.is_hole()).count();
        if gm.in_build() {
            let n = live.alive(i).len();
            alive += n;
            total += syms;
            writeln!(out, "{:width$}  {:>7}  {:>7}{}", gm.short(), n, syms, status_text(g, i))?;
        } else {
            stale += 1;
            writeln!(out, "{:width$}  {:>7}  {:>7}{}", gm.short(), "-", syms, status_text(g, i))?;
        }
    }
    let built = g.in_build().count();
    writeln!(out, "{built} modules in the build, {stale} not; {alive} of {total} symbols alive")?;
    print_anomalies(g, live, out)
}

/// The anomalies met by the DCE, one per line.
pub fn print_anomalies(g: &ModuleGraph, live: &LiveSet, out: &mut impl Write) -> io::Result<()> {
    for a in live.anomalies() {
        let text = match a {
            Anomaly::UnresolvedLink { site, link } => {
                let path = g.get(link.from).map(|gm| gm.module.str(link.path).into_owned()).unwrap_or_default();
                let why = match link.reason {
                    LinkFailure::NotLoaded => "not loaded".to_string(),
                    LinkFailure::OtherVersion(o) => format!("only {} of another compiler version is loaded", short_of(g, o)),
                };
                format!("{}: reference to {path} #{} ({why})", site_text(g, *site), link.item)
            }
            Anomaly::MissingSymbol { module, id, site } => {
                format!("{}: follows {} #{id}, which is not stored", site_text(g, *site), short_of(g, *module))
            }
            Anomaly::BadAst { module, id, ast } => format!("{}: ast {} has no body to scan", qualified(g, *module, *id), ast.0),
            Anomaly::OutsideBuild { site, target } => {
                format!("{}: reaches {}, which is not in the current build", site_text(g, *site), short_of(g, *target))
            }
            Anomaly::MissingCompilerProc { site, name } => format!("{}: compilerproc {name} is not registered", site_text(g, *site)),
            Anomaly::UnreadableType { site } => format!("{}: range check with unreadable types", site_text(g, *site)),
            Anomaly::MalformedDef { site } => format!("{}: routine definition without generic parameters son", site_text(g, *site)),
        };
        writeln!(out, "anomaly: {text}")?;
    }
    Ok(())
}

/// `{"<module absolute path>": [sorted alive ids], ...}` for the modules of the
/// current build, sorted by path.
pub fn print_alive_json(g: &ModuleGraph, live: &LiveSet, out: &mut impl Write) -> io::Result<()> {
    let mut by_path: BTreeMap<&str, ModuleIdx> = BTreeMap::new();
    for i in g.in_build() {
        if let Some(gm) = g.get(i) {
            by_path.insert(&gm.path, i);
        }
    }
    write!(out, "{{")?;
    for (n, (path, i)) in by_path.into_iter().enumerate() {
        let key = serde_json::to_string(path).map_err(io::Error::other)?;
        let ids: Vec<String> = live.alive(i).iter().map(|x| x.to_string()).collect();
        write!(out, "{}\n  {key}: [{}]", if n == 0 { "" } else { "," }, ids.join(", "))?;
    }
    writeln!(out, "\n}}")
}

fn id_list(g: &ModuleGraph, m: ModuleIdx, ids: &[SymId]) -> String {
    const SHOWN: usize = 8;
    let mut parts: Vec<String> = ids.iter().take(SHOWN).map(|&id| sym_text(g, m, id)).collect();
    if ids.len() > SHOWN {
        parts.push(format!("… {} more", ids.len() - SHOWN));
    }
    parts.join(", ")
}

/// One line per module whose computed set differs from its `.alivesyms` (and per
/// module without one), then `N modules match, M differ, S stale (not compared)`.
pub fn print_alive_check(g: &ModuleGraph, live: &LiveSet, c: &AliveCheck, out: &mut impl Write) -> io::Result<()> {
    for (m, extra, lacking) in &c.differ {
        let mut parts = Vec::new();
        if !extra.is_empty() {
            parts.push(format!("{} only computed: {}", extra.len(), id_list(g, *m, extra)));
        }
        if !lacking.is_empty() {
            parts.push(format!("{} only in the file: {}", lacking.len(), id_list(g, *m, lacking)));
        }
        writeln!(out, "differs: {} ({} alive computed): {}", short_of(g, *m), live.alive(*m).len(), parts.join("; "))?;
    }
    for m in &c.missing {
        writeln!(out, "no .alivesyms: {}", short_of(g, *m))?;
    }
    for (m, v) in &c.wrong_version {
        writeln!(out, "wrong version: {}: its .alivesyms was written by {}", short_of(g, *m), v.compiler())?;
    }
    let mut line = format!("{} modules match, {} differ", c.matched.len(), c.differ.len());
    if !c.stale.is_empty() {
        line.push_str(&format!(", {} stale (not compared)", c.stale.len()));
    }
    if !c.missing.is_empty() {
        line.push_str(&format!(", {} without .alivesyms", c.missing.len()));
    }
    if !c.wrong_version.is_empty() {
        line.push_str(&format!(", {} with a .alivesyms of another version", c.wrong_version.len()));
    }
    writeln!(out, "{line}")
}

/// `top level of main.nim, topLevel node 12 (main.nim:5:2)` or
/// `body of main.nim: main (skProc #3), bodies node 40 (main.nim:20:4)`.
fn site_text(g: &ModuleGraph, site: Site) -> String {
    match site {
        Site::TopLevel { module, node } => {
            format!("top level of {}, {}", short_of(g, module), node_text(g, module, TreeKind::TopLevel, node))
        }
        Site::Body { module, owner, node } => {
            let routine = match (g.get(module), g.sym(module, owner)) {
                (Some(gm), Some(s)) => super::vocab::Vocab::of(gm.module.version).routine_kinds.contains(s.kind as u32),
                _ => false,
            };
            format!(
                "{} of {}, {}",
                if routine { "body" } else { "ast" },
                qualified(g, module, owner),
                node_text(g, module, TreeKind::Bodies, node)
            )
        }
    }
}


fn diff_module_name<'a>(g: Option<&'a ModuleGraph>, path: &str) -> Option<(&'a ModuleGraph, ModuleIdx)> {
    let g = g?;
    Some((g, g.by_path_any(path)?))
}

fn named_ids(g: Option<(&ModuleGraph, ModuleIdx)>, ids: &[SymId]) -> Vec<String> {
    ids.iter()
        .map(|&id| match g {
            Some((g, m)) => sym_text(g, m, id),
            None => format!("#{id}"),
        })
        .collect()
}

/// The modules whose live set changed (or that were added, removed or whose source
/// changed), with the symbols that entered (`+`) and left (`-`), then a summary.
/// Names come from the new build for entered symbols and the old one for left ones.
pub fn print_build_diff(d: &BuildDiff, old: Option<&ModuleGraph>, new: Option<&ModuleGraph>, out: &mut impl Write) -> io::Result<()> {
    let (mut regen, mut added, mut removed, mut same, mut recompiled) = (0, 0, 0, 0, 0);
    for md in &d.modules {
        let what = match md.change {
            ModuleChange::Added => {
                added += 1;
                "added".to_string()
            }
            ModuleChange::Removed => {
                removed += 1;
                "removed".to_string()
            }
            ModuleChange::Regenerated => {
                regen += 1;
                format!("regenerated, +{} -{}", md.entered.len(), md.left.len())
            }
            ModuleChange::VersionChanged => {
                regen += 1;
                "written by another compiler version".to_string()
            }
            ModuleChange::Unchanged if md.regenerated => {
                recompiled += 1;
                "recompiled, live set unchanged".to_string()
            }
            ModuleChange::Unchanged => {
                same += 1;
                continue;
            }
        };
        let why: Vec<String> = md
            .reasons
            .iter()
            .filter(|r| **r != Reason::AliveSetChanged)
            .map(|r| match r {
                Reason::DependencyChanged if !md.changed_deps.is_empty() => {
                    let deps: Vec<&str> = md.changed_deps.iter().map(|p| short_path(p)).collect();
                    format!("{}: {}", r.words(), deps.join(", "))
                }
                _ => r.words().to_string(),
            })
            .collect();
        let src_note = if why.is_empty() || md.change == ModuleChange::Removed { String::new() } else { format!(" ({})", why.join("; ")) };
        writeln!(out, "{}: {what}{src_note}", short_path(&md.path))?;
        if md.change == ModuleChange::Regenerated {
            for s in named_ids(diff_module_name(new, &md.path), &md.entered) {
                writeln!(out, "  + {s}")?;
            }
            for s in named_ids(diff_module_name(old, &md.path), &md.left) {
                writeln!(out, "  - {s}")?;
            }
        }
    }
    let mut line = format!("{regen} regenerated, {added} added, {removed} removed, {same} unchanged");
    if recompiled > 0 {
        line.push_str(&format!(", {recompiled} recompiled with an unchanged live set"));
    }
    writeln!(out, "{line}")
}

/// The import graph as text: per module its imports and reference-only edges with
/// reference counts, then unresolved paths.
pub fn print_import_graph(g: &ModuleGraph, ig: &ImportGraph, out: &mut impl Write) -> io::Result<()> {
    print_graph_notes(g, out)?;
    for i in g.indexes() {
        let Some(gm) = g.get(i) else { continue };
        writeln!(out, "{}{}", gm.short(), status_text(g, i))?;
        for e in ig.from(i) {
            let kind = if e.imported { "imports" } else { "refers to" };
            writeln!(out, "  {kind} {} ({})", short_of(g, e.to), plural(e.refs, "ref"))?;
        }
        for (m, lit, dep, refs) in &ig.unresolved {
            if *m == i {
                let path = gm.module.str(*lit);
                let kind = if *dep { "imports" } else { "refers to" };
                writeln!(out, "  {kind} {path} ({}, not loaded)", plural(*refs, "ref"))?;
            }
        }
    }
    Ok(())
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn dot_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// The import graph in Graphviz DOT: one box per module (main bold, system filled,
/// stale dashed), solid edges for deps, dashed ones for reference-only edges,
/// labelled with reference counts.
pub fn write_dot(g: &ModuleGraph, ig: &ImportGraph, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "digraph modules {{")?;
    writeln!(out, "  rankdir=LR;")?;
    writeln!(out, "  node [shape=box, fontname=\"monospace\"];")?;
    for i in g.indexes() {
        let Some(gm) = g.get(i) else { continue };
        let mut attrs = vec![format!("label=\"{}\"", dot_escape(gm.short())), format!("tooltip=\"{}\"", dot_escape(&gm.path))];
        if gm.is_main {
            attrs.push("style=bold".into());
        } else if gm.is_system {
            attrs.push("style=filled, fillcolor=\"#eeeeee\"".into());
        }
        if !gm.in_build() {
            attrs.push("style=dashed, color=gray".into());
        }
        writeln!(out, "  {i} [{}];", attrs.join(", "))?;
    }
    let mut externals: BTreeMap<String, usize> = BTreeMap::new();
    for (m, lit, dep, refs) in &ig.unresolved {
        let path = g.get(*m).map(|gm| gm.module.str(*lit).into_owned()).unwrap_or_default();
        let n = externals.len();
        let id = *externals.entry(path.clone()).or_insert(n);
        if id == n {
            writeln!(out, "  x{id} [label=\"{}\", style=dotted, tooltip=\"not loaded\"];", dot_escape(short_path(&path)))?;
        }
        let style = if *dep { "" } else { ", style=dashed" };
        writeln!(out, "  {m} -> x{id} [label=\"{refs}\"{style}];")?;
    }
    for e in &ig.edges {
        let style = if e.imported { "" } else { ", style=dashed" };
        writeln!(out, "  {} -> {} [label=\"{}\"{style}];", e.from, e.to, e.refs)?;
    }
    writeln!(out, "}}")
}

/// `{"modules": [{"module", "regenerated", "reasons", "entered", "left"}, ...]}`:
/// every module of either build in path order (paths as in `alive --json`), with
/// its reasons as slugs ([`Reason::slug`]) and sorted symbol ids.
pub fn print_build_diff_json(d: &BuildDiff, out: &mut impl Write) -> io::Result<()> {
    print_build_diff_json_with(d, &|_| None, out)
}

/// One module of [`print_build_diff_json`]: `{"module", "regenerated", "reasons",
/// "entered", "left"}`.
pub fn module_diff_json(md: &super::diff::ModuleDiff) -> serde_json::Value {
    let reasons: Vec<&str> = md.reasons.iter().map(|r| r.slug()).collect();
    serde_json::json!({
        "module": md.path,
        "regenerated": md.regenerated,
        "reasons": reasons,
        "entered": md.entered,
        "left": md.left,
    })
}

/// [`print_build_diff_json`] with a further `"trees"` member per module where `extra`
/// gives one (`rodscope diff --json --trees`).
pub fn print_build_diff_json_with(
    d: &BuildDiff,
    extra: &dyn Fn(&super::diff::ModuleDiff) -> Option<serde_json::Value>,
    out: &mut impl Write,
) -> io::Result<()> {
    write!(out, "{{\"modules\": [")?;
    for (n, md) in d.modules.iter().enumerate() {
        let mut v = module_diff_json(md);
        if let (Some(t), Some(obj)) = (extra(md), v.as_object_mut()) {
            obj.insert("trees".to_string(), t);
        }
        write!(out, "{}\n  {}", if n == 0 { "" } else { "," }, serde_json::to_string(&v).map_err(io::Error::other)?)?;
    }
    writeln!(out, "\n]}}")
}
