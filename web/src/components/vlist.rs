//! A virtualized table: a fixed header and rows of one fixed height, only the visible
//! window of which is in the DOM (symbol, type, string and number tables can have tens
//! of thousands of rows). Offsets are set through the CSSOM (strict CSP).

use gloo_events::EventListener;
use web_sys::HtmlElement;
use yew::prelude::*;

use crate::components::tree_view::ROW_HEIGHT;

const OVERSCAN: usize = 10;

/// The part of a virtualized scroller that is rendered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VirtualWindow {
    /// First rendered row (a few above the viewport).
    pub start: usize,
    /// One past the last rendered row.
    pub end: usize,
    /// The viewport's height in rows.
    pub page: usize,
}

/// Measures `scroller` (now and on every window resize), decides which of `n` rows to
/// render when row `first` is at the top, sizes `spacer` to all rows and moves
/// `window_ref` (the rendered rows) into place. Styles are set through the CSSOM,
/// which the strict CSP allows.
#[hook]
pub fn use_virtual_window(scroller: &NodeRef, spacer: &NodeRef, window_ref: &NodeRef, first: usize, n: usize) -> VirtualWindow {
    let page = use_state_eq(|| 30usize);
    {
        let scroller = scroller.clone();
        let page = page.clone();
        use_effect_with((), move |_| {
            let measure = move || {
                if let Some(el) = scroller.cast::<HtmlElement>() {
                    page.set(((el.client_height() as f64 / ROW_HEIGHT).ceil() as usize).max(1));
                }
            };
            measure();
            let l = web_sys::window().map(|w| EventListener::new(&w, "resize", move |_| measure()));
            move || drop(l)
        });
    }
    let start = first.min(n).saturating_sub(OVERSCAN);
    let end = (first + *page + OVERSCAN).min(n);
    {
        let spacer = spacer.clone();
        let window_ref = window_ref.clone();
        use_effect_with((n, start), move |&(n, start)| {
            if let Some(el) = spacer.cast::<HtmlElement>() {
                let _ = el.style().set_property("height", &format!("{}px", n as f64 * ROW_HEIGHT));
            }
            if let Some(el) = window_ref.cast::<HtmlElement>() {
                let _ = el.style().set_property("transform", &format!("translateY({}px)", start as f64 * ROW_HEIGHT));
            }
        });
    }
    VirtualWindow { start, end, page: *page }
}

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
    let VirtualWindow { start, end, .. } = use_virtual_window(&scroller, &spacer, &window_ref, *first, n);
    let onscroll = {
        let first = first.clone();
        Callback::from(move |e: Event| {
            let el: HtmlElement = e.target_unchecked_into();
            first.set((el.scroll_top() as f64 / ROW_HEIGHT).floor() as usize);
        })
    };
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
