//! The module list: one row per `.rod` file, sortable by every column (the column headers
//! are buttons: click or Enter/Space), with the files that failed to decode and why.

use std::cmp::Ordering;
use std::rc::Rc;

use rod_decoder::graph::ModuleStatus;
use yew::prelude::*;

use crate::components::overview::VersionBanner;
use crate::model::{format_size, plural};
use crate::route::ModView;
use crate::workspace::{AliveMark, ModEntry, Workspace};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Col {
    Name,
    Version,
    Size,
    Symbols,
    Types,
    Nodes,
    Alive,
    Check,
    Errors,
}

const COLS: [(Col, &str); 9] = [
    (Col::Name, "Module"),
    (Col::Version, "Compiler"),
    (Col::Size, "Size"),
    (Col::Symbols, "Symbols"),
    (Col::Types, "Types"),
    (Col::Nodes, "Nodes"),
    (Col::Alive, "Alive"),
    (Col::Check, ".alivesyms"),
    (Col::Errors, "Status"),
];

/// The sortable values of one row.
struct RowData<'a> {
    entry: &'a ModEntry,
    name: String,
    key: Option<String>,
    version: String,
    symbols: Option<usize>,
    types: Option<usize>,
    nodes: Option<usize>,
    alive: Option<usize>,
    check: Option<AliveMark>,
    status: String,
    error: Option<String>,
}

fn check_rank(c: Option<AliveMark>) -> u8 {
    match c {
        Some(AliveMark::Differ(..)) | Some(AliveMark::WrongVersion(_)) => 0,
        Some(AliveMark::Match) => 1,
        Some(AliveMark::Stale) => 2,
        Some(AliveMark::NoFile) => 3,
        None => 4,
    }
}

fn rows(ws: &Workspace) -> Vec<RowData<'_>> {
    ws.entries
        .iter()
        .map(|e| match &e.result {
            Ok(mi) => {
                let gm = ws.graph.get(*mi);
                let m = gm.map(|g| &g.module);
                let status = match gm.map(|g| g.status) {
                    Some(ModuleStatus::InBuild) => {
                        let mut s = String::from("in build");
                        if gm.is_some_and(|g| g.is_main) {
                            s.push_str(", main");
                        }
                        if gm.is_some_and(|g| g.is_system) {
                            s.push_str(", system");
                        }
                        s
                    }
                    Some(ModuleStatus::Stale) => "stale (not in the build)".into(),
                    Some(ModuleStatus::Duplicate(_)) => "duplicate (ignored)".into(),
                    Some(ModuleStatus::NoPath) => "no own path".into(),
                    None => String::new(),
                };
                RowData {
                    entry: e,
                    name: ws.short(*mi).to_string(),
                    key: Some(ws.key(*mi).to_string()),
                    version: m.map_or(String::new(), |m| m.version.compiler().to_string()),
                    symbols: m.map(|m| m.syms.count()),
                    types: m.map(|m| m.types.table.count()),
                    nodes: m.map(|m| m.node_count()),
                    alive: Some(ws.live.alive(*mi).len()),
                    check: Some(ws.alive_mark(*mi)),
                    status,
                    error: None,
                }
            }
            Err(err) => RowData {
                entry: e,
                name: crate::workspace::file_short(&e.file).to_string(),
                key: None,
                version: err
                    .version
                    .map_or("?".into(), |v| format!("{}?", v.compiler())),
                symbols: None,
                types: None,
                nodes: None,
                alive: None,
                check: None,
                status: String::new(),
                error: Some(err.message.clone()),
            },
        })
        .collect()
}

fn compare(a: &RowData, b: &RowData, col: Col) -> Ordering {
    match col {
        Col::Name => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
        Col::Version => a.version.cmp(&b.version),
        Col::Size => a.entry.size.cmp(&b.entry.size),
        Col::Symbols => a.symbols.cmp(&b.symbols),
        Col::Types => a.types.cmp(&b.types),
        Col::Nodes => a.nodes.cmp(&b.nodes),
        Col::Alive => a.alive.cmp(&b.alive),
        Col::Check => check_rank(a.check).cmp(&check_rank(b.check)),
        Col::Errors => (a.error.is_none(), &a.status).cmp(&(b.error.is_none(), &b.status)),
    }
    .then_with(|| a.entry.file.cmp(&b.entry.file))
}

fn num(v: Option<usize>) -> Html {
    match v {
        Some(n) => html! { { n } },
        None => html! { <span class="muted">{ "—" }</span> },
    }
}

pub fn check_cell(c: Option<AliveMark>) -> Html {
    match c {
        Some(AliveMark::Match) => html! {
            <span class="ok" title="the computed live set equals the .alivesyms file">{ "✓" }</span>
        },
        Some(AliveMark::Differ(extra, lacking)) => html! {
            <span class="bad" title="the computed live set differs from the .alivesyms file">
                { format!("✗ +{extra} −{lacking}") }
            </span>
        },
        Some(AliveMark::Stale) => {
            html! { <span class="muted" title="module not in the build: its .alivesyms is stale">{ "stale" }</span> }
        }
        Some(AliveMark::WrongVersion(v)) => {
            html! { <span class="bad">{ format!("✗ {}", v.compiler()) }</span> }
        }
        Some(AliveMark::NoFile) => {
            html! { <span class="muted" title="no .alivesyms file loaded">{ "—" }</span> }
        }
        None => html! {},
    }
}

#[derive(Properties, PartialEq)]
pub struct ModuleListProps {
    pub ws: Rc<Workspace>,
}

#[function_component]
pub fn ModuleList(props: &ModuleListProps) -> Html {
    let sort = use_state_eq(|| (Col::Name, true));
    let ws = &props.ws;
    let mut data = rows(ws);
    let (col, asc) = *sort;
    data.sort_by(|a, b| {
        let o = compare(a, b, col);
        if asc {
            o
        } else {
            o.reverse()
        }
    });

    let head = COLS.iter().map(|&(c, label)| {
        let onclick = {
            let sort = sort.clone();
            Callback::from(move |_: MouseEvent| {
                let (cur, asc) = *sort;
                sort.set(if cur == c { (c, !asc) } else { (c, true) });
            })
        };
        let aria = if c == col {
            if asc {
                "ascending"
            } else {
                "descending"
            }
        } else {
            "none"
        };
        let arrow = if c == col {
            if asc {
                " ▲"
            } else {
                " ▼"
            }
        } else {
            ""
        };
        let numeric = !matches!(c, Col::Name | Col::Version | Col::Errors | Col::Check);
        html! {
            <th scope="col" aria-sort={aria} class={classes!(numeric.then_some("num"))}>
                <button type="button" class="sort" {onclick}>{ label }{ arrow }</button>
            </th>
        }
    });

    let body = data.iter().map(|r| {
        let name = match &r.key {
            Some(k) => html! {
                <a href={crate::route::Route::module(k, ModView::Overview).to_hash()}
                    title={r.entry.file.clone()}>{ r.name.clone() }</a>
            },
            None => html! { <span title={r.entry.file.clone()}>{ r.name.clone() }</span> },
        };
        let status = match &r.error {
            Some(e) => html! { <span class="bad error-text">{ e.clone() }</span> },
            None => html! { <span class="muted">{ r.status.clone() }</span> },
        };
        html! {
            <tr key={r.entry.file.clone()} class={classes!(r.error.is_some().then_some("failed"))}
                data-file={r.entry.file.clone()}>
                <th scope="row" class="name">{ name }</th>
                <td>{ r.version.clone() }</td>
                <td class="num">{ format_size(r.entry.size) }</td>
                <td class="num" data-col="symbols">{ num(r.symbols) }</td>
                <td class="num" data-col="types">{ num(r.types) }</td>
                <td class="num" data-col="nodes">{ num(r.nodes) }</td>
                <td class="num" data-col="alive">{ num(r.alive) }</td>
                <td class="check">{ check_cell(r.check) }</td>
                <td class="status">{ status }</td>
            </tr>
        }
    });

    let errors = ws.error_count();
    let ok_marks = ws
        .alive_marks
        .iter()
        .filter(|m| **m == AliveMark::Match)
        .count();
    let bad_marks = ws
        .alive_marks
        .iter()
        .filter(|m| matches!(m, AliveMark::Differ(..) | AliveMark::WrongVersion(_)))
        .count();
    let roots = ws.graph.build_roots();
    html! {
        <section class="page module-list" aria-labelledby="modules-title">
            <div class="page-head">
                <h2 id="modules-title">{ "Modules" }</h2>
                <span class="muted" id="module-count" data-count={ws.module_count().to_string()}>
                    { plural(ws.module_count(), "module", "modules") }
                    if errors > 0 {
                        { format!(", {} failed to decode", errors) }
                    }
                </span>
                if ok_marks + bad_marks > 0 {
                    <span class="muted">
                        { " · .alivesyms: " }
                        <span class="ok">{ format!("{ok_marks} ✓") }</span>
                        if bad_marks > 0 {
                            { " " }<span class="bad">{ format!("{bad_marks} ✗") }</span>
                        }
                    </span>
                }
            </div>
            <VersionBanner ws={ws.clone()} />
            if !roots.missing_deps.is_empty() {
                <p class="notice">
                    { format!("{} imported by modules of the build {} not loaded: references into them stay unresolved.",
                        plural(roots.missing_deps.len(), "module", "modules"),
                        if roots.missing_deps.len() == 1 { "is" } else { "are" }) }
                </p>
            }
            <div class="table-wrap">
                <table class="grid modules" id="modules">
                    <thead><tr>{ for head }</tr></thead>
                    <tbody>{ for body }</tbody>
                </table>
            </div>
            if !ws.stray.is_empty() {
                <h3>{ "Other files" }</h3>
                <ul class="stray">
                    { for ws.stray.iter().map(|s| html! {
                        <li><code>{ s.file.clone() }</code>{ ": " }<span class="bad">{ s.problem.clone() }</span></li>
                    }) }
                </ul>
            }
            if ws.skipped > 0 {
                <p class="muted">{ format!("{} ignored (not .rod or .alivesyms by content).", plural(ws.skipped, "other file", "other files")) }</p>
            }
        </section>
    }
}
