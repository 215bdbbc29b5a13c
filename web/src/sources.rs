//! The Nim sources given with a cache (in the same drop, a sibling `src/`, a later drop,
//! or bundled with the sample), matched to its modules by `rod_view::source::match_sources`
//! (path suffix, SHA-1 checked). Kept as text lines; shown only as text.

use std::rc::Rc;

use rod_view::source::{match_sources, Freshness};
use rod_view::{Cache, ModuleIdx};

/// A given source larger than this is left out (a Nim module is far smaller).
pub const MAX_SOURCE_BYTES: usize = 16 << 20;
/// At most this many sources are kept.
pub const MAX_SOURCES: usize = 20_000;
/// Lines shown of one source, at most.
pub const MAX_LINES: usize = 200_000;

/// One source matched to a module.
#[derive(Debug)]
pub struct SourceText {
    /// The module compiled from it (or including it).
    pub module: ModuleIdx,
    /// The path the compiler recorded.
    pub recorded: String,
    /// The path it was given under.
    pub given: String,
    pub freshness: Freshness,
    /// Its lines (line `n` is `lines[n - 1]`).
    pub lines: Rc<Vec<String>>,
}

/// Every source given so far, and those that match the loaded cache.
#[derive(Clone, Debug, Default)]
pub struct Sources {
    /// What was given (path, bytes), kept to match again when another cache loads.
    pub given: Rc<Vec<(String, Vec<u8>)>>,
    pub matched: Rc<Vec<SourceText>>,
}

impl PartialEq for Sources {
    fn eq(&self, o: &Sources) -> bool {
        Rc::ptr_eq(&self.given, &o.given) && Rc::ptr_eq(&self.matched, &o.matched)
    }
}

fn lines_of(bytes: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(bytes)
        .split('\n')
        .take(MAX_LINES)
        .map(|l| l.strip_suffix('\r').unwrap_or(l).to_string())
        .collect()
}

impl Sources {
    /// `more` added to what was given before (a path given again replaces its old
    /// bytes), matched to `cache`.
    pub fn with(&self, cache: Option<&dyn Cache>, more: Vec<(String, Vec<u8>)>) -> Sources {
        let mut given: Vec<(String, Vec<u8>)> = (*self.given).clone();
        // A file given again under another path (a later drop of a changed main.nim)
        // replaces the earlier one of the same name: the matching prefers longer paths.
        let name = |p: &str| p.rsplit('/').next().unwrap_or(p).to_string();
        let newer: std::collections::HashSet<String> = more.iter().map(|(p, _)| name(p)).collect();
        given.retain(|(p, _)| !newer.contains(&name(p)));
        for (p, b) in more {
            if b.len() > MAX_SOURCE_BYTES {
                continue;
            }
            given.retain(|(q, _)| *q != p);
            if given.len() < MAX_SOURCES {
                given.push((p, b));
            }
        }
        let matched = match cache {
            Some(c) => match_sources(c, &given)
                .into_iter()
                .filter_map(|sm| {
                    let (path, bytes) = given.get(sm.file)?;
                    Some(SourceText {
                        module: sm.module,
                        recorded: sm.recorded,
                        given: path.clone(),
                        freshness: sm.freshness,
                        lines: Rc::new(lines_of(bytes)),
                    })
                })
                .collect(),
            None => Vec::new(),
        };
        Sources {
            given: Rc::new(given),
            matched: Rc::new(matched),
        }
    }

    /// The module's own source (the first the module records), if given.
    pub fn for_module(&self, m: ModuleIdx) -> Option<&SourceText> {
        self.matched.iter().find(|s| s.module == m)
    }

    /// The source a recorded position's file names (the same path, or one ending with
    /// the other at a `/`).
    pub fn for_file(&self, file: &str) -> Option<&SourceText> {
        let ends = |a: &str, b: &str| {
            a == b || (a.ends_with(b) && a[..a.len() - b.len()].ends_with('/'))
        };
        self.matched
            .iter()
            .find(|s| s.recorded == file)
            .or_else(|| self.matched.iter().find(|s| ends(&s.recorded, file) || ends(file, &s.recorded)))
    }
}

/// Reads the given sources (files one after the other; the sample's are in memory).
pub async fn read_sources(
    items: Vec<(String, crate::load::files::Input)>,
) -> Vec<(String, Vec<u8>)> {
    use crate::load::files::Input;
    let mut out = Vec::new();
    for (path, input) in items.into_iter().take(MAX_SOURCES) {
        let bytes = match input {
            Input::Bytes(b) => b,
            Input::File(f) => {
                if f.size() > MAX_SOURCE_BYTES as f64 {
                    continue;
                }
                match wasm_bindgen_futures::JsFuture::from(f.array_buffer()).await {
                    Ok(buf) => js_sys::Uint8Array::new(&buf).to_vec(),
                    Err(_) => continue,
                }
            }
        };
        out.push((path, bytes));
    }
    out
}

/// True for a Nim source by its name.
pub fn is_source(path: &str) -> bool {
    let p = path.to_ascii_lowercase();
    p.ends_with(".nim") || p.ends_with(".nims")
}
