//! What a tree row shows besides its kind: a literal, a symbol (with its alive mark and
//! module), or a reference that does not resolve.

use rod_view::{Cache, NodeValue};
use yew::prelude::*;

use crate::components::alive_dot::alive_dot;
use crate::route::href;

/// The value part of a row.
pub fn value_html(c: &dyn Cache, v: &NodeValue) -> Html {
    match v {
        NodeValue::None => html! {},
        NodeValue::Lit(s) => html! { <span class="lit">{ s.clone() }</span> },
        NodeValue::Sym {
            name,
            kind,
            module,
            link,
        } => {
            let class = match link.alive {
                Some(true) => "alive",
                Some(false) => "dead",
                None => "",
            };
            html! {
                <>
                    { alive_dot(link.alive) }
                    if let Some(m) = module { <span class="remote">{ format!("{m}: ") }</span> }
                    <a href={link.target.and_then(|t| href(c, t))} class={classes!("sym", class)}>{ name.clone() }</a>
                    <span class="skind">{ kind.clone() }</span>
                </>
            }
        }
        NodeValue::Unresolved(l) => {
            let text = match &l.note {
                Some(n) => format!("→ {} ({n})", l.label),
                None => format!("→ {}", l.label),
            };
            html! { <span class="unresolved" title={l.note.clone()}>{ text }</span> }
        }
    }
}
