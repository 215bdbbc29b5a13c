//! A type: its readable expression, kind, symbol, flags, sons and the rest of its record.

use rod_view::{ModuleIdx, Target, TypeKey};
use yew::prelude::*;

use crate::components::chips::chips;
use crate::components::facts::fact_items;
use crate::components::link::{link_html, opt_link_html};
use crate::loaded::use_loaded;
use crate::route::{href, module_href, ModView};
// What is this? (issue 9)
use crate::components::what_is_this::WhatIsThis;
use rod_view::glossary::Selection;

#[derive(Properties, PartialEq)]
pub struct TypePageProps {
    pub module: ModuleIdx,
    pub type_key: TypeKey,
}

#[function_component]
pub fn TypePage(props: &TypePageProps) -> Html {
    let loaded = use_loaded();
    let c = &*loaded.cache;
    let (m, k) = (props.module, props.type_key);
    let Some(t) = c.type_row(m, k) else {
        let short = c.module_row(m).map_or_else(String::new, |r| r.short);
        return html! { <div class="page-body"><p class="notice">{ format!("{short} holds no type #{k}.") }</p></div> };
    };
    let node = t
        .node
        .and_then(|(tr, n)| href(c, Target::Node(m, tr, n)).map(|h| (h, n)));
    html! {
        <div class="page-body type-page">
            <h2 id="type-title">{ format!("type #{k} · {}", t.expr) }</h2>
            <dl class="wide-dl">
                <dt>{ "Kind" }</dt><dd id="type-kind">{ t.kind.clone() }</dd>
                <dt>{ "Expression" }</dt><dd><code>{ t.expr.clone() }</code></dd>
                <dt>{ "Symbol" }</dt><dd>{ opt_link_html(c, t.sym.as_ref(), "sym") }</dd>
                <dt>{ "Flags" }</dt><dd>{ chips(&t.flags) }</dd>
                { fact_items(c, &t.facts, "type") }
                // hex pane (issue 9): the record's bytes
                if let Some(b) = c.bytes_of(Target::Type(m, k)) {
                    <dt>{ "Bytes" }</dt>
                    <dd><a id="type-bytes" href={module_href(c, m, ModView::Bytes(Some(b.start)))}>{ format!("{:#x}..{:#x} ({} B)", b.start, b.end, b.len()) }</a></dd>
                }
                <dt>{ "Node (n)" }</dt>
                <dd>{ match node {
                    Some((h, n)) => html! { <a href={h}>{ format!("node {}", n.0) }</a> },
                    None => html! { <span class="muted">{ "none" }</span> },
                } }</dd>
                <dt>{ format!("Sons ({})", t.sons.len()) }</dt>
                <dd>
                    if t.sons.is_empty() { <span class="muted">{ "none" }</span> }
                    else {
                        <ol class="sons" start="0">{ for t.sons.iter().map(|s| html! { <li>{ link_html(c, s, "type") }</li> }) }</ol>
                    }
                </dd>
            </dl>
            <WhatIsThis sel={Selection::Target(Target::Type(m, k))} />
        </div>
    }
}
