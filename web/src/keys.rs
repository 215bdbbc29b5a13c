//! Keys that work anywhere on the page (outside text inputs) and where the focus goes
//! after the view changes under it.
//!
//! - Backspace: the browser's back (a tree handles it itself first).
//! - `/`: focuses the symbol search box.
//!
//! After a navigation or a load the element that had the focus is often gone (a link
//! of the old view, a file picker): the focus then moves into the new view (its tree,
//! else the main region), so the keyboard keeps working.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};

use crate::navigator::back;

/// True when keys typed at `el` are text (inputs, text areas, selects, editable content).
pub fn is_text_entry(el: Option<Element>) -> bool {
    let Some(el) = el else { return false };
    match el.tag_name().as_str() {
        "INPUT" | "TEXTAREA" | "SELECT" => true,
        _ => el
            .dyn_ref::<HtmlElement>()
            .is_some_and(|h| h.is_content_editable()),
    }
}

fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}

/// Focuses the element with this id (when it exists and is enabled); true on success.
pub fn focus_id(id: &str) -> bool {
    let Some(el) = document()
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    else {
        return false;
    };
    if el.has_attribute("disabled") {
        return false;
    }
    el.focus().is_ok()
}

/// The page-wide keys (a `keydown` listener on the window).
pub fn on_global_key(e: &KeyboardEvent) {
    if e.default_prevented() || e.alt_key() || e.ctrl_key() || e.meta_key() {
        return;
    }
    let target = e.target().and_then(|t| t.dyn_into::<Element>().ok());
    if is_text_entry(target) {
        return;
    }
    match e.key().as_str() {
        "Backspace" => back(),
        "/" => {
            if !focus_id("search") {
                return;
            }
        }
        _ => return,
    }
    e.prevent_default();
}

/// When the focus fell to `<body>` (its element was removed with the old view): moves it
/// into the view, its tree first, else the main region.
pub fn keep_focus_in_view() {
    let Some(d) = document() else { return };
    let lost = d
        .active_element()
        .is_none_or(|a| a.tag_name() == "BODY" || !a.is_connected());
    if lost && !focus_id("tree") {
        focus_id("main");
    }
}
