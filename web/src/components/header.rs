//! The top bar: the app's name, the ways to open files, and the symbol search box.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::file_picker::FilePicker;
use crate::loader::Batch;

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub on_files: Callback<Batch>,
    pub on_sample: Callback<()>,
    pub on_search: Callback<String>,
    /// The current search (when the search page is shown).
    pub query: Option<AttrValue>,
    pub sample_available: bool,
    pub busy: bool,
    pub searchable: bool,
}

#[function_component]
pub fn Header(props: &HeaderProps) -> Html {
    let on_sample = props.on_sample.reform(|_: MouseEvent| ());
    let input = use_node_ref();
    // Keep the box in step with the URL (back / forward, a shared link), without
    // fighting the user's typing.
    {
        let input = input.clone();
        use_effect_with(props.query.clone(), move |q| {
            if let Some(el) = input.cast::<HtmlInputElement>() {
                let want = q.as_deref().unwrap_or("");
                if q.is_some() && el.value() != want {
                    el.set_value(want);
                }
            }
        });
    }
    let oninput = {
        let cb = props.on_search.clone();
        Callback::from(move |e: InputEvent| {
            let el: HtmlInputElement = e.target_unchecked_into();
            cb.emit(el.value());
        })
    };
    let onsubmit = {
        let cb = props.on_search.clone();
        let input = input.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(el) = input.cast::<HtmlInputElement>() {
                cb.emit(el.value());
            }
        })
    };
    html! {
        <header class="topbar">
            <h1 class="brand"><a href="#/">{ "rodscope" }</a></h1>
            <nav class="toolbar" aria-label="Open files">
                <FilePicker
                    label="Open files…"
                    directory={false}
                    disabled={props.busy}
                    on_files={props.on_files.clone()}
                />
                <FilePicker
                    label="Open folder…"
                    directory={true}
                    disabled={props.busy}
                    on_files={props.on_files.clone()}
                />
                if props.sample_available {
                    <button type="button" class="button subtle" id="load-sample"
                        disabled={props.busy} onclick={on_sample}>
                        { "Load sample" }
                    </button>
                }
            </nav>
            <form class="search-form" role="search" {onsubmit}>
                <label for="search" class="visually-hidden">{ "Search symbols" }</label>
                <input ref={input} id="search" type="search" class="search-input"
                    placeholder="Search symbols…" autocomplete="off" spellcheck="false"
                    disabled={!props.searchable} {oninput} />
            </form>
            <a class="demo-link" href="#/demo" id="open-demo" title="A dummy tree of 100,000 rows">{ "demo" }</a>
        </header>
    }
}
