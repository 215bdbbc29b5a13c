//! One module: its title, the tabs, and the view the URL selects.

use std::rc::Rc;

use rod_decoder::graph::ModuleIdx;
use rod_decoder::TreeKind;
use yew::prelude::*;

use crate::components::overview::Overview;
use crate::components::symbol::{SymbolPage, TypePage};
use crate::components::tables::{
    CachesView, ListsView, NumbersTable, ReplayActions, StringsTable, SymbolTable, TypesTable,
};
use crate::components::tree_panel::TreePanel;
use crate::model::href;
use crate::packed_rows::PackedRows;
use crate::route::{ModView, Nav};
use crate::workspace::Workspace;

#[derive(Properties, PartialEq)]
pub struct ModulePageProps {
    pub ws: Rc<Workspace>,
    pub module: u32,
    pub view: ModView,
    pub packed: Option<Rc<PackedRows>>,
    pub on_select: Callback<(u32, Nav)>,
    pub on_toggle: Callback<(u32, Option<bool>)>,
    pub on_expand_all: Callback<bool>,
    pub on_expand_subtree: Callback<u32>,
}

/// Which tab a view belongs to.
fn tab_of(v: &ModView) -> &'static str {
    match v {
        ModView::Overview => "overview",
        ModView::Tree(TreeKind::TopLevel, _) => "top",
        ModView::Tree(TreeKind::Bodies, _) => "bodies",
        ModView::Tree(TreeKind::ToReplay, _) | ModView::Actions => "replay",
        ModView::Syms | ModView::Sym(..) => "syms",
        ModView::Types | ModView::Type(_) => "types",
        ModView::Strings => "strings",
        ModView::Numbers => "numbers",
        ModView::Lists => "lists",
        ModView::Caches => "caches",
    }
}

#[function_component]
pub fn ModulePage(props: &ModulePageProps) -> Html {
    let ws = &props.ws;
    let mi = ModuleIdx(props.module);
    let Some(gm) = ws.graph.get(mi) else {
        return html! {};
    };
    let m = &gm.module;
    let current = tab_of(&props.view);
    let tabs: [(&str, String, ModView); 10] = [
        ("overview", "Overview".into(), ModView::Overview),
        (
            "top",
            format!("Top level ({})", m.top_level.len()),
            ModView::Tree(TreeKind::TopLevel, None),
        ),
        (
            "bodies",
            format!("Bodies ({})", m.bodies.len()),
            ModView::Tree(TreeKind::Bodies, None),
        ),
        (
            "replay",
            format!("Replay ({})", m.to_replay.roots().count()),
            ModView::Actions,
        ),
        (
            "syms",
            format!("Symbols ({})", m.syms.count()),
            ModView::Syms,
        ),
        (
            "types",
            format!("Types ({})", m.types.table.count()),
            ModView::Types,
        ),
        (
            "strings",
            format!("Strings ({})", m.strings.len()),
            ModView::Strings,
        ),
        (
            "numbers",
            format!("Numbers ({})", m.numbers.vals.len()),
            ModView::Numbers,
        ),
        ("lists", "Exports & lists".into(), ModView::Lists),
        ("caches", "Instances".into(), ModView::Caches),
    ];
    let tab_links = tabs.iter().map(|(id, label, view)| {
        let active = *id == current;
        html! {
            <a href={href(ws, mi, *view)} class={classes!("tab", active.then_some("active"))}
                aria-current={active.then_some("page")} id={format!("tab-{id}")}>
                { label.clone() }
            </a>
        }
    });

    let tree_panel = |tree: TreeKind, node: Option<u32>| -> Html {
        match &props.packed {
            Some(p) if p.id.module == mi && p.id.tree == tree && p.id.root.is_none() => html! {
                <TreePanel
                    ws={ws.clone()}
                    packed={p.clone()}
                    selected={node}
                    on_select={props.on_select.clone()}
                    on_toggle={props.on_toggle.clone()}
                    on_expand_all={props.on_expand_all.clone()}
                    on_expand_subtree={props.on_expand_subtree.clone()}
                />
            },
            _ => html! {},
        }
    };

    let body = match props.view {
        ModView::Overview => html! { <Overview ws={ws.clone()} module={props.module} /> },
        ModView::Tree(k, node) => tree_panel(k, node),
        ModView::Actions => html! { <ReplayActions ws={ws.clone()} module={props.module} /> },
        ModView::Syms => html! { <SymbolTable ws={ws.clone()} module={props.module} /> },
        ModView::Types => html! { <TypesTable ws={ws.clone()} module={props.module} /> },
        ModView::Strings => html! { <StringsTable ws={ws.clone()} module={props.module} /> },
        ModView::Numbers => html! { <NumbersTable ws={ws.clone()} module={props.module} /> },
        ModView::Lists => html! { <ListsView ws={ws.clone()} module={props.module} /> },
        ModView::Caches => html! { <CachesView ws={ws.clone()} module={props.module} /> },
        ModView::Sym(id, node) => html! {
            <SymbolPage
                ws={ws.clone()}
                module={props.module}
                sym={id}
                packed={props.packed.clone().filter(|p| p.id.module == mi && p.id.root.is_some())}
                selected={node}
                on_select={props.on_select.clone()}
                on_toggle={props.on_toggle.clone()}
                on_expand_all={props.on_expand_all.clone()}
                on_expand_subtree={props.on_expand_subtree.clone()}
            />
        },
        ModView::Type(id) => {
            html! { <TypePage ws={ws.clone()} module={props.module} type_id={id} /> }
        }
    };

    html! {
        <section class="page module-page" aria-labelledby="module-title">
            <div class="module-head">
                <nav class="crumbs" aria-label="Breadcrumbs">
                    <a href="#/">{ "Modules" }</a>{ " / " }
                </nav>
                <h2 id="module-title" title={gm.path.clone()}>{ gm.short().to_string() }</h2>
                <span class="badge" id="module-version">{ m.version.compiler() }</span>
                if gm.is_main { <span class="badge badge-main">{ "main" }</span> }
                if gm.is_system { <span class="badge">{ "system" }</span> }
                if !gm.in_build() { <span class="badge warn">{ "not in build" }</span> }
            </div>
            <nav class="tabs" aria-label="Module views">{ for tab_links }</nav>
            <div class="tab-body">{ body }</div>
        </section>
    }
}
