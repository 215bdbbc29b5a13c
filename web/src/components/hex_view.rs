//! The hex pane's grid: a module's file as rows of 16 bytes (offset, hex, ASCII),
//! virtualized like the tree view (only the rows in the viewport, plus a few, are in
//! the DOM; fixed row height, [`ROW_HEIGHT`]). Every byte is coloured by its section
//! (the colour index comes from the view layer, [`rod_view::RegionRow::palette`]),
//! the first byte of each region has a mark, the `highlight` range (the selection's
//! bytes) is marked and the cursor byte is outlined. Regions of the rows shown are
//! asked of the cache per render ([`rod_view::Cache::regions`]: a binary search and
//! the regions of the window, never the whole map).
//!
//! Keyboard (ARIA grid, focusable, `aria-activedescendant` on the cursor byte):
//! arrows move the cursor by a byte / a row, PageUp / PageDown by a page, Home / End
//! to the row's first / last byte, Ctrl+Home / Ctrl+End to the file's; Enter (or a
//! double click) opens the record the byte belongs to. A click gives `on_click`.
//! A cell is a run of bytes of one region and mark (see the render), so a row is a
//! handful of elements.

use std::fmt::Write;
use std::ops::Range;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

use rod_view::ModuleIdx;

use crate::components::virtual_window::{top_row, track_top_row, use_virtual_window, VirtualWindow, ROW_HEIGHT};
use crate::loaded::use_loaded;
use crate::route::Nav;

/// Bytes per row.
pub const ROW_BYTES: usize = 16;
/// Most regions asked for one window (a window holds at most a few thousand bytes).
const REGION_CAP: usize = 16_384;

#[derive(Properties, PartialEq)]
pub struct HexViewProps {
    pub module: ModuleIdx,
    /// Ids of the grid and its cells start with this.
    pub id: AttrValue,
    pub label: AttrValue,
    /// The byte under the cursor, as rendered.
    pub cursor: Option<usize>,
    /// The cursor right now (keys can come faster than renders).
    pub locate: Callback<(), Option<usize>>,
    /// Bytes to mark (the selection's record).
    pub highlight: Option<Range<usize>>,
    /// The cursor moved (keys: in place; a click: a new history entry).
    pub on_cursor: Callback<(usize, Nav)>,
    /// Enter or a double click on a byte: open its record.
    pub on_open: Callback<usize>,
    /// A click on a byte.
    pub on_click: Callback<usize>,
}

/// The byte offset a mouse event's target stands for (`data-o` of a byte cell).
/// A cell holds a run of `data-n` bytes from `data-o`: hex cells as `xx xx …` (3
/// characters a byte, the last without its space), ASCII cells one character a byte;
/// the byte is found from where in the cell the pointer is.
fn offset_of(e: &MouseEvent) -> Option<usize> {
    let el = e.target()?.dyn_into::<Element>().ok()?;
    let cell = el.closest("[data-o]").ok()??;
    let o: usize = cell.get_attribute("data-o")?.parse().ok()?;
    let n: usize = cell.get_attribute("data-n").and_then(|v| v.parse().ok()).unwrap_or(1).max(1);
    let rect = cell.get_bounding_client_rect();
    let is_hex = cell.get_attribute("class").is_some_and(|c| c.split(' ').any(|x| x == "hb"));
    let chars = if is_hex { 3 * n - 1 } else { n };
    let w = rect.width() / chars as f64;
    if w <= 0.0 {
        return Some(o);
    }
    let ch = ((e.client_x() as f64 - rect.left()) / w).floor().max(0.0) as usize;
    let k = if is_hex { ch / 3 } else { ch };
    Some(o + k.min(n - 1))
}

/// The id of a byte's cell.
pub fn cell_id(prefix: &str, offset: usize) -> String {
    format!("{prefix}-b-{offset}")
}

#[function_component]
pub fn HexView(props: &HexViewProps) -> Html {
    let loaded = use_loaded();
    let c = &*loaded.cache;
    let m = props.module;
    let scroller = use_node_ref();
    let spacer = use_node_ref();
    let window_ref = use_node_ref();
    let first = use_state_eq(|| 0usize);
    let bytes: &[u8] = c.file_bytes(m).unwrap_or(&[]);
    let len = bytes.len();
    let n = len.div_ceil(ROW_BYTES);
    let VirtualWindow { start, end, page } =
        use_virtual_window(&scroller, &spacer, &window_ref, *first, n);

    // Keep the cursor's row (else the highlight's first row) in view when either moves.
    let focus_at = props.cursor.or(props.highlight.as_ref().map(|r| r.start));
    {
        let (scroller, first) = (scroller.clone(), first.clone());
        use_effect_with((focus_at, props.highlight.clone()), move |(at, _)| {
            if let (Some(at), Some(el)) = (*at, scroller.cast::<HtmlElement>()) {
                let row = (at / ROW_BYTES) as f64;
                let top = row * ROW_HEIGHT;
                let view = el.client_height() as f64;
                let cur = el.scroll_top() as f64;
                let target = if top < cur {
                    Some(if cur - top <= ROW_HEIGHT { top } else { ((top - view / 3.0).max(0.0) / ROW_HEIGHT).floor() * ROW_HEIGHT })
                } else if top + ROW_HEIGHT > cur + view {
                    Some(if top + ROW_HEIGHT - (cur + view) <= ROW_HEIGHT {
                        (top + ROW_HEIGHT - view).ceil()
                    } else {
                        // a jump: the row a third down, the view starting on a whole row
                        ((top - view / 3.0).max(0.0) / ROW_HEIGHT).floor() * ROW_HEIGHT
                    })
                } else {
                    None
                };
                if let Some(t) = target {
                    el.set_scroll_top(t as i32);
                    first.set(top_row(&el));
                }
            }
        });
    }

    let onscroll = track_top_row(&first);
    let onkeydown = {
        let (locate, on_cursor, on_open) = (props.locate.clone(), props.on_cursor.clone(), props.on_open.clone());
        let start_at = props.highlight.as_ref().map(|r| r.start);
        Callback::from(move |e: KeyboardEvent| {
            if len == 0 || e.alt_key() || e.meta_key() {
                return;
            }
            let cur = locate.emit(()).or(start_at).unwrap_or(0).min(len - 1);
            let pagebytes = page.saturating_sub(1).max(1) * ROW_BYTES;
            let row0 = cur - cur % ROW_BYTES;
            let to = match (e.key().as_str(), e.ctrl_key()) {
                ("ArrowRight", false) => cur + 1,
                ("ArrowLeft", false) => cur.saturating_sub(1),
                ("ArrowDown", false) => cur + ROW_BYTES,
                ("ArrowUp", false) => cur.saturating_sub(ROW_BYTES),
                ("PageDown", false) => cur + pagebytes,
                ("PageUp", false) => cur.saturating_sub(pagebytes),
                ("Home", false) => row0,
                ("End", false) => row0 + ROW_BYTES - 1,
                ("Home", true) => 0,
                ("End", true) => len - 1,
                ("Enter", false) => {
                    e.prevent_default();
                    return on_open.emit(cur);
                }
                _ => return,
            };
            e.prevent_default();
            on_cursor.emit((to.min(len - 1), Nav::Replace));
        })
    };
    let onclick = {
        let cb = props.on_click.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some(o) = offset_of(&e) {
                cb.emit(o);
            }
        })
    };
    let ondblclick = {
        let cb = props.on_open.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some(o) = offset_of(&e) {
                cb.emit(o);
            }
        })
    };

    // The regions of the window, walked alongside the bytes.
    let lo = start * ROW_BYTES;
    let hi = (end * ROW_BYTES).min(len);
    let regions = if hi > lo { c.regions(m, lo..hi, REGION_CAP) } else { Vec::new() };
    let mut ri = 0usize;
    let digits = format!("{:x}", len.max(1)).len().max(6);
    let hl = props.highlight.clone().unwrap_or(0..0);
    let cursor = props.cursor;
    let prefix = props.id.to_string();
    // Each row is one keyed element whose content is an HTML string of runs: bytes of
    // one region, section colour and mark share one cell (a new run starts at every
    // region start and around the cursor byte), so a row is a handful of elements and
    // a scroll step is cheap; rows that stay in the window are left alone. Only
    // digits, hex, escaped ASCII and fixed class names go into the strings.
    let mut rows = Vec::with_capacity(end.saturating_sub(start));
    for row in start..end {
        let base = row * ROW_BYTES;
        let stop = (base + ROW_BYTES).min(len);
        // (palette, region start, highlighted, cursor) of each byte
        let mut style = Vec::with_capacity(ROW_BYTES);
        for o in base..stop {
            while regions.get(ri).is_some_and(|r| r.range.end <= o) {
                ri += 1;
            }
            let region = regions.get(ri).filter(|r| r.range.contains(&o));
            style.push((
                region.map_or(0, |r| r.palette),
                region.is_some_and(|r| r.range.start == o),
                hl.contains(&o),
                cursor == Some(o),
            ));
        }
        let mut hex = String::with_capacity(400);
        let mut ascii = String::with_capacity(300);
        let mut i = 0;
        while i < style.len() {
            let (pal, rs, is_hl, is_cur) = style[i];
            let mut j = i + 1;
            while j < style.len() && !is_cur && !style[j].1 && !style[j].3 && style[j].0 == pal && style[j].2 == is_hl {
                j += 1;
            }
            let o = base + i;
            let mark = match (is_hl, is_cur) {
                (true, true) => " hl cur",
                (true, false) => " hl",
                (false, true) => " cur",
                (false, false) => "",
            };
            if i > 0 {
                hex.push(' ');
            }
            let _ = write!(
                hex,
                "<span role=\"gridcell\" id=\"{prefix}-b-{o}\" data-o=\"{o}\" data-n=\"{}\" class=\"hb p{pal}{}{mark}\"{}>",
                j - i,
                if rs { " rs" } else { "" },
                if is_hl { " aria-selected=\"true\"" } else { "" },
            );
            let _ = write!(ascii, "<span data-o=\"{o}\" data-n=\"{}\" class=\"ha{mark}\">", j - i);
            for k in i..j {
                let b = bytes.get(base + k).copied().unwrap_or(0);
                if k > i {
                    hex.push(' ');
                }
                let _ = write!(hex, "{b:02x}");
                match b {
                    b'<' => ascii.push_str("&lt;"),
                    b'>' => ascii.push_str("&gt;"),
                    b'&' => ascii.push_str("&amp;"),
                    0x20..=0x7e => ascii.push(b as char),
                    _ => ascii.push('.'),
                }
            }
            hex.push_str("</span>");
            ascii.push_str("</span>");
            i = j;
        }
        let inner = format!(
            "<span role=\"rowheader\" class=\"hex-off\">{base:0digits$x}</span><span class=\"hex-bytes\">{hex}</span><span class=\"hex-ascii\" aria-hidden=\"true\">{ascii}</span>"
        );
        rows.push(html! {
            <div key={row} role="row" class="hex-row" aria-rowindex={(row + 1).to_string()}>
                { Html::from_html_unchecked(AttrValue::from(inner)) }
            </div>
        });
    }
    let active = cursor
        .filter(|&o| o >= lo && o < hi)
        .map(|o| cell_id(&prefix, o));
    html! {
        <div ref={scroller} class="hex-scroll" id={props.id.clone()} role="grid" tabindex="0"
            aria-label={props.label.clone()} aria-rowcount={n.to_string()} aria-colcount={ROW_BYTES.to_string()}
            aria-activedescendant={active} data-cursor={cursor.map(|o| o.to_string())}
            data-hl-start={props.highlight.as_ref().map(|r| r.start.to_string())}
            data-hl-end={props.highlight.as_ref().map(|r| r.end.to_string())}
            {onscroll} {onkeydown} {onclick} {ondblclick}>
            <div ref={spacer} class="tree-spacer hex-spacer">
                <div ref={window_ref} class="tree-window" role="rowgroup">{ for rows }</div>
            </div>
        </div>
    }
}
