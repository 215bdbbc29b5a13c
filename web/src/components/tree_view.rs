//! A virtualized treegrid: only the rows inside the scroll container's viewport (plus a few
//! above and below) are in the DOM, so 100k+ rows scroll smoothly.
//!
//! The view is generic: it gets the flat list of visible rows (`RowMeta`: node, level,
//! expansion) and a `render` callback that makes the cells of one row, called only for the
//! rows in the window. The tree panel asks the cache for a row's text at that moment;
//! nothing is prepared for rows that are never seen. The selection is the owner's (the
//! URL): `selected` as rendered, `locate` as it is right now.
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
//! or steps out to the parent; Enter follows the row's link or opens it (a history entry);
//! `*` expands the whole subtree; Backspace goes back (the browser's back).

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

use rod_view::NodePos;

use crate::components::virtual_window::{top_row, track_top_row, use_virtual_window, VirtualWindow, ROW_HEIGHT};
use crate::navigator::back;
use crate::route::Nav;
use crate::tree_rows::RowMeta;

#[derive(Properties, PartialEq)]
pub struct TreeViewProps {
    /// Used for the ids of the tree and its caption (one tree view per page).
    #[prop_or(AttrValue::Static("tree"))]
    pub id: AttrValue,
    pub caption: AttrValue,
    pub rows: Rc<Vec<RowMeta>>,
    /// The selected node, as rendered.
    pub selected: Option<NodePos>,
    /// The selected node right now (keys can be pressed faster than the page renders:
    /// each steps from where the previous one went).
    pub locate: Callback<(), Option<NodePos>>,
    /// The cells of one row: (the label cell's content, the further gridcells).
    pub render: Callback<NodePos, (Html, Html)>,
    /// Column headers after the first.
    #[prop_or_default]
    pub head: Html,
    /// Extra toolbar content.
    #[prop_or_default]
    pub toolbar: Html,
    /// A remark under the toolbar (e.g. the selected node is folded into a row).
    #[prop_or_default]
    pub note: Option<AttrValue>,
    /// A bar under the toolbar (the comparison's marks and their stepping buttons).
    #[prop_or_default]
    pub subhead: Html,
    /// A row's mark: (a slug, its meaning in words), e.g. ("changed", "differs from
    /// the build before"); the row gets the class `mark-<slug>`, `data-mark` and the
    /// words as its title.
    #[prop_or_default]
    pub row_mark: Option<Callback<NodePos, Option<(&'static str, &'static str)>>>,
    pub on_select: Callback<(NodePos, Nav)>,
    pub on_toggle: Callback<(NodePos, Option<bool>)>,
    /// Enter on a row.
    pub on_activate: Callback<NodePos>,
    pub on_expand_all: Callback<bool>,
    #[prop_or_default]
    pub on_expand_subtree: Option<Callback<NodePos>>,
}

pub fn row_id(node: NodePos) -> String {
    format!("row-{}", node.0)
}

/// The row position of a node (rows are in pre-order, so keys ascend).
fn position(rows: &[RowMeta], key: NodePos) -> Option<usize> {
    rows.binary_search_by_key(&key.0, |r| r.key.0).ok()
}

/// The position of the parent row of the row at `pos`.
fn parent_pos(rows: &[RowMeta], pos: usize) -> Option<usize> {
    let level = rows.get(pos)?.level;
    (0..pos).rev().find(|&i| rows[i].level < level)
}

#[function_component]
pub fn TreeView(props: &TreeViewProps) -> Html {
    let scroller = use_node_ref();
    let spacer = use_node_ref();
    let window_ref = use_node_ref();
    // First row at the top of the viewport.
    let first = use_state_eq(|| 0usize);
    let rows = &props.rows;
    let n = rows.len();
    let VirtualWindow { start, end, page } =
        use_virtual_window(&scroller, &spacer, &window_ref, *first, n);

    let selected_pos = props.selected.and_then(|s| position(rows, s));

    // Scroll the selected row into view when the selection changes (or the tree does).
    {
        let scroller = scroller.clone();
        let first = first.clone();
        use_effect_with((selected_pos, props.selected), move |&(pos, _)| {
            if let (Some(pos), Some(el)) = (pos, scroller.cast::<HtmlElement>()) {
                let top = pos as f64 * ROW_HEIGHT;
                let view = el.client_height() as f64;
                let cur = el.scroll_top() as f64;
                // A step past an edge (the arrow keys) scrolls by that step; a jump (a
                // link, a deep URL, Home/End, a page) puts the row a third down the view.
                let target = if top < cur {
                    if cur - top <= ROW_HEIGHT {
                        Some(top)
                    } else {
                        Some((top - view / 3.0).max(0.0))
                    }
                } else if top + ROW_HEIGHT > cur + view {
                    if top + ROW_HEIGHT - (cur + view) <= ROW_HEIGHT {
                        Some((top + ROW_HEIGHT - view).ceil())
                    } else {
                        Some((top - view / 3.0).max(0.0))
                    }
                } else {
                    None
                };
                if let Some(t) = target {
                    el.set_scroll_top(t as i32);
                    first.set(top_row(&el));
                }
                // Focus left with a link that is gone (a click on a link to this node):
                // give it to the tree, so the keyboard works right away.
                let active = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.active_element());
                let lost = match active {
                    Some(a) => a.tag_name() == "BODY",
                    None => true,
                };
                if lost {
                    let _ = el.focus();
                }
            }
        });
    }

    let onscroll = track_top_row(&first);

    let onkeydown = {
        let locate = props.locate.clone();
        let rows = props.rows.clone();
        let on_select = props.on_select.clone();
        let on_toggle = props.on_toggle.clone();
        let on_activate = props.on_activate.clone();
        let on_subtree = props.on_expand_subtree.clone();
        Callback::from(move |e: KeyboardEvent| {
            let n = rows.len();
            if n == 0 || e.alt_key() || e.ctrl_key() || e.meta_key() {
                return;
            }
            let cur = locate.emit(()).and_then(|k| position(&rows, k));
            let go = |pos: usize, nav: Nav| {
                let pos = pos.min(n - 1);
                on_select.emit((rows[pos].key, nav));
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
                    let r = rows[c];
                    if r.has_children {
                        if r.expanded {
                            go(c + 1, Nav::Replace);
                        } else {
                            on_toggle.emit((r.key, Some(true)));
                        }
                    }
                }
                "ArrowLeft" => {
                    let Some(c) = cur else {
                        return go(0, Nav::Replace);
                    };
                    let r = rows[c];
                    if r.has_children && r.expanded {
                        on_toggle.emit((r.key, Some(false)));
                    } else if let Some(p) = parent_pos(&rows, c) {
                        go(p, Nav::Replace);
                    }
                }
                "*" => {
                    if let (Some(c), Some(cb)) = (cur, &on_subtree) {
                        cb.emit(rows[c].key);
                    }
                }
                "Enter" => {
                    let Some(c) = cur else {
                        return go(0, Nav::Push);
                    };
                    on_activate.emit(rows[c].key);
                }
                "Backspace" => back(),
                _ => return,
            }
            e.prevent_default();
        })
    };

    let on_row_click = {
        let on_select = props.on_select.clone();
        let on_toggle = props.on_toggle.clone();
        Callback::from(move |(key, toggle, e): (NodePos, bool, MouseEvent)| {
            // A click on a link inside the row is the link's: it navigates by itself.
            let in_link = e
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|el| el.closest("a").ok().flatten())
                .is_some();
            if in_link {
                return;
            }
            if toggle {
                on_toggle.emit((key, None));
            } else {
                on_select.emit((key, Nav::Push));
            }
        })
    };

    let expand_all = props.on_expand_all.reform(|_: MouseEvent| true);
    let collapse_all = props.on_expand_all.reform(|_: MouseEvent| false);
    let tid = props.id.clone();
    let active = selected_pos
        .filter(|p| (start..end).contains(p))
        .map(|p| row_id(rows[p].key));
    let caption_id = format!("{tid}-caption");

    let rendered = (start..end).map(|pos| {
        let r = rows[pos];
        let key = r.key;
        let selected = props.selected == Some(key);
        let (label, cells) = props.render.emit(key);
        let mark = props.row_mark.as_ref().and_then(|f| f.emit(key));
        let onclick = {
            let cb = on_row_click.clone();
            Callback::from(move |e: MouseEvent| cb.emit((key, false, e)))
        };
        let ondblclick = {
            let cb = on_row_click.clone();
            Callback::from(move |e: MouseEvent| cb.emit((key, true, e)))
        };
        let on_twisty = {
            let cb = props.on_toggle.clone();
            Callback::from(move |e: MouseEvent| {
                e.stop_propagation();
                cb.emit((key, None));
            })
        };
        let twisty = match (r.has_children, r.expanded) {
            (false, _) => "",
            (true, true) => "▾",
            (true, false) => "▸",
        };
        html! {
            <div
                key={key.0}
                id={row_id(key)}
                role="row"
                class={classes!("row", selected.then_some("selected"), mark.map(|(slug, _)| format!("mark-{slug}")))}
                data-mark={mark.map(|(slug, _)| slug)}
                title={mark.map(|(_, words)| words)}
                aria-level={r.level.to_string()}
                aria-expanded={r.has_children.then(|| r.expanded.to_string())}
                aria-selected={selected.to_string()}
                aria-rowindex={(pos + 1).to_string()}
                data-key={key.0.to_string()}
                {onclick}
                {ondblclick}
            >
                <div role="gridcell" class="cell-label">
                    { for (1..r.level.min(200)).map(|_| html! { <span class="indent" /> }) }
                    <span class="twisty" aria-hidden="true" onclick={on_twisty}>{ twisty }</span>
                    { label }
                </div>
                { cells }
            </div>
        }
    });

    html! {
        <section class="tree-panel" aria-labelledby={caption_id.clone()}>
            <div class="tree-head">
                <h2 id={caption_id.clone()}>{ props.caption.clone() }</h2>
                <span class="muted">{ format!("{n} rows") }</span>
                <span class="spacer" />
                { props.toolbar.clone() }
                <button type="button" class="button small" onclick={expand_all}>{ "Expand all" }</button>
                <button type="button" class="button small" onclick={collapse_all}>{ "Collapse all" }</button>
            </div>
            { props.subhead.clone() }
            if let Some(note) = &props.note {
                <p class="tree-note muted" id={format!("{tid}-note")} role="status">{ note.clone() }</p>
            }
            <div class="tree-columns" role="row" id={format!("{tid}-head")}>
                <span role="columnheader" class="col-label">{ "node" }</span>
                { props.head.clone() }
            </div>
            <div
                ref={scroller}
                class="tree-scroll"
                id={tid.clone()}
                role="treegrid"
                tabindex="0"
                aria-labelledby={caption_id}
                aria-owns={format!("{tid}-head")}
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
