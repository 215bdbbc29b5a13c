//! A section size map: the view layer's squarified treemap ([`rod_view::treemap`]) of
//! one module's sections (`module` given) or of the whole cache's modules × sections,
//! drawn in SVG. The layout is made for the map's measured width, so labels are as
//! the library decided they fit. Every tile is a link (Tab, Enter or a click) to its
//! section's first byte in the hex pane.

use rod_view::text::format_size;
use rod_view::treemap::{cache_map, module_map, Tile, LINE_HEIGHT};
use rod_view::ModuleIdx;
use gloo_events::EventListener;
use web_sys::HtmlElement;
use yew::prelude::*;

use crate::loaded::use_loaded;
use crate::route::{module_href, ModView};

#[derive(Properties, PartialEq)]
pub struct SizeMapProps {
    /// One module's sections; `None`: the whole cache.
    #[prop_or_default]
    pub module: Option<ModuleIdx>,
    pub id: AttrValue,
}

/// The map's height for a width.
fn height_for(width: f64, whole_cache: bool) -> f64 {
    let (k, lo, hi) = if whole_cache { (0.5, 260.0, 520.0) } else { (0.36, 200.0, 360.0) };
    (width * k).clamp(lo, hi)
}

fn tile_html(c: &dyn rod_view::Cache, t: &Tile, i: usize, id: &str) -> Html {
    let r = t.rect;
    html! {
        <a href={module_href(c, t.module, ModView::Bytes(Some(t.offset)))} class="tile"
            aria-label={t.title.clone()} id={format!("{id}-t{i}")}
            data-module={c.module_key(t.module)} data-section={t.section.clone()} data-offset={t.offset.to_string()}>
            <rect x={format!("{:.1}", r.x)} y={format!("{:.1}", r.y)} width={format!("{:.1}", r.w)} height={format!("{:.1}", r.h)}
                class={format!("pf{}", t.palette)} />
            if let Some(l) = &t.label {
                <text x={format!("{:.1}", r.x + 3.0)} y={format!("{:.1}", r.y + LINE_HEIGHT - 2.0)} class="tile-label">{ l.clone() }</text>
            }
            <title>{ t.title.clone() }</title>
        </a>
    }
}

#[function_component]
pub fn SizeMap(props: &SizeMapProps) -> Html {
    let loaded = use_loaded();
    let me = use_node_ref();
    let width = use_state_eq(|| 0.0f64);
    {
        let (me, width) = (me.clone(), width.clone());
        use_effect_with((), move |_| {
            let measure = move || {
                if let Some(el) = me.cast::<HtmlElement>() {
                    width.set((el.client_width() as f64).max(120.0));
                }
            };
            measure();
            let l = web_sys::window().map(|w| EventListener::new(&w, "resize", move |_| measure()));
            move || drop(l)
        });
    }
    let whole = props.module.is_none();
    let map = {
        let cache = loaded.cache.clone();
        use_memo((loaded.id(), props.module, (*width as i64)), move |&(_, module, w)| {
            let w = w as f64;
            if w <= 0.0 {
                return Default::default();
            }
            let h = height_for(w, module.is_none());
            match module {
                Some(m) => module_map(&*cache, m, w, h),
                None => cache_map(&*cache, w, h),
            }
        })
    };
    let c = &*loaded.cache;
    let id = props.id.to_string();
    let groups = map.groups.iter().map(|g| {
        let r = g.rect;
        html! {
            <g class="group">
                <rect x={format!("{:.1}", r.x)} y={format!("{:.1}", r.y)} width={format!("{:.1}", r.w)} height={format!("{:.1}", r.h)} class="group-frame">
                    <title>{ g.title.clone() }</title>
                </rect>
                if let Some(l) = &g.label {
                    <text x={format!("{:.1}", r.x + 3.0)} y={format!("{:.1}", r.y + LINE_HEIGHT - 1.0)} class="group-label">{ l.clone() }</text>
                }
            </g>
        }
    });
    let tiles = map.tiles.iter().enumerate().map(|(i, t)| tile_html(c, t, i, &id));
    let what = if whole { "modules by file size, each by its sections" } else { "sections by size" };
    html! {
        <figure class={classes!("size-map", whole.then_some("whole"))} id={props.id.clone()} ref={me}
            data-tiles={map.tiles.len().to_string()} data-hidden={map.hidden.to_string()}>
            if map.width > 0.0 {
                <svg id={format!("{}-svg", props.id)} viewBox={format!("0 0 {:.0} {:.0}", map.width, map.height)} width={format!("{:.0}", map.width)} height={format!("{:.0}", map.height)}
                    role="group" aria-label={format!("Treemap: {what}; each tile opens its bytes")}>
                    { for groups }
                    { for tiles }
                </svg>
            }
            <figcaption class="muted">
                { format!("{} in {} tiles: {what}", format_size(map.total), map.tiles.len()) }
                if map.hidden > 0 { { format!(" ({} too small to draw)", map.hidden) } }
                { ". Click a tile (or Tab to it and press Enter) to see its bytes." }
                if map.width > 0.0 {
                    { " " }
                    <crate::components::save_svg::SaveSvg target={AttrValue::from(format!("{}-svg", props.id))} name={props.id.clone()} />
                }
            </figcaption>
        </figure>
    }
}
