//! Symbol search across every loaded module (the cache's index is built once per load;
//! results update as you type, capped).

use rod_view::text::plural;
use rod_view::{ModuleIdx, Target};
use yew::prelude::*;

use crate::components::alive_dot::alive_dot;
use crate::loaded::use_loaded;
use crate::route::{href, module_href, ModView};

/// Most results shown.
pub const RESULT_CAP: usize = 200;

#[derive(Properties, PartialEq)]
pub struct SearchPageProps {
    pub query: AttrValue,
}

#[function_component]
pub fn SearchPage(props: &SearchPageProps) -> Html {
    let loaded = use_loaded();
    let c = &*loaded.cache;
    let q = props.query.trim().to_string();
    let (hits, total) = c.search(&q, RESULT_CAP);
    let rows = hits.iter().map(|h| {
        let Some(s) = c.sym_row(h.module, h.sym) else { return html! {} };
        let short = c.module_row(h.module).map_or_else(String::new, |r| r.short);
        html! {
            <tr key={format!("{}-{}", h.module.0, h.sym)}>
                <td class="c-mark">{ alive_dot(s.alive) }</td>
                <td><a href={href(c, Target::Sym(h.module, h.sym))} class="sym">{ s.name.clone() }</a></td>
                <td>{ s.kind.clone() }</td>
                <td><a href={module_href(c, h.module, ModView::Overview)}>{ short }</a></td>
                <td class="num">{ h.sym.to_string() }</td>
                <td class="muted">{ s.pos.as_ref().map(|p| p.short_text()).unwrap_or_default() }</td>
            </tr>
        }
    });
    let modules = c.module_count();
    let symbols: usize = (0..modules)
        .filter_map(|i| c.module_row(ModuleIdx(i as u32)))
        .map(|r| r.syms)
        .sum();
    html! {
        <section class="page search-page" aria-labelledby="search-title">
            <div class="page-head">
                <h2 id="search-title">{ "Symbols" }</h2>
                <span class="muted" id="search-count" data-total={total.to_string()}>
                    if q.is_empty() {
                        { format!("Type in the search box to search the {symbols} symbols of {}.", plural(modules, "module", "modules")) }
                    } else if total > hits.len() {
                        { format!("{total} matches for “{q}”, the first {} shown", hits.len()) }
                    } else {
                        { format!("{} for “{q}”", plural(total, "match", "matches")) }
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
