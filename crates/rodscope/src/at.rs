//! `rodscope at DIR FILE.nim:LINE[:COL]`: the nodes recorded at a source position,
//! deepest first, in every module and tree of a nimcache.

use std::io::Write;
use std::path::PathBuf;

use rod_view::backend::packed::PackedCache;
use rod_view::Cache;

/// The `at` subcommand's arguments.
#[derive(clap::Args)]
pub struct AtArgs {
    /// A nimcache folder.
    pub dir: PathBuf,
    /// FILE.nim:LINE or FILE.nim:LINE:COL (FILE: a file name or a path suffix).
    pub position: String,
    /// Print `[{"module", "tree", "node", "kind"}, ...]`.
    #[arg(long)]
    pub json: bool,
}

/// `FILE:LINE[:COL]` → (file, line, col).
pub fn parse_position(s: &str) -> Result<(String, i32, Option<i32>), String> {
    let bad = || format!("{s:?}: expected FILE.nim:LINE or FILE.nim:LINE:COL");
    let mut parts = s.rsplitn(3, ':');
    let last = parts.next().ok_or_else(bad)?;
    let mid = parts.next().ok_or_else(bad)?;
    match parts.next() {
        Some(file) if mid.parse::<i32>().is_ok() && last.parse::<i32>().is_ok() => {
            Ok((file.to_string(), mid.parse().map_err(|_| bad())?, Some(last.parse().map_err(|_| bad())?)))
        }
        _ => {
            let line = last.parse::<i32>().map_err(|_| bad())?;
            let file = match parts_rest(s) {
                Some(f) => f,
                None => return Err(bad()),
            };
            Ok((file, line, None))
        }
    }
}

/// Everything before the last `:`.
fn parts_rest(s: &str) -> Option<String> {
    s.rsplit_once(':').map(|(f, _)| f.to_string()).filter(|f| !f.is_empty())
}

/// Runs `at`.
pub fn run(a: AtArgs, out: &mut impl Write) -> Result<(), String> {
    let (file, line, col) = parse_position(&a.position)?;
    // Each cache of DIR on its own (never linked); hits of all of them, in cache order.
    let views: Vec<PackedCache> = crate::whole::load_caches(&a.dir)?.into_iter().map(|c| PackedCache::from_graph(c.graph)).collect();
    let hits: Vec<(&PackedCache, rod_view::NodeAt)> =
        views.iter().flat_map(|v| v.nodes_at(&file, line, col).into_iter().map(move |h| (v, h))).collect();
    let io = |e: std::io::Error| format!("cannot write output: {e}");
    let key = |v: &PackedCache, m| v.module_row(m).map(|r| if r.path.is_empty() { r.file } else { r.path }).unwrap_or_default();
    let slug = |v: &PackedCache, m, t| v.trees(m).into_iter().find(|x| x.id == t).map(|x| x.slug).unwrap_or_default();
    if a.json {
        let arr: Vec<serde_json::Value> = hits
            .iter()
            .map(|(v, h)| serde_json::json!({"module": key(v, h.module), "tree": slug(v, h.module, h.tree), "node": h.node.0, "kind": h.kind}))
            .collect();
        serde_json::to_writer(&mut *out, &arr).map_err(|e| format!("cannot write output: {e}"))?;
        writeln!(out).map_err(io)?;
        return Ok(());
    }
    if hits.is_empty() {
        writeln!(out, "no node is recorded at {}", a.position).map_err(io)?;
        return Ok(());
    }
    for (v, h) in &hits {
        let short = v.module_row(h.module).map(|r| r.short).unwrap_or_default();
        writeln!(out, "{short}  {} node {}  {}  (depth {})", slug(v, h.module, h.tree), h.node.0, h.kind, h.depth).map_err(io)?;
    }
    Ok(())
}
