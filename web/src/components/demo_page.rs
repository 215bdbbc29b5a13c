//! `#/demo`: a test page, reachable only by its URL (the browser tests use it), with a
//! dummy tree of 100,000 rows to check the virtualized tree view on its own. Its tree and
//! expansion live here, not in the app's state; the selection is the URL's.

use std::rc::Rc;

use rod_view::NodePos;
use yew::prelude::*;

use crate::components::tree_view::TreeView;
use crate::demo_tree::TreeModel;
use crate::navigator::use_navigator;
use crate::route::{Nav, Route};
use crate::tree_rows::RowMeta;

/// Size of the dummy tree: 1000 modules x (1 + 9 x (1 + 10)) = 100,000 rows.
const DEMO_SHAPE: (u32, u32, u32) = (1000, 9, 10);

/// The expansion of the dummy tree and its visible rows.
struct DemoRows {
    expanded: Vec<bool>,
    rows: Rc<Vec<RowMeta>>,
}

impl DemoRows {
    fn refresh(&mut self, t: &TreeModel) {
        self.rows = Rc::new(t.row_metas(&self.expanded));
    }
    /// Expands the ancestors of `sel`.
    fn reveal(&mut self, t: &TreeModel, sel: u32) {
        let mut changed = false;
        let mut p = t.parent(sel);
        while let Some(a) = p {
            if let Some(x) = self.expanded.get_mut(a as usize) {
                changed |= !*x;
                *x = true;
            }
            p = t.parent(a);
        }
        if changed {
            self.refresh(t);
        }
    }
}

#[function_component]
pub fn DemoPage() -> Html {
    let nav = use_navigator();
    let tree = use_memo((), |_| {
        let (m, s, i) = DEMO_SHAPE;
        TreeModel::demo(m, s, i)
    });
    let state = {
        let tree = tree.clone();
        use_mut_ref(move || {
            let expanded = vec![true; tree.len()];
            let rows = Rc::new(tree.row_metas(&expanded));
            DemoRows { expanded, rows }
        })
    };
    let redraw = use_force_update();
    let selected = tree.find(&nav.route.to_hash());
    if let Some(sel) = selected {
        state.borrow_mut().reveal(&tree, sel);
    }
    let rows = state.borrow().rows.clone();

    let select = {
        let tree = tree.clone();
        let nav = nav.clone();
        Callback::from(move |(key, how): (NodePos, Nav)| {
            if let Some(n) = tree.nodes.get(key.0 as usize) {
                nav.go(Route::parse(&n.hash), how);
            }
        })
    };
    let locate = {
        let tree = tree.clone();
        let nav = nav.clone();
        Callback::from(move |_| tree.find(&nav.now().to_hash()).map(NodePos))
    };
    let toggle = {
        let tree = tree.clone();
        let state = state.clone();
        let redraw = redraw.clone();
        let nav = nav.clone();
        let select = select.clone();
        Callback::from(move |(key, want): (NodePos, Option<bool>)| {
            let i = key.0 as usize;
            if i >= tree.len() || !tree.has_children(key.0) {
                return;
            }
            let new = want.unwrap_or(!state.borrow().expanded[i]);
            if new == state.borrow().expanded[i] {
                return;
            }
            {
                let mut d = state.borrow_mut();
                d.expanded[i] = new;
                d.refresh(&tree);
            }
            // A selection inside a collapsed subtree moves up to the collapsed node.
            if let Some(sel) = tree.find(&nav.now().to_hash()) {
                if !new && sel > key.0 && sel < tree.nodes[i].end {
                    select.emit((key, Nav::Replace));
                }
            }
            redraw.force_update();
        })
    };
    let expand_all = {
        let tree = tree.clone();
        let state = state.clone();
        let redraw = redraw.clone();
        let nav = nav.clone();
        let select = select.clone();
        Callback::from(move |on: bool| {
            if !on {
                // Keep the selection on its top-level ancestor.
                if let Some(mut sel) = tree.find(&nav.now().to_hash()) {
                    while let Some(p) = tree.parent(sel) {
                        sel = p;
                    }
                    select.emit((NodePos(sel), Nav::Replace));
                }
            }
            {
                let mut d = state.borrow_mut();
                d.expanded = vec![on; tree.len()];
                d.refresh(&tree);
            }
            redraw.force_update();
        })
    };
    let render = {
        let tree = tree.clone();
        Callback::from(move |key: NodePos| {
            let Some(n) = tree.nodes.get(key.0 as usize) else {
                return (html! {}, html! {});
            };
            (
                html! { <span class="label">{ n.label.to_string() }</span> },
                html! { <div role="gridcell" class="cell-detail">{ n.detail.to_string() }</div> },
            )
        })
    };
    let activate = {
        let tree = tree.clone();
        let toggle = toggle.clone();
        let select = select.clone();
        Callback::from(move |key: NodePos| {
            if tree.has_children(key.0) {
                toggle.emit((key, None));
            }
            select.emit((key, Nav::Push));
        })
    };
    let detail = match selected.and_then(|s| tree.nodes.get(s as usize)) {
        Some(n) => html! {
            <>
                <h2 id="detail-title">{ n.label.to_string() }</h2>
                <dl>
                    <dt>{ "Location" }</dt><dd><code>{ n.hash.to_string() }</code></dd>
                    <dt>{ "Kind" }</dt><dd>{ n.detail.to_string() }</dd>
                    <dt>{ "Depth" }</dt><dd>{ n.level }</dd>
                </dl>
            </>
        },
        None => html! { <p class="muted">{ "Select a row to see its details." }</p> },
    };
    html! {
        <div class="split">
            <TreeView
                caption="Demo tree (dummy rows)"
                {rows}
                selected={selected.map(NodePos)}
                {locate}
                {render}
                head={html! { <span class="col-detail">{ "detail" }</span> }}
                on_select={select}
                on_toggle={toggle}
                on_activate={activate}
                on_expand_all={expand_all}
            />
            <aside class="detail" aria-label="Details">{ detail }</aside>
        </div>
    }
}
