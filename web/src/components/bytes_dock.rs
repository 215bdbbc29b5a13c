//! The hex pane beside a module's view (page option `&bytes`): the section strip,
//! the hex grid with the selection's bytes marked (a tree row, a symbol, a type: see
//! [`crate::bytes::highlight_of`]) and the fields of the region under the cursor.
//! The cursor is the pane's own (arrow keys preview a region's fields); a click on a
//! byte, or Enter, opens the record it belongs to, which moves the tree, symbol or
//! type view there ([`crate::bytes::open_record`]).

use std::ops::Range;

use rod_view::ModuleIdx;
use yew::prelude::*;

use crate::bytes::open_record;
use crate::components::hex_view::HexView;
use crate::components::region_panel::RegionPanel;
use crate::components::section_strip::SectionStrip;
use crate::loaded::use_loaded;
use crate::navigator::use_navigator;
use crate::route::{module_href, ModView};

#[derive(Properties, PartialEq)]
pub struct BytesDockProps {
    pub module: ModuleIdx,
    /// The selection's bytes.
    pub highlight: Option<Range<usize>>,
    /// Hide the pane.
    pub on_close: Callback<()>,
}

#[function_component]
pub fn BytesDock(props: &BytesDockProps) -> Html {
    let loaded = use_loaded();
    let nav = use_navigator();
    let m = props.module;
    let cursor = use_state_eq(|| None::<usize>);
    let now = use_mut_ref(|| None::<usize>);
    // A new selection puts the cursor on its first byte.
    {
        let (cursor, now) = (cursor.clone(), now.clone());
        use_effect_with(props.highlight.clone(), move |h| {
            let at = h.as_ref().map(|r| r.start);
            *now.borrow_mut() = at;
            cursor.set(at);
        });
    }
    let c = &*loaded.cache;
    let shown = (*cursor).or(props.highlight.as_ref().map(|r| r.start));
    let on_cursor = {
        let (cursor, now) = (cursor.clone(), now.clone());
        Callback::from(move |(o, _)| {
            *now.borrow_mut() = Some(o);
            cursor.set(Some(o));
        })
    };
    let locate = {
        let now = now.clone();
        Callback::from(move |_| *now.borrow())
    };
    let open = {
        let (cache, nav) = (loaded.cache.clone(), nav.clone());
        Callback::from(move |o: usize| open_record(&*cache, &nav, m, o))
    };
    let on_jump = on_cursor.reform(|o: usize| (o, crate::route::Nav::Replace));
    let close = props.on_close.reform(|_: MouseEvent| ());
    let file = c.module_row(m).map_or_else(String::new, |r| r.file);
    html! {
        <aside class="bytes-dock" aria-label="Bytes of the file" id="bytes-dock">
            <div class="bytes-dock-head">
                <h2 title={file.clone()}>{ "Bytes" }</h2>
                if let Some(h) = &props.highlight {
                    <span class="muted" id="bytes-dock-sel">{ format!("selection {:#x}..{:#x} ({} B)", h.start, h.end, h.len()) }</span>
                }
                <span class="spacer" />
                <a class="button small subtle" href={module_href(c, m, ModView::Bytes(shown))} id="bytes-dock-full">{ "Full view" }</a>
                <button type="button" class="button small subtle" id="bytes-dock-close" onclick={close} title="Hide the hex pane">{ "×" }</button>
            </div>
            <SectionStrip module={m} current={shown} {on_jump} id="dock-strip" />
            <HexView module={m} id="dock-hex" label="Bytes of the module's file (click a byte to open its record)"
                cursor={shown} {locate} highlight={props.highlight.clone()} {on_cursor}
                on_open={open.clone()} on_click={open} />
            <RegionPanel module={m} offset={shown} id="dock-region" />
        </aside>
    }
}
