//! `rodscope`: look inside Nim's incremental-compilation files from the command line.

use clap::{Parser, Subcommand};
use rod_decoder::graph::{ModuleGraph, ModuleIdx};
use rod_decoder::print;
use rod_decoder::{ItemRef, NodePos, PackedModule, Parts, SymRef, TreeKind};
use rod_view::backend::packed::{self, PackedCache};
use std::collections::HashSet;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod at;
mod bytes;
mod folder;
mod input;
mod legacy;
mod nif;
mod par;
mod stale;
mod whatif;
mod whole;

#[derive(Parser)]
#[command(name = "rodscope", version, about = "Explore the .rod and .alivesyms files that `nim c --incremental:on` writes")]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Print exactly what the compiler's `nim rod FILE.rod` prints (for the compiler that wrote the file).
    View {
        /// A .rod file.
        file: PathBuf,
    },
    /// Everything decoded, as JSON (see docs/json-dump.md; JSON is the only format).
    Dump {
        /// A .rod file.
        file: PathBuf,
        /// Removed: `dump` always prints JSON. Still accepted, with a note on stderr.
        #[arg(long, hide = true)]
        json: bool,
    },
    /// An indented tree: kinds, literal values, symbols, types, positions.
    Tree {
        /// A .rod file.
        file: PathBuf,
        /// Which tree: toplevel, bodies or replay.
        #[arg(long, default_value = "toplevel")]
        section: String,
        /// Print only the subtree at this node position.
        #[arg(long)]
        root: Option<u32>,
        /// Print at most this many levels below the roots (0 = roots only).
        #[arg(long)]
        depth: Option<u32>,
    },
    /// Each section's tag, offset, size and element count.
    Sections {
        /// A .rod file.
        file: PathBuf,
    },
    /// Decode and validate files: spans, NodeIds, LitIds and symbol references.
    Check {
        /// .rod files or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Which compiler wrote each file (1.6, 2.0, 2.2), or why it is damaged.
    Detect {
        /// .rod / .alivesyms files or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Every byte of a file explained: the byte map, or one region's fields and hex.
    Bytes(bytes::BytesArgs),
    #[command(flatten)]
    Whole(whole::WholeCmd),
    /// The nodes recorded at a source position (FILE.nim:LINE[:COL]), deepest first, in every module of a nimcache.
    At(at::AtArgs),
    /// A nimony BIF (or NIF) file as the compiler's NIF27 text, on stdout.
    Nif2text {
        /// A BIF or NIF file (nimony keeps `.nif` names on BIF content).
        file: PathBuf,
        /// The module suffix symbols are compressed against (default: the file name up to its first dot).
        #[arg(long)]
        suffix: Option<String>,
    },
}

/// A failure: exit code 1, one line on stderr.
struct Failure(String);

fn read(path: &Path) -> Result<input::Bytes, Failure> {
    input::read(path).map_err(|e| Failure(format!("{}: cannot read: {e}", path.display())))
}

fn load(path: &Path) -> Result<PackedModule, Failure> {
    load_parts(path, Parts::ALL)
}

/// Decodes the file at `path`, building only `parts`.
fn load_parts(path: &Path, parts: Parts) -> Result<PackedModule, Failure> {
    let bytes = read(path)?;
    rod_decoder::decode_with(&bytes, parts).map_err(|e| Failure(format!("{}: {e}", path.display())))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = io::stdout();
    // A large buffer: few write calls even when stdout is a pipe (dump --json of
    // system.rod is 30 MB).
    let mut out = io::BufWriter::with_capacity(256 * 1024, stdout.lock());
    let r = run(cli.cmd, &mut out);
    let flushed = out.flush();
    match (r, flushed) {
        (Ok(code), Ok(())) => code,
        (Err(Failure(msg)), _) => {
            eprintln!("rodscope: {msg}");
            ExitCode::from(1)
        }
        (Ok(_), Err(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        (Ok(_), Err(e)) => {
            eprintln!("rodscope: cannot write output: {e}");
            ExitCode::from(1)
        }
    }
}

fn io_fail(e: io::Error) -> Failure {
    Failure(format!("cannot write output: {e}"))
}

fn run(cmd: Cmd, out: &mut impl Write) -> Result<ExitCode, Failure> {
    if let Some(r) = nif::dispatch(&cmd, out) {
        return r;
    }
    if let Some(r) = legacy::intercept(&cmd, out) {
        return r;
    }
    match cmd {
        Cmd::Nif2text { file, suffix } => return nif::nif2text(&file, suffix.as_deref(), out),
        Cmd::Whole(w) => return whole::run(w, out).map_err(Failure),
        Cmd::At(a) => at::run(a, out).map_err(Failure)?,
        Cmd::Bytes(a) => bytes::run(a, out)?,
        Cmd::View { file } => {
            let bytes = std::sync::Arc::new(read(&file)?);
            // the include files are hashed beside the decoding and the listing
            let stale = stale::start(&file, bytes.clone());
            let m = rod_decoder::decode_with(&bytes, Parts::NO_TREES).map_err(|e| Failure(format!("{}: {e}", file.display())))?;
            print::nim_rod_view(&m, out).map_err(io_fail)?;
            for w in stale.finish(&m) {
                eprintln!("rodscope: warning: {w}");
            }
        }
        Cmd::Dump { file, json } => {
            if json {
                eprintln!("rodscope: note: `dump` always prints JSON; --json is not needed (it will be removed)");
            }
            let m = load(&file)?;
            print::dump_json(&m, out).map_err(io_fail)?;
        }
        Cmd::Tree { file, section, root, depth } => {
            let tree = TreeKind::parse(&section)
                .ok_or_else(|| Failure(format!("unknown --section {section:?} (toplevel, bodies or replay)")))?;
            let m = load(&file)?;
            if let Some(r) = root {
                if r as usize >= m.tree(tree).len() {
                    return Err(Failure(format!("--root {r}: the {} tree has {} nodes", tree.name(), m.tree(tree).len())));
                }
            }
            writeln!(
                out,
                "# {} ({} layout), {}: {} nodes",
                m.path().unwrap_or_default(),
                m.version.compiler(),
                tree.name(),
                m.tree(tree).len()
            )
            .map_err(io_fail)?;
            // The module first (index 0), then the modules of its folder its tree points at.
            let siblings = sibling_modules(&file, &m, tree);
            let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let mut mods = vec![(name, m)];
            mods.extend(siblings);
            let cache = PackedCache::from_graph(ModuleGraph::from_named(mods));
            let opts = rod_view::print::TreeOptions { tree: packed::tree_id(tree), root: root.map(NodePos), depth };
            rod_view::print::print_tree(&cache, ModuleIdx(0), opts, out).map_err(io_fail)?;
        }
        Cmd::Sections { file } => {
            let m = load_parts(&file, Parts::NO_TREES)?;
            print::print_sections(&m, out).map_err(io_fail)?;
        }
        Cmd::Check { paths } => {
            let all = [folder::expand(&paths).map_err(Failure)?, legacy::db_files(&paths)].concat();
            let legacy_bad = legacy::check(&all, out)?;
            let files: Vec<PathBuf> =
                all.into_iter().filter(|f| f.extension().is_some_and(|x| x == "rod") && !legacy::is_legacy(f)).collect();
            // Files are checked on all cores; each one's lines are printed in file order.
            let reports = par::map(&files, |f| {
                let r = read(f).and_then(|b| rod_decoder::decode(&b).map_err(|e| Failure(e.to_string())));
                let mut lines = String::new();
                let ok = match r {
                    Err(Failure(e)) => {
                        lines = format!("{}: error: {e}\n", f.display());
                        false
                    }
                    Ok(m) => {
                        let findings = rod_decoder::validate::validate(&m);
                        if findings.is_empty() {
                            lines = format!("{}: ok ({})\n", f.display(), m.version.compiler());
                        }
                        for x in &findings {
                            lines.push_str(&format!("{}: {}: {}\n", f.display(), x.place, x.message));
                        }
                        findings.is_empty()
                    }
                };
                (lines, ok)
            });
            let mut bad = legacy_bad;
            for (lines, ok) in &reports {
                out.write_all(lines.as_bytes()).map_err(io_fail)?;
                bad += usize::from(!ok);
            }
            // folders: the whole cache's integrity (references across modules, includes, ...)
            for p in paths.iter().filter(|p| p.is_dir()) {
                // only folders with packed .rod files of their own (legacy ones are checked above)
                if !files.iter().any(|f| f.parent() == Some(p.as_path())) {
                    continue;
                }
                bad += whole::integrity_report(p, out).map_err(Failure)?;
            }
            if bad > 0 {
                return Ok(ExitCode::from(1));
            }
        }
        Cmd::Detect { paths } => {
            let mut bad = 0;
            for f in [folder::expand(&paths).map_err(Failure)?, legacy::db_files(&paths)].concat() {
                if let Some((line, ok)) = legacy::detect_line(&f) {
                    bad += usize::from(!ok);
                    writeln!(out, "{line}").map_err(io_fail)?;
                    continue;
                }
                let bytes = read(&f)?;
                let d = rod_decoder::detect(&bytes);
                let kind = match d.kind {
                    Some(rod_decoder::FileKind::Rod) => "rod",
                    Some(rod_decoder::FileKind::AliveSyms) => "alivesyms",
                    None => "unknown",
                };
                let v = d.version.map_or("-", |v| v.label());
                let status = if d.confirmed { "ok" } else { "damaged" };
                if !d.confirmed {
                    bad += 1;
                }
                writeln!(out, "{}\t{kind}\t{v}\t{status}\t{}", f.display(), d.reason).map_err(io_fail)?;
            }
            if bad > 0 {
                return Ok(ExitCode::from(1));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The other modules of the same folder that a tree's nkModuleRef nodes (and node
/// types) point at, loaded by their own paths.
fn sibling_modules(file: &Path, m: &PackedModule, tree: TreeKind) -> Vec<(String, PackedModule)> {
    let mut wanted: Vec<String> = Vec::new();
    let mut seen: HashSet<rod_decoder::LitId> = HashSet::new();
    let mut want = |lit| {
        if seen.insert(lit) {
            let p = m.str(lit).into_owned();
            if !wanted.contains(&p) {
                wanted.push(p);
            }
        }
    };
    for i in 0..m.tree(tree).len() as u32 {
        if let Some(SymRef::Remote(r)) = m.sym_ref(tree, NodePos(i)) {
            want(r.module);
        }
        if let ItemRef::Remote(r) = m.item_ref(m.node_type(tree, NodePos(i))) {
            want(r.module);
        }
    }
    let dir = file.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut mods: Vec<(String, PackedModule)> = folder::load_by_paths(dir, &wanted).into_iter().collect();
    mods.sort_by(|a, b| a.0.cmp(&b.0));
    mods
}
