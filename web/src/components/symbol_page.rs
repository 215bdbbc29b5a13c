//! A symbol: its row and facts, its definition tree, why it is alive or not (each step a
//! link), and its usages across all modules.

use rod_view::text::plural;
use rod_view::{Cache, ModuleIdx, NodePos, SymKey, Target, Why};
use yew::prelude::*;

use crate::components::alive_dot::alive_dot;
use crate::components::chips::chips;
use crate::components::facts::fact_items;
use crate::components::link::{link_html, opt_link_html};
use crate::components::tree_panel::TreePanel;
use crate::loaded::use_loaded;
use crate::route::{href, module_href, ModView};
// What is this? (issue 9)
use crate::components::what_is_this::WhatIsThis;
use rod_view::glossary::Selection;

/// Most usages / mentions listed.
const USAGE_CAP: usize = 200;

#[derive(Properties, PartialEq)]
pub struct SymbolPageProps {
    pub module: ModuleIdx,
    pub sym: SymKey,
    /// The selected node of the definition tree.
    pub selected: Option<NodePos>,
}

fn why_html(c: &dyn Cache, why: &Why) -> Html {
    match why {
        Why::Unknown(s) => html! { <p class="muted">{ s.clone() }</p> },
        Why::Alive(steps) if steps.is_empty() => {
            html! { <p class="muted">{ "No recorded cause." }</p> }
        }
        Why::Alive(steps) => html! {
            <ol class="why" id="why-chain">
                { for steps.iter().map(|st| html! {
                    <li>
                        { link_html(c, &st.site, "site") }{ " " }
                        <span class="rule">{ st.rule.clone() }</span>{ " " }
                        { link_html(c, &st.sym, "sym") }
                    </li>
                }) }
            </ol>
        },
        Why::Dead { reason, mentions } => html! {
            <>
                <p id="why-dead">{ format!("Not alive: {reason}.") }
                    if mentions.is_empty() { { " It is never mentioned." } }
                    else { { format!(" Mentioned {}, never where the DCE looks:", plural(mentions.len(), "time", "times")) } }
                </p>
                <ul class="mentions">
                    { for mentions.iter().take(USAGE_CAP).map(|(site, why)| html! {
                        <li>{ link_html(c, site, "site") }{ format!(": {why}") }</li>
                    }) }
                </ul>
                if mentions.len() > USAGE_CAP { <p class="muted">{ format!("… and {} more", mentions.len() - USAGE_CAP) }</p> }
            </>
        },
    }
}

#[function_component]
pub fn SymbolPage(props: &SymbolPageProps) -> Html {
    let loaded = use_loaded();
    let c = &*loaded.cache;
    let (m, s) = (props.module, props.sym);
    let short = c.module_row(m).map_or_else(String::new, |r| r.short);
    let Some(row) = c.sym_row(m, s) else {
        return html! {
            <div class="page-body"><p class="notice">{ format!("{short} holds no symbol #{s}.") }</p></div>
        };
    };
    let record = c.in_record(m, s);
    let record_note = match (record, row.alive) {
        (None, _) | (_, None) => html! {},
        (Some(r), Some(a)) if r == a => {
            html! { <span class="ok" id="sym-file-check" title="the compiler's record agrees">{ " ✓ the compiler's record agrees" }</span> }
        }
        (Some(true), _) => {
            html! { <span class="bad" id="sym-file-check">{ " ✗ the compiler's record has it alive" }</span> }
        }
        (Some(false), _) => {
            html! { <span class="bad" id="sym-file-check">{ " ✗ not in the compiler's record" }</span> }
        }
    };
    let alive_line = match row.alive {
        Some(true) => "alive (computed live set)",
        Some(false) => "dead (computed live set)",
        None => "no live set",
    };
    let why = c.why(m, s);
    let usages = c.usages(m, s);
    let usage_list = usages.iter().take(USAGE_CAP).map(|u| html! {
        <li>
            { link_html(c, &u.node, "node") }
            <span class="muted">{ format!(" {}", u.pos.as_ref().map(|p| p.short_text()).unwrap_or_default()) }</span>
            { for u.within.iter().enumerate().map(|(i, o)| html! {
                <><span class="muted">{ if i == 0 { " in " } else { " / " } }</span>{ link_html(c, o, "sym") }</>
            }) }
        </li>
    });
    let pos = row.pos.as_ref().map(|p| {
        if p.file.is_empty() {
            p.text()
        } else {
            format!("{}:{}:{}", p.file, p.line, p.col)
        }
    });
    let definition = row.definition;
    let tree = match definition {
        Some((t, root)) => {
            let title = c
                .trees(m)
                .into_iter()
                .find(|i| i.id == t)
                .map_or_else(String::new, |i| i.title);
            let count = rod_view::nav::Tree::new(c, m, t).span(root);
            html! {
                <TreePanel module={m} tree={t} root={Some(root)} selected={props.selected} detail={false}
                    caption={AttrValue::from(format!("definition of {} · {title} node {} · {count} nodes", row.name, root.0))} />
            }
        }
        None => html! {},
    };
    html! {
        <div class={classes!("split", "sym-page", definition.is_none().then_some("no-tree"))}>
            <aside class="detail sym-detail" aria-label="Symbol" id="symbol-detail">
                <h2 id="sym-title">
                    { alive_dot(row.alive) }
                    { " " }<span id="sym-name">{ row.name.clone() }</span>{ " " }<span class="skind">{ row.kind.clone() }</span>
                </h2>
                <p class="alive-line" id="sym-alive">{ alive_line }{ record_note }</p>
                <dl>
                    <dt>{ "Module" }</dt><dd><a href={module_href(c, m, ModView::Overview)}>{ short.clone() }</a></dd>
                    <dt>{ "Id" }</dt><dd>{ s.to_string() }</dd>
                    <dt>{ "Kind" }</dt><dd id="sym-kind">{ row.kind.clone() }</dd>
                    <dt>{ "Flags" }</dt><dd id="sym-flags">{ chips(&row.flags) }</dd>
                    <dt>{ "Type" }</dt><dd id="sym-type">{ opt_link_html(c, row.typ.as_ref(), "type") }</dd>
                    <dt>{ "Owner" }</dt><dd id="sym-owner">{ opt_link_html(c, row.owner.as_ref(), "sym") }</dd>
                    <dt>{ "Defined at" }</dt><dd id="sym-pos">{ pos.unwrap_or_else(|| "none".into()) }</dd>
                    { fact_items(c, &row.facts, "sym") }
                    // hex pane (issue 9): the record's bytes
                    if let Some(b) = c.bytes_of(Target::Sym(m, s)) {
                        <dt>{ "Bytes" }</dt>
                        <dd><a id="sym-bytes" href={module_href(c, m, ModView::Bytes(Some(b.start)))}>{ format!("{:#x}..{:#x} ({} B)", b.start, b.end, b.len()) }</a></dd>
                    }
                    <dt>{ "Definition" }</dt>
                    <dd id="sym-ast">
                        { match definition.and_then(|(t, n)| href(c, Target::Node(m, t, n)).map(|h| (h, n))) {
                            Some((h, n)) => html! { <a href={h}>{ format!("node {}", n.0) }</a> },
                            None => html! { <span class="muted">{ "none" }</span> },
                        } }
                    </dd>
                </dl>
                // builds: what-if for a symbol
                if row.alive == Some(true) {
                    if let Some(key) = c.module_key(m) {
                        <p class="actions"><a class="button small" id="whatif-link"
                            href={crate::route::Route::WhatIf { key, what: crate::route::WhatIfOf::Sym(s) }.to_hash()}>
                            { rod_view::compare::WHATIF_QUESTION }</a></p>
                    }
                }
                <WhatIsThis sel={Selection::Target(Target::Sym(m, s))} />
                <h3>{ if row.alive == Some(false) { "Why not alive" } else { "Why alive" } }</h3>
                { why_html(c, &why) }
                <h3>{ format!("Usages ({})", usages.len()) }</h3>
                if usages.is_empty() {
                    <p class="muted">{ "No node of any loaded module names this symbol." }</p>
                } else {
                    <ul class="usages" id="usages">{ for usage_list }</ul>
                    if usages.len() > USAGE_CAP { <p class="muted">{ format!("… and {} more", usages.len() - USAGE_CAP) }</p> }
                }
            </aside>
            { tree }
        </div>
    }
}
