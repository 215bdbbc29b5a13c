//! The packed-array pane (issue 9, part 4): the flat node array of the tree shown
//! beside it, one row per stored record (index, kind and its ordinal, the raw
//! operand and what it means, subtree end, type, `file:line:col`), as the cache's
//! `array_row` words it. The selected node's subtree `[n, subtree_end)` is bracketed
//! (a band on its rows; `data-span-start` / `data-span-end` on the pane). Virtualized:
//! only the rows in view are in the DOM.
//!
//! Keyboard: Up / Down / PageUp / PageDown / Home / End move a cursor, Enter selects
//! the cursor's node in the tree (and so the URL); a click selects too. Selecting in
//! the tree scrolls the pane to the node. A format that stores no flat array says
//! how it stores its trees instead.

use std::cell::Cell;

use rod_view::{ArrayStorage, ModuleIdx, NodePos, TreeId};
use web_sys::HtmlElement;
use yew::prelude::*;

use crate::components::link::link_html;
use crate::components::virtual_window::{top_row, track_top_row, use_virtual_window, VirtualWindow, ROW_HEIGHT};
use crate::loaded::use_loaded;
use crate::navigator::use_navigator;
use crate::route::Nav;

thread_local! {
    /// Whether the pane is shown (the last choice of this session, kept across trees).
    static SHOWN: Cell<bool> = const { Cell::new(false) };
}

/// Whether the pane was last shown.
pub fn shown() -> bool {
    SHOWN.with(Cell::get)
}

/// Remembers whether the pane is shown.
pub fn set_shown(on: bool) {
    SHOWN.with(|c| c.set(on));
}

#[derive(Properties, PartialEq)]
pub struct PackedPaneProps {
    pub module: ModuleIdx,
    pub tree: TreeId,
    /// Only this node's subtree (a symbol's definition).
    #[prop_or_default]
    pub root: Option<NodePos>,
    /// The node the route selects.
    pub selected: Option<NodePos>,
}

fn prow_id(n: NodePos) -> String {
    format!("prow-{}", n.0)
}

#[function_component]
pub fn PackedPane(props: &PackedPaneProps) -> Html {
    let loaded = use_loaded();
    let nav = use_navigator();
    let c = loaded.cache.clone();
    let (m, t) = (props.module, props.tree);
    let len = c.tree_len(m, t);
    let (lo, hi) = match props.root {
        Some(r) => (r.0 as usize, (c.subtree_end(m, t, r).0 as usize).min(len)),
        None => (0, len),
    };
    let n = hi.saturating_sub(lo);
    let storage = c.array_storage(m, t);

    let scroller = use_node_ref();
    let spacer = use_node_ref();
    let window_ref = use_node_ref();
    let first = use_state_eq(|| 0usize);
    let cursor = use_state_eq(|| props.selected);
    let VirtualWindow { start, end, page } = use_virtual_window(&scroller, &spacer, &window_ref, *first, n);

    let span = props
        .selected
        .filter(|s| (lo..hi).contains(&(s.0 as usize)))
        .map(|s| (s, c.subtree_end(m, t, s)));

    // A selection made elsewhere (the tree, the URL) moves the cursor and scrolls the
    // pane to it: a third down the view when it was out of view.
    {
        let (scroller, first, cursor) = (scroller.clone(), first.clone(), cursor.clone());
        use_effect_with((props.selected, lo, hi), move |&(sel, lo, hi)| {
            cursor.set(sel);
            if let (Some(s), Some(el)) = (sel.filter(|s| (lo..hi).contains(&(s.0 as usize))), scroller.cast::<HtmlElement>()) {
                let top = (s.0 as usize - lo) as f64 * ROW_HEIGHT;
                let view = el.client_height() as f64;
                let cur = el.scroll_top() as f64;
                if top < cur || top + ROW_HEIGHT > cur + view {
                    el.set_scroll_top((top - view / 3.0).max(0.0) as i32);
                    first.set(top_row(&el));
                }
            }
        });
    }
    // The cursor (keyboard) stays in view.
    let move_cursor = {
        let (scroller, first, cursor) = (scroller.clone(), first.clone(), cursor.clone());
        move |to: usize| {
            let to = to.min(n.saturating_sub(1));
            cursor.set(Some(NodePos((lo + to) as u32)));
            if let Some(el) = scroller.cast::<HtmlElement>() {
                let top = to as f64 * ROW_HEIGHT;
                let view = el.client_height() as f64;
                let cur = el.scroll_top() as f64;
                if top < cur {
                    el.set_scroll_top(top as i32);
                } else if top + ROW_HEIGHT > cur + view {
                    el.set_scroll_top((top + ROW_HEIGHT - view).ceil() as i32);
                }
                first.set(top_row(&el));
            }
        }
    };
    let select = {
        let nav = nav.clone();
        Callback::from(move |node: NodePos| nav.go(nav.now().with_node(Some(node)), Nav::Push))
    };
    let onkeydown = {
        let (cursor, select) = (cursor.clone(), select.clone());
        Callback::from(move |e: KeyboardEvent| {
            if n == 0 || e.alt_key() || e.ctrl_key() || e.meta_key() {
                return;
            }
            let cur = cursor.filter(|c| (lo..hi).contains(&(c.0 as usize))).map(|c| c.0 as usize - lo);
            let step = page.saturating_sub(1).max(1);
            match e.key().as_str() {
                "ArrowDown" => move_cursor(cur.map_or(0, |c| c + 1)),
                "ArrowUp" => move_cursor(cur.map_or(0, |c| c.saturating_sub(1))),
                "PageDown" => move_cursor(cur.map_or(0, |c| c + step)),
                "PageUp" => move_cursor(cur.map_or(0, |c| c.saturating_sub(step))),
                "Home" => move_cursor(0),
                "End" => move_cursor(n - 1),
                "Enter" | " " => match *cursor {
                    Some(c) => select.emit(c),
                    None => move_cursor(0),
                },
                _ => return,
            }
            e.prevent_default();
        })
    };
    let onscroll = track_top_row(&first);

    let (title, about) = match &storage {
        ArrayStorage::Flat { record, record_size, section, about } => {
            (format!("{section}: {n} {record} records of {record_size} bytes"), about.clone())
        }
        ArrayStorage::NotFlat(why) => ("not a flat array".to_string(), why.clone()),
    };
    let span_text = match span {
        Some((s, e)) => format!(
            "node {}: subtree [{}, {}) · {}",
            s.0,
            s.0,
            e.0,
            rod_view::text::plural((e.0 - s.0) as usize, "node", "nodes")
        ),
        None => "select a node: its subtree is bracketed".to_string(),
    };
    let head = html! {
        <div class="packed-head">
            <h2 id="packed-caption">{ "Packed array" }<span class="muted">{ format!(" · {title}") }</span></h2>
            <p class="packed-about muted" title={about.clone()}>{ about.clone() }</p>
            <p class="packed-span" id="packed-span" aria-live="polite">{ span_text }</p>
        </div>
    };
    if !matches!(storage, ArrayStorage::Flat { .. }) {
        return html! {
            <section class="packed-pane not-flat" id="packed-pane" aria-labelledby="packed-caption" data-flat="false">
                { head }
            </section>
        };
    }

    let rows = (start..end).map(|i| {
        let node = NodePos((lo + i) as u32);
        let in_span = span.is_some_and(|(s, e)| node >= s && node < e);
        let is_start = span.is_some_and(|(s, _)| node == s);
        let is_end = span.is_some_and(|(_, e)| node.0 + 1 == e.0);
        let selected = props.selected == Some(node);
        let at_cursor = *cursor == Some(node);
        let onclick = {
            let select = select.clone();
            Callback::from(move |e: MouseEvent| {
                let in_link = e
                    .target()
                    .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
                    .and_then(|el| el.closest("a").ok().flatten())
                    .is_some();
                if !in_link {
                    select.emit(node);
                }
            })
        };
        let class = classes!(
            "prow",
            in_span.then_some("in-span"),
            is_start.then_some("span-start"),
            is_end.then_some("span-end"),
            selected.then_some("selected"),
            at_cursor.then_some("cursor"),
        );
        match c.array_row(m, t, node) {
            Some(r) => {
                let pos = r.pos.as_ref().map(|p| p.short_text()).unwrap_or_default();
                let meaning = r.meaning.text();
                let at = r.bytes.as_ref().map(|b| format!("node {}: bytes 0x{:x}..0x{:x} of the file", node.0, b.start, b.end));
                html! {
                    <div key={node.0} role="row" id={prow_id(node)} {class} {onclick}
                        aria-selected={selected.to_string()} aria-rowindex={(i + 2).to_string()}
                        data-node={node.0.to_string()} data-in-span={in_span.to_string()}>
                        <span role="gridcell" class="p-idx" title={at}>{ node.0 }</span>
                        <span role="gridcell" class="p-kind" title={format!("{} = ordinal {}", r.kind, r.kind_ordinal)}>
                            <span class="kind">{ r.kind.clone() }</span>
                        </span>
                        <span role="gridcell" class="p-raw" title="kind ordinal · operand, as stored">{ format!("{} · {}", r.kind_ordinal, r.operand) }</span>
                        <span role="gridcell" class="p-op" title={meaning.clone()}>{ meaning }</span>
                        <span role="gridcell" class="p-end" title="one past the subtree's last node">{ format!("→{}", r.subtree_end.0) }</span>
                        <span role="gridcell" class="p-type">
                            if let Some(ty) = &r.typ { { link_html(&*c, ty, "type") } }
                        </span>
                        <span role="gridcell" class="p-pos" title={pos.clone()}>{ pos }</span>
                    </div>
                }
            }
            None => html! {
                <div key={node.0} role="row" id={prow_id(node)} {class} data-node={node.0.to_string()}>
                    <span role="gridcell" class="p-idx">{ node.0 }</span><span class="bad">{ "?" }</span>
                </div>
            },
        }
    });
    let active = cursor.filter(|c| (lo..hi).contains(&(c.0 as usize))).map(prow_id);
    html! {
        <section class="packed-pane" id="packed-pane" aria-labelledby="packed-caption" data-flat="true"
            data-span-start={span.map(|s| s.0 .0.to_string())} data-span-end={span.map(|s| s.1 .0.to_string())}
            data-rows={n.to_string()}>
            { head }
            <div class="prow phead" role="row" aria-rowindex="1">
                <span role="columnheader" class="p-idx">{ "#" }</span>
                <span role="columnheader" class="p-kind">{ "kind" }</span>
                <span role="columnheader" class="p-raw">{ "raw" }</span>
                <span role="columnheader" class="p-op">{ "operand means" }</span>
                <span role="columnheader" class="p-end">{ "end" }</span>
                <span role="columnheader" class="p-type">{ "type" }</span>
                <span role="columnheader" class="p-pos">{ "info" }</span>
            </div>
            <div ref={scroller} class="packed-scroll" id="packed" role="grid" tabindex="0"
                aria-labelledby="packed-caption" aria-describedby="packed-span" aria-rowcount={(n + 1).to_string()}
                aria-activedescendant={active} {onscroll} {onkeydown}>
                <div ref={spacer} class="tree-spacer">
                    <div ref={window_ref} class="tree-window" role="rowgroup">{ for rows }</div>
                </div>
            </div>
        </section>
    }
}
