//! The header row of a virtualized table.

use yew::prelude::*;

/// The header cells of a virtual table: (class, label) per column.
pub fn column_heads(cols: &[(String, String)]) -> Html {
    html! { <>{ for cols.iter().map(|(class, label)| html! { <span role="columnheader" class={class.clone()}>{ label.clone() }</span> }) }</> }
}

/// A column's class: `c-` and its name in lower case, letters and digits only.
pub fn column_class(name: &str) -> String {
    let mut s = String::from("c-");
    s.extend(
        name.chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase()),
    );
    s
}
