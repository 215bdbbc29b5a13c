//! The bottom bar: what is loaded, what is going on, and errors.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct StatusBarProps {
    pub files: usize,
    pub skipped: usize,
    pub rows: usize,
    pub nodes: usize,
    #[prop_or_default]
    pub busy: Option<AttrValue>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    pub on_dismiss: Callback<()>,
}

#[function_component]
pub fn StatusBar(props: &StatusBarProps) -> Html {
    let on_dismiss = props.on_dismiss.reform(|_: MouseEvent| ());
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    html! {
        <footer class="statusbar">
            <span id="status" role="status" aria-live="polite">
                if let Some(busy) = &props.busy {
                    <span class="busy">{ busy.clone() }</span>
                } else {
                    { plural(props.files, "file", "files") }{ " loaded" }
                    if props.skipped > 0 {
                        { format!(", {} skipped", props.skipped) }
                    }
                    { " · " }{ plural(props.rows, "row", "rows") }{ " shown of " }
                    { props.nodes }
                }
            </span>
            if let Some(err) = &props.error {
                <span class="error" role="alert">
                    { err.clone() }
                    <button type="button" class="link" onclick={on_dismiss}
                        aria-label="Dismiss">{ "×" }</button>
                </span>
            }
        </footer>
    }
}
