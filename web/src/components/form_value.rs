//! The value of the form control an event came from.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// The text of the `<input>` that fired `e`.
pub fn input_value(e: &InputEvent) -> String {
    let el: HtmlInputElement = e.target_unchecked_into();
    el.value()
}

/// The value of the `<select>` that fired `e`.
pub fn select_value(e: &Event) -> String {
    let el: HtmlSelectElement = e.target_unchecked_into();
    el.value()
}
