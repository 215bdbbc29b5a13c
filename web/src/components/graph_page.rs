//! The module graph drawn (`#/graph`): the view layer's layered layout
//! ([`rod_view::Cache::graph_layout`], computed in the page and timed) as SVG. Boxes
//! are sized by bytes and filled by alive share (`rod_view::layout::share_colour`),
//! edges are as wide as their reference counts say (reference-only edges at half
//! that, dashed, and hidden at first on a large graph), import cycles are red (edges
//! and boxes, with a legend and a list). A module is a focusable link: click or
//! Enter opens its page. Zoom: the buttons, the wheel, `+` / `-`; pan: drag, the
//! arrow keys; `0` or "Fit" shows everything. "Save SVG" downloads the picture the
//! CLI's `rodscope graph --svg` writes (`rod_view::print::write_svg`).

use std::cell::Cell;
use std::rc::Rc;

use gloo_events::{EventListener, EventListenerOptions};
use rod_view::builds::not_available;
use rod_view::layout::{share_colour, GraphLayout, NodeBox};
use rod_view::text::{format_size, plural};
use rod_view::{ModuleIdx, Target};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::builds::layout_of;
use crate::loaded::use_loaded;
use crate::navigator::use_navigator;
use crate::route::{module_href, target_route, ModView, Nav};

/// Zoom step of a button, a key or a wheel notch.
const ZOOM_STEP: f64 = 1.25;
/// Pan step of an arrow key, as a share of the visible width / height.
const PAN_STEP: f64 = 0.1;
/// Pixels per graph unit, at most and at least.
const MAX_SCALE: f64 = 4.0;
const MIN_SCALE: f64 = 0.02;
/// A start view smaller than this scale would make the labels unreadable: the page
/// starts at this scale on the top of the graph instead (Fit shows it all).
const START_SCALE: f64 = 0.9;
/// A pointer that moved more than this many pixels dragged (no click).
const DRAG_PX: f64 = 4.0;
/// More reference-only edges than this are hidden at first (a checkbox shows them):
/// they would hide the imports.
const MAX_SHOWN_REF_EDGES: usize = 60;

/// The visible part of the graph (the SVG's viewBox) and the element's size in pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
struct View {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
    /// The SVG element's width and height in CSS pixels (0 before the first layout).
    el_w: f64,
    el_h: f64,
    /// The whole picture's size.
    gw: f64,
    gh: f64,
}

impl View {
    fn scale(&self) -> f64 {
        if self.w > 0.0 && self.el_w > 0.0 {
            self.el_w / self.w
        } else {
            1.0
        }
    }
    /// The view at `scale` with its centre at (`cx`, `cy`) in graph units.
    fn at(self, scale: f64, cx: f64, cy: f64) -> View {
        let scale = scale.clamp(MIN_SCALE, MAX_SCALE);
        let (w, h) = (self.el_w.max(1.0) / scale, self.el_h.max(1.0) / scale);
        View { x: cx - w / 2.0, y: cy - h / 2.0, w, h, ..self }
    }
    fn fit(self) -> View {
        let s = (self.el_w / self.gw.max(1.0)).min(self.el_h / self.gh.max(1.0));
        self.at(s, self.gw / 2.0, self.gh / 2.0)
    }
}

enum ViewAction {
    /// The element's size is known (first paint, resize): fit, or start readable.
    Size { el_w: f64, el_h: f64, start: bool, focus: Option<(f64, f64)> },
    Fit,
    /// Zoom by a factor keeping the point at (fx, fy) (shares of the element) fixed.
    Zoom { factor: f64, fx: f64, fy: f64 },
    /// Move the view by pixels.
    Pan { dx: f64, dy: f64 },
    /// Bring a box (x, y, w, h) into view.
    Show { x: f64, y: f64, w: f64, h: f64 },
}

impl Reducible for View {
    type Action = ViewAction;
    fn reduce(self: Rc<Self>, a: ViewAction) -> Rc<Self> {
        let v = *self;
        let next = match a {
            ViewAction::Size { el_w, el_h, start, focus } => {
                if el_w <= 0.0 || el_h <= 0.0 {
                    return self;
                }
                let sized = View { el_w, el_h, ..v };
                if !start {
                    let s = v.scale();
                    sized.at(s, v.x + v.w / 2.0, v.y + v.h / 2.0)
                } else {
                    let fit = sized.fit();
                    if fit.scale() >= START_SCALE {
                        fit
                    } else {
                        // readable labels: the top of the graph, around the main module
                        let s = START_SCALE;
                        let (w, h) = (el_w / s, el_h / s);
                        let cx = focus.map_or(v.gw / 2.0, |f| f.0).clamp(w / 2.0, (v.gw - w / 2.0).max(w / 2.0));
                        let cy = focus.map_or(h / 2.0, |f| f.1).clamp(h / 2.0, (v.gh - h / 2.0).max(h / 2.0));
                        sized.at(s, cx, cy)
                    }
                }
            }
            ViewAction::Fit => v.fit(),
            ViewAction::Zoom { factor, fx, fy } => {
                let s = (v.scale() * factor).clamp(MIN_SCALE, MAX_SCALE);
                let (px, py) = (v.x + fx * v.w, v.y + fy * v.h);
                let (w, h) = (v.el_w.max(1.0) / s, v.el_h.max(1.0) / s);
                View { x: px - fx * w, y: py - fy * h, w, h, ..v }
            }
            ViewAction::Pan { dx, dy } => {
                let s = v.scale();
                View { x: v.x + dx / s, y: v.y + dy / s, ..v }
            }
            ViewAction::Show { x, y, w, h } => {
                let mut n = v;
                if x < v.x || x + w > v.x + v.w {
                    n.x = (x + w / 2.0) - v.w / 2.0;
                }
                if y < v.y || y + h > v.y + v.h {
                    n.y = (y + h / 2.0) - v.h / 2.0;
                }
                if n == v {
                    return self;
                }
                n
            }
        };
        Rc::new(next)
    }
}

/// The SVG's size in CSS pixels.
fn element_size(r: &NodeRef) -> Option<(f64, f64, f64, f64)> {
    let el = r.cast::<web_sys::Element>()?;
    let b = el.get_bounding_client_rect();
    Some((b.left(), b.top(), b.width(), b.height()))
}

/// The cubic path of an edge between two boxes (the same curve as the CLI's SVG).
fn edge_path(a: &NodeBox, b: &NodeBox) -> String {
    let (x1, y1, x2, y2) = if a.y <= b.y {
        (a.x + a.w / 2.0, a.y + a.h, b.x + b.w / 2.0, b.y)
    } else {
        (a.x + a.w / 2.0, a.y, b.x + b.w / 2.0, b.y + b.h)
    };
    let my = (y1 + y2) / 2.0;
    format!("M {x1:.1} {y1:.1} C {x1:.1} {my:.1} {x2:.1} {my:.1} {x2:.1} {y2:.1}")
}

/// A small swatch for the legend (SVG attributes: the CSP allows no inline styles).
fn swatch(fill: &str, stroke: &str, dash: bool) -> Html {
    html! {
        <svg class="swatch" width="18" height="12" viewBox="0 0 18 12" aria-hidden="true">
            <rect x="1" y="1" width="16" height="10" rx="2" fill={fill.to_string()} stroke={stroke.to_string()}
                stroke-dasharray={dash.then_some("3 2")} />
        </svg>
    }
}

fn line_swatch(colour: &str, dash: bool) -> Html {
    html! {
        <svg class="swatch" width="24" height="12" viewBox="0 0 24 12" aria-hidden="true">
            <line x1="1" y1="6" x2="23" y2="6" stroke={colour.to_string()} stroke-width="2.5"
                stroke-dasharray={dash.then_some("4 3")} />
        </svg>
    }
}

#[function_component]
pub fn GraphPage() -> Html {
    let loaded = use_loaded();
    let timed = layout_of(&loaded);
    let c = loaded.cache.clone();
    let Some(layout) = timed.layout.as_ref() else {
        return html! {
            <section class="page graph-page" aria-labelledby="graph-title">
                <div class="page-head"><h2 id="graph-title">{ "Module graph" }</h2></div>
                <p class="muted" id="graph-none">{ not_available("The module graph", c.format()) }</p>
            </section>
        };
    };
    html! { <GraphView layout={Rc::new(layout.clone())} ms={timed.ms} /> }
}

#[derive(Properties)]
struct GraphViewProps {
    layout: Rc<GraphLayout>,
    ms: f64,
}

impl PartialEq for GraphViewProps {
    fn eq(&self, o: &Self) -> bool {
        Rc::ptr_eq(&self.layout, &o.layout) && self.ms == o.ms
    }
}

#[function_component]
fn GraphView(props: &GraphViewProps) -> Html {
    let layout = props.layout.clone();
    let loaded = use_loaded();
    let nav = use_navigator();
    let c = loaded.cache.clone();
    let view = use_reducer(|| View { x: 0.0, y: 0.0, w: layout.width.max(1.0), h: layout.height.max(1.0), el_w: 0.0, el_h: 0.0, gw: layout.width.max(1.0), gh: layout.height.max(1.0) });
    let svg = use_node_ref();
    let dragged = use_memo((), |_| Rc::new(Cell::new(false)));
    let ref_edges = layout.edges.iter().filter(|e| !e.imported).count();
    let show_refs = use_state(|| ref_edges <= MAX_SHOWN_REF_EDGES);
    let drag_from = use_memo((), |_| Rc::new(Cell::new(None::<(f64, f64, f64, f64)>)));

    // The element's size: a start view after the first paint, kept on resize.
    {
        let (svg, d, layout) = (svg.clone(), view.dispatcher(), layout.clone());
        use_effect_with((), move |_| {
            let focus = layout.nodes.iter().find(|b| b.is_main).map(|b| (b.x + b.w / 2.0, b.y + b.h / 2.0));
            if let Some((_, _, w, h)) = element_size(&svg) {
                d.dispatch(ViewAction::Size { el_w: w, el_h: h, start: true, focus });
            }
            let listener = web_sys::window().map(|w| {
                let (svg, d) = (svg.clone(), d.clone());
                EventListener::new(&w, "resize", move |_| {
                    if let Some((_, _, w, h)) = element_size(&svg) {
                        d.dispatch(ViewAction::Size { el_w: w, el_h: h, start: false, focus: None });
                    }
                })
            });
            move || drop(listener)
        });
    }
    // The wheel zooms at the pointer (a listener that may cancel the page's scroll).
    {
        let (svg, d) = (svg.clone(), view.dispatcher());
        use_effect_with((), move |_| {
            let listener = svg.cast::<web_sys::Element>().map(|el| {
                let svg = svg.clone();
                EventListener::new_with_options(&el, "wheel", EventListenerOptions::enable_prevent_default(), move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::WheelEvent>() else { return };
                    e.prevent_default();
                    let Some((l, t, w, h)) = element_size(&svg) else { return };
                    let factor = if e.delta_y() < 0.0 { ZOOM_STEP } else { 1.0 / ZOOM_STEP };
                    let fx = ((f64::from(e.client_x()) - l) / w.max(1.0)).clamp(0.0, 1.0);
                    let fy = ((f64::from(e.client_y()) - t) / h.max(1.0)).clamp(0.0, 1.0);
                    d.dispatch(ViewAction::Zoom { factor, fx, fy });
                })
            });
            move || drop(listener)
        });
    }

    let zoom = |factor: f64| {
        let d = view.dispatcher();
        Callback::from(move |_: MouseEvent| d.dispatch(ViewAction::Zoom { factor, fx: 0.5, fy: 0.5 }))
    };
    let on_fit = {
        let d = view.dispatcher();
        Callback::from(move |_: MouseEvent| d.dispatch(ViewAction::Fit))
    };
    let on_save = {
        let (layout, loaded) = (layout.clone(), loaded.clone());
        Callback::from(move |_: MouseEvent| {
            let title = loaded.caches.get(loaded.selected).map_or_else(|| "module graph".to_string(), |c| c.label.clone());
            let mut out = Vec::new();
            if rod_view::print::write_svg(&layout, Some(&title), &mut out).is_ok() {
                crate::export::download("module-graph.svg", "image/svg+xml", &String::from_utf8_lossy(&out));
            }
        })
    };
    // Keys on the canvas (and the boxes in it): + / - zoom, arrows pan, 0 fits.
    let onkeydown = {
        let d = view.dispatcher();
        let v = *view;
        Callback::from(move |e: KeyboardEvent| {
            let a = match e.key().as_str() {
                "+" | "=" => ViewAction::Zoom { factor: ZOOM_STEP, fx: 0.5, fy: 0.5 },
                "-" | "_" => ViewAction::Zoom { factor: 1.0 / ZOOM_STEP, fx: 0.5, fy: 0.5 },
                "0" => ViewAction::Fit,
                "ArrowLeft" => ViewAction::Pan { dx: -PAN_STEP * v.el_w, dy: 0.0 },
                "ArrowRight" => ViewAction::Pan { dx: PAN_STEP * v.el_w, dy: 0.0 },
                "ArrowUp" => ViewAction::Pan { dx: 0.0, dy: -PAN_STEP * v.el_h },
                "ArrowDown" => ViewAction::Pan { dx: 0.0, dy: PAN_STEP * v.el_h },
                _ => return,
            };
            if e.ctrl_key() || e.meta_key() || e.alt_key() {
                return;
            }
            e.prevent_default();
            d.dispatch(a);
        })
    };
    // Drag to pan; a drag is no click.
    let onpointerdown = {
        let (from, dragged) = ((*drag_from).clone(), (*dragged).clone());
        Callback::from(move |e: PointerEvent| {
            if e.button() == 0 {
                let (x, y) = (f64::from(e.client_x()), f64::from(e.client_y()));
                from.set(Some((x, y, x, y)));
                dragged.set(false);
            }
        })
    };
    let onpointermove = {
        let (from, dragged, d) = ((*drag_from).clone(), (*dragged).clone(), view.dispatcher());
        Callback::from(move |e: PointerEvent| {
            let Some((x0, y0, lx, ly)) = from.get() else { return };
            if e.buttons() & 1 == 0 {
                from.set(None);
                return;
            }
            let (x, y) = (f64::from(e.client_x()), f64::from(e.client_y()));
            if !dragged.get() && ((x - x0).abs() > DRAG_PX || (y - y0).abs() > DRAG_PX) {
                dragged.set(true);
            }
            if dragged.get() {
                d.dispatch(ViewAction::Pan { dx: lx - x, dy: ly - y });
                from.set(Some((x0, y0, x, y)));
            }
        })
    };
    let onpointerup = {
        let from = (*drag_from).clone();
        Callback::from(move |_: PointerEvent| from.set(None))
    };

    let in_cycle: std::collections::HashSet<ModuleIdx> = layout.cycles.iter().flatten().copied().collect();
    let edges = layout.edges.iter().filter(|e| e.imported || *show_refs).filter_map(|e| {
        let (a, b) = (layout.nodes.get(e.from)?, layout.nodes.get(e.to)?);
        let colour = if e.in_cycle { "#d62728" } else { "#555" };
        let opacity = if e.in_cycle { "0.9" } else if e.imported { "0.6" } else { "0.25" };
        let title = format!(
            "{} → {}: {}{}",
            a.label,
            b.label,
            plural(e.refs, "ref", "refs"),
            if e.in_cycle { " (import cycle)" } else { "" }
        );
        Some(html! {
            <path class={classes!("gedge", e.in_cycle.then_some("cycle"))} d={edge_path(a, b)} fill="none"
                stroke={colour} stroke-opacity={opacity} stroke-width={format!("{:.1}", if e.imported { e.width } else { (e.width / 2.0).max(1.0) })}
                stroke-dasharray={(!e.imported).then_some("4 3")}
                marker-end={if e.in_cycle { "url(#g-arrow-cycle)" } else { "url(#g-arrow)" }}>
                <title>{ title }</title>
            </path>
        })
    });
    let nodes = layout.nodes.iter().map(|b| {
        let m = b.module;
        let key = c.module_key(m).unwrap_or_default();
        let cyc = in_cycle.contains(&m);
        let label = format!(
            "{}, {}, {}{}{}",
            b.label,
            format_size(b.bytes),
            b.share_words(),
            if b.is_main { ", main module" } else { "" },
            if cyc { ", in an import cycle" } else { "" }
        );
        let open = {
            let (nav, c, dragged) = (nav.clone(), c.clone(), (*dragged).clone());
            move || {
                if let Some(r) = target_route(&*c, Target::Module(m)) {
                    nav.go(r, Nav::Push);
                }
                dragged.set(false);
            }
        };
        let onclick = {
            let (open, dragged) = (open.clone(), (*dragged).clone());
            Callback::from(move |_: MouseEvent| {
                if !dragged.get() {
                    open();
                }
            })
        };
        let onkeydown = Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" || e.key() == " " {
                e.prevent_default();
                open();
            }
        });
        let onfocus = {
            let d = view.dispatcher();
            let (x, y, w, h) = (b.x, b.y, b.w, b.h);
            Callback::from(move |_: FocusEvent| d.dispatch(ViewAction::Show { x, y, w, h }))
        };
        let stroke = if cyc { "#d62728" } else { "#333" };
        html! {
            <g class={classes!("gnode", cyc.then_some("cycle"), b.is_main.then_some("main"), (!b.in_build).then_some("stale"))}
                transform={format!("translate({:.1} {:.1})", b.x, b.y)} tabindex="0" role="link"
                aria-label={label} data-module={key} {onclick} {onkeydown} {onfocus}>
                <title>{ format!("{}\n{} bytes, {}", b.path, b.bytes, b.share_words()) }</title>
                <rect width={format!("{:.1}", b.w)} height={format!("{:.1}", b.h)} rx="4" fill={b.fill.clone()}
                    stroke={stroke} stroke-width={if b.is_main || cyc { "2.5" } else { "1" }}
                    stroke-dasharray={(!b.in_build).then_some("4 3")} />
                <text x={format!("{:.1}", b.w / 2.0)} y={format!("{:.1}", b.h / 2.0 + 4.0)} text-anchor="middle">{ b.label.clone() }</text>
            </g>
        }
    });
    let cycles = layout.cycles.iter().enumerate().map(|(i, cyc)| {
        let names = cyc.iter().enumerate().map(|(k, &m)| {
            let name = layout.node_of(m).map_or_else(String::new, |b| b.label.clone());
            html! { <>{ if k > 0 { " ↔ " } else { "" } }<a href={module_href(&*c, m, ModView::Overview)}>{ name }</a></> }
        });
        html! { <li key={i.to_string()}>{ for names }</li> }
    });
    let v = *view;
    let vb = format!("{:.1} {:.1} {:.1} {:.1}", v.x, v.y, v.w, v.h);
    let imports = layout.edges.iter().filter(|e| e.imported).count();
    html! {
        <section class="page graph-page" aria-labelledby="graph-title">
            <div class="page-head">
                <h2 id="graph-title">{ "Module graph" }</h2>
                <span class="muted" id="graph-stats" data-nodes={layout.nodes.len().to_string()}
                    data-edges={layout.edges.len().to_string()} data-layout-ms={format!("{:.2}", props.ms)}>
                    { format!(
                        "{}, {} ({} imports), {} · layout {:.1} ms",
                        plural(layout.nodes.len(), "module", "modules"),
                        plural(layout.edges.len(), "edge", "edges"),
                        imports,
                        plural(layout.cycles.len(), "import cycle", "import cycles"),
                        props.ms
                    ) }
                    if layout.omitted > 0 {
                        { format!(" · {} left out", plural(layout.omitted, "module", "modules")) }
                    }
                </span>
            </div>
            <div class="graph-toolbar" role="toolbar" aria-label="Graph view">
                <button type="button" class="button small" id="graph-zoom-out" aria-label="Zoom out" onclick={zoom(1.0 / ZOOM_STEP)}>{ "−" }</button>
                <button type="button" class="button small" id="graph-zoom-in" aria-label="Zoom in" onclick={zoom(ZOOM_STEP)}>{ "+" }</button>
                <button type="button" class="button small" id="graph-fit" onclick={on_fit}>{ "Fit" }</button>
                <span class="muted zoom-level" id="graph-zoom" aria-live="polite">{ format!("{:.0}%", v.scale() * 100.0) }</span>
                <button type="button" class="button small subtle" id="graph-save" onclick={on_save}>{ "Save SVG" }</button>
                <span class="muted hint">{ "drag or arrows: pan · wheel or + −: zoom · 0: fit" }</span>
            </div>
            <div class="graph-legend" id="graph-legend" aria-label="Legend">
                <span>{ swatch(&share_colour(Some(0.0)), "#333", false) }{ "nothing alive" }</span>
                <span>{ swatch(&share_colour(Some(0.5)), "#333", false) }{ "half alive" }</span>
                <span>{ swatch(&share_colour(Some(1.0)), "#333", false) }{ "all alive" }</span>
                <span>{ swatch(&share_colour(None), "#333", false) }{ "no live set" }</span>
                <span>{ swatch("#fff", "#d62728", false) }{ line_swatch("#d62728", false) }{ "import cycle" }</span>
                <label class="refs-toggle">
                    <input type="checkbox" id="graph-refs" checked={*show_refs}
                        onchange={ let s = show_refs.clone(); Callback::from(move |_: Event| s.set(!*s)) } />
                    { line_swatch("#555", true) }{ format!("references only ({ref_edges})") }
                </label>
                <span>{ swatch("#fff", "#333", true) }{ "not in the build" }</span>
                <span class="muted">{ "box width: file size · edge width: references" }</span>
            </div>
            <div class="graph-canvas" tabindex="-1" {onkeydown}>
                <svg ref={svg} class="graph-svg" id="graph-svg" viewBox={vb} role="group"
                    aria-label="Module graph: arrows pan, + and - zoom, 0 fits; Tab moves among the modules"
                    font-family="monospace" font-size="12" {onpointerdown} {onpointermove}
                    onpointerup={onpointerup.clone()} onpointerleave={onpointerup}>
                    <defs>
                        <marker id="g-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse">
                            <path d="M 0 0 L 10 5 L 0 10 z" fill="#555" />
                        </marker>
                        <marker id="g-arrow-cycle" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse">
                            <path d="M 0 0 L 10 5 L 0 10 z" fill="#d62728" />
                        </marker>
                    </defs>
                    <g class="gedges">{ for edges }</g>
                    <g class="gnodes">{ for nodes }</g>
                </svg>
            </div>
            if !layout.cycles.is_empty() {
                <details class="graph-cycles" id="graph-cycles">
                    <summary>{ plural(layout.cycles.len(), "import cycle", "import cycles") }</summary>
                    <ul>{ for cycles }</ul>
                </details>
            }
        </section>
    }
}
