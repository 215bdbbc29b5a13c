//! The top bar: the app's name, the ways to open files, and the symbol search box.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::file_picker::FilePicker;
use crate::load::files::Batch;
use crate::navigator::use_navigator;
use crate::route::{Nav, Route};

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub on_files: Callback<Batch>,
    pub on_sample: Callback<()>,
    pub sample_available: bool,
    pub busy: bool,
    pub searchable: bool,
}

#[function_component]
pub fn Header(props: &HeaderProps) -> Html {
    let on_sample = props.on_sample.reform(|_: MouseEvent| ());
    let nav = use_navigator();
    let query = match &nav.route {
        Route::Search(q) => Some(q.clone()),
        _ => None,
    };
    // Typing refines the current search in place; the first key opens it.
    let search = {
        let nav = nav.clone();
        Callback::from(move |q: String| {
            let how = if matches!(nav.now(), Route::Search(_)) {
                Nav::Replace
            } else {
                Nav::Push
            };
            nav.go(Route::Search(q), how);
        })
    };
    let input = use_node_ref();
    // Keep the box in step with the URL (back / forward, a shared link), without
    // fighting the user's typing.
    {
        let input = input.clone();
        use_effect_with(query, move |q| {
            if let Some(el) = input.cast::<HtmlInputElement>() {
                let want = q.as_deref().unwrap_or("");
                if q.is_some() && el.value() != want {
                    el.set_value(want);
                }
            }
        });
    }
    let oninput = {
        let cb = search.clone();
        Callback::from(move |e: InputEvent| {
            let el: HtmlInputElement = e.target_unchecked_into();
            cb.emit(el.value());
        })
    };
    let onsubmit = {
        let cb = search.clone();
        let input = input.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(el) = input.cast::<HtmlInputElement>() {
                cb.emit(el.value());
            }
        })
    };
    // ArrowDown from the box moves into the results.
    let onkeydown = Callback::from(|e: KeyboardEvent| {
        if e.key() == "ArrowDown" && crate::components::search::focus_result(0) {
            e.prevent_default();
        }
    });
    html! {
        <header class="topbar">
            <h1 class="brand"><a href={Route::Home.to_hash()}>{ "rodscope" }</a></h1>
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
                // Playground gallery.
                <a href="#/gallery" class="button subtle" id="gallery-link">{ "Playground" }</a>
            </nav>
            <form class="search-form" role="search" {onsubmit}>
                <label for="search" class="visually-hidden">{ "Search symbols" }</label>
                <input ref={input} id="search" type="search" class="search-input"
                    placeholder="Search symbols…" autocomplete="off" spellcheck="false"
                    disabled={!props.searchable} {oninput} {onkeydown} />
            </form>
        </header>
    }
}
