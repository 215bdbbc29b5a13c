//! `rodscope whatif`: what would die without a top-level statement or a symbol.

use crate::whole::{io, load_caches};
use rod_decoder::graph::{self, whatif, LiveSet, Without, WhatIf};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// Runs `whatif` on every cache of `dir` where the statement or symbol is found.
pub fn run(dir: &Path, stmt: Option<&str>, sym: Option<&str>, json: bool, out: &mut impl Write) -> Result<ExitCode, String> {
    let caches = load_caches(dir)?;
    let mut found = 0;
    let mut json_parts: Vec<String> = Vec::new();
    for c in caches.iter().filter(|c| !c.leftovers) {
        let g = &c.graph;
        let without = match (stmt, sym) {
            (Some(s), _) => {
                let (file, line) = whatif::parse_location(s).ok_or_else(|| format!("--without-stmt {s:?}: expected FILE.nim:LINE"))?;
                Without { statements: whatif::statements_at(g, file, line), symbols: Vec::new() }
            }
            (None, Some(q)) => {
                let syms: Vec<_> = g.find_symbols(q);
                Without { statements: Vec::new(), symbols: syms }
            }
            (None, None) => return Err("give --without-stmt FILE.nim:LINE or --without-sym NAME@MODULE".into()),
        };
        if without.statements.is_empty() && without.symbols.is_empty() {
            continue;
        }
        found += 1;
        let base = LiveSet::compute(g);
        let w = WhatIf::compute(g, &base, &without);
        if json {
            json_parts.push(json_of(g, &w, c.label.as_deref()));
            continue;
        }
        if let Some(l) = &c.label {
            writeln!(out, "== {l} ==").map_err(io)?;
        }
        for &(m, n) in &without.statements {
            let info = g.get(m).and_then(|gm| gm.module.top_level.node(n)).map(|x| x.info).unwrap_or_default();
            let file = g.get(m).map(|gm| rod_decoder::print::short_path(&gm.module.str(info.file)).to_string()).unwrap_or_default();
            writeln!(out, "without the top-level statement at {file}:{} ({}, topLevel node {}):", info.line, short(g, m), n.0).map_err(io)?;
        }
        for &(m, id) in &without.symbols {
            writeln!(out, "without {}: {}:", short(g, m), g.sym_label(m, id)).map_err(io)?;
        }
        for (m, ids) in &w.dies {
            writeln!(out, "  {}: {} die", short(g, *m), ids.len()).map_err(io)?;
            const SHOWN: usize = 20;
            for &id in ids.iter().take(SHOWN) {
                writeln!(out, "    - {}", g.sym_label(*m, id)).map_err(io)?;
            }
            if ids.len() > SHOWN {
                writeln!(out, "    … {} more", ids.len() - SHOWN).map_err(io)?;
            }
        }
        for (m, ids) in &w.enters {
            writeln!(out, "  {}: {} would enter the live set", short(g, *m), ids.len()).map_err(io)?;
        }
        let regen: Vec<String> = w
            .regenerated
            .iter()
            .map(|(m, r)| format!("{} ({})", short(g, *m), r.iter().map(|x| x.words()).collect::<Vec<_>>().join(", ")))
            .collect();
        writeln!(out, "{} symbols die in {} modules; {} modules regenerated: {}", w.total_dies(), w.dies.len(), regen.len(), regen.join(", "))
            .map_err(io)?;
    }
    if found == 0 {
        return Err(match (stmt, sym) {
            (Some(s), _) => format!("no top-level statement of the build starts at {s}"),
            (_, Some(q)) => format!("no symbol matches {q:?} (NAME or NAME@MODULE)"),
            _ => "nothing to remove".into(),
        });
    }
    if json {
        if json_parts.len() == 1 && caches.iter().filter(|c| !c.leftovers).count() == 1 {
            writeln!(out, "{}", json_parts.concat()).map_err(io)?;
        } else {
            writeln!(out, "[{}]", json_parts.join(",\n")).map_err(io)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn short(g: &graph::ModuleGraph, m: graph::ModuleIdx) -> &str {
    g.get(m).map_or("?", |x| x.short())
}

/// `{"dies": {"<path>": [ids]}, "regenerated": [paths]}` (plus `"cache"` when
/// the folder held several).
fn json_of(g: &graph::ModuleGraph, w: &WhatIf, label: Option<&str>) -> String {
    let mut dies = serde_json::Map::new();
    for (m, ids) in &w.dies {
        let path = g.get(*m).map(|x| x.path.clone()).unwrap_or_default();
        dies.insert(path, serde_json::json!(ids));
    }
    let mut regen: Vec<String> = w.regenerated.iter().filter_map(|(m, _)| g.get(*m).map(|x| x.path.clone())).collect();
    regen.sort();
    let mut v = serde_json::json!({ "dies": dies, "regenerated": regen });
    if let (Some(l), Some(o)) = (label, v.as_object_mut()) {
        o.insert("cache".into(), serde_json::json!(l));
    }
    serde_json::to_string(&v).unwrap_or_default()
}
