//! Symbol search over every module: one lower-cased text of all names, so a query is
//! one substring scan, built once per load.

use rod_decoder::graph::{ModuleGraph, ModuleIdx, ModuleStatus};
use rod_decoder::SymId;

/// All symbol names of all modules, lower-cased (ASCII) and joined by `\n`.
#[derive(Default)]
pub struct SearchIndex {
    text: String,
    /// (start in `text`, length, module, symbol), ordered by start.
    entries: Vec<(u32, u32, ModuleIdx, SymId)>,
}

/// One raw hit: module, symbol, rank (0 exact, 1 prefix, 2 inside), name length.
pub type RawHit = (ModuleIdx, SymId, u8, u32);

impl SearchIndex {
    /// Indexes every stored symbol of every non-duplicate module.
    pub fn build(g: &ModuleGraph) -> SearchIndex {
        let mut ix = SearchIndex::default();
        for (mi, gm) in g.modules().iter().enumerate() {
            if matches!(gm.status, ModuleStatus::Duplicate(_)) {
                continue;
            }
            let m = &gm.module;
            for (id, s) in m.syms.iter() {
                if s.is_hole() {
                    continue;
                }
                let Some(name) = m.strings.get(s.name) else {
                    continue;
                };
                if name.is_empty() || name.contains(&b'\n') {
                    continue;
                }
                let Ok(start) = u32::try_from(ix.text.len()) else {
                    return ix;
                };
                for &b in name {
                    // Non-ASCII bytes become \u{1} (one byte: positions stay those of the name).
                    ix.text.push(if b.is_ascii() {
                        b.to_ascii_lowercase() as char
                    } else {
                        '\u{1}'
                    });
                }
                ix.text.push('\n');
                ix.entries
                    .push((start, name.len() as u32, ModuleIdx(mi as u32), id));
            }
        }
        ix
    }

    /// Number of indexed symbols.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Symbols whose name contains `query` (ASCII case-insensitive) and whose module
    /// passes `keep`: exact matches first, then prefixes, then the rest, shorter names
    /// first; at most `cap` hits, and the total number of matches.
    pub fn find(
        &self,
        query: &str,
        cap: usize,
        keep: impl Fn(ModuleIdx) -> bool,
    ) -> (Vec<RawHit>, usize) {
        let q = query.trim().to_ascii_lowercase();
        if q.is_empty() || q.contains('\n') {
            return (Vec::new(), 0);
        }
        let mut hits: Vec<RawHit> = Vec::new();
        let mut last_entry = usize::MAX;
        for (pos, _) in self.text.match_indices(q.as_str()) {
            let pos = pos as u32;
            let k = self.entries.partition_point(|e| e.0 <= pos);
            let Some(k) = k.checked_sub(1) else { continue };
            if k == last_entry {
                continue; // several matches in one name
            }
            last_entry = k;
            let Some(&(start, len, module, sym)) = self.entries.get(k) else {
                continue;
            };
            if !keep(module) {
                continue;
            }
            let rank = if pos == start && len as usize == q.len() {
                0
            } else if pos == start {
                1
            } else {
                2
            };
            hits.push((module, sym, rank, len));
        }
        let total = hits.len();
        hits.sort_by_key(|h| (h.2, h.3, h.0, h.1));
        hits.truncate(cap);
        (hits, total)
    }
}
