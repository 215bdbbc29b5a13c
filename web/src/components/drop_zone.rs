//! Wraps the main area: files and folders dropped anywhere on it are loaded.

use wasm_bindgen::JsCast;
use web_sys::{DragEvent, Node};
use yew::prelude::*;

use crate::load::files::{self as loader, Batch};

#[derive(Properties, PartialEq)]
pub struct DropZoneProps {
    pub on_files: Callback<Batch>,
    #[prop_or_default]
    pub children: Html,
}

fn accept(e: &DragEvent) {
    e.prevent_default();
    if let Some(dt) = e.data_transfer() {
        dt.set_drop_effect("copy");
    }
}

#[function_component]
pub fn DropZone(props: &DropZoneProps) -> Html {
    let over = use_state_eq(|| false);
    let zone = use_node_ref();

    let ondragenter = {
        let over = over.clone();
        Callback::from(move |e: DragEvent| {
            accept(&e);
            over.set(true);
        })
    };
    let ondragover = {
        let over = over.clone();
        Callback::from(move |e: DragEvent| {
            accept(&e);
            over.set(true);
        })
    };
    let ondragleave = {
        let over = over.clone();
        let zone = zone.clone();
        Callback::from(move |e: DragEvent| {
            // `dragleave` also fires when moving onto a child: only a leave to outside counts.
            let inside = match (zone.cast::<Node>(), e.related_target()) {
                (Some(z), Some(t)) => t.dyn_ref::<Node>().is_some_and(|n| z.contains(Some(n))),
                _ => false,
            };
            if !inside {
                over.set(false);
            }
        })
    };
    let ondrop = {
        let over = over.clone();
        let on_files = props.on_files.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            over.set(false);
            if let Some(dt) = e.data_transfer() {
                // Must run now: the drop's item list is emptied after this handler.
                let (entries, picked) = loader::entries_from_drop(&dt);
                let batch = Batch { entries, picked };
                if batch.len() > 0 {
                    on_files.emit(batch);
                }
            }
        })
    };

    html! {
        <div ref={zone} class={classes!("drop-zone", (*over).then_some("drag-over"))}
            {ondragenter} {ondragover} {ondragleave} {ondrop}>
            { props.children.clone() }
            <div class="drop-overlay" aria-hidden="true">
                <p>{ "Drop .rod files or a nimcache folder" }</p>
            </div>
        </div>
    }
}
