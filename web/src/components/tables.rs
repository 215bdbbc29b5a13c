//! The module's tables: symbols (filter by name, kind, alive), types, strings, numbers,
//! the export-like lists, the instantiation caches and the replay actions.

use std::rc::Rc;

use rod_decoder::graph::ModuleIdx;
use rod_decoder::{NodePos, PackedItemId, SymId, TreeKind};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::components::tree_panel::{alive_dot, link_html};
use crate::components::vlist::VList;
use crate::model::{
    self, flags_text, kind_name, names, node_href, pos_text, quoted, replay_action_text, sym_href,
    sym_link, type_href, type_link, Link,
};
use crate::route::ModView;
use crate::workspace::Workspace;

#[derive(Properties, PartialEq)]
pub struct ModProps {
    pub ws: Rc<Workspace>,
    pub module: u32,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum AliveFilter {
    All,
    Alive,
    Dead,
    Mismatch,
}

fn input_value(e: &InputEvent) -> String {
    let el: HtmlInputElement = e.target_unchecked_into();
    el.value()
}

fn select_value(e: &Event) -> String {
    let el: HtmlSelectElement = e.target_unchecked_into();
    el.value()
}

/// `.alivesyms` agreement for one symbol: ✓ when the file agrees with the computed set.
fn file_mark(ws: &Workspace, mi: ModuleIdx, id: SymId) -> Html {
    match ws.in_alive_file(mi, id) {
        None => html! {},
        Some(in_file) => {
            if in_file == ws.is_alive(mi, id) {
                html! { <span class="ok" title="agrees with the .alivesyms file">{ "✓" }</span> }
            } else if in_file {
                html! { <span class="bad" title="alive in the .alivesyms file, dead in the computed set">{ "✗" }</span> }
            } else {
                html! { <span class="bad" title="alive in the computed set, not in the .alivesyms file">{ "✗" }</span> }
            }
        }
    }
}

/// The header cells of a virtual table: (class, label) per column.
fn column_heads(cols: &[(&str, &str)]) -> Html {
    html! { <>{ for cols.iter().map(|&(class, label)| html! { <span role="columnheader" class={class.to_string()}>{ label }</span> }) }</> }
}

#[function_component]
pub fn SymbolTable(props: &ModProps) -> Html {
    let ws = props.ws.clone();
    let mi = ModuleIdx(props.module);
    let name = use_state_eq(String::new);
    let kind = use_state_eq(|| None::<u8>);
    let alive = use_state_eq(|| AliveFilter::All);
    let Some(m) = ws.module(mi) else {
        return html! {};
    };
    let nm = names(m);
    let has_file = ws.alive_files.get(mi.index()).is_some_and(|f| f.is_some());

    let ids = {
        let ws = ws.clone();
        use_memo(
            (ws.clone(), mi, (*name).clone(), *kind, *alive),
            move |(ws, mi, name, kind, alive)| {
                let q = name.to_ascii_lowercase();
                let Some(m) = ws.module(*mi) else {
                    return Vec::new();
                };
                m.syms
                    .iter()
                    .filter(|(_, s)| !s.is_hole())
                    .filter(|(_, s)| kind.is_none() || *kind == Some(s.kind))
                    .filter(|(id, _)| match alive {
                        AliveFilter::All => true,
                        AliveFilter::Alive => ws.is_alive(*mi, *id),
                        AliveFilter::Dead => !ws.is_alive(*mi, *id),
                        AliveFilter::Mismatch => ws
                            .in_alive_file(*mi, *id)
                            .is_some_and(|f| f != ws.is_alive(*mi, *id)),
                    })
                    .filter(|(_, s)| {
                        q.is_empty()
                            || m.strings.get(s.name).is_some_and(|n| {
                                n.to_ascii_lowercase()
                                    .windows(q.len())
                                    .any(|w| w == q.as_bytes())
                            })
                    })
                    .map(|(id, _)| id)
                    .collect::<Vec<SymId>>()
            },
        )
    };
    // Kinds present in the module, for the kind filter.
    let mut kinds: Vec<u8> = m
        .syms
        .iter()
        .filter(|(_, s)| !s.is_hole())
        .map(|(_, s)| s.kind)
        .collect();
    kinds.sort_unstable();
    kinds.dedup();

    let render = {
        let ws = ws.clone();
        let ids = ids.clone();
        Callback::from(move |i: usize| {
            let Some(&id) = ids.get(i) else {
                return html! {};
            };
            let Some(m) = ws.module(mi) else {
                return html! {};
            };
            let Some(s) = m.sym(id) else { return html! {} };
            let nm = names(m);
            let typ = type_link(&ws, mi, s.typ);
            html! {
                <div class="vrow" role="row" key={id} aria-rowindex={(i + 2).to_string()} data-sym={id.to_string()}>
                    <span role="cell" class="c-id num">{ id }</span>
                    <span role="cell" class="c-mark">{ alive_dot(ws.is_alive(mi, id)) }</span>
                    <span role="cell" class="c-name"><a href={sym_href(&ws, mi, id)}>{ m.sym_name(s).into_owned() }</a></span>
                    <span role="cell" class="c-kind">{ kind_name(nm.sym_kind, s.kind as u32) }</span>
                    <span role="cell" class="c-type">if let Some(t) = &typ { { link_html(t, "type") } }</span>
                    <span role="cell" class="c-file">{ file_mark(&ws, mi, id) }</span>
                    <span role="cell" class="c-flags" title={flags_text(nm.sym_flag, s.flags)}>{ flags_text(nm.sym_flag, s.flags) }</span>
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
        Callback::from(move |e: Event| kind.set(select_value(&e).parse::<u8>().ok()))
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
            <span role="columnheader" class="c-file" title="agreement with the .alivesyms file">{ if has_file { "file" } else { "" } }</span>
            <span role="columnheader" class="c-flags">{ "flags" }</span>
        </>
    };
    let alive_count = ws.live.alive(mi).len();
    html! {
        <div class="table-page">
            <div class="filters" role="group" aria-label="Filter symbols">
                <label>{ "Name " }
                    <input type="search" id="sym-filter" placeholder="contains…" value={(*name).clone()} oninput={on_name} />
                </label>
                <label>{ "Kind " }
                    <select id="sym-kind" onchange={on_kind}>
                        <option value="" selected={kind.is_none()}>{ "all" }</option>
                        { for kinds.iter().map(|&k| html! {
                            <option value={k.to_string()} selected={*kind == Some(k)}>{ kind_name(nm.sym_kind, k as u32) }</option>
                        }) }
                    </select>
                </label>
                <label>{ "Live " }
                    <select id="sym-alive" onchange={on_alive}>
                        <option value="all" selected={*alive == AliveFilter::All}>{ "all" }</option>
                        <option value="alive" selected={*alive == AliveFilter::Alive}>{ "alive" }</option>
                        <option value="dead" selected={*alive == AliveFilter::Dead}>{ "dead" }</option>
                        if has_file {
                            <option value="mismatch" selected={*alive == AliveFilter::Mismatch}>{ "differs from .alivesyms" }</option>
                        }
                    </select>
                </label>
                <span class="muted" id="sym-count">
                    { format!("{} shown · {} of {} alive", ids.len(), alive_count, m.syms.count()) }
                </span>
            </div>
            <VList id="symbols" label="Symbols" count={ids.len()} {render} {head} class="syms" />
        </div>
    }
}

#[function_component]
pub fn TypesTable(props: &ModProps) -> Html {
    let ws = props.ws.clone();
    let mi = ModuleIdx(props.module);
    let ids = use_memo((ws.clone(), mi), |(ws, mi)| {
        ws.module(*mi).map_or(Vec::new(), |m| {
            m.types
                .table
                .iter()
                .filter(|(_, t)| !t.is_hole())
                .map(|(id, _)| id)
                .collect::<Vec<i32>>()
        })
    });
    let render = {
        let ws = ws.clone();
        let ids = ids.clone();
        Callback::from(move |i: usize| {
            let Some(&id) = ids.get(i) else {
                return html! {};
            };
            let Some(m) = ws.module(mi) else {
                return html! {};
            };
            let Some(t) = m.typ(id) else { return html! {} };
            let nm = names(m);
            let sym = sym_link(&ws, mi, t.sym);
            html! {
                <div class="vrow" role="row" key={id} aria-rowindex={(i + 2).to_string()}>
                    <span role="cell" class="c-id num"><a href={type_href(&ws, mi, id)}>{ id }</a></span>
                    <span role="cell" class="c-kind"><a href={type_href(&ws, mi, id)}>{ kind_name(nm.type_kind, t.kind as u32) }</a></span>
                    <span role="cell" class="c-name">if let Some(s) = &sym { { link_html(s, "sym") } }</span>
                    <span role="cell" class="c-num num">{ m.types.sons_of(t).len() }</span>
                    <span role="cell" class="c-num num">{ t.size }</span>
                    <span role="cell" class="c-flags" title={flags_text(nm.type_flag, t.flags)}>{ flags_text(nm.type_flag, t.flags) }</span>
                </div>
            }
        })
    };
    let head = column_heads(&[("c-id num", "id"), ("c-kind", "kind"), ("c-name", "symbol"), ("c-num num", "sons"), ("c-num num", "size"), ("c-flags", "flags")]);
    html! {
        <div class="table-page">
            <VList id="types" label="Types" count={ids.len()} {render} {head} class="types" />
        </div>
    }
}

#[function_component]
pub fn StringsTable(props: &ModProps) -> Html {
    let ws = props.ws.clone();
    let mi = ModuleIdx(props.module);
    let filter = use_state_eq(String::new);
    let idx = use_memo((ws.clone(), mi, (*filter).clone()), |(ws, mi, q)| {
        let q = q.as_bytes();
        ws.module(*mi).map_or(Vec::new(), |m| {
            (0..m.strings.len())
                .filter(|&i| {
                    q.is_empty()
                        || m.strings
                            .at(i)
                            .is_some_and(|s| s.windows(q.len()).any(|w| w == q))
                })
                .collect::<Vec<usize>>()
        })
    });
    let render = {
        let ws = ws.clone();
        let idx = idx.clone();
        Callback::from(move |i: usize| {
            let Some(&k) = idx.get(i) else {
                return html! {};
            };
            let Some(m) = ws.module(mi) else {
                return html! {};
            };
            let s = m.strings.at(k).unwrap_or(b"");
            html! {
                <div class="vrow" role="row" key={k} aria-rowindex={(i + 2).to_string()}>
                    <span role="cell" class="c-id num">{ m.strings.lit_id(k).0 }</span>
                    <span role="cell" class="c-num num">{ s.len() }</span>
                    <span role="cell" class="c-value lit">{ model::clip(quoted(s), 400) }</span>
                </div>
            }
        })
    };
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| filter.set(input_value(&e)))
    };
    let head = column_heads(&[("c-id num", "LitId"), ("c-num num", "bytes"), ("c-value", "value")]);
    html! {
        <div class="table-page">
            <div class="filters">
                <label>{ "Contains " }<input type="search" id="str-filter" oninput={on_filter} /></label>
                <span class="muted">{ format!("{} shown", idx.len()) }</span>
            </div>
            <VList id="strings" label="Strings" count={idx.len()} {render} {head} class="strings" />
        </div>
    }
}

#[function_component]
pub fn NumbersTable(props: &ModProps) -> Html {
    let ws = props.ws.clone();
    let mi = ModuleIdx(props.module);
    let count = ws.module(mi).map_or(0, |m| m.numbers.vals.len());
    let render = {
        let ws = ws.clone();
        Callback::from(move |i: usize| {
            let Some(m) = ws.module(mi) else {
                return html! {};
            };
            let Some(&v) = m.numbers.vals.get(i) else {
                return html! {};
            };
            html! {
                <div class="vrow" role="row" key={i} aria-rowindex={(i + 2).to_string()}>
                    <span role="cell" class="c-id num">{ m.numbers.lit_id(i).0 }</span>
                    <span role="cell" class="c-value num">{ v }</span>
                    <span role="cell" class="c-value num">{ format!("{:#x}", v) }</span>
                    <span role="cell" class="c-value num">{ rod_decoder::literal::format_float(f64::from_bits(v as u64)) }</span>
                </div>
            }
        })
    };
    let head = column_heads(&[("c-id num", "LitId"), ("c-value num", "int64"), ("c-value num", "hex"), ("c-value num", "as float64")]);
    html! {
        <div class="table-page">
            <VList id="numbers" label="Numbers" {count} {render} {head} class="numbers" />
        </div>
    }
}

/// The most rows a plain (non-virtualized) list shows.
const LIST_CAP: usize = 2000;

fn capped<T>(v: &[T]) -> (&[T], usize) {
    let n = v.len().min(LIST_CAP);
    (&v[..n], v.len() - n)
}

fn more(n: usize) -> Html {
    if n == 0 {
        html! {}
    } else {
        html! { <p class="muted">{ format!("… and {n} more") }</p> }
    }
}

/// A compact table of (at most [`LIST_CAP`] of) `items`, one row each, then "… and N more".
fn capped_table<T>(headers: &[&str], items: &[T], row: impl Fn(&T) -> Html) -> Html {
    let (v, rest) = capped(items);
    html! {
        <>
            <table class="grid compact">
                <thead><tr>{ for headers.iter().map(|h| html! { <th scope="col">{ *h }</th> }) }</tr></thead>
                <tbody>{ for v.iter().map(row) }</tbody>
            </table>
            { more(rest) }
        </>
    }
}

fn local_sym(ws: &Workspace, mi: ModuleIdx, id: SymId) -> Html {
    let l = Link {
        label: model::sym_label(ws, mi, id, false),
        href: Some(sym_href(ws, mi, id)),
        note: None,
    };
    html! { <>{ alive_dot(ws.is_alive(mi, id)) }{ " " }{ link_html(&l, "sym") }</> }
}

fn item_sym(ws: &Workspace, mi: ModuleIdx, id: PackedItemId) -> Html {
    match sym_link(ws, mi, id) {
        Some(l) => link_html(&l, "sym"),
        None => html! { <span class="muted">{ "nil" }</span> },
    }
}

fn item_type(ws: &Workspace, mi: ModuleIdx, id: PackedItemId) -> Html {
    match type_link(ws, mi, id) {
        Some(l) => link_html(&l, "type"),
        None => html! { <span class="muted">{ "nil" }</span> },
    }
}

fn section(title: &str, id: &str, count: usize, body: Html) -> Html {
    html! {
        <details class="list-section" open={count > 0 && count <= 200} id={id.to_string()}>
            <summary><h3>{ format!("{title} ({count})") }</h3></summary>
            if count == 0 {
                <p class="muted">{ "empty" }</p>
            } else {
                { body }
            }
        </details>
    }
}

#[function_component]
pub fn ListsView(props: &ModProps) -> Html {
    let ws = &props.ws;
    let mi = ModuleIdx(props.module);
    let Some(m) = ws.module(mi) else {
        return html! {};
    };
    let named = |v: &[(rod_decoder::LitId, SymId)]| {
        capped_table(&["name", "symbol"], v, |&(n, id)| html! {
            <tr><td><code>{ m.str(n).into_owned() }</code></td><td>{ local_sym(ws, mi, id) }</td></tr>
        })
    };
    let ids = |v: &[SymId]| {
        let (v, rest) = capped(v);
        html! {
            <>
                <ul class="plain">{ for v.iter().map(|&id| html! { <li>{ local_sym(ws, mi, id) }</li> }) }</ul>
                { more(rest) }
            </>
        }
    };
    let reexports = capped_table(&["name", "symbol"], &m.reexports, |&(n, it)| html! {
        <tr><td><code>{ m.str(n).into_owned() }</code></td><td>{ item_sym(ws, mi, it) }</td></tr>
    });
    html! {
        <div class="lists">
            { section("Exports", "exports", m.exports.len(), named(&m.exports)) }
            { section("Hidden", "hidden", m.hidden.len(), named(&m.hidden)) }
            { section("Reexports", "reexports", m.reexports.len(), reexports) }
            { section("Compiler procs", "compilerprocs", m.compiler_procs.len(), named(&m.compiler_procs)) }
            { section("Converters", "converters", m.converters.len(), ids(&m.converters)) }
            { section("Pure enums", "pureenums", m.pure_enums.len(), ids(&m.pure_enums)) }
            { section("Methods", "methods", m.methods.len(), ids(&m.methods)) }
            { section("Term-rewriting macros", "trmacros", m.trmacros.len(), ids(&m.trmacros)) }
        </div>
    }
}

#[function_component]
pub fn CachesView(props: &ModProps) -> Html {
    let ws = &props.ws;
    let mi = ModuleIdx(props.module);
    let Some(m) = ws.module(mi) else {
        return html! {};
    };
    let nm = names(m);
    let type_inst = capped_table(&["generic type symbol", "instance"], &m.type_inst_cache, |&(a, b)| html! {
        <tr><td>{ item_sym(ws, mi, a) }</td><td>{ item_type(ws, mi, b) }</td></tr>
    });
    let proc_inst = capped_table(&["generic", "instance", "concrete types"], &m.proc_inst_cache, |p| html! {
        <tr>
            <td>{ item_sym(ws, mi, p.key) }</td>
            <td>{ item_sym(ws, mi, p.sym) }</td>
            <td class="types-list">{ for p.concrete_types.iter().enumerate().map(|(i, &t)| html! {
                <>{ if i > 0 { ", " } else { "" } }{ item_type(ws, mi, t) }</>
            }) }</td>
        </tr>
    });
    let attached = capped_table(&["type", "op", "hook"], &m.attached_ops, |a| html! {
        <tr><td>{ item_type(ws, mi, a.typ) }</td><td>{ kind_name(nm.attached_op, a.op as u32) }</td><td>{ item_sym(ws, mi, a.proc_) }</td></tr>
    });
    let enum_procs = capped_table(&["enum type", "$ proc"], &m.enum_to_string_procs, |&(a, b)| html! {
        <tr><td>{ item_type(ws, mi, a) }</td><td>{ item_sym(ws, mi, b) }</td></tr>
    });
    let methods = capped_table(&["type", "index", "method"], &m.methods_per_generic_type, |&(a, i, b)| html! {
        <tr><td>{ item_type(ws, mi, a) }</td><td class="num">{ i }</td><td>{ item_sym(ws, mi, b) }</td></tr>
    });
    html! {
        <div class="lists">
            { section("typeInstCache", "typeinstcache", m.type_inst_cache.len(), type_inst) }
            { section("procInstCache", "procinstcache", m.proc_inst_cache.len(), proc_inst) }
            { section("attachedOps", "attachedops", m.attached_ops.len(), attached) }
            { section("enumToStringProcs", "enumtostring", m.enum_to_string_procs.len(), enum_procs) }
            { section(m.version.section_name(rod_decoder::SectionKind::MethodsPerGenericType), "methodspertype", m.methods_per_generic_type.len(), methods) }
        </div>
    }
}

#[function_component]
pub fn ReplayActions(props: &ModProps) -> Html {
    let ws = &props.ws;
    let mi = ModuleIdx(props.module);
    let Some(m) = ws.module(mi) else {
        return html! {};
    };
    let roots: Vec<NodePos> = m.to_replay.roots().collect();
    let (shown, rest) = capped(&roots);
    html! {
        <div class="page-body">
            <p class="muted">
                { "What the compiler replays when it loads this module from the cache (pragmas such as " }
                <code>{ "passc" }</code>{ ", " }<code>{ "compile" }</code>{ ", " }<code>{ "link" }</code>
                { ", and " }<code>{ "macrocache" }</code>{ " operations). " }
                <a href={model::href(ws, mi, ModView::Tree(TreeKind::ToReplay, None))}>{ "Show as a tree" }</a>
            </p>
            if roots.is_empty() {
                <p class="muted">{ "No replay actions." }</p>
            } else {
                <table class="grid compact" id="replay-actions">
                    <thead><tr><th scope="col" class="num">{ "node" }</th><th scope="col">{ "action" }</th><th scope="col">{ "position" }</th></tr></thead>
                    <tbody>
                        { for shown.iter().map(|&p| {
                            let info = m.to_replay.node(p).map(|n| n.info).unwrap_or_default();
                            html! {
                                <tr>
                                    <td class="num"><a href={node_href(ws, mi, TreeKind::ToReplay, p)}>{ p.0 }</a></td>
                                    <td><code class="action">{ replay_action_text(m, p) }</code></td>
                                    <td class="muted">{ pos_text(m, &info) }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
                { more(rest) }
            }
        </div>
    }
}
