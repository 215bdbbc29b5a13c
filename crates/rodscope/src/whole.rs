//! Whole-program subcommands: a nimcache folder as one [`ModuleGraph`].
//!
//! `alive` (the DCE live set, `--json`, `--check` against the `.alivesyms` files),
//! `why` (why a symbol is alive or not), `refs` (every usage), `diff` (two builds)
//! and `graph` (the import graph, `--dot`). A file that cannot be decoded is
//! reported on stderr (file, section, offset) and left out; the others are used.

use clap::Subcommand;
use rod_decoder::graph::{self, print as gprint, BuildDiff, ImportGraph, LiveSet, ModuleGraph, Snapshot};
use rod_view::backend::packed::PackedCache;
use rod_view::{Cache as _, SymKey};
use rod_decoder::{AliveSyms, PackedModule};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The whole-program subcommands (flattened into the CLI's command list).
#[derive(Subcommand, Debug)]
pub enum WholeCmd {
    /// The live set (dead code elimination) of every module of a nimcache.
    Alive {
        /// A nimcache folder.
        dir: PathBuf,
        /// Print `{"<module path>": [sorted alive ids], ...}`.
        #[arg(long, conflicts_with = "check")]
        json: bool,
        /// Compare with the .alivesyms files in the folder; exit 1 on any difference.
        #[arg(long)]
        check: bool,
    },
    /// Why a symbol is alive (the chain from a root), or why it is not.
    Why {
        /// A nimcache folder.
        dir: PathBuf,
        /// NAME or NAME@MODULE (module: file name with or without .nim, or a path suffix).
        symbol: String,
    },
    /// Every node of every module that names a symbol.
    Refs {
        /// A nimcache folder.
        dir: PathBuf,
        /// NAME or NAME@MODULE.
        symbol: String,
    },
    /// Which symbols entered or left the live set between two builds, and which
    /// modules the backend regenerates.
    Diff {
        /// The old build's nimcache.
        old: PathBuf,
        /// The new build's nimcache.
        new: PathBuf,
        /// Compare the .alivesyms files the compiler wrote instead of computed live sets.
        #[arg(long)]
        recorded: bool,
        /// Print `{"modules": [{"module", "regenerated", "reasons", "entered", "left"}]}`.
        #[arg(long)]
        json: bool,
        /// Also compare the trees of every module in both builds: the top-level
        /// statements and routine bodies that differ, with the roots of the differing
        /// subtrees (with --json: a "trees" array per module).
        #[arg(long)]
        trees: bool,
    },
    /// The module import graph with reference counts.
    Graph {
        /// A nimcache folder.
        dir: PathBuf,
        /// Print Graphviz DOT.
        #[arg(long, conflicts_with = "svg")]
        dot: bool,
        /// Print an SVG picture: a layered layout, modules sized by bytes and
        /// coloured by their alive share, edges weighted by reference counts,
        /// import cycles in red.
        #[arg(long)]
        svg: bool,
    },
    /// What would die if a top-level statement or a symbol were removed: the live
    /// set recomputed without it, per module the ids that leave it, and the modules
    /// the backend would regenerate.
    Whatif {
        /// A nimcache folder.
        dir: PathBuf,
        /// A top-level statement, by the file and line where it starts.
        #[arg(long, value_name = "FILE.nim:LINE", required_unless_present = "without_sym", conflicts_with = "without_sym")]
        without_stmt: Option<String>,
        /// A symbol, NAME@MODULE (or NAME when it is unique).
        #[arg(long, value_name = "NAME@MODULE")]
        without_sym: Option<String>,
        /// Print `{"dies": {"<module path>": [sorted ids]}, "regenerated": [paths]}`.
        #[arg(long)]
        json: bool,
    },
}

/// A loaded nimcache folder (or one program of a folder that holds several).
pub struct Cache {
    /// The heading of its report when `DIR` held several caches (`None`: one cache,
    /// reported without a heading).
    pub label: Option<String>,
    /// The cache's folder relative to `DIR` (`""` for `DIR` itself).
    pub folder: String,
    /// The modules.
    pub graph: ModuleGraph,
    /// The `.alivesyms` next to each module (same file stem), by module index.
    pub alive_files: Vec<Option<AliveSyms>>,
    /// Files of its folder that could not be read or decoded.
    pub broken: usize,
    /// True for the modules of a multi-program folder that no program reaches.
    pub leftovers: bool,
    /// The bytes of each module's file, by module index.
    pub sizes: Vec<usize>,
}

/// Folders below `DIR` searched for caches: at most this deep ...
const MAX_DEPTH: usize = 8;
/// ... and at most this many.
const MAX_FOLDERS: usize = 10_000;

/// `dir` and its subfolders (not following symbolic links) that hold `.rod` files,
/// as paths relative to `dir`, sorted.
pub fn cache_folders(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    let mut stack: Vec<(PathBuf, usize)> = vec![(PathBuf::new(), 0)];
    let mut visited = 0usize;
    while let Some((rel, depth)) = stack.pop() {
        visited += 1;
        if visited > MAX_FOLDERS {
            return Err(format!("{}: more than {MAX_FOLDERS} folders below it", dir.display()));
        }
        let abs = dir.join(&rel);
        let rd = std::fs::read_dir(&abs).map_err(|e| format!("{}: cannot list: {e}", abs.display()))?;
        let mut has_rod = false;
        for e in rd.filter_map(|e| e.ok()) {
            let Ok(ft) = e.file_type() else { continue };
            let p = e.path();
            if ft.is_dir() && depth < MAX_DEPTH {
                stack.push((rel.join(e.file_name()), depth + 1));
            } else if !ft.is_dir() && p.extension().is_some_and(|x| x == "rod") {
                has_rod = true;
            }
        }
        if has_rod {
            out.push(rel);
        }
    }
    out.sort();
    Ok(out)
}

/// Loads every cache under `dir`: the folders that hold `.rod` files
/// ([`cache_folders`]), each split into its programs
/// ([`graph::groups`](rod_decoder::graph::groups)); never links two of them.
pub fn load_caches(dir: &Path) -> Result<Vec<Cache>, String> {
    let folders = cache_folders(dir)?;
    if folders.is_empty() {
        return Err(format!("{}: no .rod files", dir.display()));
    }
    let mut files: Vec<(String, PathBuf)> = Vec::new();
    for rel in &folders {
        for f in crate::folder::list(&dir.join(rel), &["rod"])? {
            let name = f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let rel_name = if rel.as_os_str().is_empty() { name } else { format!("{}/{name}", rel.to_string_lossy()) };
            files.push((rel_name, f));
        }
    }
    // Files are decoded on all cores; messages and modules stay in file order.
    let loaded = crate::par::map(&files, |(name, f)| {
        let m = crate::load(f).map_err(|crate::Failure(e)| e)?;
        let alive_path = f.with_extension("alivesyms");
        let alive = match crate::input::read(&alive_path) {
            Err(_) => Ok(None),
            Ok(b) => AliveSyms::decode(&b).map(Some).map_err(|e| format!("{}: {e}", alive_path.display())),
        };
        let size = std::fs::metadata(f).map_or(m.file_size, |x| x.len() as usize);
        Ok::<_, String>((name.clone(), m, alive, size))
    });
    let mut modules = Vec::with_capacity(files.len());
    let mut extras: Vec<(Option<AliveSyms>, usize)> = Vec::with_capacity(files.len());
    let mut broken: std::collections::HashMap<String, usize> = Default::default();
    for (r, (name, _)) in loaded.into_iter().zip(&files) {
        let folder = graph::groups::folder_of(name).to_string();
        match r {
            Err(e) => {
                eprintln!("rodscope: {e}");
                *broken.entry(folder).or_default() += 1;
            }
            Ok((name, m, alive, size)) => {
                let alive = alive.unwrap_or_else(|e| {
                    eprintln!("rodscope: {e}");
                    *broken.entry(folder).or_default() += 1;
                    None
                });
                modules.push((name, m));
                extras.push((alive, size));
            }
        }
    }
    if modules.is_empty() {
        return Err(format!("{}: no .rod file could be decoded", dir.display()));
    }
    let groups = graph::group_modules(&modules);
    let several = groups.len() > 1 || folders.first().is_some_and(|f| !f.as_os_str().is_empty());
    let split = graph::split_modules(modules);
    let mut out = Vec::with_capacity(split.len());
    for (g, mods) in split {
        let alive_files = g.members.iter().map(|&i| extras.get(i).and_then(|x| x.0.clone())).collect();
        let sizes = g.members.iter().map(|&i| extras.get(i).map_or(0, |x| x.1)).collect();
        // modules are named by their file name within the cache
        let mods: Vec<(String, PackedModule)> =
            mods.into_iter().map(|(n, m)| (graph::groups::file_of(&n).to_string(), m)).collect();
        out.push(Cache {
            label: several.then(|| g.label()),
            folder: g.folder.clone(),
            graph: ModuleGraph::from_named(mods),
            alive_files,
            broken: broken.get(&g.folder).copied().unwrap_or(0),
            leftovers: g.leftovers,
            sizes,
        });
    }
    Ok(out)
}

pub(crate) fn io(e: std::io::Error) -> String {
    format!("cannot write output: {e}")
}

/// Writes a heading for a cache when `DIR` held several.
fn heading(c: &impl Labelled, first: bool, out: &mut impl Write) -> Result<(), String> {
    if let Some(l) = c.label() {
        if !first {
            writeln!(out).map_err(io)?;
        }
        writeln!(out, "== {l} ==").map_err(io)?;
    }
    Ok(())
}

/// A left-over group (modules of no program) is listed, not analysed.
fn leftover_note(c: &Cache, out: &mut impl Write) -> Result<(), String> {
    let names: Vec<&str> = c.graph.modules().iter().map(|m| m.short()).collect();
    writeln!(out, "{} modules belong to no program of this folder (left over from earlier builds), not analysed: {}", names.len(), names.join(", "))
        .map_err(io)
}

/// Runs one whole-program subcommand.
pub fn run(cmd: WholeCmd, out: &mut impl Write) -> Result<ExitCode, String> {
    match cmd {
        WholeCmd::Alive { dir, json, check } => {
            let caches = load_caches(&dir)?;
            if json && caches.len() > 1 {
                // one object per cache, keyed by its heading
                write!(out, "{{").map_err(io)?;
                for (n, c) in caches.iter().filter(|c| !c.leftovers).enumerate() {
                    let live = LiveSet::compute(&c.graph);
                    let key = serde_json::to_string(c.label.as_deref().unwrap_or(".")).map_err(|e| e.to_string())?;
                    let mut inner = Vec::new();
                    gprint::print_alive_json(&c.graph, &live, &mut inner).map_err(io)?;
                    write!(out, "{}\n{key}: {}", if n == 0 { "" } else { "," }, String::from_utf8_lossy(&inner).trim_end()).map_err(io)?;
                }
                writeln!(out, "\n}}").map_err(io)?;
                return Ok(ExitCode::SUCCESS);
            }
            let mut failed = false;
            for (k, c) in caches.iter().enumerate() {
                heading(c, k == 0, out)?;
                if c.leftovers {
                    leftover_note(c, out)?;
                    continue;
                }
                let live = LiveSet::compute(&c.graph);
                if json {
                    gprint::print_alive_json(&c.graph, &live, out).map_err(io)?;
                } else if check {
                    let report = graph::check_alive(&c.graph, &live, &c.alive_files);
                    gprint::print_alive_check(&c.graph, &live, &report, out).map_err(io)?;
                    if c.broken > 0 {
                        let n = c.broken;
                        writeln!(out, "{n} file{} could not be decoded", if n == 1 { "" } else { "s" }).map_err(io)?;
                    }
                    failed |= !report.all_match() || c.broken > 0;
                } else {
                    gprint::print_alive_summary(&c.graph, &live, out).map_err(io)?;
                }
            }
            if failed {
                return Ok(ExitCode::from(1));
            }
        }
        WholeCmd::Why { dir, symbol } => {
            let views = views_of(&dir, &symbol)?;
            let several = views.len() > 1 || views.iter().any(|v| v.0.label.is_some());
            for (k, (c, v, syms)) in views.iter().enumerate() {
                if several {
                    heading(c, k == 0, out)?;
                }
                for (n, &(m, id)) in syms.iter().enumerate() {
                    if n > 0 {
                        writeln!(out).map_err(io)?;
                    }
                    rod_view::print::print_why(v, m, id, out).map_err(io)?;
                }
            }
        }
        WholeCmd::Refs { dir, symbol } => {
            let views = views_of(&dir, &symbol)?;
            let several = views.len() > 1 || views.iter().any(|v| v.0.label.is_some());
            for (k, (c, v, syms)) in views.iter().enumerate() {
                if several {
                    heading(c, k == 0, out)?;
                }
                for &(m, id) in syms {
                    rod_view::print::print_usages(v, m, id, out).map_err(io)?;
                }
            }
        }
        WholeCmd::Diff { old, new, recorded, json, trees } => {
            let a = load_caches(&old)?;
            let b = load_caches(&new)?;
            let snap = |c: &Cache| {
                if recorded {
                    recorded_snapshot(c)
                } else {
                    Snapshot::of(&c.graph, &LiveSet::compute(&c.graph))
                }
            };
            let pairs = pair_caches(&a, &b);
            if json && pairs.len() > 1 {
                write!(out, "{{").map_err(io)?;
                for (n, (key, x, y)) in pairs.iter().enumerate() {
                    let d = BuildDiff::between(&x.map(snap).unwrap_or_default(), &y.map(snap).unwrap_or_default());
                    let mut inner = Vec::new();
                    diff_json(&d, trees.then_some((*x, *y)), &mut inner).map_err(io)?;
                    let key = serde_json::to_string(key).map_err(|e| e.to_string())?;
                    write!(out, "{}\n{key}: {}", if n == 0 { "" } else { "," }, String::from_utf8_lossy(&inner).trim_end()).map_err(io)?;
                }
                writeln!(out, "\n}}").map_err(io)?;
                return Ok(ExitCode::SUCCESS);
            }
            let several = pairs.len() > 1 || a.iter().chain(&b).any(|c| c.label.is_some());
            for (n, (key, x, y)) in pairs.iter().enumerate() {
                if several {
                    if n > 0 {
                        writeln!(out).map_err(io)?;
                    }
                    writeln!(out, "== {key} ==").map_err(io)?;
                }
                let d = BuildDiff::between(&x.map(snap).unwrap_or_default(), &y.map(snap).unwrap_or_default());
                if json {
                    diff_json(&d, trees.then_some((*x, *y)), out).map_err(io)?;
                } else {
                    gprint::print_build_diff(&d, x.map(|c| &c.graph), y.map(|c| &c.graph), out).map_err(io)?;
                    if let (true, Some(xc), Some(yc)) = (trees, x, y) {
                        writeln!(out, "\ntrees:").map_err(io)?;
                        rod_decoder::graph::print_trees::print_tree_diffs(&d, &xc.graph, &yc.graph, out).map_err(io)?;
                    }
                }
            }
        }
        WholeCmd::Graph { dir, dot, svg } => {
            let caches = load_caches(&dir)?;
            for (k, c) in caches.iter().enumerate() {
                if !svg {
                    heading(c, k == 0, out)?;
                }
                let ig = ImportGraph::build(&c.graph);
                if dot {
                    gprint::write_dot(&c.graph, &ig, out).map_err(io)?;
                } else if svg {
                    let live = LiveSet::compute(&c.graph);
                    let layout = rod_view::layout::GraphLayout::compute(&c.graph, &ig, Some(&live), &c.sizes);
                    rod_view::print::write_svg(&layout, c.label.as_deref(), out).map_err(io)?;
                } else {
                    gprint::print_import_graph(&c.graph, &ig, out).map_err(io)?;
                }
            }
        }
        WholeCmd::Whatif { dir, without_stmt, without_sym, json } => {
            return crate::whatif::run(&dir, without_stmt.as_deref(), without_sym.as_deref(), json, out);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The key of a cache for pairing two loads: its heading, `.` for a single cache.
fn pair_key(c: &Cache) -> String {
    c.label.clone().unwrap_or_else(|| ".".to_string())
}

/// The caches of two loads paired by key (folder and program); a single cache on
/// each side is paired whatever its folder.
/// `diff --json`, with each module's structural diff (`"trees"`) when `trees` gives
/// both builds.
fn diff_json(d: &BuildDiff, trees: Option<(Option<&Cache>, Option<&Cache>)>, out: &mut impl Write) -> std::io::Result<()> {
    match trees {
        Some((Some(x), Some(y))) => rod_decoder::graph::print_trees::print_build_diff_json_trees(d, &x.graph, &y.graph, out),
        _ => gprint::print_build_diff_json(d, out),
    }
}

fn pair_caches<'a>(a: &'a [Cache], b: &'a [Cache]) -> Vec<(String, Option<&'a Cache>, Option<&'a Cache>)> {
    let a: Vec<&Cache> = a.iter().filter(|c| !c.leftovers).collect();
    let b: Vec<&Cache> = b.iter().filter(|c| !c.leftovers).collect();
    if let ([x], [y]) = (a.as_slice(), b.as_slice()) {
        let key = if x.label.is_none() && y.label.is_none() { ".".to_string() } else { format!("{} -> {}", pair_key(x), pair_key(y)) };
        return vec![(key, Some(*x), Some(*y))];
    }
    let mut keys: Vec<String> = a.iter().chain(&b).map(|c| pair_key(c)).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .map(|k| {
            let x = a.iter().find(|c| pair_key(c) == k).copied();
            let y = b.iter().find(|c| pair_key(c) == k).copied();
            (k, x, y)
        })
        .collect()
}

/// The `.alivesyms` files of the in-build modules, with the source hashes of the
/// `.rod` files (so `diff --recorded` still tells recompiled modules).
fn recorded_snapshot(c: &Cache) -> Snapshot {
    let files = c.graph.in_build().filter_map(|i| {
        let gm = c.graph.get(i)?;
        let a = c.alive_files.get(i.index())?.clone()?;
        Some((gm.path.clone(), a))
    });
    let mut s = Snapshot::from_alive_syms(files);
    for i in c.graph.in_build() {
        if let Some(gm) = c.graph.get(i) {
            if let Some(sm) = s.modules.get_mut(&gm.path) {
                sm.source_hash = graph::source_fingerprint(&gm.module);
                sm.config = Some(graph::config_fingerprint(&gm.module));
                sm.deps = graph::dep_paths(&gm.module);
            }
        }
    }
    s
}

/// Every cache of `dir` in which `query` names symbols, as a view (live set
/// computed), with those symbols; an error when no cache has one.
/// One cache of a folder as the view layer sees it, with the symbols a query names.
type CacheView = (CacheInfo, PackedCache, Vec<(graph::ModuleIdx, SymKey)>);

fn views_of(dir: &Path, query: &str) -> Result<Vec<CacheView>, String> {
    let mut out = Vec::new();
    for c in load_caches(dir)? {
        if c.leftovers {
            continue;
        }
        let info = CacheInfo { label: c.label.clone() };
        let mut v = PackedCache::from_graph(c.graph);
        v.alive_files = c.alive_files;
        v.compute_live();
        let syms = v.find_symbols(query);
        if !syms.is_empty() {
            out.push((info, v, syms));
        }
    }
    if out.is_empty() {
        return Err(format!("no symbol matches {query:?} (NAME or NAME@MODULE)"));
    }
    Ok(out)
}

/// What a report heading needs of a cache that was turned into a view.
struct CacheInfo {
    label: Option<String>,
}

/// Something with a report heading.
trait Labelled {
    fn label(&self) -> Option<&str>;
}
impl Labelled for Cache {
    fn label(&self) -> Option<&str> {
        self.label.as_deref()
    }
}
impl Labelled for CacheInfo {
    fn label(&self) -> Option<&str> {
        self.label.as_deref()
    }
}

/// The folder-level integrity of every cache under `dir` ([`graph::check_integrity`]):
/// one line per finding under a heading per cache; returns the number of findings
/// that break the program (dangling references, stale includes, mixed versions).
pub fn integrity_report(dir: &Path, out: &mut impl Write) -> Result<usize, String> {
    let mut errors = 0;
    for c in load_caches(dir)? {
        let folder = dir.join(&c.folder);
        let stray = stray_alive_files(&folder);
        let sha = |p: &str| crate::input::read(Path::new(p)).ok().map(|b| crate::stale::sha1_hex(&b));
        let inputs = graph::IntegrityInputs { source_sha1: &sha, stray_alive: if c.leftovers { &[] } else { &stray } };
        let findings = graph::check_integrity(&c.graph, &inputs);
        errors += findings.iter().filter(|f| f.what.is_error()).count();
        let name = match &c.label {
            Some(l) => format!("{} ({l})", dir.display()),
            None => dir.display().to_string(),
        };
        let bad = findings.iter().filter(|f| f.what.is_error()).count();
        writeln!(out, "{name}: integrity: {} modules, {bad} problem{}, {} remark{}", c.graph.len(), if bad == 1 { "" } else { "s" },
            findings.len() - bad, if findings.len() - bad == 1 { "" } else { "s" }).map_err(io)?;
        let mut lines = Vec::new();
        graph::integrity::print_findings(&c.graph, &findings, &mut lines).map_err(io)?;
        for l in String::from_utf8_lossy(&lines).lines() {
            writeln!(out, "  {l}").map_err(io)?;
        }
    }
    Ok(errors)
}

/// The `.alivesyms` files of `folder` without a `.rod` of the same stem.
fn stray_alive_files(folder: &Path) -> Vec<String> {
    let Ok(files) = crate::folder::list(folder, &["alivesyms"]) else { return Vec::new() };
    files
        .into_iter()
        .filter(|f| !f.with_extension("rod").is_file())
        .filter_map(|f| f.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect()
}
