//! `#/demo`: a dummy tree of 100,000 rows, to check the virtualized tree view on its own.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::tree_view::TreeView;
use crate::route::Nav;
use crate::state::DemoState;

#[derive(Properties, PartialEq)]
pub struct DemoViewProps {
    pub demo: Rc<DemoState>,
    pub on_toggle: Callback<(u32, Option<bool>)>,
    pub on_expand_all: Callback<bool>,
    /// Goes to a URL fragment.
    pub on_go: Callback<(String, Nav)>,
}

#[function_component]
pub fn DemoView(props: &DemoViewProps) -> Html {
    let tree = props.demo.tree.clone();
    let render = {
        let tree = tree.clone();
        Callback::from(move |key: u32| {
            let Some(n) = tree.nodes.get(key as usize) else {
                return (html! {}, html! {});
            };
            (
                html! { <span class="label">{ n.label.to_string() }</span> },
                html! { <div role="gridcell" class="cell-detail">{ n.detail.to_string() }</div> },
            )
        })
    };
    let on_select = {
        let tree = tree.clone();
        let on_go = props.on_go.clone();
        Callback::from(move |(key, nav): (u32, Nav)| {
            if let Some(n) = tree.nodes.get(key as usize) {
                on_go.emit((n.hash.to_string(), nav));
            }
        })
    };
    let on_activate = {
        let tree = tree.clone();
        let on_toggle = props.on_toggle.clone();
        let on_select = on_select.clone();
        Callback::from(move |key: u32| {
            if tree.has_children(key) {
                on_toggle.emit((key, None));
            }
            on_select.emit((key, Nav::Push));
        })
    };
    let detail = match props.demo.selected.and_then(|s| tree.nodes.get(s as usize)) {
        Some(n) => html! {
            <>
                <h2 id="detail-title">{ n.label.to_string() }</h2>
                <dl>
                    <dt>{ "Location" }</dt><dd><code>{ n.hash.to_string() }</code></dd>
                    <dt>{ "Kind" }</dt><dd>{ n.detail.to_string() }</dd>
                    <dt>{ "Depth" }</dt><dd>{ n.level }</dd>
                </dl>
            </>
        },
        None => html! { <p class="muted">{ "Select a row to see its details." }</p> },
    };
    html! {
        <div class="split">
            <TreeView
                caption="Demo tree (dummy rows)"
                rows={props.demo.rows.clone()}
                selected={props.demo.selected}
                {render}
                head={html! { <span class="col-detail">{ "detail" }</span> }}
                {on_select}
                on_toggle={props.on_toggle.clone()}
                {on_activate}
                on_expand_all={props.on_expand_all.clone()}
            />
            <aside class="detail" aria-label="Details">{ detail }</aside>
        </div>
    }
}
