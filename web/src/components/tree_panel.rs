//! A packed tree (or a symbol's definition subtree) in the virtualized treegrid, with the
//! selected node's details beside it.

use std::rc::Rc;

use rod_decoder::graph::ModuleIdx;
use rod_decoder::{Literal, NodePos, TreeKind};
use yew::prelude::*;

use crate::components::tree_view::TreeView;
use crate::model::{self, full_pos_text, node_row, Link, NodeRow, RowValue};
use crate::packed_rows::PackedRows;
use crate::route::{self, Nav};
use crate::workspace::Workspace;

#[derive(Properties, PartialEq)]
pub struct TreePanelProps {
    pub ws: Rc<Workspace>,
    pub packed: Rc<PackedRows>,
    pub selected: Option<u32>,
    #[prop_or_default]
    pub caption: Option<AttrValue>,
    /// Show the node detail pane.
    #[prop_or(true)]
    pub detail: bool,
    pub on_select: Callback<(u32, Nav)>,
    pub on_toggle: Callback<(u32, Option<bool>)>,
    pub on_expand_all: Callback<bool>,
    pub on_expand_subtree: Callback<u32>,
}

/// A link, or its label with the reason there is none.
pub fn link_html(l: &Link, class: &'static str) -> Html {
    match &l.href {
        Some(h) => html! { <a href={h.clone()} class={class}>{ l.label.clone() }</a> },
        None => html! {
            <span class={classes!(class, "unresolved")} title={l.note.clone()}>
                { l.label.clone() }
                if let Some(n) = &l.note { <span class="note">{ format!(" ({n})") }</span> }
            </span>
        },
    }
}

pub fn alive_dot(alive: bool) -> Html {
    if alive {
        html! { <span class="mark alive" title="alive">{ "●" }</span> }
    } else {
        html! { <span class="mark dead" title="dead">{ "○" }</span> }
    }
}

/// The value part of a row: symbol link, literal or unresolved reference.
pub fn value_html(v: &RowValue) -> Html {
    match v {
        RowValue::None => html! {},
        RowValue::Lit(s) => html! { <span class="lit">{ s.clone() }</span> },
        RowValue::Sym {
            name,
            kind,
            module,
            href,
            alive,
        } => html! {
            <>
                { alive_dot(*alive) }
                if let Some(m) = module { <span class="remote">{ format!("{m}: ") }</span> }
                <a href={href.clone()} class={classes!("sym", if *alive { "alive" } else { "dead" })}>{ name.clone() }</a>
                <span class="skind">{ kind.clone() }</span>
            </>
        },
        RowValue::Unresolved { path, item, note } => html! {
            <span class="unresolved" title={note.clone()}>{ format!("→ {path} #{item} ({note})") }</span>
        },
        RowValue::Missing(id) => {
            html! { <span class="bad">{ format!("<missing symbol {id}>") }</span> }
        }
    }
}

fn row_cells(r: &NodeRow) -> (Html, Html) {
    (
        html! {
            <span class="label">
                <span class="kind">{ r.kind.clone() }</span>{ " " }{ value_html(&r.value) }
                if let Some(h) = &r.hint { <span class="hint">{ h.clone() }</span> }
                if let Some(o) = &r.owner {
                    <span class="owner">{ " ⟵ " }{ link_html(o, "owner-link") }</span>
                }
            </span>
        },
        html! {
            <>
                <div role="gridcell" class="cell-type">
                    if let Some(t) = &r.typ { { link_html(t, "type") } }
                </div>
                <div role="gridcell" class="cell-flags" title={r.flags.clone()}>{ r.flags.clone() }</div>
                <div role="gridcell" class="cell-pos">{ r.pos.clone() }</div>
            </>
        },
    )
}

#[function_component]
pub fn TreePanel(props: &TreePanelProps) -> Html {
    let ws = props.ws.clone();
    let id = props.packed.id;
    let mi = id.module;
    let tree = id.tree;

    let render = {
        let ws = ws.clone();
        use_callback(
            (ws.clone(), mi, tree),
            move |key: u32, (ws, mi, tree)| match node_row(ws, *mi, *tree, NodePos(key)) {
                Some(r) => row_cells(&r),
                None => (html! { <span class="label bad">{ "?" }</span> }, html! {}),
            },
        )
    };
    let on_activate = {
        let ws = ws.clone();
        let packed = props.packed.clone();
        let on_toggle = props.on_toggle.clone();
        let on_select = props.on_select.clone();
        Callback::from(move |key: u32| {
            let row = node_row(&ws, mi, tree, NodePos(key));
            match row.as_ref().and_then(|r| r.link()) {
                Some(h) => {
                    route::go(h, Nav::Push);
                }
                None => {
                    let has_children = packed
                        .position(key)
                        .and_then(|p| packed.rows.get(p))
                        .is_some_and(|r| r.has_children);
                    if has_children {
                        on_toggle.emit((key, None));
                    } else {
                        on_select.emit((key, Nav::Push));
                    }
                }
            }
        })
    };

    let m = ws.module(mi);
    let caption = props.caption.clone().unwrap_or_else(|| {
        AttrValue::from(format!(
            "{} of {} · {} nodes",
            tree.name(),
            ws.short(mi),
            props.packed.node_count()
        ))
    });
    let head = html! {
        <>
            <span class="col-type">{ "type" }</span>
            <span class="col-flags">{ "flags" }</span>
            <span class="col-pos">{ "line:col" }</span>
        </>
    };
    let detail = match (props.detail, props.selected, m) {
        (true, Some(sel), Some(_)) => html! {
            <NodeDetail ws={ws.clone()} module={mi.0} tree={tree_code(tree)} node={sel}
                on_expand_subtree={props.on_expand_subtree.clone()} />
        },
        (true, _, _) => html! {
            <aside class="detail" aria-label="Node details">
                <p class="muted">{ "Select a node (click, or the arrow keys) to see its details. Enter follows a symbol, Backspace goes back, * expands a subtree." }</p>
            </aside>
        },
        _ => html! {},
    };
    html! {
        <div class="split">
            <TreeView
                key={format!("{}-{}-{:?}", mi.0, tree_code(tree), id.root)}
                {caption}
                rows={props.packed.rows.clone()}
                selected={props.selected}
                {render}
                {head}
                on_select={props.on_select.clone()}
                on_toggle={props.on_toggle.clone()}
                {on_activate}
                on_expand_all={props.on_expand_all.clone()}
                on_expand_subtree={Some(props.on_expand_subtree.clone())}
            />
            { detail }
        </div>
    }
}

fn tree_code(t: TreeKind) -> u8 {
    match t {
        TreeKind::ToReplay => 0,
        TreeKind::TopLevel => 1,
        TreeKind::Bodies => 2,
    }
}

fn tree_of(c: u8) -> TreeKind {
    match c {
        0 => TreeKind::ToReplay,
        1 => TreeKind::TopLevel,
        _ => TreeKind::Bodies,
    }
}

#[derive(Properties, PartialEq)]
pub struct NodeDetailProps {
    pub ws: Rc<Workspace>,
    pub module: u32,
    pub tree: u8,
    pub node: u32,
    pub on_expand_subtree: Callback<u32>,
}

/// Everything about one node: kind, value in full, symbol, type, flags, position, size.
#[function_component]
pub fn NodeDetail(props: &NodeDetailProps) -> Html {
    let ws = &props.ws;
    let mi = ModuleIdx(props.module);
    let tree = tree_of(props.tree);
    let pos = NodePos(props.node);
    let (Some(m), Some(row)) = (ws.module(mi), node_row(ws, mi, tree, pos)) else {
        return html! {
            <aside class="detail" aria-label="Node details">
                <p class="bad">{ format!("Node {} is not in this tree.", props.node) }</p>
            </aside>
        };
    };
    let t = m.tree(tree);
    let n = t.node(pos).unwrap_or_default();
    let size = t.span(pos);
    let children = if row.is_module_ref {
        0
    } else {
        t.child_count(pos)
    };
    // The literal in full (rows clip long ones).
    let full = match m.literal(tree, pos) {
        Literal::None | Literal::Sym(_) => None,
        lit => Some(lit.display()),
    };
    let node = props.node;
    let expand = props.on_expand_subtree.reform(move |_: MouseEvent| node);
    html! {
        <aside class="detail" aria-label="Node details" id="node-detail">
            <h2 id="detail-title"><span class="kind">{ row.kind.clone() }</span></h2>
            <dl>
                <dt>{ "Node" }</dt><dd>{ format!("{} #{}", tree.name(), props.node) }</dd>
                if !matches!(row.value, RowValue::None | RowValue::Lit(_)) {
                    <dt>{ "Symbol" }</dt><dd>{ value_html(&row.value) }</dd>
                }
                if let Some(v) = full {
                    <dt>{ "Value" }</dt><dd><code class="lit wrap">{ v }</code></dd>
                }
                if let Some(ty) = &row.typ {
                    <dt>{ "Type" }</dt><dd>{ link_html(ty, "type") }</dd>
                }
                if let Some(o) = &row.owner {
                    <dt>{ "Definition of" }</dt><dd>{ link_html(o, "sym") }</dd>
                }
                if let Some(h) = &row.hint {
                    <dt>{ "Defines" }</dt><dd><code>{ h.clone() }</code></dd>
                }
                if !row.flags.is_empty() {
                    <dt>{ "Flags" }</dt><dd>{ row.flags.clone() }</dd>
                }
                <dt>{ "Position" }</dt><dd>{ full_pos_text(m, &n.info) }</dd>
                if n.kind.is_atom() {
                    <dt>{ "Operand" }</dt><dd>{ n.operand }</dd>
                } else {
                    <dt>{ "Children" }</dt><dd>{ children }</dd>
                    <dt>{ "Subtree" }</dt><dd>{ model::plural(size as usize, "node", "nodes") }</dd>
                }
            </dl>
            <p class="actions">
                if let Some(h) = row.link() {
                    <a class="button small" href={h.to_string()} id="open-symbol">{ "Open symbol" }</a>
                }
                if children > 0 {
                    <button type="button" class="button small subtle" onclick={expand}>{ "Expand subtree" }</button>
                }
            </p>
        </aside>
    }
}
