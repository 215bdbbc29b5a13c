//! The top bar: the app's name and the ways to open files.

use yew::prelude::*;

use crate::components::file_picker::FilePicker;
use crate::loader::Batch;

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub on_files: Callback<Batch>,
    pub on_sample: Callback<()>,
    pub sample_available: bool,
    pub busy: bool,
}

#[function_component]
pub fn Header(props: &HeaderProps) -> Html {
    let on_sample = props.on_sample.reform(|_: MouseEvent| ());
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
                    <button type="button" class="button" id="load-sample"
                        disabled={props.busy} onclick={on_sample}>
                        { "Load sample" }
                    </button>
                }
                <a class="button subtle" href="#/demo" id="open-demo">{ "Demo: 100k rows" }</a>
            </nav>
        </header>
    }
}
