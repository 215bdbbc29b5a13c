//! A tree of a module (or a symbol's definition subtree) in the virtualized treegrid, with
//! the selected node's details beside it. The expansion is this panel's own; the
//! selection is the URL's (the route's node): a node the route selects is revealed, and a
//! collapse that hides it moves it to the collapsed row.

use rod_view::nav::Tree;
use rod_view::{Cache, ModuleIdx, NodePos, NodeRow, TreeId};
use yew::prelude::*;

use crate::components::link::link_html;
use crate::components::node_detail::NodeDetail;
use crate::components::node_value::value_html;
use crate::components::source_pane::SourcePane;
use crate::components::splitter::Splitter;
use crate::sources::Sources;
use crate::components::tree_view::TreeView;
use crate::loaded::use_loaded;
use crate::navigator::{use_navigator, Navigator};
use crate::route::{target_route, Nav};
use crate::tree_rows::TreeRows;
// The packed-array pane and "What is this?" (issue 9).
use crate::components::packed_pane::{self, PackedPane};
use crate::components::what_is_this::WhatIsThis;
use rod_view::glossary::Selection;
use rod_view::Target;
// Builds: a comparison's differences marked in the tree (`&diff=B,A`).
use crate::components::diff_bar::DiffBar;
use crate::diff_option;
use rod_view::diff_marks::DiffMarks;
use std::rc::Rc;

#[derive(Properties, PartialEq)]
pub struct TreePanelProps {
    pub module: ModuleIdx,
    pub tree: TreeId,
    /// Only the subtree at this node (a symbol's definition).
    #[prop_or_default]
    pub root: Option<NodePos>,
    /// The node the route selects.
    pub selected: Option<NodePos>,
    #[prop_or_default]
    pub caption: Option<AttrValue>,
    /// Show the node detail pane.
    #[prop_or(true)]
    pub detail: bool,
}

fn row_cells(c: &dyn Cache, r: &NodeRow) -> (Html, Html) {
    let flags = r.flags.join(", ");
    (
        html! {
            <span class="label">
                <span class="kind">{ r.kind.clone() }</span>{ " " }{ value_html(c, &r.value) }
                if let Some(h) = &r.hint { <span class="hint">{ h.clone() }</span> }
                if let Some(o) = &r.owner {
                    <span class="owner">{ " ⟵ " }{ link_html(c, o, "owner-link") }</span>
                }
            </span>
        },
        html! {
            <>
                <div role="gridcell" class="cell-type">
                    if let Some(t) = &r.typ { { link_html(c, t, "type") } }
                </div>
                <div role="gridcell" class="cell-flags" title={flags.clone()}>{ flags }</div>
                <div role="gridcell" class="cell-pos">{ pos_html(r.pos.as_ref()) }</div>
            </>
        },
    )
}

/// A position: the file (when not the module's own) may be clipped, `line:col` never is.
fn pos_html(p: Option<&rod_view::Pos>) -> Html {
    let Some(p) = p else { return html! {} };
    let lc = format!("{}:{}", p.line, p.col);
    if p.own_file || p.file.is_empty() {
        return html! { <span class="pos-lc">{ lc }</span> };
    }
    html! {
        <span class="pos" title={format!("{}:{lc}", p.file)}>
            <span class="pos-file">{ rod_view::text::short_path(&p.file).to_string() }</span>
            <span class="pos-lc">{ format!(":{lc}") }</span>
        </span>
    }
}

/// Most matches find-in-tree lists.
const FIND_CAP: usize = 100_000;

/// After a collapse: a selection that is no longer visible moves to its nearest visible
/// ancestor (in place).
fn keep_selection_visible(nav: &Navigator, rows: &TreeRows, t: &Tree) {
    let now = nav.now();
    if let Some(sel) = now.node().filter(|&n| rows.contains(n)) {
        if let Some(v) = rows.visible_at(t, sel).filter(|&v| v != sel) {
            nav.go(now.with_node(Some(v)), Nav::Replace);
        }
    }
}

#[function_component]
pub fn TreePanel(props: &TreePanelProps) -> Html {
    let loaded = use_loaded();
    let nav = use_navigator();
    let (m, t) = (props.module, props.tree);
    let cache = loaded.cache.clone();
    let rows = {
        let cache = cache.clone();
        let root = props.root;
        use_mut_ref(move || TreeRows::new(&Tree::new(&*cache, m, t), root))
    };
    let redraw = use_force_update();
    if let Some(sel) = props.selected {
        rows.borrow_mut().reveal(&Tree::new(&*cache, m, t), sel);
    }
    let visible = rows.borrow().rows.clone();
    let node_count = rows.borrow().node_count();

    let render = {
        let cache = cache.clone();
        Callback::from(move |key: NodePos| match cache.node_row(m, t, key) {
            Some(r) => row_cells(&*cache, &r),
            None => (html! { <span class="label bad">{ "?" }</span> }, html! {}),
        })
    };
    let select = {
        let nav = nav.clone();
        Callback::from(move |(node, how): (NodePos, Nav)| {
            nav.go(nav.now().with_node(Some(node)), how)
        })
    };
    let locate = {
        let nav = nav.clone();
        Callback::from(move |_| nav.now().node())
    };
    let toggle = {
        let (cache, rows, redraw, nav) = (cache.clone(), rows.clone(), redraw.clone(), nav.clone());
        Callback::from(move |(node, want): (NodePos, Option<bool>)| {
            let tree = Tree::new(&*cache, m, t);
            let changed = rows.borrow_mut().set_expanded(&tree, node, want);
            if changed {
                keep_selection_visible(&nav, &rows.borrow(), &tree);
                redraw.force_update();
            }
        })
    };
    let expand_all = {
        let (cache, rows, redraw, nav) = (cache.clone(), rows.clone(), redraw.clone(), nav.clone());
        Callback::from(move |on: bool| {
            let tree = Tree::new(&*cache, m, t);
            rows.borrow_mut().set_all(&tree, on);
            keep_selection_visible(&nav, &rows.borrow(), &tree);
            redraw.force_update();
        })
    };
    let expand_subtree = {
        let (cache, rows, redraw) = (cache.clone(), rows.clone(), redraw.clone());
        Callback::from(move |node: NodePos| {
            rows.borrow_mut()
                .expand_subtree(&Tree::new(&*cache, m, t), node);
            redraw.force_update();
        })
    };
    let activate = {
        let (cache, rows, nav, toggle, select) = (
            cache.clone(),
            rows.clone(),
            nav.clone(),
            toggle.clone(),
            select.clone(),
        );
        Callback::from(move |key: NodePos| {
            let link = cache
                .node_row(m, t, key)
                .and_then(|r| r.link())
                .and_then(|to| target_route(&*cache, to));
            if let Some(route) = link {
                return nav.go(route, Nav::Push);
            }
            let has_children = {
                let r = rows.borrow();
                r.position(key)
                    .and_then(|p| r.rows.get(p).copied())
                    .is_some_and(|r| r.has_children)
            };
            if has_children {
                toggle.emit((key, None));
            } else {
                select.emit((key, Nav::Push));
            }
        })
    };

    // Find in tree: every match in the shown range, whatever is expanded.
    let find = use_state_eq(String::new);
    let hits = {
        let (cache, rows) = (cache.clone(), rows.clone());
        use_memo((*find).clone(), move |q| {
            let r = rows.borrow();
            cache
                .find_in_tree(m, t, q, FIND_CAP)
                .into_iter()
                .filter(|&n| r.contains(n))
                .collect::<Vec<NodePos>>()
        })
    };
    let find_step = {
        let (hits, nav) = (hits.clone(), nav.clone());
        Callback::from(move |back: bool| {
            let cur = nav.now().node();
            let next = if back {
                hits.iter()
                    .rev()
                    .find(|&&h| cur.is_some_and(|c| h < c))
                    .or(hits.last())
            } else {
                hits.iter()
                    .find(|&&h| cur.is_none_or(|c| h > c))
                    .or(hits.first())
            };
            if let Some(&n) = next {
                nav.go(nav.now().with_node(Some(n)), Nav::Replace);
            }
        })
    };
    let find_input = {
        let find = find.clone();
        Callback::from(move |e: InputEvent| {
            let el: web_sys::HtmlInputElement = e.target_unchecked_into();
            find.set(el.value());
        })
    };
    let find_key = {
        let step = find_step.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                e.prevent_default();
                step.emit(e.shift_key());
            }
        })
    };
    let find_count = if find.trim().is_empty() {
        String::new()
    } else {
        let n = hits.len();
        let at = props.selected.and_then(|s| hits.binary_search(&s).ok());
        match (n, at) {
            (0, _) => "no match".to_string(),
            (_, Some(i)) => format!("{} of {n}", i + 1),
            _ => rod_view::text::plural(n, "match", "matches"),
        }
    };
    // The packed-array pane beside the tree (issue 9): shown or not, for the session.
    let packed = use_state_eq(packed_pane::shown);
    let toggle_packed = {
        let packed = packed.clone();
        Callback::from(move |_: MouseEvent| {
            packed_pane::set_shown(!*packed);
            packed.set(!*packed);
        })
    };
    let packed_button = html! {
        <button type="button" class={classes!("button", "small", (!*packed).then_some("subtle"))} id="packed-toggle" aria-pressed={packed.to_string()}
            aria-controls="packed-pane" title="Show the flat node array this tree is stored as"
            onclick={toggle_packed}>{ "Packed array" }</button>
    };
    let toolbar = html! {
        <>
        { packed_button }
        <div class="tree-find" role="search">
            <label for="tree-find" class="visually-hidden">{ "Find in this tree" }</label>
            <input type="search" id="tree-find" class="find-input" placeholder="Find: kind, text, name, :line"
                title="A node kind (nkCall or Call), a literal's text, a symbol's name, or :LINE. Enter: next, Shift+Enter: previous."
                autocomplete="off" spellcheck="false" value={(*find).clone()}
                oninput={find_input} onkeydown={find_key} />
            <span class="muted find-count" id="tree-find-count" aria-live="polite" data-count={hits.len().to_string()}>{ find_count }</span>
            <button type="button" class="button small" id="tree-find-prev" title="Previous match (Shift+Enter)"
                disabled={hits.is_empty()} onclick={find_step.reform(|_: MouseEvent| true)}>{ "↑" }</button>
            <button type="button" class="button small" id="tree-find-next" title="Next match (Enter)"
                disabled={hits.is_empty()} onclick={find_step.reform(|_: MouseEvent| false)}>{ "↓" }</button>
        </div>
        </>
    };
    // Builds: the differences from the other build of a comparison, marked.
    let diff_side = diff_option::side_of(loaded.selected);
    let marks = {
        let (cache, caches) = (cache.clone(), loaded.caches.clone());
        use_memo((m, t, diff_side, loaded.selected, caches.len()), move |&(m, t, side, _, _)| {
            let (side, other) = side?;
            let other = caches.get(other)?;
            DiffMarks::between(&*cache, m, t, &*other.cache, side)
        })
    };
    let row_mark = (*marks).clone().map(|d| {
        let (cache, rows) = (cache.clone(), rows.clone());
        Callback::from(move |key: NodePos| {
            let folded = {
                let r = rows.borrow();
                r.position(key).and_then(|p| r.rows.get(p).copied()).is_some_and(|r| r.has_children && !r.expanded)
            };
            let end = cache.subtree_end(m, t, key);
            d.row(key, end, folded).map(|mk| (mk.slug(), mk.words(d.side)))
        })
    });
    let subhead = match &*marks {
        Some(d) => html! {
            <DiffBar marks={Rc::new(d.clone())} selected={props.selected} on_stop={{
                let redraw = redraw.clone();
                Callback::from(move |_: ()| redraw.force_update())
            }} />
        },
        None => html! {},
    };
    // A node shown inside another row (an operand the row folds): say so.
    let folded_into = props.selected.and_then(|sel| {
        let r = rows.borrow();
        r.visible_at(&Tree::new(&*cache, m, t), sel).filter(|&v| v != sel)
    });

    // The source beside the tree, when it was given.
    let sources = use_context::<Sources>().unwrap_or_default();
    let sel_pos = props
        .selected
        .and_then(|s| cache.node_row(m, t, s))
        .and_then(|r| r.pos);
    let has_source = sources.for_module(m).is_some()
        || sel_pos.as_ref().is_some_and(|p| sources.for_file(&p.file).is_some());

    let caption = props.caption.clone().unwrap_or_else(|| {
        let title = cache
            .trees(m)
            .into_iter()
            .find(|i| i.id == t)
            .map_or_else(String::new, |i| i.title);
        let short = cache.module_row(m).map_or_else(String::new, |r| r.short);
        AttrValue::from(format!("{title} of {short} · {node_count} nodes"))
    });
    let head = html! {
        <>
            <span role="columnheader" class="col-type">
                <Splitter var="--col-type-w" label="Resize the type column" initial={192} min={48} max={800} column_of={AttrValue::from(".tree-panel")} />
                { "type" }
            </span>
            <span role="columnheader" class="col-flags">
                <Splitter var="--col-flags-w" label="Resize the flags column" initial={144} min={40} max={800} column_of={AttrValue::from(".tree-panel")} />
                { "flags" }
            </span>
            <span role="columnheader" class="col-pos">
                <Splitter var="--col-pos-w" label="Resize the line:col column" initial={184} min={56} max={800} column_of={AttrValue::from(".tree-panel")} id={AttrValue::from("col-pos-splitter")} />
                { "line:col" }
            </span>
        </>
    };
    let detail = match (props.detail, props.selected) {
        (true, Some(sel)) => html! {
            <NodeDetail module={m} tree={t} node={sel} on_expand_subtree={expand_subtree.clone()} />
        },
        (true, None) => html! {
            <aside class="detail" aria-label="Node details">
                <p class="muted">{ "Select a node (click, or the arrow keys) to see its details. Enter follows a symbol, Backspace goes back, * expands a subtree." }</p>
                <WhatIsThis sel={Selection::Tree(m, t)} />
            </aside>
        },
        _ => html! {},
    };
    // What is this? below the tree where the details pane is hidden (narrow screens).
    let narrow_glossary = match props.selected {
        Some(sel) => Selection::Target(Target::Node(m, t, sel)),
        None => Selection::Tree(m, t),
    };
    html! {
        <div class={classes!("split", "tree-split", packed.then_some("with-packed"))}>
            <TreeView
                {caption}
                rows={visible}
                selected={props.selected}
                {locate}
                {render}
                {head}
                on_select={select}
                on_toggle={toggle}
                on_activate={activate}
                on_expand_all={expand_all}
                on_expand_subtree={Some(expand_subtree)}
                {toolbar}
                {subhead}
                {row_mark}
                note={folded_into.zip(props.selected).map(|(v, s)| AttrValue::from(format!(
                    "node {} is an operand shown in row {} (its children fold into it)", s.0, v.0)))}
            />
            if *packed {
                <Splitter var="--packed-w" label="Resize the packed-array pane" initial={560} min={220} max={1400} id={AttrValue::from("packed-splitter")} />
                <PackedPane module={m} tree={t} root={props.root} selected={props.selected} />
            }
            <div class="narrow-glossary"><WhatIsThis sel={narrow_glossary} narrow=true /></div>
            if has_source {
                <Splitter var="--source-w" label="Resize the source pane" initial={400} min={160} max={1400} id={AttrValue::from("source-splitter")} />
                <SourcePane module={m} tree={t} selected={props.selected} pos={sel_pos} range={rows.borrow().range()} />
            }
            if props.detail {
                <Splitter var="--detail-w" label="Resize the details pane" initial={340} min={200} max={900} id={AttrValue::from("detail-splitter")} />
            }
            { detail }
        </div>
    }
}
