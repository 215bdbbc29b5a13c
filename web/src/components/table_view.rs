//! One of a module's other tables ([`rod_view::Cache::tables`]: strings, numbers,
//! exports, replay actions, ...) in a virtualized table, with a filter on its cells.

use rod_view::{ModuleIdx, TableInfo};
use yew::prelude::*;

use crate::components::alive_dot::alive_dot;
use crate::components::column_heads::{column_class, column_heads};
use crate::components::form_value::input_value;
use crate::components::link::link_html;
use crate::components::vlist::VList;
use crate::loaded::use_loaded;
use crate::route::{module_href, ModView};

#[derive(Properties, PartialEq)]
pub struct TableViewProps {
    pub module: ModuleIdx,
    pub info: TableInfo,
}

#[function_component]
pub fn TableView(props: &TableViewProps) -> Html {
    let loaded = use_loaded();
    let m = props.module;
    let info = &props.info;
    let filter = use_state_eq(String::new);
    let shown = {
        let cache = loaded.cache.clone();
        let (slug, len) = (info.slug.clone(), info.len);
        use_memo(
            (loaded.id(), m, info.slug.clone(), (*filter).clone()),
            move |(_, _, _, q)| {
                if q.is_empty() {
                    return (0..len).collect::<Vec<usize>>();
                }
                (0..len)
                    .filter(|&i| {
                        cache
                            .table_row(m, &slug, i)
                            .is_some_and(|cells| cells.iter().any(|l| l.label.contains(q.as_str())))
                    })
                    .collect()
            },
        )
    };
    let classes: Vec<String> = info.columns.iter().map(|c| column_class(c)).collect();
    // hex pane (issue 9): rows that are one record link to their bytes
    let has_bytes = loaded.cache.file_bytes(m).is_some() && loaded.cache.table_row_bytes(m, &info.slug, 0).is_some();
    let render = {
        let (cache, shown, slug, classes) = (
            loaded.cache.clone(),
            shown.clone(),
            info.slug.clone(),
            classes.clone(),
        );
        Callback::from(move |i: usize| {
            let Some(&k) = shown.get(i) else {
                return html! {};
            };
            let cells = cache.table_row(m, &slug, k).unwrap_or_default();
            let bytes = if has_bytes { cache.table_row_bytes(m, &slug, k) } else { None };
            html! {
                <div class="vrow" role="row" key={k} aria-rowindex={(i + 2).to_string()}>
                    { for cells.iter().enumerate().map(|(j, l)| html! {
                        <span role="cell" class={classes.get(j).cloned()} title={l.label.clone()}>
                            { alive_dot(l.alive) }{ link_html(&*cache, l, "cell") }
                        </span>
                    }) }
                    if has_bytes {
                        <span role="cell" class="c-bytes">
                            if let Some(b) = bytes {
                                <a href={module_href(&*cache, m, ModView::Bytes(Some(b.start)))} title={format!("its {} bytes in the hex pane", b.len())}>{ format!("{:#x}", b.start) }</a>
                            }
                        </span>
                    }
                </div>
            }
        })
    };
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| filter.set(input_value(&e)))
    };
    let head = column_heads(
        &classes
            .iter()
            .cloned()
            .zip(info.columns.iter().cloned())
            .collect::<Vec<_>>(),
    );
    let head = html! {
        <>
            { head }
            if has_bytes { <span role="columnheader" class="c-bytes">{ "bytes" }</span> }
        </>
    };
    html! {
        <div class="table-page">
            <p class="muted about">{ info.about.clone() }</p>
            <div class="filters">
                <label>{ "Contains " }<input type="search" id={format!("{}-filter", info.slug)} oninput={on_filter} /></label>
                <span class="muted">{ format!("{} of {} shown", shown.len(), info.len) }</span>
            </div>
            <VList id={AttrValue::from(info.slug.clone())} label={AttrValue::from(info.title.clone())} count={shown.len()} {render} {head}
                class={classes!("generic", info.slug.clone())} />
        </div>
    }
}
