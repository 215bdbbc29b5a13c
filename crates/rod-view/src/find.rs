//! Find in a tree: the generic scan any backend gets, from its rows.

use crate::cache::Cache;
use crate::ids::{ModuleIdx, NodePos, TreeId};
use crate::rows::NodeValue;

/// What a find query asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Query {
    /// Nodes recorded at this line.
    Line(i32),
    /// Nodes whose kind, literal or symbol name matches this text (ASCII
    /// case-insensitive; kinds match with or without the `nk` prefix).
    Text(String),
}

impl Query {
    /// `:12` → line 12; anything else → text.
    pub fn parse(q: &str) -> Option<Query> {
        let q = q.trim();
        if q.is_empty() {
            return None;
        }
        if let Some(n) = q.strip_prefix(':').and_then(|l| l.parse::<i32>().ok()) {
            return Some(Query::Line(n));
        }
        Some(Query::Text(q.to_ascii_lowercase()))
    }

    /// True when a node of kind `kind` with this literal or symbol name matches.
    pub fn matches_text(&self, kind: &str, text: Option<&str>) -> bool {
        let Query::Text(q) = self else { return false };
        let k = kind.to_ascii_lowercase();
        if k == *q || k.strip_prefix("nk") == Some(q.as_str()) {
            return true;
        }
        text.is_some_and(|t| t.to_ascii_lowercase().contains(q.as_str()))
    }
}

/// Scans every row of tree `t` of module `m`.
pub fn scan<C: Cache + ?Sized>(c: &C, m: ModuleIdx, t: TreeId, query: &str, cap: usize) -> Vec<NodePos> {
    let Some(q) = Query::parse(query) else { return Vec::new() };
    let n = c.tree_len(m, t).min(u32::MAX as usize) as u32;
    let mut out = Vec::new();
    for i in 0..n {
        if out.len() >= cap {
            break;
        }
        let Some(row) = c.node_row(m, t, NodePos(i)) else { continue };
        let hit = match &q {
            Query::Line(l) => row.pos.as_ref().is_some_and(|p| p.line == *l),
            Query::Text(_) => {
                let text = match &row.value {
                    NodeValue::Lit(s) => Some(s.as_str()),
                    NodeValue::Sym { name, .. } => Some(name.as_str()),
                    _ => None,
                };
                q.matches_text(&row.kind, text)
            }
        };
        if hit {
            out.push(NodePos(i));
        }
    }
    out
}
