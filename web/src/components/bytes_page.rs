//! The module's "Bytes" tab (`#/m/<module>/bytes/<offset>`): the section strip, the
//! hex grid of the whole file and, beside it, the region the cursor is in with its
//! fields. The cursor is the URL's: a click or a jump adds a history entry (back
//! returns), the arrow keys move it in place; Enter, a double click or the region's
//! link opens the record in its tree, symbol or type view.

use rod_view::text::format_size;
use rod_view::ModuleIdx;
use yew::prelude::*;

use crate::bytes::open_record;
use crate::components::hex_view::HexView;
use crate::components::region_panel::RegionPanel;
use crate::components::section_strip::SectionStrip;
use crate::components::splitter::Splitter;
use crate::loaded::use_loaded;
use crate::navigator::use_navigator;
use crate::route::{module_route, ModView, Nav, Route};

#[derive(Properties, PartialEq)]
pub struct BytesPageProps {
    pub module: ModuleIdx,
    pub offset: Option<usize>,
}

/// The offset of the URL right now.
fn url_offset() -> Option<usize> {
    match Route::current() {
        Route::Module { view: ModView::Bytes(o), .. } => o,
        _ => None,
    }
}

#[function_component]
pub fn BytesPage(props: &BytesPageProps) -> Html {
    let loaded = use_loaded();
    let nav = use_navigator();
    let c = &*loaded.cache;
    let m = props.module;
    let Some(len) = c.file_bytes(m).map(<[u8]>::len) else {
        return html! { <div class="page-body"><p class="notice">{ "The bytes of this module's file are not kept, so there is no hex view." }</p></div> };
    };
    let offset = props.offset.filter(|&o| o < len);
    let highlight = offset.and_then(|o| c.region_at(m, o)).map(|r| r.range);
    let go = {
        let (cache, nav) = (loaded.cache.clone(), nav.clone());
        Callback::from(move |(o, how): (usize, Nav)| {
            if let Some(r) = module_route(&*cache, m, ModView::Bytes(Some(o))) {
                nav.go(r, how);
            }
        })
    };
    let locate = Callback::from(|_| url_offset());
    let open = {
        let (cache, nav) = (loaded.cache.clone(), nav.clone());
        Callback::from(move |o: usize| open_record(&*cache, &nav, m, o))
    };
    let on_click = go.reform(|o: usize| (o, Nav::Push));
    let on_jump = go.reform(|o: usize| (o, Nav::Push));
    let name = c.module_row(m).map_or_else(String::new, |r| r.file);
    html! {
        <div class="bytes-page">
            <div class="bytes-page-head">
                <h2 id="bytes-title" title={name.clone()}>{ format!("{} bytes of {}", format_size(len), rod_view::text::short_path(&name)) }</h2>
                <span class="muted">{ format!("{} regions", c.region_count(m)) }</span>
                if let Some(o) = offset {
                    <span class="muted" id="bytes-cursor">{ format!("cursor {o:#x} ({o})") }</span>
                }
            </div>
            <SectionStrip module={m} current={offset} {on_jump} id="strip" />
            <div class="split bytes-split">
                <HexView module={m} id="hex" label="Bytes of the module's file"
                    cursor={offset} {locate} {highlight} on_cursor={go}
                    on_open={open} {on_click} />
                <Splitter var="--region-w" label="Resize the region pane" initial={420} min={220} max={1000} id={AttrValue::from("region-splitter")} />
                <aside class="region-aside" aria-label="The region under the cursor">
                    <RegionPanel module={m} {offset} id="region" />
                </aside>
            </div>
        </div>
    }
}
