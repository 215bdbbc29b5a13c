//! The source a tree was compiled from, beside the tree: the selected node's
//! `line:col` highlighted and scrolled into view; a click in the text selects the
//! deepest node recorded at that position (in this tree when it has one, else the first
//! tree that does, via `Cache::nodes_at`). Text only: lines are text nodes.

use rod_view::source::Freshness;
use rod_view::{ModuleIdx, NodePos, Pos, Target, TreeId};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

use crate::loaded::use_loaded;
use crate::navigator::use_navigator;
use crate::route::{href, target_route, Nav};
use crate::sources::Sources;

#[derive(Properties, PartialEq)]
pub struct SourcePaneProps {
    pub module: ModuleIdx,
    pub tree: TreeId,
    /// The node selected in the tree, and its recorded position.
    pub selected: Option<NodePos>,
    pub pos: Option<Pos>,
    /// Nodes the tree beside shows (a symbol page shows one subtree).
    pub range: (NodePos, NodePos),
}

/// The end of the identifier (or the one character) starting at `col`.
fn token_end(chars: &[char], col: usize) -> usize {
    let word = |c: &char| c.is_alphanumeric() || *c == '_';
    if chars.get(col).is_some_and(word) {
        col + chars[col..].iter().take_while(|c| word(c)).count()
    } else {
        (col + 1).min(chars.len())
    }
}

/// The column a click landed on: the character under the pointer in its text segment
/// (monospace: the segment's width over its length), plus the segment's first column
/// (`data-off`). A click past the end of the line is its end.
fn clicked_col(e: &MouseEvent, row: &Element) -> Option<i32> {
    let target = e.target()?.dyn_into::<Element>().ok()?;
    let seg = match target.closest("[data-off]").ok()? {
        Some(s) => s,
        None => {
            let len: usize = (0..row.query_selector_all("[data-off]").ok()?.length())
                .filter_map(|i| row.query_selector_all("[data-off]").ok()?.item(i))
                .map(|n| n.text_content().unwrap_or_default().chars().count())
                .sum();
            return Some(len as i32);
        }
    };
    let off: i32 = seg.get_attribute("data-off")?.parse().ok()?;
    let len = seg.text_content().unwrap_or_default().chars().count();
    let r = seg.get_bounding_client_rect();
    if len == 0 || r.width() <= 0.0 {
        return Some(off);
    }
    let k = ((e.client_x() as f64 - r.left()) / (r.width() / len as f64)).floor();
    Some(off + (k.max(0.0) as i32).min(len as i32 - 1))
}

#[function_component]
pub fn SourcePane(props: &SourcePaneProps) -> Html {
    let loaded = use_loaded();
    let nav = use_navigator();
    let sources = use_context::<Sources>().unwrap_or_default();
    let c = loaded.cache.clone();
    let m = props.module;
    let scroller = use_node_ref();
    // The file to show: the selected node's when it is given, else the module's own.
    let src = props
        .pos
        .as_ref()
        .filter(|p| !p.file.is_empty())
        .and_then(|p| sources.for_file(&p.file))
        .or_else(|| sources.for_module(m));
    let hl = props.pos.as_ref().filter(|p| {
        src.is_some_and(|s| p.file.is_empty() && s.module == m || sources.for_file(&p.file).is_some_and(|f| std::ptr::eq(f, s)))
    });
    let hl_line = hl.map(|p| p.line);
    {
        let scroller = scroller.clone();
        use_effect_with((hl_line, src.map(|s| s.recorded.clone())), move |(line, _)| {
            let Some(line) = *line else { return };
            let Some(box_el) = scroller.cast::<HtmlElement>() else { return };
            let Ok(Some(row)) = box_el.query_selector(&format!("[data-line=\"{line}\"]")) else { return };
            let Ok(row) = row.dyn_into::<HtmlElement>() else { return };
            let top = row.offset_top() - box_el.offset_top();
            let (cur, h) = (box_el.scroll_top(), box_el.client_height());
            if top < cur || top + row.offset_height() > cur + h {
                box_el.set_scroll_top((top - h / 3).max(0));
            }
        });
    }
    let Some(src) = src else {
        return html! {};
    };
    let onclick = {
        let (c, nav, file) = (c.clone(), nav.clone(), src.recorded.clone());
        let (t, (lo, hi)) = (props.tree, props.range);
        Callback::from(move |e: MouseEvent| {
            let Some(row) = e
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|el| el.closest("[data-line]").ok().flatten())
            else {
                return;
            };
            let Some(line) = row.get_attribute("data-line").and_then(|l| l.parse::<i32>().ok()) else {
                return;
            };
            let col = clicked_col(&e, &row);
            // The deepest node starting at or before the click on that line.
            let mut at = col.map(|k| c.nodes_at(&file, line, Some(k))).unwrap_or_default();
            if at.is_empty() {
                at = c.nodes_at(&file, line, None);
                if let Some(k) = col {
                    let start = |n: &rod_view::NodeAt| {
                        c.node_row(n.module, n.tree, n.node)
                            .and_then(|r| r.pos)
                            .map_or(-1, |p| p.col)
                    };
                    let best = at.iter().map(start).filter(|&s| s <= k).max();
                    if let Some(b) = best {
                        at.retain(|n| start(n) == b);
                    }
                }
            }
            let here = at
                .iter()
                .find(|n| n.module == m && n.tree == t && lo <= n.node && n.node < hi)
                .or_else(|| at.iter().find(|n| n.module == m))
                .or_else(|| at.first());
            let Some(n) = here else { return };
            if n.module == m && n.tree == t && lo <= n.node && n.node < hi {
                nav.go(nav.now().with_node(Some(n.node)), Nav::Push);
            } else if let Some(r) = target_route(&*c, Target::Node(n.module, n.tree, n.node)) {
                nav.go(r, Nav::Push);
            }
        })
    };
    let short = rod_view::text::short_path(&src.recorded).to_string();
    let other = (src.module != m).then(|| {
        let name = c.module_row(src.module).map_or_else(String::new, |r| r.short);
        html! { <>{ " · in module " }<a href={href(&*c, Target::Module(src.module))}>{ name }</a></> }
    });
    let lines = src.lines.iter().enumerate().map(|(i, text)| {
        let n = i as i32 + 1;
        let body = match hl.filter(|p| p.line == n) {
            Some(p) if p.col >= 0 => {
                let chars: Vec<char> = text.chars().collect();
                let a = (p.col as usize).min(chars.len());
                let b = token_end(&chars, a);
                let s = |x: usize, y: usize| chars[x..y].iter().collect::<String>();
                html! { <>
                    <span data-off="0">{ s(0, a) }</span>
                    <mark class="src-col" data-off={a.to_string()}>{ s(a, b) }</mark>
                    <span data-off={b.to_string()}>{ s(b, chars.len()) }</span>
                </> }
            }
            _ => html! { <span data-off="0">{ text.clone() }</span> },
        };
        html! {
            <div class={classes!("src-line", (hl_line == Some(n)).then_some("hl"))} data-line={n.to_string()}>
                <span class="ln" aria-hidden="true">{ n }</span>
                <span class="src-text">{ body }</span>
            </div>
        }
    });
    html! {
        <section class="source-pane" id="source-pane" aria-label="Source">
            <div class="source-head">
                <strong title={format!("{} (given as {})", src.recorded, src.given)} id="source-file">{ short }</strong>
                { for other }
                { match src.freshness {
                    Freshness::Fresh => html! { <span class="badge ok" id="source-fresh" title="its SHA-1 is the one the compiler recorded">{ "matches the cache" }</span> },
                    Freshness::Stale => html! { <span class="badge bad" id="source-stale" title="its SHA-1 differs from the one the compiler recorded">{ "stale: changed since the cache was built, positions may be off" }</span> },
                    Freshness::Unchecked => html! { <span class="badge" id="source-unchecked">{ "no recorded hash to check" }</span> },
                } }
            </div>
            <div class="source-scroll" ref={scroller} id="source" {onclick}>{ for lines }</div>
        </section>
    }
}
