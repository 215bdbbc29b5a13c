//! A keyboard-usable splitter (`role="separator"`, focusable): drag it, or Left / Right
//! (Shift: bigger steps), Home / End. It sizes the pane after it by setting a CSS custom
//! property on its parent through the CSSOM (no `style` attribute, see the CSP notes).

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SplitterProps {
    /// The custom property set on the parent (`--detail-w`).
    pub var: AttrValue,
    /// What it resizes, for screen readers.
    pub label: AttrValue,
    /// Width in px: initial, least, most.
    pub initial: i32,
    pub min: i32,
    pub max: i32,
    #[prop_or_default]
    pub id: Option<AttrValue>,
    /// Resize a column instead of a pane: the splitter sits inside the column's header
    /// (at its left edge), sizes that header, and sets the property on the closest
    /// ancestor matching this selector (so the column's cells follow).
    #[prop_or_default]
    pub column_of: Option<AttrValue>,
}

#[function_component]
pub fn Splitter(props: &SplitterProps) -> Html {
    let width = use_state_eq(|| props.initial);
    let me = use_node_ref();
    let dragging = use_mut_ref(|| false);
    let column_of = props.column_of.clone();
    // A column keeps its stylesheet width (which narrow layouts change) until moved.
    let touched = use_state_eq(|| false);
    {
        let (me, var, column_of) = (me.clone(), props.var.clone(), column_of.clone());
        let skip = column_of.is_some() && !*touched;
        use_effect_with((*width, skip), move |&(w, skip)| {
            if skip {
                return;
            }
            let el = me.cast::<HtmlElement>();
            let scope = match &column_of {
                Some(sel) => el.and_then(|e| e.closest(sel).ok().flatten()),
                None => el.and_then(|e| e.parent_element()),
            };
            if let Some(parent) = scope.and_then(|p| p.dyn_into::<HtmlElement>().ok()) {
                let _ = parent.style().set_property(&var, &format!("{w}px"));
            }
        });
    }
    let (min, max) = (props.min, props.max.max(props.min));
    let set = {
        let (width, touched) = (width.clone(), touched.clone());
        move |w: i32| {
            touched.set(true);
            width.set(w.clamp(min, max))
        }
    };
    let onkeydown = {
        let (set, w) = (set.clone(), *width);
        Callback::from(move |e: KeyboardEvent| {
            let step = if e.shift_key() { 64 } else { 16 };
            match e.key().as_str() {
                // The pane is after the splitter: moving the splitter left widens it.
                "ArrowLeft" => set(w + step),
                "ArrowRight" => set(w - step),
                "Home" => set(max),
                "End" => set(min),
                _ => return,
            }
            e.prevent_default();
        })
    };
    let onpointerdown = {
        let dragging = dragging.clone();
        Callback::from(move |e: PointerEvent| {
            if let Some(el) = e.target().and_then(|t| t.dyn_into::<HtmlElement>().ok()) {
                let _ = el.set_pointer_capture(e.pointer_id());
                *dragging.borrow_mut() = true;
                e.prevent_default();
            }
        })
    };
    let onpointermove = {
        let (dragging, me, column) = (dragging.clone(), me.clone(), column_of.is_some());
        Callback::from(move |e: PointerEvent| {
            if !*dragging.borrow() {
                return;
            }
            // The pane is the element after the splitter: its right edge stays put.
            let right = me
                .cast::<HtmlElement>()
                .and_then(|el| if column { el.parent_element() } else { el.next_element_sibling() })
                .map(|p| p.get_bounding_client_rect().right());
            if let Some(right) = right {
                set((right - e.client_x() as f64).round() as i32);
            }
        })
    };
    let onpointerup = {
        let dragging = dragging.clone();
        Callback::from(move |_: PointerEvent| *dragging.borrow_mut() = false)
    };
    html! {
        <div ref={me} class={classes!("splitter", column_of.is_some().then_some("col-splitter"))} role="separator" aria-orientation="vertical" tabindex="0"
            id={props.id.clone()}
            aria-label={props.label.clone()}
            aria-valuenow={width.to_string()} aria-valuemin={min.to_string()} aria-valuemax={max.to_string()}
            {onkeydown} {onpointerdown} {onpointermove} {onpointerup} />
    }
}
