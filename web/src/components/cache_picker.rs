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
    let list = use_node_ref();
    // On a narrow screen the entries are one row that scrolls sideways: keep the shown
    // cache's entry in view.
    {
        let list = list.clone();
        use_effect_with((loaded.selected, loaded.caches.len()), move |_| {
            let Some(ul) = list.cast::<web_sys::Element>() else {
                return;
            };
            if let Ok(Some(cur)) = ul.query_selector("a.current") {
                let (l, c) = (ul.get_bounding_client_rect(), cur.get_bounding_client_rect());
                if c.left() < l.left() || c.right() > l.right() {
                    let to = f64::from(ul.scroll_left()) + c.left() - l.left() - 8.0;
                    ul.set_scroll_left(to.max(0.0) as i32);
                }
            }
        });
    }
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
            <ul ref={list}>{ for items }</ul>
            // builds: compare and what-if
            <a class="button small subtle cache-compare" id="compare-link"
                href={crate::route::Route::Compare { before: None, after: None, module: None }.to_hash()}>{ "compare two builds" }</a>
        </nav>
    }
}
