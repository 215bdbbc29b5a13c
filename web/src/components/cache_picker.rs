//! The cache picker: when a load gave several caches (one per format, each
//! `rodfiles.db` its own), a bar above the page lists them (label, format, module
//! count) and says which one is shown. Each entry is a link to that cache's module list
//! (`#/c=N/`), so the keyboard (Tab, Enter), back / forward and shared links all work;
//! a load of one cache shows no bar.

use yew::prelude::*;

use crate::loaded::use_loaded;
use crate::route::cache_home;
use rod_view::text::plural;

#[function_component]
pub fn CachePicker() -> Html {
    let loaded = use_loaded();
    if loaded.caches.len() < 2 {
        return html! {};
    }
    let items = loaded.caches.iter().enumerate().map(|(i, c)| {
        let current = i == loaded.selected;
        // The view layer's label names the compiler, the format and the module count.
        let title = format!("{} · {}", c.format.name(), plural(c.modules, "module", "modules"));
        html! {
            <li>
                <a href={cache_home(i)} data-cache={i.to_string()}
                    class={classes!("cache-choice", current.then_some("current"))}
                    aria-current={current.then_some("true")} {title}>
                    { c.label.clone() }
                </a>
            </li>
        }
    });
    html! {
        <nav class="cache-picker" id="cache-picker" aria-label="Caches of this load">
            <span class="cache-picker-title">{ plural(loaded.caches.len(), "cache", "caches") }</span>
            <ul>{ for items }</ul>
        </nav>
    }
}
