//! The alive mark of a symbol: ● alive, ○ dead, nothing without a live set.

use yew::prelude::*;

/// `●` / `○` for alive / dead; empty when there is no live set.
pub fn alive_dot(alive: Option<bool>) -> Html {
    match alive {
        Some(true) => html! { <span class="mark alive" title="alive">{ "●" }</span> },
        Some(false) => html! { <span class="mark dead" title="dead">{ "○" }</span> },
        None => html! {},
    }
}
