//! Why a symbol is (not) alive, and where it is used, for any backend.

use std::io::{self, Write};

use crate::cache::Cache;
use crate::ids::{ModuleIdx, SymKey};
use crate::rows::Why;
use crate::text::plural;

/// The why-alive chain (root first, one numbered line per step), or why the symbol
/// is not alive with every mention and the reason the pass did not follow it.
pub fn print_why(c: &dyn Cache, m: ModuleIdx, s: SymKey, out: &mut impl Write) -> io::Result<()> {
    let me = c.sym_link(m, s, true).label;
    match c.why(m, s) {
        Why::Unknown(why) => writeln!(out, "{me}: {why}"),
        Why::Alive(steps) => {
            writeln!(out, "{me} is alive:")?;
            for (i, st) in steps.iter().enumerate() {
                writeln!(
                    out,
                    "  {}. {}: {} {}",
                    i + 1,
                    st.site.label,
                    st.rule,
                    st.sym.label
                )?;
            }
            Ok(())
        }
        Why::Dead { reason, mentions } => {
            writeln!(out, "{me} is not alive: {reason}")?;
            if mentions.is_empty() {
                return writeln!(out, "  it is never mentioned");
            }
            writeln!(
                out,
                "  mentioned {}, never where the DCE looks:",
                plural(mentions.len(), "time", "times")
            )?;
            for (at, why) in &mentions {
                writeln!(out, "    {}: {why}", at.label)?;
            }
            Ok(())
        }
    }
}

/// Every usage of a symbol: module, tree, node, position, and for nodes of shared
/// trees the symbols (or types) whose tree holds it.
pub fn print_usages(
    c: &dyn Cache,
    m: ModuleIdx,
    s: SymKey,
    out: &mut impl Write,
) -> io::Result<()> {
    let list = c.usages(m, s);
    writeln!(
        out,
        "{}: {}",
        c.sym_link(m, s, true).label,
        plural(list.len(), "usage", "usages")
    )?;
    for u in &list {
        let pos = u
            .pos
            .as_ref()
            .map_or_else(|| "?".to_string(), |p| p.short_text());
        let mut line = format!("  {}, {pos}", u.node.label);
        if !u.within.is_empty() {
            let texts: Vec<String> = u
                .within
                .iter()
                .map(|l| match &l.note {
                    Some(n) => format!("{} ({n})", l.label),
                    None => l.label.clone(),
                })
                .collect();
            line.push_str(&format!(", in {}", texts.join(" / ")));
        }
        writeln!(out, "{line}")?;
    }
    Ok(())
}
