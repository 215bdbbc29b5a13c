//! The module's symbols in a virtualized table: filter by name, kind, alive, and
//! disagreement with the compiler's live-set record.

use rod_view::{ModuleIdx, SymRow, Target};
use rod_view::text::plural;
use yew::prelude::*;

use crate::components::alive_dot::alive_dot;
use crate::components::form_value::{input_value, select_value};
use crate::components::link::link_html;
use crate::components::vlist::VList;
use crate::loaded::use_loaded;
use crate::route::href;

#[derive(Properties, PartialEq)]
pub struct SymbolTableProps {
    pub module: ModuleIdx,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum AliveFilter {
    All,
    Alive,
    Dead,
    Mismatch,
}

/// A symbol with its mark in the compiler's record.
struct Entry {
    row: SymRow,
    record: Option<bool>,
}

/// ✓ when the compiler's record agrees with the computed live set, ✗ when not.
fn record_mark(e: &Entry) -> Html {
    match (e.record, e.row.alive) {
        (Some(r), Some(a)) if r == a => {
            html! { <span class="ok" title="agrees with the compiler's record">{ "✓" }</span> }
        }
        (Some(true), _) => {
            html! { <span class="bad" title="alive in the compiler's record, dead in the computed set">{ "✗" }</span> }
        }
        (Some(false), _) => {
            html! { <span class="bad" title="alive in the computed set, not in the compiler's record">{ "✗" }</span> }
        }
        (None, _) => html! {},
    }
}

#[function_component]
pub fn SymbolTable(props: &SymbolTableProps) -> Html {
    let loaded = use_loaded();
    let m = props.module;
    let name = use_state_eq(String::new);
    let kind = use_state_eq(String::new);
    let alive = use_state_eq(|| AliveFilter::All);
    let all = {
        let cache = loaded.cache.clone();
        use_memo((loaded.id(), m), move |_| {
            cache
                .symbols(m)
                .into_iter()
                .filter_map(|s| {
                    Some(Entry {
                        row: cache.sym_row(m, s)?,
                        record: cache.in_record(m, s),
                    })
                })
                .collect::<Vec<Entry>>()
        })
    };
    let shown = {
        let all = all.clone();
        use_memo(
            (loaded.id(), m, (*name).clone(), (*kind).clone(), *alive),
            move |(_, _, name, kind, alive)| {
                let q = name.to_ascii_lowercase();
                (0..all.len())
                    .filter(|&i| {
                        let e = &all[i];
                        (kind.is_empty() || e.row.kind == *kind)
                            && match alive {
                                AliveFilter::All => true,
                                AliveFilter::Alive => e.row.alive == Some(true),
                                AliveFilter::Dead => e.row.alive == Some(false),
                                AliveFilter::Mismatch => {
                                    e.record.is_some() && e.record != e.row.alive
                                }
                            }
                            && (q.is_empty() || e.row.name.to_ascii_lowercase().contains(&q))
                    })
                    .collect::<Vec<usize>>()
            },
        )
    };
    let mut kinds: Vec<&str> = all.iter().map(|e| e.row.kind.as_str()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    let has_record = all.iter().any(|e| e.record.is_some());
    let alive_count = all.iter().filter(|e| e.row.alive == Some(true)).count();
    let total = all.len();
    // Slots the compiler counts in the module's symbol total but that hold nothing.
    let holes = loaded.cache.symbol_holes(m);

    let render = {
        let (cache, all, shown) = (loaded.cache.clone(), all.clone(), shown.clone());
        Callback::from(move |i: usize| {
            let Some(e) = shown.get(i).and_then(|&k| all.get(k)) else {
                return html! {};
            };
            let r = &e.row;
            let flags = r.flags.join(", ");
            html! {
                <div class="vrow" role="row" key={r.key.0} aria-rowindex={(i + 2).to_string()} data-sym={r.key.to_string()}>
                    <span role="cell" class="c-id num">{ r.key.to_string() }</span>
                    <span role="cell" class="c-mark">{ alive_dot(r.alive) }</span>
                    <span role="cell" class="c-name"><a href={href(&*cache, Target::Sym(m, r.key))}>{ r.name.clone() }</a></span>
                    <span role="cell" class="c-kind">{ r.kind.clone() }</span>
                    <span role="cell" class="c-type">if let Some(t) = &r.typ { { link_html(&*cache, t, "type") } }</span>
                    <span role="cell" class="c-file">{ record_mark(e) }</span>
                    <span role="cell" class="c-flags" title={flags.clone()}>{ flags }</span>
                </div>
            }
        })
    };
    let on_name = {
        let name = name.clone();
        Callback::from(move |e: InputEvent| name.set(input_value(&e)))
    };
    let on_kind = {
        let kind = kind.clone();
        Callback::from(move |e: Event| kind.set(select_value(&e)))
    };
    let on_alive = {
        let alive = alive.clone();
        Callback::from(move |e: Event| {
            alive.set(match select_value(&e).as_str() {
                "alive" => AliveFilter::Alive,
                "dead" => AliveFilter::Dead,
                "mismatch" => AliveFilter::Mismatch,
                _ => AliveFilter::All,
            })
        })
    };
    let head = html! {
        <>
            <span role="columnheader" class="c-id num">{ "id" }</span>
            <span role="columnheader" class="c-mark" title="alive in the computed live set">{ "●" }</span>
            <span role="columnheader" class="c-name">{ "name" }</span>
            <span role="columnheader" class="c-kind">{ "kind" }</span>
            <span role="columnheader" class="c-type">{ "type" }</span>
            <span role="columnheader" class="c-file" title="agreement with the compiler's live-set record">{ if has_record { "record" } else { "" } }</span>
            <span role="columnheader" class="c-flags">{ "flags" }</span>
        </>
    };
    let count = shown.len();
    let export_csv = {
        let cache = loaded.cache.clone();
        Callback::from(move |_: MouseEvent| {
            let stem = crate::export::file_stem(&cache.module_key(m).unwrap_or_default());
            crate::export::download(&format!("{stem}.symbols.csv"), "text/csv", &crate::export::symbols_csv(&*cache, m));
        })
    };
    html! {
        <div class="table-page">
            <div class="filters" role="group" aria-label="Filter symbols">
                <label>{ "Name " }
                    <input type="search" id="sym-filter" placeholder="contains…" value={(*name).clone()} oninput={on_name} />
                </label>
                <label>{ "Kind " }
                    <select id="sym-kind" onchange={on_kind}>
                        <option value="" selected={kind.is_empty()}>{ "all" }</option>
                        { for kinds.iter().map(|&k| html! { <option value={k.to_string()} selected={*kind == k}>{ k }</option> }) }
                    </select>
                </label>
                <label>{ "Live " }
                    <select id="sym-alive" onchange={on_alive}>
                        <option value="all" selected={*alive == AliveFilter::All}>{ "all" }</option>
                        <option value="alive" selected={*alive == AliveFilter::Alive}>{ "alive" }</option>
                        <option value="dead" selected={*alive == AliveFilter::Dead}>{ "dead" }</option>
                        if has_record {
                            <option value="mismatch" selected={*alive == AliveFilter::Mismatch}>{ "differs from the record" }</option>
                        }
                    </select>
                </label>
                <span class="muted" id="sym-count" data-holes={holes.to_string()}>
                    { format!("{count} shown · {alive_count} of {total} alive") }
                    if holes > 0 {
                        { format!(" · the compiler counts {}: {} empty (holes, not listed)", total + holes, plural(holes, "slot is", "slots are")) }
                    }
                </span>
            <button type="button" class="button small subtle" id="syms-csv" onclick={export_csv}>{ "Export CSV" }</button>
            </div>
            <VList id="symbols" label="Symbols" {count} {render} {head} class="syms" />
        </div>
    }
}
