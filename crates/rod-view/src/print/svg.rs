//! The laid-out module graph as an SVG picture.

use crate::layout::GraphLayout;
use std::io::{self, Write};

/// `&`, `<`, `>`, `"` and `'` as XML entities; control characters dropped.
pub fn xml_escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            c if c.is_control() => {}
            c => o.push(c),
        }
    }
    o
}

/// Writes `layout` as a standalone SVG document: one box per module (its name,
/// a tooltip with path, size and alive share; main bold, outside the build
/// dashed), one arrow per edge (width by reference count; reference-only edges
/// dashed; import-cycle edges red), and a title line when `title` is given.
pub fn write_svg(layout: &GraphLayout, title: Option<&str>, out: &mut impl Write) -> io::Result<()> {
    let top = if title.is_some() { 24.0 } else { 0.0 };
    let (w, h) = (layout.width.max(1.0), layout.height.max(1.0) + top);
    writeln!(out, r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w:.0}" height="{h:.0}" viewBox="0 0 {w:.0} {h:.0}" font-family="monospace" font-size="12">"#)?;
    writeln!(out, r##"<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#555"/></marker><marker id="arrow-cycle" viewBox="0 0 10 10" refX="10" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#d62728"/></marker></defs>"##)?;
    if let Some(t) = title {
        writeln!(out, r#"<text x="8" y="16" font-weight="bold">{}</text>"#, xml_escape(t))?;
    }
    writeln!(out, r#"<g transform="translate(0 {top})">"#)?;
    for e in &layout.edges {
        let (Some(a), Some(b)) = (layout.nodes.get(e.from), layout.nodes.get(e.to)) else { continue };
        let (x1, y1, x2, y2) = if a.y <= b.y {
            (a.x + a.w / 2.0, a.y + a.h, b.x + b.w / 2.0, b.y)
        } else {
            (a.x + a.w / 2.0, a.y, b.x + b.w / 2.0, b.y + b.h)
        };
        let colour = if e.in_cycle { "#d62728" } else { "#555" };
        let marker = if e.in_cycle { "arrow-cycle" } else { "arrow" };
        let dash = if e.imported { "" } else { r#" stroke-dasharray="4 3""# };
        let my = (y1 + y2) / 2.0;
        let opacity = if e.in_cycle { "0.9" } else if e.imported { "0.6" } else { "0.25" };
        writeln!(
            out,
            r#"<path d="M {x1:.1} {y1:.1} C {x1:.1} {my:.1} {x2:.1} {my:.1} {x2:.1} {y2:.1}" fill="none" stroke="{colour}" stroke-opacity="{opacity}" stroke-width="{:.1}"{dash} marker-end="url(#{marker})"><title>{} → {}: {} ref{}{}</title></path>"#,
            e.width,
            xml_escape(&a.label),
            xml_escape(&b.label),
            e.refs,
            if e.refs == 1 { "" } else { "s" },
            if e.in_cycle { " (import cycle)" } else { "" }
        )?;
    }
    for b in &layout.nodes {
        let stroke = if b.is_main { r#" stroke-width="2.5""# } else { "" };
        let dash = if b.in_build { "" } else { r#" stroke-dasharray="4 3""# };
        let share = b.share_words();
        writeln!(
            out,
            r##"<g><title>{}&#10;{} bytes, {share}</title><rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="4" fill="{}" stroke="#333"{stroke}{dash}/><text x="{:.1}" y="{:.1}" text-anchor="middle">{}</text></g>"##,
            xml_escape(&b.path),
            b.bytes,
            b.x,
            b.y,
            b.w,
            b.h,
            b.fill,
            b.x + b.w / 2.0,
            b.y + b.h / 2.0 + 4.0,
            xml_escape(&b.label)
        )?;
    }
    writeln!(out, "</g>")?;
    writeln!(out, "</svg>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(xml_escape("<a href=\"x\">&'\u{1}"), "&lt;a href=&quot;x&quot;&gt;&amp;&apos;");
    }
}
