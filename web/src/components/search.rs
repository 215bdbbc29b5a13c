//! Symbol search across every loaded module (the cache's index is built once per load;
//! results update as you type, capped).

use rod_view::text::plural;
use rod_view::{ModuleIdx, Target};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::alive_dot::alive_dot;
use crate::loaded::use_loaded;
use crate::route::{href, module_href, ModView};

/// Most results asked of the index.
pub const RESULT_CAP: usize = 200;
/// Result rows drawn per keystroke (each row asks the cache for the symbol's row);
/// "Show more" draws this many more, up to [`RESULT_CAP`]. Drawing all 200 rows took
/// ~250 ms per keystroke in the page, the search itself ~1 ms.
pub const RESULT_PAGE: usize = 40;

/// The result links, in order.
fn result_links() -> Vec<web_sys::HtmlElement> {
    let Some(list) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector_all("#search-results a.sym").ok())
    else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .collect()
}

/// Focuses the `i`-th result link; false when there is none.
pub fn focus_result(i: usize) -> bool {
    result_links().get(i).is_some_and(|a| a.focus().is_ok())
}

/// Up / Down among the result links; Up from the first goes back to the search box.
fn result_keys(e: KeyboardEvent) {
    let down = match e.key().as_str() {
        "ArrowDown" => true,
        "ArrowUp" => false,
        _ => return,
    };
    let links = result_links();
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    let Some(cur) = links
        .iter()
        .position(|a| active.as_ref().is_some_and(|x| a.is_same_node(Some(x))))
    else {
        return;
    };
    e.prevent_default();
    if down {
        if let Some(a) = links.get(cur + 1) {
            let _ = a.focus();
        }
    } else if cur == 0 {
        crate::keys::focus_id("search");
    } else if let Some(a) = links.get(cur - 1) {
        let _ = a.focus();
    }
}

#[derive(Properties, PartialEq)]
pub struct SearchPageProps {
    pub query: AttrValue,
}

#[function_component]
pub fn SearchPage(props: &SearchPageProps) -> Html {
    let loaded = use_loaded();
    let c = &*loaded.cache;
    let q = props.query.trim().to_string();
    // Once per load, not per keystroke: each module's short name and the symbol total
    // (a module row counts its symbols, holes and alive ones).
    let modules_info = {
        let cache = loaded.cache.clone();
        use_memo(loaded.id(), move |_| {
            let rows: Vec<(String, usize)> = (0..cache.module_count())
                .map(|i| cache.module_row(ModuleIdx(i as u32)).map(|r| (r.short, r.syms)).unwrap_or_default())
                .collect();
            let symbols: usize = rows.iter().map(|r| r.1).sum();
            (rows.into_iter().map(|r| r.0).collect::<Vec<String>>(), symbols)
        })
    };
    // The search call alone, timed for scripts/bench-web-search.mjs (`<body data-search-ms>`).
    let t0 = crate::clock::now();
    let (hits, total) = c.search(&q, RESULT_CAP);
    crate::clock::publish("search-ms", crate::clock::now() - t0);
    // Rows drawn: a page per keystroke, more on request (reset when the query changes).
    let drawn = use_state(|| (q.clone(), RESULT_PAGE));
    let page = if drawn.0 == q { drawn.1 } else { RESULT_PAGE };
    let shown = page.min(hits.len());
    let more = {
        let (drawn, q) = (drawn.clone(), q.clone());
        Callback::from(move |_: MouseEvent| drawn.set((q.clone(), (page + RESULT_PAGE).min(RESULT_CAP))))
    };
    let rows = hits.iter().take(shown).map(|h| {
        let Some(s) = c.sym_row(h.module, h.sym) else { return html! {} };
        let short = modules_info.0.get(h.module.0 as usize).cloned().unwrap_or_default();
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
    let symbols = modules_info.1;
    html! {
        <section class="page search-page" aria-labelledby="search-title">
            <div class="page-head">
                <h2 id="search-title">{ "Symbols" }</h2>
                <span class="muted" id="search-count" data-total={total.to_string()}>
                    if q.is_empty() {
                        { format!("Type in the search box to search the {symbols} symbols of {}.", plural(modules, "module", "modules")) }
                    } else if total > shown {
                        { format!("{total} matches for “{q}”, the first {shown} shown") }
                    } else {
                        { format!("{} for “{q}”", plural(total, "match", "matches")) }
                    }
                </span>
            </div>
            if !hits.is_empty() {
                <div class="table-wrap">
                    <table class="grid" id="search-results" onkeydown={Callback::from(result_keys)}>
                        <thead><tr>
                            <th scope="col" class="c-mark" title="alive">{ "●" }</th>
                            <th scope="col">{ "name" }</th><th scope="col">{ "kind" }</th>
                            <th scope="col">{ "module" }</th><th scope="col" class="num">{ "id" }</th>
                            <th scope="col">{ "defined at" }</th>
                        </tr></thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                </div>
                if shown < hits.len() {
                    <p><button class="button small" id="search-more" onclick={more}>
                        { format!("Show {} more", (hits.len() - shown).min(RESULT_PAGE)) }
                    </button></p>
                }
            }
        </section>
    }
}
