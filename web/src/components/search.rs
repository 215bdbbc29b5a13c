//! Symbol search across every loaded module (the index is built once per load; results
//! update as you type, capped).

use std::rc::Rc;

use yew::prelude::*;

use crate::components::tree_panel::alive_dot;
use crate::model::{href, kind_name, names, short_pos_text, sym_href};
use crate::route::ModView;
use crate::workspace::Workspace;

/// Most results shown.
pub const RESULT_CAP: usize = 200;

#[derive(Properties, PartialEq)]
pub struct SearchPageProps {
    pub ws: Rc<Workspace>,
    pub query: AttrValue,
}

#[function_component]
pub fn SearchPage(props: &SearchPageProps) -> Html {
    let ws = &props.ws;
    let q = props.query.to_string();
    let (hits, total) = ws.search.find(&q, RESULT_CAP);
    let rows = hits.iter().map(|h| {
        let Some(m) = ws.module(h.module) else { return html! {} };
        let Some(s) = m.sym(h.sym) else { return html! {} };
        html! {
            <tr key={format!("{}-{}", h.module.0, h.sym)}>
                <td class="c-mark">{ alive_dot(ws.is_alive(h.module, h.sym)) }</td>
                <td><a href={sym_href(ws, h.module, h.sym)} class="sym">{ m.sym_name(s).into_owned() }</a></td>
                <td>{ kind_name(names(m).sym_kind, s.kind as u32) }</td>
                <td><a href={href(ws, h.module, ModView::Overview)}>{ ws.short(h.module).to_string() }</a></td>
                <td class="num">{ h.sym }</td>
                <td class="muted">{ short_pos_text(m, &s.info) }</td>
            </tr>
        }
    });
    html! {
        <section class="page search-page" aria-labelledby="search-title">
            <div class="page-head">
                <h2 id="search-title">{ "Symbols" }</h2>
                <span class="muted" id="search-count" data-total={total.to_string()}>
                    if q.trim().is_empty() {
                        { format!("Type in the search box to search the {} symbols of {} modules.", ws.search.len(), ws.module_count()) }
                    } else if total > hits.len() {
                        { format!("{} matches for “{}”, the first {} shown", total, q.trim(), hits.len()) }
                    } else {
                        { format!("{} for “{}”", crate::model::plural(total, "match", "matches"), q.trim()) }
                    }
                </span>
            </div>
            if !hits.is_empty() {
                <div class="table-wrap">
                    <table class="grid" id="search-results">
                        <thead><tr>
                            <th scope="col" class="c-mark" title="alive">{ "●" }</th>
                            <th scope="col">{ "name" }</th><th scope="col">{ "kind" }</th>
                            <th scope="col">{ "module" }</th><th scope="col" class="num">{ "id" }</th>
                            <th scope="col">{ "defined at" }</th>
                        </tr></thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                </div>
            }
        </section>
    }
}
