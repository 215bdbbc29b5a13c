//! Names (flags, options) as a row of chips.

use yew::prelude::*;

/// The names as chips; `none` when there are none.
pub fn chips(items: &[String]) -> Html {
    if items.is_empty() {
        return html! { <span class="muted">{ "none" }</span> };
    }
    html! { <span class="chips">{ for items.iter().map(|s| html! { <span class="chip">{ s.clone() }</span> }) }</span> }
}
