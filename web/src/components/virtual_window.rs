//! The window of a virtualized scroller (the tree view and the tables): which rows are
//! rendered, and the spacer and offset that place them. Rows have one fixed height:
//! [`ROW_HEIGHT`] here and `--row-height` in `static/style.css` must agree.

use gloo_events::EventListener;
use web_sys::HtmlElement;
use yew::prelude::*;

/// Height of one row in CSS pixels (see `--row-height` in `static/style.css`).
pub const ROW_HEIGHT: f64 = 24.0;

const OVERSCAN: usize = 10;

/// The row at the top of a scroller's viewport.
pub fn top_row(el: &HtmlElement) -> usize {
    (el.scroll_top() as f64 / ROW_HEIGHT).floor() as usize
}

/// An `onscroll` handler that keeps `first` at the row on top of the viewport.
pub fn track_top_row(first: &UseStateHandle<usize>) -> Callback<Event> {
    let first = first.clone();
    Callback::from(move |e: Event| {
        let el: HtmlElement = e.target_unchecked_into();
        first.set(top_row(&el));
    })
}

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
pub fn use_virtual_window(
    scroller: &NodeRef,
    spacer: &NodeRef,
    window_ref: &NodeRef,
    first: usize,
    n: usize,
) -> VirtualWindow {
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
                let _ = el
                    .style()
                    .set_property("height", &format!("{}px", n as f64 * ROW_HEIGHT));
            }
            if let Some(el) = window_ref.cast::<HtmlElement>() {
                let _ = el.style().set_property(
                    "transform",
                    &format!("translateY({}px)", start as f64 * ROW_HEIGHT),
                );
            }
        });
    }
    VirtualWindow {
        start,
        end,
        page: *page,
    }
}
