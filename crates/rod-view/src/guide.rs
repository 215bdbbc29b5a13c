//! Guided texts for a cache: a short tour whose steps are links into the views.
//!
//! A guide is a small text file (`guide.md`, shipped beside a cache: the explorer's
//! gallery samples carry one) in a Markdown subset:
//!
//! ```text
//! # Title
//!
//! One line that says what the sample shows (the gallery lists it).
//!
//! More paragraphs of introduction.
//!
//! ## A step's title
//! => def biggest@boxes
//! The step's text: `code` spans, and {node} / {kind} / ... filled in from the cache.
//! ```
//!
//! A step's target line (`=> VIEW ARGS`) names what to show by symbol names and tree
//! slugs, never by node numbers or ids: those are looked up in the loaded cache by
//! [`resolve`] ([`Cache::find_symbols`], [`Cache::definition`], [`Cache::usages`],
//! [`Cache::find_in_tree`]), so a guide stays right when the compiler numbers things
//! differently. The views:
//!
//! - `module MOD`: the module's overview;
//! - `symbol NAME@MOD`: the symbol's page;
//! - `def NAME@MOD`: the node that defines the symbol (its definition tree);
//! - `use NAME@MOD in OWNER@MOD`: the first node inside `OWNER`'s tree that names `NAME`;
//! - `tree SLUG@MOD`: the root of a tree of the module (`toplevel`, `bodies`, `replay`);
//! - `find QUERY in SLUG@MOD`: the first node of that tree that [`Cache::find_in_tree`]
//!   finds for `QUERY` (a kind, a literal, a name, `:LINE`).
//!
//! `NAME@MOD#K` picks the K-th symbol of that name (1-based, in the cache's order),
//! e.g. the second instance of a generic. The text's placeholders, filled in by
//! [`resolve`]: `{node}` (node position), `{tree}` (tree title), `{kind}` (the node's
//! kind, or the symbol's), `{name}` (the node's symbol or the symbol's name), `{id}`
//! (the symbol id), `{module}` (the module's short name), `{type}` (the type).
//!
//! Sizes are capped ([`MAX_GUIDE_BYTES`], [`MAX_STEPS`]): a guide may come from any
//! folder a page loads.

use crate::cache::Cache;
use crate::ids::{ModuleIdx, NodePos, SymKey, Target, TreeId};
use crate::rows::NodeValue;

/// Longest guide text read (longer ones are cut at a line end before this).
pub const MAX_GUIDE_BYTES: usize = 64 * 1024;
/// Most steps kept.
pub const MAX_STEPS: usize = 64;
/// Most usages looked through for a `use` step.
const MAX_USAGES: usize = 10_000;

/// A piece of a paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Span {
    /// Plain words.
    Text(String),
    /// A `code` span.
    Code(String),
}

/// What a step shows, as written in the guide.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StepView {
    /// `module MOD`.
    Module(String),
    /// `symbol NAME@MOD`.
    Symbol(String),
    /// `def NAME@MOD`.
    Definition(String),
    /// `use NAME@MOD in OWNER@MOD`.
    Use {
        /// The symbol named.
        of: String,
        /// The routine or type whose tree holds the node.
        within: String,
    },
    /// `tree SLUG@MOD`.
    Tree(String),
    /// `find QUERY in SLUG@MOD`.
    Find {
        /// What [`Cache::find_in_tree`] looks for.
        query: String,
        /// `SLUG@MOD`.
        tree: String,
    },
}

/// One step of a guide, as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// Its title.
    pub title: String,
    /// What it shows (`None`: the target line is missing or not understood).
    pub view: Option<StepView>,
    /// The target line as written (for messages).
    pub target_text: String,
    /// Its paragraphs, with placeholders still in.
    pub text: Vec<String>,
}

/// A parsed guide.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Guide {
    /// The title.
    pub title: String,
    /// The first paragraph: one line for lists.
    pub summary: String,
    /// The other paragraphs before the first step.
    pub intro: Vec<String>,
    /// The steps.
    pub steps: Vec<Step>,
}

/// A step resolved against a loaded cache.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolvedStep {
    /// Its title.
    pub title: String,
    /// Where its link goes (`None`: not found, see `problem`).
    pub target: Option<Target>,
    /// Its paragraphs, placeholders filled in, split into spans.
    pub text: Vec<Vec<Span>>,
    /// Why the target was not found.
    pub problem: Option<String>,
    /// What the target is, by placeholder name (`node`, `kind`, `name`, ...): the values
    /// the text was filled in with.
    pub values: Vec<(&'static str, String)>,
}

/// Splits a paragraph into plain and `code` spans (an unclosed backtick is plain).
pub fn spans(paragraph: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut rest = paragraph;
    while let Some(open) = rest.find('`') {
        let Some(len) = rest.get(open + 1..).and_then(|r| r.find('`')) else {
            break;
        };
        if open > 0 {
            out.push(Span::Text(rest[..open].to_string()));
        }
        out.push(Span::Code(rest[open + 1..open + 1 + len].to_string()));
        rest = &rest[open + 2 + len..];
    }
    if !rest.is_empty() {
        out.push(Span::Text(rest.to_string()));
    }
    out
}

fn parse_view(line: &str) -> Option<StepView> {
    let mut words = line.split_whitespace();
    let view = words.next()?;
    let args: Vec<&str> = words.collect();
    let one = |v: &[&str]| (v.len() == 1).then(|| v[0].to_string());
    let split_in = |v: &[&str]| -> Option<(String, String)> {
        let at = v.iter().rposition(|w| *w == "in")?;
        let (a, b) = (v.get(..at)?, v.get(at + 1..)?);
        (!a.is_empty() && b.len() == 1).then(|| (a.join(" "), b[0].to_string()))
    };
    Some(match view {
        "module" => StepView::Module(one(&args)?),
        "symbol" => StepView::Symbol(one(&args)?),
        "def" => StepView::Definition(one(&args)?),
        "tree" => StepView::Tree(one(&args)?),
        "use" => {
            let (of, within) = split_in(&args)?;
            StepView::Use { of, within }
        }
        "find" => {
            let (query, tree) = split_in(&args)?;
            StepView::Find { query, tree }
        }
        _ => return None,
    })
}

/// Parses a guide (never fails: what is not understood is left out, or kept as a
/// step without a view).
pub fn parse(text: &str) -> Guide {
    let mut text = text;
    if text.len() > MAX_GUIDE_BYTES {
        let mut cut = MAX_GUIDE_BYTES;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text = text[..cut].rsplit_once('\n').map_or(&text[..cut], |(a, _)| a);
    }
    let mut g = Guide::default();
    let mut para = String::new();
    let mut step: Option<Step> = None;
    let mut paras: Vec<String> = Vec::new();
    let flush = |para: &mut String, paras: &mut Vec<String>| {
        let p = para.trim();
        if !p.is_empty() {
            paras.push(p.to_string());
        }
        para.clear();
    };
    for line in text.lines() {
        let line = line.trim_end();
        if let Some(t) = line.strip_prefix("## ") {
            flush(&mut para, &mut paras);
            match step.take() {
                Some(mut s) => {
                    s.text = std::mem::take(&mut paras);
                    g.steps.push(s);
                }
                None => g.intro.append(&mut paras),
            }
            if g.steps.len() >= MAX_STEPS {
                break;
            }
            step = Some(Step { title: t.trim().to_string(), view: None, target_text: String::new(), text: Vec::new() });
        } else if let Some(t) = line.strip_prefix("# ").filter(|_| g.title.is_empty() && step.is_none()) {
            g.title = t.trim().to_string();
        } else if let Some(t) = line.trim_start().strip_prefix("=>").filter(|_| step.as_ref().is_some_and(|s| s.target_text.is_empty())) {
            if let Some(s) = step.as_mut() {
                s.target_text = t.trim().to_string();
                s.view = parse_view(t);
            }
        } else if line.trim().is_empty() {
            flush(&mut para, &mut paras);
        } else {
            if !para.is_empty() {
                para.push(' ');
            }
            para.push_str(line.trim());
        }
    }
    flush(&mut para, &mut paras);
    match step.take() {
        Some(mut s) if g.steps.len() < MAX_STEPS => {
            s.text = paras;
            g.steps.push(s);
        }
        Some(_) => {}
        None => g.intro.append(&mut paras),
    }
    if !g.intro.is_empty() {
        g.summary = g.intro.remove(0);
    }
    g
}

/// `NAME@MOD#K` → the K-th symbol of that name.
fn symbol(c: &dyn Cache, spec: &str) -> Result<(ModuleIdx, SymKey), String> {
    let (query, nth) = match spec.rsplit_once('#') {
        Some((q, k)) => match k.parse::<usize>() {
            Ok(k) if k >= 1 => (q, k),
            _ => return Err(format!("`{spec}`: the number after # must be 1 or more")),
        },
        None => (spec, 1),
    };
    let found = c.find_symbols(query);
    let n = found.len();
    found
        .into_iter()
        .nth(nth - 1)
        .ok_or_else(|| if n == 0 { format!("no symbol `{query}` in this cache") } else { format!("`{query}` names {n} symbols, not {nth}") })
}

/// `SLUG@MOD` → the tree.
fn tree(c: &dyn Cache, spec: &str) -> Result<(ModuleIdx, TreeId), String> {
    let (slug, module) = spec.split_once('@').ok_or_else(|| format!("`{spec}`: write TREE@MODULE"))?;
    let m = module_named(c, module)?;
    let t = c.tree_by_slug(m, slug).ok_or_else(|| format!("module `{module}` has no tree `{slug}`"))?;
    Ok((m, t))
}

fn module_named(c: &dyn Cache, name: &str) -> Result<ModuleIdx, String> {
    if let Some(m) = c.module_by_key(name) {
        return Ok(m);
    }
    let with_ext = format!("{name}.nim");
    (0..c.module_count())
        .map(|i| ModuleIdx(i as u32))
        .find(|&m| c.module_row(m).is_some_and(|r| r.short == name || r.short == with_ext))
        .ok_or_else(|| format!("no module `{name}` in this cache"))
}

/// Where a step's view goes in `c`.
pub fn target(c: &dyn Cache, view: &StepView) -> Result<Target, String> {
    target_and_symbol(c, view).map(|(t, _)| t)
}

/// The target, and the symbol the view names (for the placeholders of a node target).
fn target_and_symbol(c: &dyn Cache, view: &StepView) -> Result<(Target, Option<(ModuleIdx, SymKey)>), String> {
    let named = match view {
        StepView::Definition(s) | StepView::Use { of: s, .. } => Some(symbol(c, s)?),
        _ => None,
    };
    Ok((target_of(c, view)?, named))
}

fn target_of(c: &dyn Cache, view: &StepView) -> Result<Target, String> {
    match view {
        StepView::Module(m) => module_named(c, m).map(Target::Module),
        StepView::Symbol(s) => symbol(c, s).map(|(m, k)| Target::Sym(m, k)),
        StepView::Definition(s) => {
            let (m, k) = symbol(c, s)?;
            c.definition(Target::Sym(m, k))
                .map(|(m, t, n)| Target::Node(m, t, n))
                .ok_or_else(|| format!("`{s}` has no definition tree in this cache"))
        }
        StepView::Use { of, within } => {
            let (m, k) = symbol(c, of)?;
            let owner = symbol(c, within)?;
            let owner = Target::Sym(owner.0, owner.1);
            c.usages(m, k)
                .into_iter()
                .take(MAX_USAGES)
                .find(|u| u.within.iter().any(|w| w.target == Some(owner)))
                .and_then(|u| u.node.target)
                .ok_or_else(|| format!("no node inside `{within}` names `{of}`"))
        }
        StepView::Tree(spec) => tree(c, spec).map(|(m, t)| Target::Node(m, t, NodePos(0))),
        StepView::Find { query, tree: spec } => {
            let (m, t) = tree(c, spec)?;
            c.find_in_tree(m, t, query, 1)
                .first()
                .map(|&n| Target::Node(m, t, n))
                .ok_or_else(|| format!("nothing in `{spec}` matches `{query}`"))
        }
    }
}

/// The placeholder values of a target (and of the symbol the step names).
fn values(c: &dyn Cache, target: Option<Target>, named: Option<(ModuleIdx, SymKey)>) -> Vec<(&'static str, String)> {
    let mut v = Vec::new();
    let Some(target) = target else { return v };
    let m = target.module();
    if let Some(r) = c.module_row(m) {
        v.push(("module", r.short));
    }
    match target {
        Target::Node(m, t, n) => {
            v.push(("node", n.0.to_string()));
            if let Some(info) = c.trees(m).into_iter().find(|i| i.id == t) {
                v.push(("tree", info.title));
            }
            if let Some(row) = c.node_row(m, t, n) {
                v.push(("kind", row.kind.clone()));
                if let Some(ty) = &row.typ {
                    v.push(("type", ty.label.clone()));
                }
                let name = match &row.value {
                    NodeValue::Sym { name, .. } => Some(name.clone()),
                    _ => row.hint.clone(),
                };
                if let Some(name) = name {
                    v.push(("name", name));
                }
            }
        }
        Target::Sym(m, s) => {
            v.push(("id", s.to_string()));
            if let Some(row) = c.sym_row(m, s) {
                v.push(("kind", row.kind));
                v.push(("name", row.name));
                if let Some(ty) = row.typ {
                    v.push(("type", ty.label));
                }
            }
        }
        Target::Type(_, t) => v.push(("id", t.to_string())),
        Target::Module(_) => {}
    }
    if let Some((m, s)) = named {
        if !v.iter().any(|x| x.0 == "name") {
            if let Some(row) = c.sym_row(m, s) {
                v.push(("name", row.name));
            }
        }
        if !v.iter().any(|x| x.0 == "id") {
            v.push(("id", s.to_string()));
        }
    }
    v
}

fn fill(text: &str, values: &[(&'static str, String)]) -> String {
    let mut out = text.to_string();
    for (k, val) in values {
        out = out.replace(&format!("{{{k}}}"), val);
    }
    out
}

/// Resolves every step of `g` against `c`.
pub fn resolve(c: &dyn Cache, g: &Guide) -> Vec<ResolvedStep> {
    g.steps
        .iter()
        .map(|s| {
            let (target, named, problem) = match &s.view {
                Some(v) => match target_and_symbol(c, v) {
                    Ok((t, n)) => (Some(t), n, None),
                    Err(e) => (None, None, Some(e)),
                },
                None => (None, None, Some(format!("not a step target: `=> {}`", s.target_text))),
            };
            let vals = values(c, target, named);
            ResolvedStep {
                title: fill(&s.title, &vals),
                target,
                text: s.text.iter().map(|p| spans(&fill(p, &vals))).collect(),
                problem,
                values: vals,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const GUIDE: &str = "# Generics\n\nOne line.\n\nMore intro\nover two lines.\n\n## The proc\n=> def biggest@boxes#2\nIts body is node {node}, a `{kind}`.\n\n## Where\n=> use biggest@boxes in small@main\nText.\n## Bad\n=> fly away\n";

    #[test]
    fn parses_the_format() {
        let g = parse(GUIDE);
        assert_eq!(g.title, "Generics");
        assert_eq!(g.summary, "One line.");
        assert_eq!(g.intro, vec!["More intro over two lines.".to_string()]);
        assert_eq!(g.steps.len(), 3);
        assert_eq!(g.steps[0].view, Some(StepView::Definition("biggest@boxes#2".into())));
        assert_eq!(g.steps[1].view, Some(StepView::Use { of: "biggest@boxes".into(), within: "small@main".into() }));
        assert_eq!(g.steps[2].view, None);
        assert_eq!(parse_view("find nkCall in bodies@main"), Some(StepView::Find { query: "nkCall".into(), tree: "bodies@main".into() }));
        assert_eq!(spans("a `b` c `d"), vec![Span::Text("a ".into()), Span::Code("b".into()), Span::Text(" c `d".into())]);
        assert_eq!(fill("node {node} of {tree}", &[("node", "7".into()), ("tree", "bodies".into())]), "node 7 of bodies");
        // capped
        let big = format!("# t\n{}", "## s\n=> tree toplevel@main\nx\n".repeat(MAX_STEPS * 2));
        assert_eq!(parse(&big).steps.len(), MAX_STEPS);
        println!("ORACLE: guide format: 3 steps, 1 intro paragraph, 3 spans, cap of {MAX_STEPS} steps");
    }
}
