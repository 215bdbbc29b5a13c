//! The module's types in a virtualized table, with their readable expressions.

use rod_view::{ModuleIdx, Target, TypeRow};
use yew::prelude::*;

use crate::components::column_heads::column_heads;
use crate::components::link::link_html;
use crate::components::vlist::VList;
use crate::loaded::use_loaded;
use crate::route::href;

#[derive(Properties, PartialEq)]
pub struct TypesTableProps {
    pub module: ModuleIdx,
}

#[function_component]
pub fn TypesTable(props: &TypesTableProps) -> Html {
    let loaded = use_loaded();
    let m = props.module;
    let rows = {
        let cache = loaded.cache.clone();
        use_memo((loaded.id(), m), move |_| {
            cache
                .types(m)
                .into_iter()
                .filter_map(|t| cache.type_row(m, t))
                .collect::<Vec<TypeRow>>()
        })
    };
    let render = {
        let (cache, rows) = (loaded.cache.clone(), rows.clone());
        Callback::from(move |i: usize| {
            let Some(t) = rows.get(i) else {
                return html! {};
            };
            let to = href(&*cache, Target::Type(m, t.key));
            let flags = t.flags.join(", ");
            html! {
                <div class="vrow" role="row" key={t.key.0} aria-rowindex={(i + 2).to_string()}>
                    <span role="cell" class="c-id num"><a href={to.clone()}>{ t.key.to_string() }</a></span>
                    <span role="cell" class="c-kind"><a href={to}>{ t.kind.clone() }</a></span>
                    <span role="cell" class="c-value" title={t.expr.clone()}>{ t.expr.clone() }</span>
                    <span role="cell" class="c-name">if let Some(s) = &t.sym { { link_html(&*cache, s, "sym") } }</span>
                    <span role="cell" class="c-num num">{ t.sons.len() }</span>
                    <span role="cell" class="c-flags" title={flags.clone()}>{ flags }</span>
                </div>
            }
        })
    };
    let cols = [
        ("c-id num", "id"),
        ("c-kind", "kind"),
        ("c-value", "expression"),
        ("c-name", "symbol"),
        ("c-num num", "sons"),
        ("c-flags", "flags"),
    ];
    let head = column_heads(&cols.map(|(c, l)| (c.to_string(), l.to_string())));
    let export_csv = {
        let cache = loaded.cache.clone();
        Callback::from(move |_: MouseEvent| {
            let stem = crate::export::file_stem(&cache.module_key(m).unwrap_or_default());
            crate::export::download(&format!("{stem}.types.csv"), "text/csv", &crate::export::types_csv(&*cache, m));
        })
    };
    html! {
        <div class="table-page">
            <div class="filters" role="group" aria-label="Types">
                <span class="muted" id="types-count">{ rod_view::text::plural(rows.len(), "type", "types") }</span>
                <button type="button" class="button small subtle" id="types-csv" onclick={export_csv}>{ "Export CSV" }</button>
            </div>
            <VList id="types" label="Types" count={rows.len()} {render} {head} class="types" />
        </div>
    }
}
