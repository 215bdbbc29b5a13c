//! "Save SVG" for any picture the explorer draws: the `<svg>` element with the given id,
//! as a standalone file (the page's stylesheet colours are written into each element as
//! presentation attributes, so the file looks the same outside the page), downloaded through a Blob URL
//! (`crate::export::download`): nothing is requested from anywhere.

use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The presentation properties copied from the page's styles into the saved file.
const PROPS: &[&str] = &["fill", "fill-opacity", "stroke", "stroke-width", "stroke-opacity", "opacity", "font-family", "font-size", "font-weight"];

#[derive(Properties, PartialEq)]
pub struct SaveSvgProps {
    /// The id of the `<svg>` element.
    pub target: AttrValue,
    /// The downloaded file's name (`.svg` is added).
    pub name: AttrValue,
}

/// The picture with id `id` as a standalone SVG document.
pub fn svg_text(id: &str) -> Option<String> {
    let window = web_sys::window()?;
    let doc = window.document()?;
    let svg = doc.get_element_by_id(id)?;
    let copy: web_sys::Element = svg.clone_node_with_deep(true).ok()?.dyn_into().ok()?;
    // The same elements in the same order in both trees.
    let from = svg.query_selector_all("*").ok()?;
    let to = copy.query_selector_all("*").ok()?;
    let style_into = |src: &web_sys::Element, dst: &web_sys::Element| {
        // As presentation attributes (a `style` attribute would meet the page's CSP).
        if let Ok(Some(cs)) = window.get_computed_style(src) {
            for p in PROPS {
                if let Ok(v) = cs.get_property_value(p) {
                    if !v.is_empty() {
                        let _ = dst.set_attribute(p, &v);
                    }
                }
            }
        }
    };
    style_into(&svg, &copy);
    for i in 0..from.length().min(to.length()) {
        if let (Some(a), Some(b)) = (from.item(i), to.item(i)) {
            if let (Ok(a), Ok(b)) = (a.dyn_into::<web_sys::Element>(), b.dyn_into::<web_sys::Element>()) {
                style_into(&a, &b);
            }
        }
    }
    let _ = copy.set_attribute("xmlns", "http://www.w3.org/2000/svg");
    let _ = copy.remove_attribute("id");
    // A size for viewers that need one: the viewBox's, else the drawn size.
    if copy.get_attribute("width").is_none() {
        let rect = svg.get_bounding_client_rect();
        let vb = svg.get_attribute("viewBox").unwrap_or_default();
        let v: Vec<f64> = vb.split_whitespace().filter_map(|x| x.parse().ok()).collect();
        let (w, h) = if v.len() == 4 { (v[2], v[3]) } else { (rect.width(), rect.height()) };
        let _ = copy.set_attribute("width", &format!("{w}"));
        let _ = copy.set_attribute("height", &format!("{h}"));
    }
    let xml = web_sys::XmlSerializer::new().ok()?.serialize_to_string(&copy).ok()?;
    Some(format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{xml}\n"))
}

#[function_component]
pub fn SaveSvg(props: &SaveSvgProps) -> Html {
    let onclick = {
        let (target, name) = (props.target.clone(), props.name.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(text) = svg_text(&target) {
                crate::export::download(&format!("{name}.svg"), "image/svg+xml", &text);
            }
        })
    };
    html! {
        <button type="button" class="button subtle save-svg" data-target={props.target.clone()} {onclick}>
            { "Save SVG" }
        </button>
    }
}
