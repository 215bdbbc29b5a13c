//! One module: its title, the tabs, and the view the URL selects.

use rod_view::ModuleIdx;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

use crate::components::bytes_dock::BytesDock;
use crate::components::bytes_page::BytesPage;
use crate::components::overview::Overview;
use crate::components::splitter::Splitter;
use crate::components::symbol_page::SymbolPage;
use crate::components::symbol_table::SymbolTable;
use crate::components::tables_page::TablesPage;
use crate::components::tree_panel::TreePanel;
use crate::components::type_page::TypePage;
use crate::components::types_table::TypesTable;
use crate::loaded::use_loaded;
use crate::route::{module_href, resolve_page, tree_view, ModView, Page, Route};

#[derive(Properties, PartialEq)]
pub struct ModulePageProps {
    pub module: ModuleIdx,
    pub view: ModView,
}

/// Which tab a view belongs to: `overview`, `syms`, `types`, `tables` or a tree's slug.
fn tab_of(
    view: &ModView,
    page: &Option<Page>,
    tree_slug: impl Fn(rod_view::TreeId) -> String,
) -> String {
    match (view, page) {
        (ModView::Overview, _) => "overview".into(),
        (ModView::Syms | ModView::Sym(..), _) => "syms".into(),
        (ModView::Types | ModView::Type(_), _) => "types".into(),
        (ModView::Bytes(_), _) => "bytes".into(),
        (_, Some(Page::Tree(t, _))) => tree_slug(*t),
        _ => "tables".into(),
    }
}

/// The tab list is one tab stop: Left / Right (wrapping), Home / End move the focus
/// among the tabs; Enter or a click opens the focused one (ARIA tabs, manual activation).
fn tab_keys(e: KeyboardEvent) {
    let step: isize = match e.key().as_str() {
        "ArrowRight" => 1,
        "ArrowLeft" => -1,
        "Home" => isize::MIN,
        "End" => isize::MAX,
        _ => return,
    };
    let Some(list) = e.current_target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return;
    };
    let Ok(tabs) = list.query_selector_all("[role=tab]") else { return };
    let n = tabs.length() as isize;
    if n == 0 {
        return;
    }
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    let cur = (0..n).find(|&i| {
        tabs.item(i as u32)
            .zip(active.as_ref())
            .is_some_and(|(t, a)| t.is_same_node(Some(a)))
    });
    let next = match (step, cur) {
        (isize::MIN, _) => 0,
        (isize::MAX, _) => n - 1,
        (s, Some(c)) => (c + s).rem_euclid(n),
        (_, None) => 0,
    };
    if let Some(t) = tabs
        .item(next as u32)
        .and_then(|t| t.dyn_into::<HtmlElement>().ok())
    {
        let _ = t.focus();
        e.prevent_default();
    }
}

#[function_component]
pub fn ModulePage(props: &ModulePageProps) -> Html {
    let loaded = use_loaded();
    // hex pane beside the view (issue 9): on when the URL has `&bytes`
    let dock_on = use_state_eq(crate::bytes::dock_wanted);
    let c = &*loaded.cache;
    let m = props.module;
    let Some(row) = c.module_row(m) else {
        return html! {};
    };
    let trees = c.trees(m);
    let page = match &props.view {
        ModView::Page(word, node) => resolve_page(c, m, word, *node),
        _ => None,
    };
    let slug_of = |t| {
        trees
            .iter()
            .find(|i| i.id == t)
            .map_or_else(String::new, |i| i.slug.clone())
    };
    let current = tab_of(&props.view, &page, slug_of);
    let mut tabs: Vec<(String, String, ModView)> =
        vec![("overview".into(), "Overview".into(), ModView::Overview)];
    tabs.extend(trees.iter().map(|t| {
        (
            t.slug.clone(),
            format!("{} ({})", t.title, c.tree_len(m, t.id)),
            tree_view(c, m, t.id, None),
        )
    }));
    tabs.push((
        "syms".into(),
        format!("Symbols ({})", c.symbols(m).len()),
        ModView::Syms,
    ));
    tabs.push((
        "types".into(),
        format!("Types ({})", c.types(m).len()),
        ModView::Types,
    ));
    // hex pane (issue 9): the Bytes tab, when the file's bytes are kept
    let has_bytes = c.file_bytes(m).is_some();
    if has_bytes {
        tabs.push((
            "bytes".into(),
            format!("Bytes ({})", rod_view::text::format_size(row.size)),
            ModView::Bytes(None),
        ));
    }
    tabs.push((
        "tables".into(),
        format!("Tables ({})", c.tables(m).len()),
        ModView::Tables,
    ));
    let tab_links = tabs.into_iter().map(|(id, label, view)| {
        let active = id == current;
        html! {
            <a href={module_href(c, m, view)} class={classes!("tab", active.then_some("active"))}
                role="tab" aria-selected={active.to_string()} aria-controls="tab-panel"
                tabindex={if active { "0" } else { "-1" }} id={format!("tab-{id}")}>
                { label }
            </a>
        }
    });
    let on_tab_key = Callback::from(tab_keys);
    let key = |what: String| format!("{}-{}-{what}", loaded.id(), m.0);
    let body = match (&props.view, page) {
        (ModView::Overview, _) => html! { <Overview module={m} /> },
        (ModView::Syms, _) => html! { <SymbolTable key={key("syms".into())} module={m} /> },
        (ModView::Types, _) => html! { <TypesTable key={key("types".into())} module={m} /> },
        (ModView::Tables, _) => html! { <TablesPage module={m} /> },
        (ModView::Sym(s, node), _) => {
            html! { <SymbolPage key={key(format!("sym-{s}"))} module={m} sym={*s} selected={*node} /> }
        }
        (ModView::Type(t), _) => html! { <TypePage module={m} type_key={*t} /> },
        (ModView::Bytes(o), _) => html! { <BytesPage module={m} offset={*o} /> },
        (ModView::Page(..), Some(Page::Tree(t, node))) => html! {
            <TreePanel key={key(format!("tree-{}", t.0))} module={m} tree={t} selected={node} />
        },
        (ModView::Page(..), Some(Page::Table(slug))) => {
            html! { <TablesPage module={m} selected={AttrValue::from(slug)} /> }
        }
        (ModView::Page(word, _), None) => html! {
            <div class="page-body"><p class="notice">{ format!("{} has no view “{word}”.", row.short) }</p></div>
        },
    };
    // hex pane (issue 9): beside the view when asked for (`&bytes`, the toggle), the
    // selection's bytes marked.
    let docked = has_bytes && *dock_on && crate::bytes::docks(&props.view);
    let toggle_dock = {
        let dock_on = dock_on.clone();
        Callback::from(move |_: MouseEvent| {
            crate::bytes::set_dock(!*dock_on);
            dock_on.set(!*dock_on);
        })
    };
    let close_dock = {
        let dock_on = dock_on.clone();
        Callback::from(move |_: ()| {
            crate::bytes::set_dock(false);
            dock_on.set(false);
        })
    };
    let dock = docked.then(|| {
        let highlight = crate::bytes::highlight_of(c, m, &props.view);
        html! {
            <>
                <Splitter var="--bytes-w" label="Resize the hex pane" initial={560} min={300} max={1200} id={AttrValue::from("bytes-splitter")} />
                <BytesDock module={m} {highlight} on_close={close_dock} />
            </>
        }
    });
    html! {
        <section class={classes!("page", "module-page", docked.then_some("bytes-on"))} aria-labelledby="module-title">
            <div class="module-head">
                <nav class="crumbs" aria-label="Breadcrumbs">
                    <a href={Route::Home.to_hash()}>{ "Modules" }</a>{ " / " }
                </nav>
                <h2 id="module-title" title={row.path.clone()}>{ row.short.clone() }</h2>
                <span class="badge" id="module-version">{ row.compiler.clone() }</span>
                { for row.status.iter().map(|s| html! { <span class="badge">{ s.clone() }</span> }) }
                if has_bytes && crate::bytes::docks(&props.view) {
                    <button type="button" class="button small subtle bytes-toggle" id="bytes-toggle"
                        aria-pressed={(*dock_on).to_string()} onclick={toggle_dock}
                        title="Show the file's bytes beside this view, the selection's marked">{ "Hex beside" }</button>
                }
            </div>
            <nav class="tabs" role="tablist" aria-label="Module views" onkeydown={on_tab_key}>{ for tab_links }</nav>
            <div class="module-main">
                <div class="tab-body" role="tabpanel" id="tab-panel" aria-labelledby={format!("tab-{current}")}>{ body }</div>
                { for dock }
            </div>
        </section>
    }
}
