//! One row of the tree view. Rows are keyed by node index and their props compare cheaply,
//! so scrolling re-renders only the rows that enter the window.

use yew::prelude::*;

/// What a click on a row asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowClick {
    Select,
    Toggle,
}

#[derive(Properties, PartialEq)]
pub struct TreeRowProps {
    pub node: u32,
    /// Position in the flat row list (0-based).
    pub pos: usize,
    pub level: u16,
    pub label: AttrValue,
    pub detail: AttrValue,
    pub has_children: bool,
    pub expanded: bool,
    pub selected: bool,
    pub on_click: Callback<(u32, RowClick)>,
}

pub fn row_id(node: u32) -> String {
    format!("row-{node}")
}

#[function_component]
pub fn TreeRow(props: &TreeRowProps) -> Html {
    let node = props.node;
    let onclick = props
        .on_click
        .reform(move |_: MouseEvent| (node, RowClick::Select));
    let ondblclick = props
        .on_click
        .reform(move |_: MouseEvent| (node, RowClick::Toggle));
    let on_twisty = {
        let cb = props.on_click.clone();
        Callback::from(move |e: MouseEvent| {
            e.stop_propagation();
            cb.emit((node, RowClick::Toggle));
        })
    };
    let twisty = match (props.has_children, props.expanded) {
        (false, _) => "",
        (true, true) => "▾",
        (true, false) => "▸",
    };
    html! {
        <div
            id={row_id(node)}
            role="row"
            class={classes!("row", props.selected.then_some("selected"))}
            aria-level={props.level.to_string()}
            aria-expanded={props.has_children.then(|| props.expanded.to_string())}
            aria-selected={props.selected.to_string()}
            aria-rowindex={(props.pos + 1).to_string()}
            {onclick}
            {ondblclick}
        >
            <div role="gridcell" class="cell-label">
                { for (1..props.level).map(|_| html! { <span class="indent" /> }) }
                <span class="twisty" aria-hidden="true" onclick={on_twisty}>{ twisty }</span>
                <span class="label">{ props.label.clone() }</span>
            </div>
            <div role="gridcell" class="cell-detail">{ props.detail.clone() }</div>
        </div>
    }
}
