//! The packed `.rod` backend (Nim 1.6.10, 2.0.0, 2.2.0): a [`ModuleGraph`] of decoded
//! modules, their `.alivesyms` records, the live set computed as the compiler does,
//! and the indexes the views ask for.
//!
//! Built in steps so a caller can yield between them: [`PackedLoader::add`] per file
//! (decodes it), [`PackedLoader::link`] (the graph), then [`PackedCache::compute_live`]
//! and [`PackedCache::build_indexes`].

mod array;
mod bytes;
mod builds;
mod cache_impl;
mod compare_view;
mod positions;
mod rows;
mod search;
mod tables;
pub mod typexpr;

use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;

use rod_decoder::graph::{check_alive, LiveSet, ModuleGraph, ModuleIdx, TreeContexts, UsageIndex};
use rod_decoder::{sniff, AliveSyms, PackedModule, Sniff, TreeKind};

use crate::ids::TreeId;
use crate::rows::{FileProblem, LiveMark};
pub use positions::path_matches;
pub use search::SearchIndex;

/// What the loader did with a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Taken {
    /// A `.rod` that decoded.
    Module,
    /// A `.alivesyms` file.
    AliveSyms,
    /// Looked like one of ours but did not decode (see [`PackedLoader::problems`]).
    Broken,
    /// Not a packed-cache file.
    NotMine,
}

/// Collects the files of one load.
#[derive(Default)]
pub struct PackedLoader {
    mods: Vec<(String, PackedModule)>,
    sizes: Vec<usize>,
    alive: Vec<(String, Result<AliveSyms, String>)>,
    problems: Vec<FileProblem>,
    /// Keep each module's bytes for the byte views ([`PackedLoader::keep_bytes`]).
    keep: bool,
    kept: Vec<Option<std::rc::Rc<[u8]>>>,
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

/// How many leading bytes of a file [`PackedLoader::recognizes`] needs.
pub const SNIFF_LEN: usize = 9;

impl PackedLoader {
    /// Whether a file is named like one of the format's own (`.rod`, `.alivesyms`, any
    /// case): a loader reads such files whole; others only if [`PackedLoader::recognizes`]
    /// their first [`SNIFF_LEN`] bytes.
    pub fn claims_name(path: &str) -> bool {
        stem(path).len() != path.len()
    }
    /// Whether a file's first bytes are those of a packed cache file (the cookie and the
    /// first section tag).
    pub fn recognizes(head: &[u8]) -> bool {
        sniff(head) != Sniff::Other
    }
    /// A loader with nothing in it.
    pub fn new() -> PackedLoader {
        PackedLoader::default()
    }
    /// Takes one file: decodes it when it is (or is named like) a `.rod` or
    /// `.alivesyms` file.
    pub fn add(&mut self, path: String, bytes: &[u8]) -> Taken {
        let lower = path.to_ascii_lowercase();
        let kind = sniff(bytes);
        let named = |ext: &str| kind == Sniff::Other && lower.ends_with(ext);
        if matches!(kind, Sniff::AliveSyms(_)) || named(".alivesyms") {
            let r = AliveSyms::decode(bytes).map_err(|e| e.to_string());
            let ok = r.is_ok();
            self.alive.push((path, r));
            return if ok { Taken::AliveSyms } else { Taken::Broken };
        }
        if kind == Sniff::Other && !named(".rod") {
            return Taken::NotMine;
        }
        match rod_decoder::decode(bytes) {
            Ok(m) => {
                self.sizes.push(bytes.len());
                self.mods.push((path, m));
                self.kept.push(self.keep.then(|| std::rc::Rc::from(bytes)));
                Taken::Module
            }
            Err(e) => {
                let d = rod_decoder::detect(bytes);
                self.problems.push(FileProblem {
                    file: path,
                    size: bytes.len(),
                    message: e.to_string(),
                    section: e.section(),
                    offset: e.offset(),
                    compiler: d.version.map(|v| v.compiler().to_string()),
                });
                Taken::Broken
            }
        }
    }
    /// Keep a copy of each module file's bytes (from now on), so the cache answers
    /// the byte views ([`crate::Cache::region_at`], ...). Costs the files' size in
    /// memory; off by default.
    pub fn keep_bytes(&mut self, yes: bool) {
        self.keep = yes;
    }
    /// Lists a file that was not decoded, with the reason (a front end's size cap).
    pub fn reject(&mut self, file: String, size: usize, message: String) {
        self.problems.push(FileProblem { file, size, message, section: None, offset: 0, compiler: None });
    }
    /// Number of modules decoded so far.
    pub fn modules(&self) -> usize {
        self.mods.len()
    }
    /// True when nothing of ours was given.
    pub fn is_empty(&self) -> bool {
        self.mods.is_empty() && self.alive.is_empty() && self.problems.is_empty()
    }
    /// Links the modules into a cache (no live set yet).
    pub fn link(self) -> PackedCache {
        let stems: Vec<String> = self.mods.iter().map(|(p, _)| stem(p).to_string()).collect();
        let graph = ModuleGraph::from_named(self.mods);
        let mut c = PackedCache::from_graph(graph);
        c.sizes = self.sizes;
        c.problems = self.problems;
        for (slot, kept) in c.files.iter_mut().zip(self.kept) {
            *slot = kept;
        }
        let by_stem: HashMap<&str, usize> = stems
            .iter()
            .enumerate()
            .map(|(i, s)| (s.as_str(), i))
            .collect();
        c.alive_files = vec![None; c.graph.len()];
        for (file, r) in self.alive {
            match (r, by_stem.get(stem(&file))) {
                (Ok(mut a), Some(&i)) => {
                    a.ids.sort_unstable();
                    a.ids.dedup();
                    if let Some(slot) = c.alive_files.get_mut(i) {
                        *slot = Some(a);
                    }
                }
                (Ok(_), None) => c.stray.push((
                    file,
                    "no .rod file of this name was loaded (or it failed to decode)".into(),
                )),
                (Err(e), _) => c.stray.push((file, e)),
            }
        }
        c
    }
}

/// A loaded packed cache. See the module docs.
pub struct PackedCache {
    /// The linked modules.
    pub graph: ModuleGraph,
    /// Per module: the `.alivesyms` record, ids sorted, if loaded.
    pub alive_files: Vec<Option<AliveSyms>>,
    /// `.alivesyms` files that belong to no module, with the reason.
    pub stray: Vec<(String, String)>,
    /// Files that did not decode.
    pub problems: Vec<FileProblem>,
    sizes: Vec<usize>,
    live: Option<LiveSet>,
    marks: Vec<LiveMark>,
    keys: Vec<String>,
    key_index: HashMap<String, ModuleIdx>,
    search: OnceCell<SearchIndex>,
    usages: OnceCell<UsageIndex>,
    contexts: RefCell<TreeContexts>,
    owners: RefCell<HashMap<ModuleIdx, std::rc::Rc<HashMap<u32, rows::RootOwner>>>>,
    positions: RefCell<HashMap<ModuleIdx, std::rc::Rc<positions::PosIndex>>>,
    /// Per module: its file's bytes, when kept or handed in.
    files: Vec<Option<std::rc::Rc<[u8]>>>,
    /// Per module: its byte map, built on first use.
    maps: Vec<OnceCell<Option<rod_decoder::bytemap::ByteMap>>>,
}

/// The packed trees in the order views list them.
pub const TREES: [TreeKind; 3] = [TreeKind::TopLevel, TreeKind::Bodies, TreeKind::ToReplay];

/// The view's id of a packed tree.
pub fn tree_id(kind: TreeKind) -> TreeId {
    TreeId(match kind {
        TreeKind::TopLevel => 0,
        TreeKind::Bodies => 1,
        TreeKind::ToReplay => 2,
    })
}

/// The packed tree of a view tree id.
pub fn tree_kind(id: TreeId) -> Option<TreeKind> {
    TREES.get(id.index()).copied()
}

impl PackedCache {
    /// A cache over an already linked graph (no `.alivesyms`, no live set yet).
    pub fn from_graph(graph: ModuleGraph) -> PackedCache {
        let n = graph.len();
        let mut c = PackedCache {
            sizes: graph.modules().iter().map(|m| m.module.file_size).collect(),
            graph,
            alive_files: vec![None; n],
            stray: Vec::new(),
            problems: Vec::new(),
            live: None,
            marks: vec![LiveMark::None; n],
            keys: Vec::new(),
            key_index: HashMap::new(),
            search: OnceCell::new(),
            usages: OnceCell::new(),
            contexts: RefCell::new(TreeContexts::default()),
            owners: RefCell::new(HashMap::new()),
            positions: RefCell::new(HashMap::new()),
            files: vec![None; n],
            maps: (0..n).map(|_| OnceCell::new()).collect(),
        };
        c.make_keys();
        c
    }
    /// Decodes and links the given files, computes the live set and checks it: the
    /// whole load in one call (the CLI's way).
    pub fn load(files: impl IntoIterator<Item = (String, Vec<u8>)>) -> PackedCache {
        let mut l = PackedLoader::new();
        for (p, b) in files {
            l.add(p, &b);
        }
        let mut c = l.link();
        c.compute_live();
        c
    }

    /// Module keys for URLs: the short name when unique, else the loaded file name.
    fn make_keys(&mut self) {
        let mut short_count: HashMap<&str, usize> = HashMap::new();
        for gm in self.graph.modules() {
            *short_count.entry(gm.short()).or_default() += 1;
        }
        let mut keys = Vec::with_capacity(self.graph.len());
        let mut index = HashMap::new();
        for (i, gm) in self.graph.modules().iter().enumerate() {
            let key = if short_count.get(gm.short()) == Some(&1) {
                gm.short().to_string()
            } else {
                gm.name.clone()
            };
            index.insert(key.clone(), ModuleIdx(i as u32));
            index.entry(gm.name.clone()).or_insert(ModuleIdx(i as u32));
            keys.push(key);
        }
        self.keys = keys;
        self.key_index = index;
    }

    /// Computes the live set (the compiler's DCE) and checks it against the
    /// `.alivesyms` records.
    pub fn compute_live(&mut self) {
        let live = LiveSet::compute(&self.graph);
        let check = check_alive(&self.graph, &live, &self.alive_files);
        let mut marks = vec![LiveMark::NoRecord; self.graph.len()];
        for &m in &check.matched {
            marks[m.index()] = LiveMark::Match;
        }
        for (m, extra, lacking) in &check.differ {
            marks[m.index()] = LiveMark::Differ(extra.len(), lacking.len());
        }
        for &m in &check.stale {
            marks[m.index()] = LiveMark::Stale;
        }
        for &(m, v) in &check.wrong_version {
            marks[m.index()] = LiveMark::WrongVersion(v.compiler().to_string());
        }
        self.marks = marks;
        self.live = Some(live);
    }

    /// Builds the search index now (otherwise on the first search).
    pub fn build_indexes(&self) {
        let _ = self.search_index();
    }

    /// The live set, once computed.
    pub fn live(&self) -> Option<&LiveSet> {
        self.live.as_ref()
    }

    /// The decoded module.
    pub fn module(&self, m: ModuleIdx) -> Option<&PackedModule> {
        self.graph.get(m).map(|g| &g.module)
    }

    fn search_index(&self) -> &SearchIndex {
        self.search.get_or_init(|| SearchIndex::build(&self.graph))
    }

    /// The usage index (built on first use: one scan of every node).
    pub fn usage_index(&self) -> &UsageIndex {
        self.usages.get_or_init(|| UsageIndex::build(&self.graph))
    }

    /// The position index of a module, built on first use.
    fn positions(&self, m: ModuleIdx) -> std::rc::Rc<positions::PosIndex> {
        if let Some(p) = self.positions.borrow().get(&m) {
            return p.clone();
        }
        let ix = std::rc::Rc::new(self.module(m).map(positions::index).unwrap_or_default());
        self.positions.borrow_mut().insert(m, ix.clone());
        ix
    }

    fn short(&self, m: ModuleIdx) -> &str {
        self.graph.get(m).map_or("?", |g| g.short())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_heads() {
        assert!(PackedLoader::claims_name("a/@mmain.rod"));
        assert!(PackedLoader::claims_name("a/@mmain.ALIVESYMS"));
        assert!(!PackedLoader::claims_name("a/main.nim.c"));
        assert!(!PackedLoader::recognizes(b"int x;\n"));
        assert!(!PackedLoader::recognizes(b""));
    }
}
