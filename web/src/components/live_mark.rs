//! A module's live mark (the computed live set against the compiler's record) as a cell.

use rod_view::LiveMark;
use yew::prelude::*;

/// `✓`, `✗ +extra −lacking`, `stale`, `—`, with the library's words as the title.
pub fn live_mark_html(mark: &LiveMark) -> Html {
    let title = mark.text();
    match mark {
        LiveMark::Match => html! { <span class="ok" {title}>{ mark.symbol() }</span> },
        LiveMark::Differ(extra, lacking) => {
            html! { <span class="bad" {title}>{ format!("{} +{extra} −{lacking}", mark.symbol()) }</span> }
        }
        LiveMark::WrongVersion(v) => {
            html! { <span class="bad" {title}>{ format!("{} {v}", mark.symbol()) }</span> }
        }
        LiveMark::Stale => html! { <span class="muted" {title}>{ "stale" }</span> },
        LiveMark::NoRecord | LiveMark::ComputedOnly => {
            html! { <span class="muted" {title}>{ "—" }</span> }
        }
        LiveMark::None => html! {},
    }
}
