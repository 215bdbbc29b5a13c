//! The module list: one row per loaded file, sortable by every column (the column headers
//! are buttons: click or Enter/Space), with the files that failed to decode and why.

use std::cmp::Ordering;

use rod_view::text::{format_size, plural, short_path};
use rod_view::{Cache, LiveMark, ModuleIdx};
use yew::prelude::*;

use crate::components::live_mark::live_mark_html;
use crate::components::notes_banner::NotesBanner;
use crate::components::size_map::SizeMap;
use crate::loaded::use_loaded;
use crate::route::{module_href, ModView};

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
    Status,
}

const COLS: [(Col, &str); 9] = [
    (Col::Name, "Module"),
    (Col::Version, "Compiler"),
    (Col::Size, "Size"),
    (Col::Symbols, "Symbols"),
    (Col::Types, "Types"),
    (Col::Nodes, "Nodes"),
    (Col::Alive, "Alive"),
    (Col::Check, "Live record"),
    (Col::Status, "Status"),
];

/// The sortable values of one row: a module, or a file that did not decode.
struct RowData {
    file: String,
    name: String,
    module: Option<ModuleIdx>,
    compiler: String,
    size: usize,
    symbols: Option<usize>,
    /// How many of `symbols` are empty slots.
    holes: usize,
    types: Option<usize>,
    nodes: Option<usize>,
    alive: Option<usize>,
    live: Option<LiveMark>,
    status: String,
    error: Option<String>,
}

/// Sort order of live marks: problems first.
fn live_rank(l: &Option<LiveMark>) -> u8 {
    match l {
        Some(LiveMark::Differ(..) | LiveMark::WrongVersion(_)) => 0,
        Some(LiveMark::Match) => 1,
        Some(LiveMark::Stale) => 2,
        Some(LiveMark::NoRecord | LiveMark::ComputedOnly) => 3,
        Some(LiveMark::None) | None => 4,
    }
}

fn rows(c: &dyn Cache) -> Vec<RowData> {
    let mut out: Vec<RowData> = (0..c.module_count())
        .filter_map(|i| c.module_row(ModuleIdx(i as u32)))
        .map(|r| RowData {
            file: r.file,
            name: r.short,
            module: Some(r.module),
            compiler: r.compiler,
            size: r.size,
            symbols: Some(r.syms),
            holes: r.holes,
            types: Some(r.types),
            nodes: Some(r.nodes),
            alive: r.alive,
            live: Some(r.live),
            status: r.status.join(", "),
            error: None,
        })
        .collect();
    out.extend(c.problems().into_iter().map(|p| {
        RowData {
            name: short_path(&p.file).to_string(),
            file: p.file,
            module: None,
            compiler: p
                .compiler
                .map_or_else(|| "?".to_string(), |c| format!("{c}?")),
            size: p.size,
            symbols: None,
            holes: 0,
            types: None,
            nodes: None,
            alive: None,
            live: None,
            status: String::new(),
            error: Some(p.message),
        }
    }));
    out
}

fn compare(a: &RowData, b: &RowData, col: Col) -> Ordering {
    match col {
        Col::Name => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
        Col::Version => a.compiler.cmp(&b.compiler),
        Col::Size => a.size.cmp(&b.size),
        Col::Symbols => a.symbols.cmp(&b.symbols),
        Col::Types => a.types.cmp(&b.types),
        Col::Nodes => a.nodes.cmp(&b.nodes),
        Col::Alive => a.alive.cmp(&b.alive),
        Col::Check => live_rank(&a.live).cmp(&live_rank(&b.live)),
        Col::Status => (a.error.is_none(), &a.status).cmp(&(b.error.is_none(), &b.status)),
    }
    .then_with(|| a.file.cmp(&b.file))
}

/// Rows added to the list per task.
const ROW_CHUNK: usize = 64;

fn num(v: Option<usize>) -> Html {
    match v {
        Some(n) => html! { { n } },
        None => html! { <span class="muted">{ "—" }</span> },
    }
}

#[function_component]
pub fn ModuleList() -> Html {
    let loaded = use_loaded();
    let sort = use_state_eq(|| (Col::Name, true));
    // Hundreds of rows are added a chunk per task, so that no one task lays them all out.
    let shown = use_state_eq(|| ROW_CHUNK);
    {
        let shown = shown.clone();
        let total = loaded.cache.module_count() + loaded.cache.problems().len();
        use_effect_with((*shown, total), move |&(n, total)| {
            let next = (n < total)
                .then(|| gloo_timers::callback::Timeout::new(0, move || shown.set(n + ROW_CHUNK)));
            move || drop(next)
        });
    }
    let map_open = use_state_eq(|| false);
    let on_map_toggle = {
        let map_open = map_open.clone();
        Callback::from(move |e: Event| {
            let el: web_sys::Element = e.target_unchecked_into();
            map_open.set(el.has_attribute("open"));
        })
    };
    let c = &*loaded.cache;
    let mut data = rows(c);
    let (col, asc) = *sort;
    data.sort_by(|a, b| {
        let o = compare(a, b, col);
        if asc {
            o
        } else {
            o.reverse()
        }
    });

    let head = COLS.iter().map(|&(k, label)| {
        let onclick = {
            let sort = sort.clone();
            Callback::from(move |_: MouseEvent| {
                let (cur, asc) = *sort;
                sort.set(if cur == k { (k, !asc) } else { (k, true) });
            })
        };
        let (aria, arrow) = match (k == col, asc) {
            (false, _) => ("none", ""),
            (true, true) => ("ascending", " ▲"),
            (true, false) => ("descending", " ▼"),
        };
        let numeric = !matches!(k, Col::Name | Col::Version | Col::Status | Col::Check);
        html! {
            <th scope="col" aria-sort={aria} class={classes!(numeric.then_some("num"))}>
                <button type="button" class="sort" {onclick}>{ label }{ arrow }</button>
            </th>
        }
    });

    let body = data.iter().take(*shown).map(|r| {
        let name = match r.module {
            Some(m) => html! { <a href={module_href(c, m, ModView::Overview)} title={r.file.clone()}>{ r.name.clone() }</a> },
            None => html! { <span title={r.file.clone()}>{ r.name.clone() }</span> },
        };
        let status = match &r.error {
            Some(e) => html! { <span class="bad error-text">{ e.clone() }</span> },
            None => html! { <span class="muted">{ r.status.clone() }</span> },
        };
        html! {
            <tr key={r.file.clone()} class={classes!(r.error.is_some().then_some("failed"))} data-file={r.file.clone()}>
                <th scope="row" class="name">{ name }</th>
                <td>{ r.compiler.clone() }</td>
                <td class="num">{ format_size(r.size) }</td>
                <td class="num" data-col="symbols" data-holes={r.holes.to_string()}
                    title={(r.holes > 0).then(|| format!("{} of them are holes (empty slots)", r.holes))}>{ num(r.symbols) }</td>
                <td class="num" data-col="types">{ num(r.types) }</td>
                <td class="num" data-col="nodes">{ num(r.nodes) }</td>
                <td class="num" data-col="alive">{ num(r.alive) }</td>
                <td class="check">{ r.live.as_ref().map(live_mark_html).unwrap_or_default() }</td>
                <td class="status">{ status }</td>
            </tr>
        }
    });

    let modules = c.module_count();
    let errors = data.iter().filter(|r| r.error.is_some()).count();
    let ok_marks = data
        .iter()
        .filter(|r| r.live == Some(LiveMark::Match))
        .count();
    let bad_marks = data.iter().filter(|r| live_rank(&r.live) == 0).count();
    let skipped = loaded.summary.skipped;
    let holes: usize = data.iter().map(|r| r.holes).sum();
    html! {
        <section class="page module-list" aria-labelledby="modules-title">
            <div class="page-head">
                <h2 id="modules-title">{ "Modules" }</h2>
                <span class="muted" id="module-count" data-count={modules.to_string()}>
                    { plural(modules, "module", "modules") }
                    if errors > 0 {
                        { format!(", {} failed to decode", errors) }
                    }
                </span>
                if ok_marks + bad_marks > 0 {
                    <span class="muted">
                        { " · live records: " }
                        <span class="ok">{ format!("{ok_marks} ✓") }</span>
                        if bad_marks > 0 {
                            { " " }<span class="bad">{ format!("{bad_marks} ✗") }</span>
                        }
                    </span>
                }
                // builds: graph and integrity
                <crate::components::builds_nav::BuildsNav />
            </div>
            <NotesBanner />
            // section size map of the whole cache (issue 9): folded, so the list keeps
            // its room; drawn (and measured) once opened
            if (0..modules).any(|i| c.file_bytes(ModuleIdx(i as u32)).is_some()) {
                <details class="cache-map" id="cache-map-box" ontoggle={on_map_toggle}>
                    <summary id="cache-map-title">{ "Where the bytes go: a treemap of the modules and their sections" }</summary>
                    if *map_open { <SizeMap id="cache-map" /> }
                </details>
            }
            <div class="table-wrap">
                <table class="grid modules" id="modules">
                    <thead><tr>{ for head }</tr></thead>
                    <tbody>{ for body }</tbody>
                </table>
            </div>
            // Symbol counts: the compiler's and `rodscope view`'s, holes included, said.
            if holes > 0 {
                <p class="muted" id="holes-note" data-holes={holes.to_string()}>{ format!(
                    "Symbols are counted as the compiler and rodscope view count them: {} included \
                     (empty slots of the 1.6/2.0 symbol arrays; a module's Symbols tab lists the others).",
                    plural(holes, "hole is", "holes are")) }</p>
            }
            if skipped > 0 {
                <p class="muted">{ format!("{} ignored (not cache files by content).", plural(skipped, "other file", "other files")) }</p>
            }

        </section>
    }
}
