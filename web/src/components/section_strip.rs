//! The hex pane's section strip: the sections of a module's file as one bar, each as
//! wide as its share of the bytes and coloured as in the grid; each is a link (Tab to
//! it, Enter or a click) that jumps the hex view to the section's first byte. The
//! section holding `current` is marked.

use rod_view::text::format_size;
use rod_view::ModuleIdx;
use yew::prelude::*;

use crate::loaded::use_loaded;
use crate::route::{module_href, ModView};

/// Width of the strip in its own units (it stretches to its box).
const WIDTH: f64 = 1000.0;
/// Narrowest drawn section, so that every section can be seen and clicked.
const MIN_W: f64 = 2.0;

#[derive(Properties, PartialEq)]
pub struct SectionStripProps {
    pub module: ModuleIdx,
    /// The byte the hex view is at.
    pub current: Option<usize>,
    /// Jump to a section (its first byte).
    pub on_jump: Callback<usize>,
    /// Id prefix of the links.
    pub id: AttrValue,
}

#[function_component]
pub fn SectionStrip(props: &SectionStripProps) -> Html {
    let loaded = use_loaded();
    let c = &*loaded.cache;
    let m = props.module;
    let sections = c.byte_sections(m);
    let total = sections.iter().map(|s| s.range.len()).sum::<usize>().max(1);
    let mut x = 0.0f64;
    let current = props.current;
    let cur_name = current
        .and_then(|o| sections.iter().find(|s| s.range.contains(&o)))
        .map(|s| s.name.clone());
    let links = sections.iter().filter(|s| !s.range.is_empty()).map(|s| {
        let w = s.range.len() as f64 * WIDTH / total as f64;
        let at = s.range.start;
        let here = current.is_some_and(|o| s.range.contains(&o));
        let onclick = {
            let jump = props.on_jump.clone();
            Callback::from(move |e: MouseEvent| {
                e.prevent_default();
                jump.emit(at);
            })
        };
        let title = format!(
            "{}: {} at {:#x}{} ({:.1}%)",
            s.name,
            format_size(s.range.len()),
            at,
            s.count.map_or(String::new(), |n| format!(", {n} entries")),
            s.range.len() as f64 * 100.0 / total as f64
        );
        let r = html! {
            <a href={module_href(c, m, ModView::Bytes(Some(at)))} {onclick} aria-label={title.clone()}
                id={format!("{}-{}", props.id, s.name)} data-offset={at.to_string()}
                aria-current={here.then_some("location")} class={classes!("strip-sec", here.then_some("here"))}>
                <rect x={format!("{x:.2}")} y="0" width={format!("{:.2}", w.max(MIN_W))} height="24" class={format!("pf{}", s.palette)} />
                <title>{ title }</title>
            </a>
        };
        x += w;
        r
    });
    html! {
        <div class="section-strip">
            <svg viewBox={format!("0 0 {WIDTH} 24")} preserveAspectRatio="none" role="group"
                aria-label="Sections of the file: jump to one">{ for links }</svg>
            <span class="muted strip-where" id={format!("{}-where", props.id)}>{ cur_name.unwrap_or_default() }</span>
        </div>
    }
}
