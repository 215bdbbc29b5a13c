//! A virtualized tree: only the rows inside the scroll container's viewport (plus a few
//! above and below) are in the DOM, so 100k+ rows scroll smoothly.
//!
//! Layout: a scroll container (`role="treegrid"`, focusable, `aria-activedescendant` on the
//! selected row) holds a spacer as tall as all rows; inside it a window, moved down with a
//! transform, holds the rendered rows. Rows have one fixed height: `ROW_HEIGHT` here and
//! `--row-height` in `static/style.css` must agree. Spacer height and window offset are set
//! through the CSSOM, not `style` attributes, so the Content-Security-Policy needs no
//! `'unsafe-inline'` for styles.
//!
//! Keyboard (on the focused tree): Up/Down, PageUp/PageDown, Home/End move the selection
//! (updating the URL in place); Right expands or steps into the first child; Left collapses
//! or steps out to the parent; Enter toggles and opens (a history entry); Backspace goes to
//! the parent (a history entry).

use std::rc::Rc;

use gloo_events::EventListener;
use web_sys::HtmlElement;
use yew::prelude::*;

use crate::components::tree_row::{row_id, RowClick, TreeRow};
use crate::route::Nav;
use crate::tree::TreeModel;

/// Height of one row in CSS pixels (see `--row-height` in `static/style.css`).
pub const ROW_HEIGHT: f64 = 24.0;
/// Rows rendered beyond each edge of the viewport.
const OVERSCAN: usize = 10;

#[derive(Properties, PartialEq)]
pub struct TreeViewProps {
    pub caption: AttrValue,
    pub tree: Rc<TreeModel>,
    pub rows: Rc<Vec<u32>>,
    pub expanded: Rc<Vec<bool>>,
    pub selected: Option<u32>,
    pub on_select: Callback<(u32, Nav)>,
    pub on_toggle: Callback<(u32, Option<bool>)>,
    pub on_expand_all: Callback<bool>,
}

#[function_component]
pub fn TreeView(props: &TreeViewProps) -> Html {
    let scroller = use_node_ref();
    let spacer = use_node_ref();
    let window_ref = use_node_ref();
    // First row at the top of the viewport, and the viewport's height in rows.
    let first = use_state_eq(|| 0usize);
    let page = use_state_eq(|| 30usize);

    // Measure the viewport now and whenever the window is resized.
    {
        let scroller = scroller.clone();
        let page = page.clone();
        use_effect_with((), move |_| {
            let measure = move || {
                if let Some(el) = scroller.cast::<HtmlElement>() {
                    let rows = (el.client_height() as f64 / ROW_HEIGHT).ceil() as usize;
                    page.set(rows.max(1));
                }
            };
            measure();
            let window = web_sys::window().expect("no window");
            let listener = EventListener::new(&window, "resize", move |_| measure());
            move || drop(listener)
        });
    }

    let n = props.rows.len();
    let start = (*first).min(n).saturating_sub(OVERSCAN);
    let end = (*first + *page + OVERSCAN).min(n);

    // Size the spacer and move the window (CSSOM: allowed under a strict CSP).
    {
        let spacer = spacer.clone();
        let window_ref = window_ref.clone();
        use_effect_with((n, start), move |&(n, start)| {
            if let Some(el) = spacer.cast::<HtmlElement>() {
                let _ = el
                    .style()
                    .set_property("height", &format!("{}px", n as f64 * ROW_HEIGHT));
            }
            if let Some(el) = window_ref.cast::<HtmlElement>() {
                let _ = el.style().set_property(
                    "transform",
                    &format!("translateY({}px)", start as f64 * ROW_HEIGHT),
                );
            }
        });
    }

    let selected_pos = props
        .selected
        .and_then(|s| props.rows.iter().position(|&r| r == s));

    // Scroll the selected row into view when the selection changes.
    {
        let scroller = scroller.clone();
        use_effect_with(selected_pos, move |&pos| {
            if let (Some(pos), Some(el)) = (pos, scroller.cast::<HtmlElement>()) {
                let top = pos as f64 * ROW_HEIGHT;
                let view = el.client_height() as f64;
                let cur = el.scroll_top() as f64;
                if top < cur {
                    el.set_scroll_top(top as i32);
                } else if top + ROW_HEIGHT > cur + view {
                    el.set_scroll_top((top + ROW_HEIGHT - view).ceil() as i32);
                }
            }
        });
    }

    let onscroll = {
        let first = first.clone();
        Callback::from(move |e: Event| {
            let el: HtmlElement = e.target_unchecked_into();
            first.set((el.scroll_top() as f64 / ROW_HEIGHT).floor() as usize);
        })
    };

    // The keyboard cursor: the selected row's position, also moved by the key handler right
    // away, so keys pressed faster than the app re-renders still step from the right row.
    let cursor = use_mut_ref(|| None::<usize>);
    *cursor.borrow_mut() = selected_pos;

    let onkeydown = {
        let cursor = cursor.clone();
        let rows = props.rows.clone();
        let tree = props.tree.clone();
        let expanded = props.expanded.clone();
        let on_select = props.on_select.clone();
        let on_toggle = props.on_toggle.clone();
        let page = *page;
        Callback::from(move |e: KeyboardEvent| {
            let n = rows.len();
            if n == 0 || e.alt_key() || e.ctrl_key() || e.meta_key() {
                return;
            }
            let cur = (*cursor.borrow()).filter(|&c| c < n);
            let go = |pos: usize, nav: Nav| {
                let pos = pos.min(n - 1);
                *cursor.borrow_mut() = Some(pos);
                on_select.emit((rows[pos], nav));
            };
            let step = page.saturating_sub(1).max(1);
            match e.key().as_str() {
                "ArrowDown" => go(cur.map_or(0, |c| c + 1), Nav::Replace),
                "ArrowUp" => go(cur.map_or(0, |c| c.saturating_sub(1)), Nav::Replace),
                "PageDown" => go(cur.map_or(0, |c| c + step), Nav::Replace),
                "PageUp" => go(cur.map_or(0, |c| c.saturating_sub(step)), Nav::Replace),
                "Home" => go(0, Nav::Replace),
                "End" => go(n - 1, Nav::Replace),
                "ArrowRight" => {
                    let Some(c) = cur else {
                        return go(0, Nav::Replace);
                    };
                    let node = rows[c];
                    if tree.has_children(node) {
                        if expanded[node as usize] {
                            go(c + 1, Nav::Replace);
                        } else {
                            on_toggle.emit((node, Some(true)));
                        }
                    }
                }
                "ArrowLeft" => {
                    let Some(c) = cur else {
                        return go(0, Nav::Replace);
                    };
                    let node = rows[c];
                    if tree.has_children(node) && expanded[node as usize] {
                        on_toggle.emit((node, Some(false)));
                    } else if let Some(p) = tree.parent(node) {
                        *cursor.borrow_mut() = rows.iter().position(|&r| r == p);
                        on_select.emit((p, Nav::Replace));
                    }
                }
                "Enter" => {
                    let Some(c) = cur else {
                        return go(0, Nav::Push);
                    };
                    let node = rows[c];
                    if tree.has_children(node) {
                        on_toggle.emit((node, None));
                    }
                    on_select.emit((node, Nav::Push));
                }
                "Backspace" => {
                    if let Some(p) = cur.and_then(|c| tree.parent(rows[c])) {
                        *cursor.borrow_mut() = rows.iter().position(|&r| r == p);
                        on_select.emit((p, Nav::Push));
                    }
                }
                _ => return,
            }
            e.prevent_default();
        })
    };

    let on_row_click = {
        let on_select = props.on_select.clone();
        let on_toggle = props.on_toggle.clone();
        use_callback(
            (on_select, on_toggle),
            move |(node, what): (u32, RowClick), (on_select, on_toggle)| match what {
                RowClick::Select => on_select.emit((node, Nav::Push)),
                RowClick::Toggle => on_toggle.emit((node, None)),
            },
        )
    };

    let expand_all = props.on_expand_all.reform(|_: MouseEvent| true);
    let collapse_all = props.on_expand_all.reform(|_: MouseEvent| false);
    let active = selected_pos
        .filter(|p| (start..end).contains(p))
        .map(|p| row_id(props.rows[p]));

    let tree = &props.tree;
    let rendered = (start..end).map(|pos| {
        let node = props.rows[pos];
        let n = &tree.nodes[node as usize];
        html! {
            <TreeRow
                key={node}
                {node}
                {pos}
                level={n.level}
                label={AttrValue::Rc(n.label.clone())}
                detail={AttrValue::Rc(n.detail.clone())}
                has_children={tree.has_children(node)}
                expanded={props.expanded[node as usize]}
                selected={props.selected == Some(node)}
                on_click={on_row_click.clone()}
            />
        }
    });

    html! {
        <section class="tree-panel" aria-labelledby="tree-caption">
            <div class="tree-head">
                <h2 id="tree-caption">{ props.caption.clone() }</h2>
                <span class="muted">{ format!("{n} rows") }</span>
                <span class="spacer" />
                <button type="button" class="button small" onclick={expand_all}>{ "Expand all" }</button>
                <button type="button" class="button small" onclick={collapse_all}>{ "Collapse all" }</button>
            </div>
            <div
                ref={scroller}
                class="tree-scroll"
                id="tree"
                role="treegrid"
                tabindex="0"
                aria-labelledby="tree-caption"
                aria-rowcount={n.to_string()}
                aria-activedescendant={active}
                {onscroll}
                {onkeydown}
            >
                <div ref={spacer} class="tree-spacer">
                    <div ref={window_ref} class="tree-window" role="rowgroup">
                        { for rendered }
                    </div>
                </div>
            </div>
        </section>
    }
}
