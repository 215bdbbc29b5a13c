//! Printers for the structural diffs of two builds' trees (`rodscope diff --trees`):
//! per module in both builds, the top-level statements and routine bodies that
//! differ, with the roots of the differing subtrees (tree, node, kind, line:col).
//! Text and JSON, both to an `impl Write`.

use super::diff::BuildDiff;
use super::treediff::{ItemChange, ItemDiff, ItemKind, TreeDiff};
use super::{ModuleGraph, ModuleIdx};
use crate::ids::{NodePos, TreeKind};
use crate::names::name_or_raw;
use crate::print::short_path;
use std::io::{self, Write};

/// Most subtree roots printed per side of one item (text; the JSON has them all).
const ROOTS_SHOWN: usize = 12;

/// The tree an item is in.
pub fn item_tree(k: ItemKind) -> TreeKind {
    match k {
        ItemKind::Statement => TreeKind::TopLevel,
        ItemKind::Body => TreeKind::Bodies,
    }
}

/// `statement` / `body`.
pub fn item_kind_word(k: ItemKind) -> &'static str {
    match k {
        ItemKind::Statement => "statement",
        ItemKind::Body => "body",
    }
}

/// `added`, `removed`, `changed`, `same`.
pub fn item_change_word(c: ItemChange) -> &'static str {
    match c {
        ItemChange::Added => "added",
        ItemChange::Removed => "removed",
        ItemChange::Changed => "changed",
        ItemChange::Same => "same",
    }
}

/// An item's key in words: `greet:skProc` → `greet (skProc)`; `greet:skProc (2)` →
/// `greet (skProc) (2)`; an anonymous statement's key (`nkCall 0123…`) → `nkCall at
/// line 12` (`line`: where the statement starts).
pub fn item_words(key: &str, line: Option<i32>) -> String {
    let (base, nth) = match key.rsplit_once(" (") {
        Some((b, n)) if n.ends_with(')') && n.trim_end_matches(')').chars().all(|c| c.is_ascii_digit()) => (b, Some(n.trim_end_matches(')'))),
        _ => (key, None),
    };
    let words = match base.rsplit_once(':') {
        Some((name, kind)) if kind.starts_with("sk") => format!("{name} ({kind})"),
        _ => match base.split_once(' ') {
            Some((kind, _hash)) => match line {
                Some(l) => format!("{kind} at line {l}"),
                None => kind.to_string(),
            },
            None => base.to_string(),
        },
    };
    match nth {
        Some(n) => format!("{words} ({n})"),
        None => words,
    }
}

/// The line an item starts at (its root in the new build, else in the old one).
fn item_line(old: &ModuleGraph, a: ModuleIdx, new: &ModuleGraph, b: ModuleIdx, it: &ItemDiff) -> Option<i32> {
    let t = item_tree(it.kind);
    let line = |g: &ModuleGraph, m: ModuleIdx, p: Option<NodePos>| g.get(m)?.module.tree(t).node(p?).map(|n| n.info.line);
    line(new, b, it.new).or_else(|| line(old, a, it.old))
}

/// The modules in both builds, with their structural diffs (in the diff's order).
pub fn module_tree_diffs(d: &BuildDiff, old: &ModuleGraph, new: &ModuleGraph) -> Vec<(String, ModuleIdx, ModuleIdx, TreeDiff)> {
    d.modules
        .iter()
        .filter_map(|md| {
            let a = old.by_path_any(&md.path)?;
            let b = new.by_path_any(&md.path)?;
            Some((md.path.clone(), a, b, TreeDiff::between(old, a, new, b)))
        })
        .collect()
}

/// `bodies 142 nkAsgn 12:39` of a node of module `m`.
fn node_text(g: &ModuleGraph, m: ModuleIdx, t: TreeKind, p: NodePos) -> String {
    let Some(gm) = g.get(m) else { return format!("{} {}", t.slug(), p.0) };
    let pm = &gm.module;
    match pm.tree(t).node(p) {
        Some(n) => format!(
            "{} {} {} {}:{}",
            t.slug(),
            p.0,
            name_or_raw(pm.version.names().node_kind, n.kind.0 as u32),
            n.info.line,
            n.info.col
        ),
        None => format!("{} {}", t.slug(), p.0),
    }
}

fn roots_text(out: &mut impl Write, g: &ModuleGraph, m: ModuleIdx, t: TreeKind, roots: &[NodePos], sign: &str) -> io::Result<()> {
    for &p in roots.iter().take(ROOTS_SHOWN) {
        writeln!(out, "    {sign} {}", node_text(g, m, t, p))?;
    }
    if roots.len() > ROOTS_SHOWN {
        writeln!(out, "    {sign} … {} more", roots.len() - ROOTS_SHOWN)?;
    }
    Ok(())
}

/// The text report: per module whose trees differ, each differing item and the
/// roots of its differing subtrees (`-` in the old build, `+` in the new one).
pub fn print_tree_diffs(d: &BuildDiff, old: &ModuleGraph, new: &ModuleGraph, out: &mut impl Write) -> io::Result<()> {
    let diffs = module_tree_diffs(d, old, new);
    let mut any = false;
    for (path, a, b, td) in &diffs {
        let changed: Vec<&ItemDiff> = td.changed().collect();
        if changed.is_empty() {
            continue;
        }
        any = true;
        writeln!(out, "{}: {} of {} statements and bodies differ", short_path(path), changed.len(), td.items.len())?;
        for it in changed {
            let t = item_tree(it.kind);
            let name = item_words(&it.name, item_line(old, *a, new, *b, it));
            writeln!(out, "  {} {name}: {}", item_kind_word(it.kind), item_change_word(it.change))?;
            roots_text(out, old, *a, t, &it.changed_old, "-")?;
            roots_text(out, new, *b, t, &it.changed_new, "+")?;
        }
    }
    if !any {
        writeln!(out, "no module's trees differ ({} modules in both builds)", diffs.len())?;
    }
    Ok(())
}

/// The JSON value of one module's structural diff: `[{"kind", "name", "change",
/// "tree", "old", "new", "changed_old", "changed_new"}]` for the items that differ.
pub fn tree_diff_json(td: &TreeDiff) -> serde_json::Value {
    let items: Vec<serde_json::Value> = td
        .changed()
        .map(|it| {
            serde_json::json!({
                "kind": item_kind_word(it.kind),
                "name": it.name,
                "change": item_change_word(it.change),
                "tree": item_tree(it.kind).slug(),
                "old": it.old.map(|p| p.0),
                "new": it.new.map(|p| p.0),
                "changed_old": it.changed_old.iter().map(|p| p.0).collect::<Vec<u32>>(),
                "changed_new": it.changed_new.iter().map(|p| p.0).collect::<Vec<u32>>(),
            })
        })
        .collect();
    serde_json::Value::Array(items)
}

/// `rodscope diff --json --trees`: the build diff's JSON with each module in both
/// builds given its `"trees"` ([`tree_diff_json`]).
pub fn print_build_diff_json_trees(d: &BuildDiff, old: &ModuleGraph, new: &ModuleGraph, out: &mut impl Write) -> io::Result<()> {
    let extra = |md: &super::diff::ModuleDiff| {
        let a = old.by_path_any(&md.path)?;
        let b = new.by_path_any(&md.path)?;
        Some(tree_diff_json(&TreeDiff::between(old, a, new, b)))
    };
    super::print::print_build_diff_json_with(d, &extra, out)
}

#[cfg(test)]
mod tests {
    use super::item_words;

    #[test]
    fn item_names_in_words() {
        assert_eq!(item_words("greet:skProc", None), "greet (skProc)");
        assert_eq!(item_words("greet:skProc (2)", None), "greet (skProc) (2)");
        assert_eq!(item_words("nkCall 00ff00ff00ff00ff", Some(12)), "nkCall at line 12");
        assert_eq!(item_words("nkCall 00ff00ff00ff00ff (3)", Some(4)), "nkCall at line 4 (3)");
    }
}
