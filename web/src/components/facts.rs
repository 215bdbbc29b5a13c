//! A list of [`Fact`]s of the view layer as a definition list.

use rod_view::{Cache, Fact};
use yew::prelude::*;

use crate::components::link::{link_html, links_html};

/// An `id` for a fact's value: `prefix-` and its label in lower case, words joined by
/// `-` (`Compiler` → `module-compiler`).
pub fn fact_id(prefix: &str, label: &str) -> String {
    let mut id = String::from(prefix);
    id.push('-');
    let mut dash = false;
    for c in label.chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !id.ends_with('-') {
                id.push('-');
            }
            dash = false;
            id.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
    }
    id.trim_end_matches('-').to_string()
}

/// The distinct links of a value in first-seen order, each with how often it occurs.
fn once_each(links: &[rod_view::Link]) -> Vec<(&rod_view::Link, usize)> {
    let mut out: Vec<(&rod_view::Link, usize)> = Vec::new();
    let mut seen: std::collections::HashMap<(&str, Option<rod_view::Target>, Option<&str>), usize> =
        std::collections::HashMap::new();
    for l in links {
        let k = (l.label.as_str(), l.target, l.note.as_deref());
        match seen.get(&k) {
            Some(&i) => {
                if let Some(e) = out.get_mut(i) {
                    e.1 += 1;
                }
            }
            None => {
                seen.insert(k, out.len());
                out.push((l, 1));
            }
        }
    }
    out
}

/// The facts as `<dt>`/`<dd>` pairs (to put in a `<dl>`); empty values say `none`.
pub fn fact_items(c: &dyn Cache, facts: &[Fact], id_prefix: &str) -> Html {
    html! {
        <>{ for facts.iter().map(|f| {
            let empty = f.value.iter().all(|l| l.label.is_empty() && l.target.is_none());
            html! {
                <>
                    <dt>{ f.label.clone() }</dt>
                    <dd id={fact_id(id_prefix, &f.label)}>
                        if empty { <span class="muted">{ "none" }</span> }
                        else if f.value.len() > 1 && f.value.iter().all(|l| l.target.is_some() || l.note.is_some()) {
                            // several links (imports, ...): one a line
                            // (a link the file records more than once is listed once, with its count)
                            <ul class="fact-links">{ for once_each(&f.value).into_iter().map(|(l, n)| html! {
                                <li>{ link_html(c, l, "fact") }
                                    if n > 1 { <span class="muted">{ format!(" (recorded {n} times)") }</span> }
                                </li>
                            }) }</ul>
                        } else { { links_html(c, &f.value, "fact") } }
                    </dd>
                </>
            }
        }) }</>
    }
}

#[cfg(test)]
mod tests {
    use super::fact_id;

    #[test]
    fn ids() {
        assert_eq!(fact_id("module", "Compiler"), "module-compiler");
        assert_eq!(fact_id("module", "Defines (-d, 3)"), "module-defines-d-3");
        assert_eq!(fact_id("sym", "C name"), "sym-c-name");
    }
}
