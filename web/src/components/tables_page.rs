//! The module's other tables: a list of them (with their sizes and what they are), and
//! the selected one.

use rod_view::ModuleIdx;
use yew::prelude::*;

use crate::components::table_view::TableView;
use crate::loaded::use_loaded;
use crate::route::{module_href, table_view};
// What is this? (issue 9)
use crate::components::what_is_this::WhatIsThis;
use rod_view::glossary::Selection;

#[derive(Properties, PartialEq)]
pub struct TablesPageProps {
    pub module: ModuleIdx,
    /// The slug of the table shown.
    #[prop_or_default]
    pub selected: Option<AttrValue>,
}

#[function_component]
pub fn TablesPage(props: &TablesPageProps) -> Html {
    let loaded = use_loaded();
    let c = &*loaded.cache;
    let m = props.module;
    let tables = c.tables(m);
    let current = props.selected.as_ref().and_then(|s| {
        tables
            .iter()
            .find(|t| t.slug.as_str() == s.as_str())
            .cloned()
    });
    let list = tables.iter().map(|t| {
        let active = current.as_ref().is_some_and(|c| c.slug == t.slug);
        html! {
            <li>
                <a href={module_href(c, m, table_view(c, m, &t.slug))} class={classes!(active.then_some("active"))}
                    aria-current={active.then_some("page")} title={t.about.clone()}>
                    { t.title.clone() }<span class="muted">{ format!(" {}", t.len) }</span>
                </a>
            </li>
        }
    }).collect::<Vec<Html>>();
    let glossary = current.as_ref().map(|i| Selection::Table(m, i.slug.clone()));
    let body = match current {
        Some(info) => {
            let key = format!("{}-{}-{}", loaded.id(), m.0, info.slug);
            html! { <TableView {key} module={m} {info} /> }
        }
        None => html! {
            <div class="page-body">
                <dl class="wide-dl">
                    { for tables.iter().map(|t| html! {
                        <>
                            <dt><a href={module_href(c, m, table_view(c, m, &t.slug))}>{ format!("{} ({})", t.title, t.len) }</a></dt>
                            <dd>{ t.about.clone() }</dd>
                        </>
                    }) }
                </dl>
            </div>
        },
    };
    html! {
        <div class="tables-page">
            <nav class="table-nav" aria-label="Tables">
                <ul class="plain">{ for list }</ul>
                if let Some(sel) = glossary { <WhatIsThis {sel} class={classes!("in-nav")} /> }
            </nav>
            { body }
        </div>
    }
}
