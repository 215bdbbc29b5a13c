//! The integrity panel (`#/integrity`): the view layer's findings about the whole
//! cache (dangling references, stale includes against the dropped sources, mixed
//! compiler versions, `.alivesyms` without `.rod`, modules not in the build), one
//! row each with links to the module and the node; "no problems found" otherwise.

use rod_view::builds::{not_available, summary};
use yew::prelude::*;

use crate::builds::integrity_of;
use crate::components::link::link_html;
use crate::loaded::use_loaded;
use crate::sources::Sources;

#[function_component]
pub fn IntegrityPage() -> Html {
    let loaded = use_loaded();
    let sources = use_context::<Sources>().unwrap_or_default();
    let rows = integrity_of(&loaded, &sources);
    let c = &*loaded.cache;
    let body = match rows.as_ref() {
        None => html! { <p class="muted" id="integrity-none">{ not_available("Integrity checks", c.format()) }</p> },
        Some(r) if r.is_empty() => html! { <p class="ok" id="integrity-clean">{ summary(r) }</p> },
        Some(r) => {
            let items = r.iter().enumerate().map(|(i, f)| {
                html! {
                    <tr key={i.to_string()} class={classes!("finding", if f.is_error { "bad-row" } else { "remark-row" })}
                        data-kind={f.kind}>
                        <td class="kind">
                            <span class={classes!("chip", if f.is_error { "bad" } else { "muted" })}>{ f.heading }</span>
                        </td>
                        <th scope="row" class="module">
                            { f.module.as_ref().map_or_else(|| html! { <span class="muted">{ "whole cache" }</span> }, |m| link_html(c, m, "module-link")) }
                        </th>
                        <td class="text">{ f.text.clone() }</td>
                        <td class="place">{ f.place.as_ref().map(|p| link_html(c, p, "place-link")).unwrap_or_default() }</td>
                        <td class="about">{ f.about.as_ref().map(|a| link_html(c, a, "about-link")).unwrap_or_default() }</td>
                    </tr>
                }
            });
            html! {
                <>
                    <p class="muted" id="integrity-summary">{ summary(r) }</p>
                    <div class="table-wrap">
                        <table class="grid integrity" id="integrity">
                            <thead><tr>
                                <th scope="col">{ "Kind" }</th>
                                <th scope="col">{ "Module" }</th>
                                <th scope="col">{ "Finding" }</th>
                                <th scope="col">{ "Where" }</th>
                                <th scope="col">{ "Points at" }</th>
                            </tr></thead>
                            <tbody>{ for items }</tbody>
                        </table>
                    </div>
                </>
            }
        }
    };
    html! {
        <section class="page integrity-page" aria-labelledby="integrity-title">
            <div class="page-head">
                <h2 id="integrity-title">{ "Integrity" }</h2>
                <span class="muted">{ "references across modules, includes, compiler versions, records" }</span>
            </div>
            { body }
        </section>
    }
}
