//! A [`Link`] of the view layer as HTML: an anchor to the URL of its target, or its
//! label with the reason it does not resolve.

use rod_view::{Cache, Link};
use yew::prelude::*;

use crate::route::href;

/// A link, or its label with the reason there is none; plain text when it is neither.
pub fn link_html(c: &dyn Cache, l: &Link, class: &'static str) -> Html {
    match (l.target.and_then(|t| href(c, t)), &l.note) {
        (Some(h), None) => html! { <a href={h} class={class}>{ l.label.clone() }</a> },
        (Some(h), Some(n)) => html! {
            <><a href={h} class={class}>{ l.label.clone() }</a><span class="note">{ format!(" ({n})") }</span></>
        },
        (None, Some(n)) => html! {
            <span class={classes!(class, "unresolved")} title={n.clone()}>
                { l.label.clone() }<span class="note">{ format!(" ({n})") }</span>
            </span>
        },
        (None, None) => html! { <span class={class}>{ l.label.clone() }</span> },
    }
}

/// Several links (a fact's value, a table cell), separated by `, `.
pub fn links_html(c: &dyn Cache, ls: &[Link], class: &'static str) -> Html {
    html! {
        <>{ for ls.iter().enumerate().map(|(i, l)| html! { <>{ if i > 0 { ", " } else { "" } }{ link_html(c, l, class) }</> }) }</>
    }
}

/// An optional link, `nil` when absent.
pub fn opt_link_html(c: &dyn Cache, l: Option<&Link>, class: &'static str) -> Html {
    match l {
        Some(l) => link_html(c, l, class),
        None => html! { <span class="muted">{ "nil" }</span> },
    }
}
