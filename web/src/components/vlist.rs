//! A virtualized table: a fixed header and rows of one fixed height, only the visible
//! window of which is in the DOM (symbol, type, string and number tables can have tens
//! of thousands of rows). Offsets are set through the CSSOM (strict CSP).

use web_sys::HtmlElement;
use yew::prelude::*;

use crate::components::virtual_window::{track_top_row, use_virtual_window, VirtualWindow};

#[derive(Properties, PartialEq)]
pub struct VListProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub count: usize,
    /// Renders row `i` (a `role="row"` element of height `--row-height`).
    pub render: Callback<usize, Html>,
    /// The header row's cells.
    pub head: Html,
    /// Extra class for column layout.
    #[prop_or_default]
    pub class: Classes,
}

#[function_component]
pub fn VList(props: &VListProps) -> Html {
    let scroller = use_node_ref();
    let spacer = use_node_ref();
    let window_ref = use_node_ref();
    let first = use_state_eq(|| 0usize);
    // A new row count (a filter) starts at the top.
    {
        let scroller = scroller.clone();
        let first = first.clone();
        use_effect_with(props.count, move |_| {
            if let Some(el) = scroller.cast::<HtmlElement>() {
                el.set_scroll_top(0);
            }
            first.set(0);
        });
    }
    let n = props.count;
    let VirtualWindow { start, end, .. } =
        use_virtual_window(&scroller, &spacer, &window_ref, *first, n);
    let onscroll = track_top_row(&first);
    html! {
        <div class={classes!("vtable", props.class.clone())} role="table" aria-label={props.label.clone()}
            aria-rowcount={(n + 1).to_string()} id={props.id.clone()}>
            <div class="vrow vhead" role="row" aria-rowindex="1">{ props.head.clone() }</div>
            <div ref={scroller} class="vscroll" {onscroll}>
                <div ref={spacer} class="tree-spacer">
                    <div ref={window_ref} class="tree-window" role="rowgroup">
                        { for (start..end).map(|i| props.render.emit(i)) }
                    </div>
                </div>
            </div>
        </div>
    }
}
