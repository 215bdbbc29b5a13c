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
use rod_decoder::AliveSyms;
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
    },
    /// The module import graph with reference counts.
    Graph {
        /// A nimcache folder.
        dir: PathBuf,
        /// Print Graphviz DOT.
        #[arg(long)]
        dot: bool,
    },
}

/// A loaded nimcache folder.
pub struct Cache {
    /// The modules.
    pub graph: ModuleGraph,
    /// The `.alivesyms` next to each module (same file stem), by module index.
    pub alive_files: Vec<Option<AliveSyms>>,
    /// Files that could not be read or decoded.
    pub broken: usize,
}

/// Loads every `.rod` of `dir` (sorted by file name) and its `.alivesyms`. Broken
/// files are reported on stderr and skipped.
pub fn load_cache(dir: &Path) -> Result<Cache, String> {
    let files = crate::folder::list(dir, &["rod"])?;
    if files.is_empty() {
        return Err(format!("{}: no .rod files", dir.display()));
    }
    // Files are decoded on all cores; messages and modules stay in file order.
    let loaded = crate::par::map(&files, |f| {
        let m = crate::load(f).map_err(|crate::Failure(e)| e)?;
        let alive_path = f.with_extension("alivesyms");
        let alive = match crate::input::read(&alive_path) {
            Err(_) => Ok(None),
            Ok(b) => AliveSyms::decode(&b).map(Some).map_err(|e| format!("{}: {e}", alive_path.display())),
        };
        let name = f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        Ok::<_, String>((name, m, alive))
    });
    let mut modules = Vec::with_capacity(files.len());
    let mut alive_files = Vec::with_capacity(files.len());
    let mut broken = 0;
    for r in loaded {
        match r {
            Err(e) => {
                eprintln!("rodscope: {e}");
                broken += 1;
            }
            Ok((name, m, alive)) => {
                let alive = alive.unwrap_or_else(|e| {
                    eprintln!("rodscope: {e}");
                    broken += 1;
                    None
                });
                modules.push((name, m));
                alive_files.push(alive);
            }
        }
    }
    if modules.is_empty() {
        return Err(format!("{}: no .rod file could be decoded", dir.display()));
    }
    Ok(Cache { graph: ModuleGraph::from_named(modules), alive_files, broken })
}

fn io(e: std::io::Error) -> String {
    format!("cannot write output: {e}")
}

/// Runs one whole-program subcommand.
pub fn run(cmd: WholeCmd, out: &mut impl Write) -> Result<ExitCode, String> {
    match cmd {
        WholeCmd::Alive { dir, json, check } => {
            let c = load_cache(&dir)?;
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
                if !report.all_match() || c.broken > 0 {
                    return Ok(ExitCode::from(1));
                }
            } else {
                gprint::print_alive_summary(&c.graph, &live, out).map_err(io)?;
            }
        }
        WholeCmd::Why { dir, symbol } => {
            let (c, syms) = view_of(&dir, &symbol)?;
            for (n, &(m, id)) in syms.iter().enumerate() {
                if n > 0 {
                    writeln!(out).map_err(io)?;
                }
                rod_view::print::print_why(&c, m, id, out).map_err(io)?;
            }
        }
        WholeCmd::Refs { dir, symbol } => {
            let (c, syms) = view_of(&dir, &symbol)?;
            for &(m, id) in &syms {
                rod_view::print::print_usages(&c, m, id, out).map_err(io)?;
            }
        }
        WholeCmd::Diff { old, new, recorded } => {
            let a = load_cache(&old)?;
            let b = load_cache(&new)?;
            let snap = |c: &Cache| {
                if recorded {
                    recorded_snapshot(c)
                } else {
                    Snapshot::of(&c.graph, &LiveSet::compute(&c.graph))
                }
            };
            let d = BuildDiff::between(&snap(&a), &snap(&b));
            gprint::print_build_diff(&d, Some(&a.graph), Some(&b.graph), out).map_err(io)?;
        }
        WholeCmd::Graph { dir, dot } => {
            let c = load_cache(&dir)?;
            let ig = ImportGraph::build(&c.graph);
            if dot {
                gprint::write_dot(&c.graph, &ig, out).map_err(io)?;
            } else {
                gprint::print_import_graph(&c.graph, &ig, out).map_err(io)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
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
            }
        }
    }
    s
}

/// The cache of `dir` as a view (live set computed) and the symbols `query` names.
fn view_of(dir: &Path, query: &str) -> Result<(PackedCache, Vec<(graph::ModuleIdx, SymKey)>), String> {
    let c = load_cache(dir)?;
    let mut v = PackedCache::from_graph(c.graph);
    v.alive_files = c.alive_files;
    v.compute_live();
    let syms = v.find_symbols(query);
    if syms.is_empty() {
        return Err(format!("no symbol matches {query:?} (NAME or NAME@MODULE)"));
    }
    Ok((v, syms))
}
