//! Everything the app knows about one loaded set of files: the decoded modules linked in a
//! [`ModuleGraph`], the files that failed, the `.alivesyms` files, the live set computed in
//! the page, and the indexes built on top (module keys for URLs, symbol search, usages).
//!
//! Built once per load by [`build`], which decodes in time slices and yields to the event
//! loop between them so the page stays responsive and shows progress. Immutable after
//! that (the lazily built usage index aside), shared as `Rc<Workspace>`.

use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use rod_decoder::graph::{
    check_alive, LiveSet, ModuleGraph, ModuleIdx, ModuleStatus, TreeContexts, UsageIndex,
};
use rod_decoder::print::short_path;
use rod_decoder::{sniff, AliveSyms, PackedModule, RodVersion, Sniff, SymId};

use crate::loader::LoadedFile;

/// Milliseconds since the page started (`performance.now()`).
pub fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Gives the browser a turn: input, rendering, the progress bar.
pub async fn yield_now() {
    gloo_timers::future::TimeoutFuture::new(0).await;
}

/// Time slice for decoding before yielding, in ms.
const SLICE_MS: f64 = 30.0;

/// A file that could not be decoded.
#[derive(Clone, Debug, PartialEq)]
pub struct FileError {
    /// The decoder's message, with section and offset.
    pub message: String,
    pub section: Option<&'static str>,
    pub offset: usize,
    /// Which compiler's layout it was read with (`detect`'s guess).
    pub version: Option<RodVersion>,
}

/// One `.rod` file of the load: a row of the module list.
#[derive(Clone, Debug)]
pub struct ModEntry {
    /// The path it was loaded under.
    pub file: String,
    pub size: usize,
    pub result: Result<ModuleIdx, FileError>,
}

/// How a module's computed live set compares with its `.alivesyms`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AliveMark {
    /// No `.alivesyms` for this module.
    NoFile,
    /// Equal.
    Match,
    /// Different: ids only computed, ids only in the file.
    Differ(usize, usize),
    /// The module is not in the current build: its `.alivesyms` is stale.
    Stale,
    /// The `.alivesyms` was written by another compiler version.
    WrongVersion(RodVersion),
}

/// An `.alivesyms` file that belongs to no decoded module or cannot be decoded.
#[derive(Clone, Debug)]
pub struct StrayFile {
    pub file: String,
    pub problem: String,
}

/// Progress of a load, for the progress bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    pub stage: &'static str,
    pub done: usize,
    pub total: usize,
}

/// Timings of the last load, in ms (also on `<body data-…>` and in `console.debug`).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Timings {
    pub decode_ms: f64,
    pub graph_ms: f64,
    pub live_ms: f64,
    pub index_ms: f64,
}

pub struct Workspace {
    pub graph: ModuleGraph,
    /// One per `.rod` file, sorted by file path.
    pub entries: Vec<ModEntry>,
    /// Per graph module: its `.alivesyms` (ids sorted), if loaded.
    pub alive_files: Vec<Option<AliveSyms>>,
    /// Per graph module: the comparison with its `.alivesyms`.
    pub alive_marks: Vec<AliveMark>,
    pub stray: Vec<StrayFile>,
    pub live: LiveSet,
    /// Per graph module: the key used in URLs.
    pub keys: Vec<String>,
    key_index: HashMap<String, ModuleIdx>,
    pub search: SearchIndex,
    /// Files that are neither `.rod` nor `.alivesyms` (by content).
    pub skipped: usize,
    pub total_bytes: usize,
    pub timings: Timings,
    usages: OnceCell<UsageIndex>,
    contexts: RefCell<TreeContexts>,
    /// Per module (built on first use): which symbol or type points at a bodies node.
    owners: RefCell<HashMap<u32, Rc<HashMap<u32, RootOwner>>>>,
}

/// What points at a bodies node: a symbol's ast or a type's node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RootOwner {
    Sym(SymId),
    Type(i32),
}

impl PartialEq for Workspace {
    /// Identity: a workspace is only ever replaced, never changed.
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Eq for Workspace {}

impl std::fmt::Debug for Workspace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Workspace({} modules)", self.graph.len())
    }
}

impl Workspace {
    pub fn module(&self, m: ModuleIdx) -> Option<&PackedModule> {
        self.graph.get(m).map(|g| &g.module)
    }
    /// The URL key of a module.
    pub fn key(&self, m: ModuleIdx) -> &str {
        self.keys.get(m.index()).map_or("", String::as_str)
    }
    /// The module a URL key names.
    pub fn by_key(&self, key: &str) -> Option<ModuleIdx> {
        self.key_index.get(key).copied()
    }
    /// The short name of a module (`system.nim`).
    pub fn short(&self, m: ModuleIdx) -> &str {
        self.graph.get(m).map_or("?", |g| g.short())
    }
    pub fn is_alive(&self, m: ModuleIdx, id: SymId) -> bool {
        self.live.is_alive(m, id)
    }
    /// Whether the module's `.alivesyms` lists the symbol (`None`: no usable file).
    pub fn in_alive_file(&self, m: ModuleIdx, id: SymId) -> Option<bool> {
        let f = self.alive_files.get(m.index())?.as_ref()?;
        Some(f.ids.binary_search(&id).is_ok())
    }
    pub fn alive_mark(&self, m: ModuleIdx) -> AliveMark {
        self.alive_marks
            .get(m.index())
            .copied()
            .unwrap_or(AliveMark::NoFile)
    }
    /// Number of modules that decoded.
    pub fn module_count(&self) -> usize {
        self.graph.len()
    }
    pub fn error_count(&self) -> usize {
        self.entries.iter().filter(|e| e.result.is_err()).count()
    }
    /// The usage index, built on first use (one scan of every node of every module).
    pub fn usages(&self) -> &UsageIndex {
        self.usages.get_or_init(|| {
            let t0 = now();
            let u = UsageIndex::build(&self.graph);
            web_sys::console::debug_1(
                &format!("rodscope: usage index in {:.1} ms", now() - t0).into(),
            );
            u
        })
    }
    /// Which symbol (ast) or type (n) points at each bodies node of module `m`.
    pub fn bodies_owners(&self, m: ModuleIdx) -> Rc<HashMap<u32, RootOwner>> {
        if let Some(o) = self.owners.borrow().get(&m.0) {
            return o.clone();
        }
        let mut map = HashMap::new();
        if let Some(pm) = self.module(m) {
            for (id, t) in pm.types.table.iter() {
                if let Some(p) = t.n.pos().filter(|_| !t.is_hole()) {
                    map.insert(p.0, RootOwner::Type(id));
                }
            }
            // Symbols win over types.
            for (id, s) in pm.syms.iter() {
                if let Some(p) = s.ast.pos().filter(|_| !s.is_hole()) {
                    map.entry(p.0)
                        .and_modify(|o| {
                            if matches!(o, RootOwner::Type(_)) {
                                *o = RootOwner::Sym(id)
                            }
                        })
                        .or_insert(RootOwner::Sym(id));
                }
            }
        }
        let map = Rc::new(map);
        self.owners.borrow_mut().insert(m.0, map.clone());
        map
    }
    /// Runs `f` with the cached per-module tree data of why-dead questions.
    pub fn with_contexts<R>(&self, f: impl FnOnce(&mut TreeContexts) -> R) -> R {
        f(&mut self.contexts.borrow_mut())
    }
    /// The versions present, when they are mixed.
    pub fn mixed_versions(&self) -> Option<Vec<(RodVersion, usize)>> {
        self.graph.mixed_versions()
    }
    pub fn empty() -> Workspace {
        Workspace {
            graph: ModuleGraph::default(),
            entries: Vec::new(),
            alive_files: Vec::new(),
            alive_marks: Vec::new(),
            stray: Vec::new(),
            live: LiveSet::default(),
            keys: Vec::new(),
            key_index: HashMap::new(),
            search: SearchIndex::default(),
            skipped: 0,
            total_bytes: 0,
            timings: Timings::default(),
            usages: OnceCell::new(),
            contexts: RefCell::new(TreeContexts::default()),
            owners: RefCell::new(HashMap::new()),
        }
    }
}

fn file_error(e: &rod_decoder::Error, bytes: &[u8]) -> FileError {
    // `detect` names the layout the damaged file was most likely written with (the
    // same guess as `decode`'s error; a few more decode attempts, only for damaged files).
    let d = rod_decoder::detect(bytes);
    FileError {
        message: e.to_string(),
        section: e.section(),
        offset: e.offset(),
        version: d.version,
    }
}

/// Strips `.rod` / `.alivesyms` (any case) from a path.
fn stem(path: &str) -> &str {
    let lower = path.to_ascii_lowercase();
    for ext in [".rod", ".alivesyms"] {
        if lower.ends_with(ext) {
            return &path[..path.len() - ext.len()];
        }
    }
    path
}

/// Decodes the files (in time slices, reporting progress), links the modules, computes
/// the live set and builds the indexes.
pub async fn build(files: Vec<LoadedFile>, skipped: usize, report: &dyn Fn(Progress)) -> Workspace {
    let mut ws = Workspace::empty();
    ws.skipped = skipped;
    let total = files.len();
    let t0 = now();
    let mut slice = now();
    let mut mods: Vec<(String, PackedModule)> = Vec::new();
    let mut entries: Vec<(String, usize, Result<usize, FileError>)> = Vec::new();
    let mut alive: Vec<(String, Result<AliveSyms, String>)> = Vec::new();
    for (i, f) in files.into_iter().enumerate() {
        if now() - slice > SLICE_MS {
            report(Progress {
                stage: "Decoding",
                done: i,
                total,
            });
            yield_now().await;
            slice = now();
        }
        ws.total_bytes += f.bytes.len();
        let lower = f.path.to_ascii_lowercase();
        let kind = sniff(&f.bytes);
        // Named like an IC file but not one: decode it anyway, to show why.
        let named = |ext: &str| kind == Sniff::Other && lower.ends_with(ext);
        if matches!(kind, Sniff::AliveSyms(_)) || named(".alivesyms") {
            let r = AliveSyms::decode(&f.bytes).map_err(|e| e.to_string());
            alive.push((f.path, r));
        } else if kind != Sniff::Other || named(".rod") {
            let size = f.bytes.len();
            match rod_decoder::decode(&f.bytes) {
                Ok(m) => {
                    entries.push((f.path.clone(), size, Ok(mods.len())));
                    mods.push((f.path, m));
                }
                Err(e) => entries.push((f.path, size, Err(file_error(&e, &f.bytes)))),
            }
        } else {
            ws.skipped += 1;
        }
        // `f.bytes` is dropped here: the decoded module owns what it needs.
    }
    ws.timings.decode_ms = now() - t0;
    report(Progress {
        stage: "Linking modules",
        done: total,
        total,
    });
    yield_now().await;

    let t1 = now();
    let stems: Vec<String> = mods.iter().map(|(p, _)| stem(p).to_string()).collect();
    ws.graph = ModuleGraph::from_named(mods);
    ws.entries = entries
        .into_iter()
        .map(|(file, size, r)| ModEntry {
            file,
            size,
            result: r.map(|i| ModuleIdx(i as u32)),
        })
        .collect();
    ws.entries.sort_by(|a, b| a.file.cmp(&b.file));

    // Module keys: the short path when unique, else the file path.
    let mut short_count: HashMap<&str, usize> = HashMap::new();
    for gm in ws.graph.modules() {
        *short_count.entry(gm.short()).or_default() += 1;
    }
    for (i, gm) in ws.graph.modules().iter().enumerate() {
        let key = if short_count.get(gm.short()) == Some(&1) {
            gm.short().to_string()
        } else {
            gm.name.clone()
        };
        ws.key_index.insert(key.clone(), ModuleIdx(i as u32));
        // The file path always works too.
        ws.key_index
            .entry(gm.name.clone())
            .or_insert(ModuleIdx(i as u32));
        ws.keys.push(key);
    }

    // Match .alivesyms files to modules by path without extension.
    let by_stem: HashMap<&str, usize> = stems
        .iter()
        .enumerate()
        .map(|(i, s)| (s.as_str(), i))
        .collect();
    ws.alive_files = vec![None; ws.graph.len()];
    for (file, r) in alive {
        match (r, by_stem.get(stem(&file))) {
            (Ok(mut a), Some(&i)) => {
                a.ids.sort_unstable();
                a.ids.dedup();
                if let Some(slot) = ws.alive_files.get_mut(i) {
                    *slot = Some(a);
                }
            }
            (Ok(_), None) => ws.stray.push(StrayFile {
                file,
                problem: "no .rod file of this name was loaded (or it failed to decode)".into(),
            }),
            (Err(e), _) => ws.stray.push(StrayFile { file, problem: e }),
        }
    }
    ws.timings.graph_ms = now() - t1;

    report(Progress {
        stage: "Computing the live set",
        done: total,
        total,
    });
    yield_now().await;
    let t2 = now();
    ws.live = LiveSet::compute(&ws.graph);
    ws.timings.live_ms = now() - t2;

    let t3 = now();
    let check = check_alive(&ws.graph, &ws.live, &ws.alive_files);
    let mut marks = vec![AliveMark::NoFile; ws.graph.len()];
    for &m in &check.matched {
        marks[m.index()] = AliveMark::Match;
    }
    for (m, extra, lacking) in &check.differ {
        marks[m.index()] = AliveMark::Differ(extra.len(), lacking.len());
    }
    for &m in &check.stale {
        marks[m.index()] = AliveMark::Stale;
    }
    for &(m, v) in &check.wrong_version {
        marks[m.index()] = AliveMark::WrongVersion(v);
    }
    ws.alive_marks = marks;
    ws.search = SearchIndex::build(&ws.graph);
    ws.timings.index_ms = now() - t3;
    publish_timings(&ws);
    ws
}

/// Puts the timings on `<body>` as data attributes (read by the benchmark script) and
/// logs them with `console.debug`.
fn publish_timings(ws: &Workspace) {
    let t = ws.timings;
    let msg = format!(
        "rodscope: {} files, {} bytes: decode {:.1} ms, graph {:.1} ms, live set {:.1} ms ({} alive), indexes {:.1} ms",
        ws.entries.len() + ws.alive_files.iter().flatten().count(),
        ws.total_bytes,
        t.decode_ms,
        t.graph_ms,
        t.live_ms,
        ws.live.total_alive(),
        t.index_ms
    );
    web_sys::console::debug_1(&msg.into());
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        let _ = body.set_attribute("data-decode-ms", &format!("{:.2}", t.decode_ms));
        let _ = body.set_attribute("data-live-ms", &format!("{:.2}", t.live_ms));
        let _ = body.set_attribute("data-graph-ms", &format!("{:.2}", t.graph_ms));
        let _ = body.set_attribute("data-index-ms", &format!("{:.2}", t.index_ms));
    }
}

// ---------------------------------------------------------------------------------------
// Symbol search.

/// All symbol names of all modules, lower-cased (ASCII) and joined by `\n`, so that one
/// substring scan finds every match.
#[derive(Default)]
pub struct SearchIndex {
    text: String,
    /// (start in `text`, length, module, symbol), ordered by start.
    entries: Vec<(u32, u32, ModuleIdx, SymId)>,
}

/// One search hit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    pub module: ModuleIdx,
    pub sym: SymId,
    /// 0 exact, 1 prefix, 2 inside.
    pub rank: u8,
    pub len: u32,
}

impl SearchIndex {
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
                let start = ix.text.len() as u32;
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

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Symbols whose name contains `query` (ASCII case-insensitive): exact matches first,
    /// then prefixes, then the rest, shorter names first; at most `cap` hits, and the
    /// total number of matches.
    pub fn find(&self, query: &str, cap: usize) -> (Vec<Hit>, usize) {
        let q = query.trim().to_ascii_lowercase();
        if q.is_empty() || q.contains('\n') {
            return (Vec::new(), 0);
        }
        let mut hits: Vec<Hit> = Vec::new();
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
            let rank = if pos == start && len as usize == q.len() {
                0
            } else if pos == start {
                1
            } else {
                2
            };
            hits.push(Hit {
                module,
                sym,
                rank,
                len,
            });
        }
        let total = hits.len();
        hits.sort_by_key(|h| (h.rank, h.len, h.module, h.sym));
        hits.truncate(cap);
        (hits, total)
    }
}

/// Short display name of a loaded file path.
pub fn file_short(path: &str) -> &str {
    short_path(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems() {
        assert_eq!(stem("a/b/@mx.rod"), "a/b/@mx");
        assert_eq!(stem("a/b/@mx.ALIVESYMS"), "a/b/@mx");
    }

    /// Search over the bundled sample (skipped when it has not been generated).
    #[test]
    fn search_ranks_exact_then_prefix() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../static/sample/basics");
        let Ok(rd) = std::fs::read_dir(&dir) else {
            eprintln!("no sample at {}: skipped", dir.display());
            return;
        };
        let mods: Vec<(String, PackedModule)> = rd
            .filter_map(|e| e.ok())
            .filter(|e| e.path().extension().is_some_and(|x| x == "rod"))
            .filter_map(|e| {
                let bytes = std::fs::read(e.path()).ok()?;
                Some((
                    e.file_name().to_string_lossy().into_owned(),
                    rod_decoder::decode(&bytes).ok()?,
                ))
            })
            .collect();
        let g = ModuleGraph::from_named(mods);
        let ix = SearchIndex::build(&g);
        let (hits, total) = ix.find("TOTALAREA", 10);
        assert_eq!(total, 1);
        assert_eq!(hits[0].rank, 0);
        let (hits, total) = ix.find("are", 5);
        assert!(total > 5 && hits.len() == 5);
        assert_eq!(hits[0].rank, 1, "a name starting with `are` comes first");
        assert!(hits.windows(2).all(|w| w[0].rank <= w[1].rank));
        assert_eq!(ix.find("", 5).1, 0);
        assert_eq!(ix.find("no such name at all", 5).1, 0);
    }
}
