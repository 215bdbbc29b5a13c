//! Everything about one node: kind, value in full, symbol, type, owner, flags, position,
//! children and subtree size.

use rod_view::nav::Tree;
use rod_view::text::plural;
use rod_view::{ModuleIdx, NodePos, NodeValue, TreeId};
use yew::prelude::*;

use crate::components::link::link_html;
use crate::components::node_value::value_html;
use crate::loaded::use_loaded;
use crate::route::{href, module_href, ModView};
// What is this? (issue 9)
use crate::components::what_is_this::WhatIsThis;
use rod_view::glossary::Selection;

#[derive(Properties, PartialEq)]
pub struct NodeDetailProps {
    pub module: ModuleIdx,
    pub tree: TreeId,
    pub node: NodePos,
    pub on_expand_subtree: Callback<NodePos>,
}

#[function_component]
pub fn NodeDetail(props: &NodeDetailProps) -> Html {
    let loaded = use_loaded();
    let c = &*loaded.cache;
    let (m, t, n) = (props.module, props.tree, props.node);
    let Some(row) = c.node_row(m, t, n) else {
        return html! {
            <aside class="detail" aria-label="Node details">
                <p class="bad">{ format!("Node {} is not in this tree.", n.0) }</p>
            </aside>
        };
    };
    let tree = Tree::new(c, m, t);
    let children = if row.folds_children {
        0
    } else {
        tree.children(Some(n)).count()
    };
    let size = tree.span(n) as usize;
    let title = c
        .trees(m)
        .into_iter()
        .find(|i| i.id == t)
        .map_or_else(String::new, |i| i.title);
    let full = c.full_literal(m, t, n);
    let open = row.link().and_then(|to| href(c, to));
    let expand = props.on_expand_subtree.reform(move |_: MouseEvent| n);
    let copied = use_state_eq(|| None::<&'static str>);
    let copy_link = {
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(href) = web_sys::window().and_then(|w| w.location().href().ok()) {
                crate::export::copy(&href);
                copied.set(Some("permalink copied"));
            }
        })
    };
    let copy_json = {
        let (cache, copied) = (loaded.cache.clone(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(j) = crate::export::subtree_json(&*cache, m, t, n) {
                crate::export::copy(&j);
                copied.set(Some("subtree copied as JSON"));
            }
        })
    };
    // builds: what-if for a top-level statement
    let whatif = c.removable(m, t, n).and_then(|_| {
        let key = c.module_key(m)?;
        let what = crate::route::WhatIfOf::Stmt(crate::route::tree_word(c, m, t), n);
        Some(crate::route::Route::WhatIf { key, what }.to_hash())
    });
    let pos = row.pos.as_ref().map(|p| {
        if p.file.is_empty() {
            p.text()
        } else {
            format!("{}:{}:{}", p.file, p.line, p.col)
        }
    });
    html! {
        <aside class="detail" aria-label="Node details" id="node-detail">
            <h2 id="detail-title"><span class="kind">{ row.kind.clone() }</span></h2>
            <dl>
                <dt>{ "Node" }</dt><dd>{ format!("{title} #{}", n.0) }</dd>
                if !matches!(row.value, NodeValue::None | NodeValue::Lit(_)) {
                    <dt>{ "Symbol" }</dt><dd>{ value_html(c, &row.value) }</dd>
                }
                if let Some(v) = full {
                    <dt>{ "Value" }</dt><dd><code class="lit wrap">{ v }</code></dd>
                }
                if let Some(ty) = &row.typ {
                    <dt>{ "Type" }</dt><dd>{ link_html(c, ty, "type") }</dd>
                }
                if let Some(o) = &row.owner {
                    <dt>{ "Definition of" }</dt><dd>{ link_html(c, o, "sym") }</dd>
                }
                if let Some(h) = &row.hint {
                    <dt>{ "Defines" }</dt><dd><code>{ h.clone() }</code></dd>
                }
                if !row.flags.is_empty() {
                    <dt>{ "Flags" }</dt><dd>{ row.flags.join(", ") }</dd>
                }
                <dt>{ "Position" }</dt>
                <dd>{ match pos { Some(p) => html! { { p } }, None => html! { <span class="muted">{ "none" }</span> } } }</dd>
                <dt>{ "Children" }</dt><dd>{ children }</dd>
                <dt>{ "Subtree" }</dt><dd>{ plural(size, "node", "nodes") }</dd>
                // hex pane (issue 9): the record's bytes
                if let Some(b) = c.file_bytes(m).and(c.bytes_of(rod_view::Target::Node(m, t, n))) {
                    <dt>{ "Bytes" }</dt>
                    <dd><a id="node-bytes" href={module_href(c, m, ModView::Bytes(Some(b.start)))}>{ format!("{:#x}..{:#x} ({} B)", b.start, b.end, b.len()) }</a></dd>
                }
            </dl>
            <p class="actions">
                if let Some(h) = open {
                    <a class="button small" href={h} id="open-symbol">{ "Open symbol" }</a>
                }
                if children > 0 {
                    <button type="button" class="button small subtle" onclick={expand}>{ "Expand subtree" }</button>
                }
                <button type="button" class="button small subtle" id="copy-permalink" onclick={copy_link}>{ "Copy permalink" }</button>
                <button type="button" class="button small subtle" id="copy-json" onclick={copy_json}>{ "Copy subtree as JSON" }</button>
                // builds: what-if for a top-level statement
                if let Some(h) = whatif {
                    <a class="button small" href={h} id="whatif-link">{ rod_view::compare::WHATIF_QUESTION }</a>
                }
            </p>
            if let Some(what) = *copied {
                <p class="muted" role="status" id="copied">{ what }</p>
            }
            <WhatIsThis sel={Selection::Target(rod_view::Target::Node(m, t, n))} />
        </aside>
    }
}
