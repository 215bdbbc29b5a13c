//! The region a byte belongs to, as the view layer explains it: its record type,
//! section, table and index, its bytes, a link to where the record is shown (a tree
//! node, a symbol, a type), and its fields ([`rod_view::Cache::region_fields`]: name,
//! offset, size, raw value, meaning in the compiler's terms).

use rod_view::text::plural;
use rod_view::ModuleIdx;
use yew::prelude::*;

use crate::loaded::use_loaded;
use crate::route::href;

#[derive(Properties, PartialEq)]
pub struct RegionPanelProps {
    pub module: ModuleIdx,
    /// The byte whose region is shown.
    pub offset: Option<usize>,
    /// Ids inside start with this.
    pub id: AttrValue,
}

#[function_component]
pub fn RegionPanel(props: &RegionPanelProps) -> Html {
    let loaded = use_loaded();
    let c = &*loaded.cache;
    let m = props.module;
    let id = |s: &str| format!("{}-{s}", props.id);
    let Some(r) = props.offset.and_then(|o| c.region_at(m, o)) else {
        return html! {
            <div class="region-panel" id={props.id.clone()}>
                <p class="muted">{ "Click a byte (or move the cursor with the arrow keys) to see the record it belongs to. Enter opens that record." }</p>
            </div>
        };
    };
    let fields = c.region_fields(m, &r);
    let open = r.target.and_then(|t| href(c, t));
    let what = match r.index {
        Some(i) => format!("{} {i}", r.record),
        None => r.record.clone(),
    };
    let len = r.range.len();
    let cursor = props.offset.unwrap_or(r.range.start);
    let rows = fields.iter().map(|f| {
        let here = f.range.contains(&cursor);
        let bits = f.bits.map(|(lo, w)| format!(" bits {lo}..{}", lo as u16 + w as u16)).unwrap_or_default();
        html! {
            <tr class={classes!(here.then_some("here"))} data-start={f.range.start.to_string()}>
                <th scope="row"><code>{ f.name.clone() }</code></th>
                <td class="num">{ format!("{:#x}", f.range.start) }</td>
                <td class="num">{ format!("{}{bits}", f.range.len()) }</td>
                <td><code class="raw">{ f.raw.clone() }</code></td>
                <td class="meaning">{ f.meaning.clone() }</td>
            </tr>
        }
    });
    html! {
        <div class="region-panel" id={props.id.clone()} data-start={r.range.start.to_string()}
            data-end={r.range.end.to_string()} data-kind={r.kind} data-section={r.section.clone()}
            data-index={r.index.map(|i| i.to_string())}>
            <h3 id={id("title")}>
                <span class={format!("swatch-box p{}", r.palette)} aria-hidden="true" />
                { what }
            </h3>
            <p class="region-where" id={id("where")}>
                { format!("{} · {}", r.section, r.kind) }
                if !r.part.is_empty() { { format!(" · {}", r.part) } }
                { format!(" · bytes {:#x}..{:#x} ({})", r.range.start, r.range.end, plural(len, "byte", "bytes")) }
            </p>
            if let Some(h) = open {
                <p><a class="button small" href={h} id={id("open")}>{ format!("Show this {} in its view", r.kind) }</a></p>
            }
            if fields.is_empty() {
                <p class="muted">{ "No field breakdown for this region." }</p>
            } else {
                <div class="table-wrap">
                    <table class="grid compact fields" id={id("fields")}>
                        <thead><tr>
                            <th scope="col">{ "field" }</th><th scope="col" class="num">{ "offset" }</th>
                            <th scope="col" class="num">{ "size" }</th><th scope="col">{ "raw" }</th>
                            <th scope="col">{ "meaning" }</th>
                        </tr></thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                </div>
            }
        </div>
    }
}
