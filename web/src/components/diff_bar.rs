//! The bar over a tree opened from a comparison of two builds (`&diff=B,A`): how many
//! subtrees are marked as differing from the other build (worded by
//! `rod_view::diff_marks`), which of them holds the selection, previous / next, and
//! "stop marking".

use std::rc::Rc;

use rod_view::diff_marks::DiffMarks;
use rod_view::NodePos;
use yew::prelude::*;

use crate::navigator::use_navigator;
use crate::route::Nav;

#[derive(Properties, PartialEq)]
pub struct DiffBarProps {
    pub marks: Rc<DiffMarks>,
    /// The selected node.
    pub selected: Option<NodePos>,
    /// "stop marking" was pressed (the option has left the URL).
    pub on_stop: Callback<()>,
}

#[function_component]
pub fn DiffBar(props: &DiffBarProps) -> Html {
    let nav = use_navigator();
    let d = &props.marks;
    let step = {
        let (d, nav) = (d.clone(), nav.clone());
        Callback::from(move |back: bool| {
            let cur = nav.now().node();
            let to = if back { d.previous(cur) } else { d.next(cur) };
            if let Some(n) = to {
                nav.go(nav.now().with_node(Some(n)), Nav::Replace);
            }
        })
    };
    let stop = {
        let on_stop = props.on_stop.clone();
        Callback::from(move |_: MouseEvent| {
            crate::diff_option::clear();
            on_stop.emit(());
        })
    };
    let at = props.selected.and_then(|s| d.index_of(s)).map(|i| format!("{} of {}", i + 1, d.ranges.len()));
    html! {
        <div class="tree-diff" id="tree-diff" role="group" aria-label="Differences from the other build" data-side={d.side.word()}>
            <span class="tree-diff-summary" id="tree-diff-summary" data-count={d.ranges.len().to_string()}>{ d.summary() }</span>
            if let Some(at) = at { <span class="muted" id="tree-diff-at">{ at }</span> }
            <button type="button" class="button small" id="tree-diff-prev" title="Previous difference"
                disabled={d.ranges.is_empty()} onclick={step.reform(|_: MouseEvent| true)}>{ "↑ previous" }</button>
            <button type="button" class="button small" id="tree-diff-next" title="Next difference"
                disabled={d.ranges.is_empty()} onclick={step.reform(|_: MouseEvent| false)}>{ "↓ next" }</button>
            <button type="button" class="button small subtle" id="tree-diff-stop" onclick={stop}>{ "stop marking" }</button>
        </div>
    }
}
