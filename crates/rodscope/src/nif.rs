//! nimony's NIF / BIF files on the command line: `nif2text`, and `detect`,
//! `check`, `tree`, `dump`, `alive`, `why`, `refs` when their arguments are
//! NIF content (chosen by the bytes, never by the name; .rod files keep the
//! packed-format commands unchanged).

use crate::whole::WholeCmd;
use crate::{io_fail, Cmd, Failure};
use rod_nif::cache::Cache;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Whether the file's first bytes are NIF text or BIF.
fn is_nif_file(path: &Path) -> bool {
    let mut head = [0u8; 64];
    let Ok(mut f) = std::fs::File::open(path) else { return false };
    let n = f.read(&mut head).unwrap_or(0);
    rod_nif::detect::sniff(head.get(..n).unwrap_or(&[])).is_some()
}

/// Every file below `dir`, sorted by path.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else { continue };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                todo.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// A folder is a nimony nimcache when it holds no `.rod` file and some file of it is NIF.
fn is_nif_dir(dir: &Path) -> bool {
    if !dir.is_dir() {
        return false;
    }
    let files = walk(dir);
    !files.iter().any(|f| f.extension().is_some_and(|e| e == "rod")) && files.iter().any(|f| is_nif_file(f))
}

fn is_nif_path(p: &Path) -> bool {
    if p.is_dir() {
        is_nif_dir(p)
    } else {
        is_nif_file(p)
    }
}

/// The NIF files a list of paths names (folders: every file in them that is NIF).
fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            out.extend(walk(p).into_iter().filter(|f| is_nif_file(f)));
        } else {
            out.push(p.clone());
        }
    }
    out
}

fn read(path: &Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|e| Failure(format!("{}: cannot read: {e}", path.display())))
}

fn suffix_of(path: &Path) -> String {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    rod_nif::model::suffix_of_file_name(&name).to_owned()
}

fn load_doc(path: &Path) -> Result<rod_nif::Document, Failure> {
    let bytes = read(path)?;
    rod_nif::read(&bytes, &suffix_of(path)).map_err(|e| Failure(format!("{}: {e}", path.display())))
}

fn load_cache(dir: &Path) -> Result<Cache, Failure> {
    let mut input = Vec::new();
    for f in walk(dir) {
        let rel = f.strip_prefix(dir).unwrap_or(&f).to_string_lossy().replace('\\', "/");
        if rel.ends_with(".nif") || rel.ends_with(".bif") {
            input.push((rel, read(&f)?));
        }
    }
    let c = Cache::from_files(input);
    for f in &c.files {
        if let Err(e) = &f.doc {
            eprintln!("rodscope: {}: {e}", dir.join(&f.path).display());
        }
    }
    Ok(c)
}

/// `rodscope nif2text FILE`: a BIF (or NIF) file as the compiler's NIF27 text.
pub fn nif2text(file: &Path, suffix: Option<&str>, out: &mut impl Write) -> Result<ExitCode, Failure> {
    let bytes = read(file)?;
    let sfx = suffix.map(|s| s.trim_start_matches('.').to_owned()).unwrap_or_else(|| suffix_of(file));
    let doc = rod_nif::read(&bytes, &sfx).map_err(|e| Failure(format!("{}: {e}", file.display())))?;
    let text = if doc.indexat().is_some() || matches!(doc.encoding(), rod_nif::Encoding::Bif { .. }) {
        rod_nif::render::module_text(&doc, &format!(".{sfx}"))
    } else {
        rod_nif::render::plain_text(&doc)
    };
    out.write_all(&text).map_err(io_fail)?;
    Ok(ExitCode::SUCCESS)
}

fn code(ok: bool) -> ExitCode {
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn symbols(cache: &Cache, reach: &rod_nif::dce::Reachability, query: &str) -> Result<Vec<String>, Failure> {
    let s = rod_nif::print::find_symbols(cache, reach, query);
    if s.is_empty() {
        return Err(Failure(format!("no symbol {query:?} in this nimcache")));
    }
    Ok(s)
}

/// Runs `cmd` on NIF content, or returns `None` when its arguments are not NIF
/// (then the packed-format command runs as before).
pub fn dispatch(cmd: &Cmd, out: &mut impl Write) -> Option<Result<ExitCode, Failure>> {
    Some(match cmd {
        Cmd::Detect { paths } if paths.iter().all(|p| is_nif_path(p)) => (|| {
            let mut ok = true;
            for f in expand(paths) {
                let d = rod_nif::detect(&read(&f)?);
                ok &= d.confirmed;
                rod_nif::print::detect_line(&f.display().to_string(), &d, out).map_err(io_fail)?;
            }
            Ok(code(ok))
        })(),
        Cmd::Check { paths } if paths.iter().all(|p| is_nif_path(p)) => (|| {
            let mut ok = true;
            for f in expand(paths) {
                let bytes = read(&f)?;
                let doc = rod_nif::read(&bytes, &suffix_of(&f));
                ok &= rod_nif::print::check_file(&f.display().to_string(), &doc, out).map_err(io_fail)?;
            }
            Ok(code(ok))
        })(),
        Cmd::Tree { file, root, depth, .. } if is_nif_file(file) => (|| {
            let doc = load_doc(file)?;
            if let Some(r) = root {
                if *r as usize >= doc.nodes().len() {
                    return Err(Failure(format!("--root {r}: the file has {} nodes", doc.nodes().len())));
                }
            }
            writeln!(out, "# {} ({}): {} nodes", file.display(), rod_nif::detect::role_of(&doc).name(), doc.nodes().len())
                .map_err(io_fail)?;
            rod_nif::print::tree(&doc, root.map(rod_nif::NodeId), *depth, out).map_err(io_fail)?;
            Ok(ExitCode::SUCCESS)
        })(),
        Cmd::Dump { file, json } if is_nif_file(file) => (|| {
            if *json {
                eprintln!("rodscope: note: `dump` always prints JSON; --json is not needed (it will be removed)");
            }
            let doc = load_doc(file)?;
            rod_nif::print::dump_json(&doc, out).map_err(io_fail)?;
            Ok(ExitCode::SUCCESS)
        })(),
        Cmd::Whole(WholeCmd::Alive { dir, json: _, check }) if is_nif_dir(dir) => (|| {
            let c = load_cache(dir)?;
            let reach = c.reachability();
            if *check {
                let ok = rod_nif::print::alive_check(&c, &reach, out).map_err(io_fail)?;
                return Ok(code(ok));
            }
            rod_nif::print::alive_summary(&reach, out).map_err(io_fail)?;
            Ok(ExitCode::SUCCESS)
        })(),
        Cmd::Whole(WholeCmd::Why { dir, symbol }) if is_nif_dir(dir) => (|| {
            let c = load_cache(dir)?;
            let reach = c.reachability();
            for (k, s) in symbols(&c, &reach, symbol)?.iter().enumerate() {
                if k > 0 {
                    writeln!(out).map_err(io_fail)?;
                }
                rod_nif::print::why(&c, &reach, s, out).map_err(io_fail)?;
            }
            Ok(ExitCode::SUCCESS)
        })(),
        Cmd::Whole(WholeCmd::Refs { dir, symbol }) if is_nif_dir(dir) => (|| {
            let c = load_cache(dir)?;
            let reach = c.reachability();
            for s in symbols(&c, &reach, symbol)? {
                rod_nif::print::refs(&c, &reach, &s, out).map_err(io_fail)?;
            }
            Ok(ExitCode::SUCCESS)
        })(),
        _ => return None,
    })
}
