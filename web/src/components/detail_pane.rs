//! The right-hand pane: what is known about the selected row.

use std::rc::Rc;

use yew::prelude::*;

use crate::loader::LoadedFile;
use crate::route::Route;
use crate::tree::{format_size, TreeKind, TreeModel};

#[derive(Properties, PartialEq)]
pub struct DetailPaneProps {
    pub tree: Rc<TreeModel>,
    pub files: Rc<Vec<LoadedFile>>,
    pub selected: Option<u32>,
    pub route: Route,
}

fn hex_preview(bytes: &[u8]) -> String {
    bytes
        .iter()
        .take(32)
        .map(|b| format!("{b:02x}"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[function_component]
pub fn DetailPane(props: &DetailPaneProps) -> Html {
    let Some(sel) = props.selected else {
        return html! {
            <aside class="detail" aria-label="Details">
                <p class="muted">{ "Select a row to see its details." }</p>
            </aside>
        };
    };
    let node = &props.tree.nodes[sel as usize];
    let children = node.end - sel - 1;
    let file = match (&props.route, props.tree.kind) {
        (Route::Module { idx, .. }, TreeKind::Files) => props.files.get(*idx),
        _ => None,
    };
    html! {
        <aside class="detail" aria-label="Details">
            <h2 id="detail-title">{ node.label.to_string() }</h2>
            <dl>
                <dt>{ "Location" }</dt><dd><code>{ node.hash.to_string() }</code></dd>
                if file.is_none() {
                    <dt>{ "Kind" }</dt><dd>{ node.detail.to_string() }</dd>
                }
                <dt>{ "Depth" }</dt><dd>{ node.level }</dd>
                <dt>{ "Descendants" }</dt><dd>{ children }</dd>
                if let Some(f) = file {
                    <dt>{ "Size" }</dt><dd>{ format_size(f.bytes.len()) }</dd>
                    <dt>{ "First bytes" }</dt><dd><code class="hex">{ hex_preview(&f.bytes) }</code></dd>
                }
            </dl>
        </aside>
    }
}
