//! "What is this?" (issue 9, part 6): a disclosure beside the selection with the
//! glossary entries the cache gives for it (`Cache::explain`), each under the
//! compiler's own name (`nkModuleRef`, `PackedSym`, `LitId`, `TNodeFlag`). Which
//! entries apply is the library's decision; this only lays them out. Open or closed
//! is remembered for the session (every selection shows it the same way).

use std::cell::Cell;

use rod_view::glossary::Selection;
use wasm_bindgen::JsValue;
use yew::prelude::*;

use crate::loaded::use_loaded;

thread_local! {
    /// Whether the disclosures are open (the last choice of this session).
    static OPEN: Cell<bool> = const { Cell::new(true) };
    /// The same for the one under a tree on narrow screens (closed at first: it
    /// would take the tree's room).
    static OPEN_NARROW: Cell<bool> = const { Cell::new(false) };
}

#[derive(Properties, PartialEq)]
pub struct WhatIsThisProps {
    /// What is selected.
    pub sel: Selection,
    /// Extra classes (placement).
    #[prop_or_default]
    pub class: Classes,
    /// The one under a tree on narrow screens (its own open state).
    #[prop_or_default]
    pub narrow: bool,
}

#[function_component]
pub fn WhatIsThis(props: &WhatIsThisProps) -> Html {
    let loaded = use_loaded();
    let entries = loaded.cache.explain(&props.sel);
    let store = if props.narrow { &OPEN_NARROW } else { &OPEN };
    let open = use_state_eq(|| store.with(Cell::get));
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            let now = e
                .target()
                .and_then(|t| js_sys::Reflect::get(&t, &JsValue::from_str("open")).ok())
                .and_then(|v| v.as_bool())
                .unwrap_or(false);
            store.with(|c| c.set(now));
            open.set(now);
        })
    };
    let first = entries.first().map(|e| e.name.clone());
    html! {
        <details class={classes!("what-is-this", props.class.clone())} open={*open} {ontoggle}
            data-first={first.clone()} data-count={entries.len().to_string()}>
            <summary>
                <span class="wit-title">{ "What is this?" }</span>
                if let Some(f) = first { { " " }<code class="wit-name">{ f }</code> }
            </summary>
            if entries.is_empty() {
                <p class="muted">{ "No explanation for this format." }</p>
            } else {
                <dl class="glossary">
                    { for entries.iter().map(|e| html! {
                        <>
                            <dt><code>{ e.name.clone() }</code></dt>
                            <dd>{ e.text.clone() }</dd>
                        </>
                    }) }
                </dl>
            }
        </details>
    }
}
