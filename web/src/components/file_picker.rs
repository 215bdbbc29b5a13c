//! A button that opens the browser's file picker: many files, or one folder
//! (`webkitdirectory`: the browser then gives every file below it with its relative path).

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::load::files::{self as loader, Batch};

#[derive(Properties, PartialEq)]
pub struct FilePickerProps {
    pub label: AttrValue,
    /// Pick a folder instead of files.
    #[prop_or_default]
    pub directory: bool,
    #[prop_or_default]
    pub disabled: bool,
    pub on_files: Callback<Batch>,
    /// The ids' word: `open-<name>` for the button, `input-<name>` for the input
    /// (default `files` / `folder`).
    #[prop_or_default]
    pub name: Option<AttrValue>,
    /// The button's classes (default `button`).
    #[prop_or(AttrValue::Static("button"))]
    pub class: AttrValue,
}

#[function_component]
pub fn FilePicker(props: &FilePickerProps) -> Html {
    let input = use_node_ref();
    let onclick = {
        let input = input.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = input.cast::<HtmlInputElement>() {
                input.click();
            }
        })
    };
    let onchange = {
        let on_files = props.on_files.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(list) = input.files() {
                let picked = loader::picked_from_list(&list);
                if !picked.is_empty() {
                    on_files.emit(Batch {
                        entries: Vec::new(),
                        picked,
                    });
                }
            }
            // Picking the same files again must fire `change` again.
            input.set_value("");
        })
    };
    let kind = props.name.clone().unwrap_or(AttrValue::Static(if props.directory { "folder" } else { "files" }));
    html! {
        <>
            <button type="button" class={props.class.clone()} disabled={props.disabled} {onclick}
                id={format!("open-{kind}")}>
                { props.label.clone() }
            </button>
            if props.directory {
                <input ref={input} type="file" class="hidden-input" tabindex="-1"
                    aria-hidden="true" id={format!("input-{kind}")}
                    webkitdirectory=true multiple=true {onchange} />
            } else {
                <input ref={input} type="file" class="hidden-input" tabindex="-1"
                    aria-hidden="true" id={format!("input-{kind}")}
                    accept=".rod,.alivesyms,.nim" multiple=true {onchange} />
            }
        </>
    }
}
