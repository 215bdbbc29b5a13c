//! The caches before packed `.rod` (Nimrod 0.9.0 / Nim 0.17.2 text `.rod`, the
//! rodfiles.db of Nim 0.19 - 1.4.8), recognised by content and handled by
//! `rod-legacy`. A text `.rod` is read together with the other text `.rod` files of
//! its folder (one nimcache), so references across modules resolve.

use super::{io_fail, Cmd, Failure};
use rod_legacy::{Cache, Detected, ModuleIdx};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// What a file is, from its first bytes and (for sqlite) its schema.
fn detect_path(path: &Path) -> Option<Detected> {
    let mut head = [0u8; 32];
    let n = std::fs::File::open(path).and_then(|mut f| f.read(&mut head)).ok()?;
    let head = head.get(..n)?;
    if head.starts_with(b"NIM:") {
        let bytes = std::fs::read(path).ok()?;
        return Some(rod_legacy::detect(&bytes));
    }
    if head.starts_with(rod_legacy::sqlite::MAGIC) {
        let bytes = std::fs::read(path).ok()?;
        return Some(rod_legacy::detect(&bytes));
    }
    None
}

/// True when `path` is a legacy cache file (or looks like one).
pub fn is_legacy(path: &Path) -> bool {
    detect_path(path).is_some_and(|d| d != Detected::NotLegacy)
}

/// `.db` files inside the folders named on the command line.
pub fn db_files(paths: &[PathBuf]) -> Vec<PathBuf> {
    paths.iter().filter(|p| p.is_dir()).flat_map(|p| super::folder::list(p, &["db"]).unwrap_or_default()).filter(|f| is_legacy(f)).collect()
}

/// Loads the cache `path` belongs to; with the module index for a text `.rod`.
fn load(path: &Path) -> Result<(Cache, Option<ModuleIdx>), Failure> {
    let bytes = super::read(path)?;
    let d = rod_legacy::detect(&bytes);
    let era = d.era().ok_or_else(|| Failure(format!("{}: {}", path.display(), d.describe())))?;
    if !era.is_text() {
        let c = rod_legacy::open_db(&bytes).map_err(|e| Failure(format!("{}: {e}", path.display())))?;
        return Ok((c, None));
    }
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let me = path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
    let mut files = vec![(me.clone(), bytes.to_vec())];
    for f in super::folder::list(dir, &["rod"]).map_err(Failure)? {
        let name = f.file_name().map(|x| x.to_string_lossy().into_owned()).unwrap_or_default();
        if name == me {
            continue;
        }
        if let Ok(b) = std::fs::read(&f) {
            if rod_legacy::detect(&b).era() == Some(era) {
                files.push((name, b));
            }
        }
    }
    let c = rod_legacy::open_text(&files).map_err(|e| Failure(format!("{}: {e}", dir.display())))?;
    let idx = match &c {
        Cache::Text(t) => t.modules.iter().position(|(n, _)| *n == me).map(|i| ModuleIdx(i as u32)),
        Cache::Db(_) => None,
    };
    Ok((c, idx))
}

/// Runs a single-file command on a legacy cache; `None` when the file is not one.
pub fn intercept(cmd: &Cmd, out: &mut impl Write) -> Option<Result<ExitCode, Failure>> {
    let file = match cmd {
        Cmd::View { file } | Cmd::Dump { file, .. } | Cmd::Tree { file, .. } | Cmd::Sections { file } => file,
        _ => return None,
    };
    if !is_legacy(file) {
        return None;
    }
    Some(run(cmd, file, out))
}

fn run(cmd: &Cmd, file: &Path, out: &mut impl Write) -> Result<ExitCode, Failure> {
    let (cache, only) = load(file)?;
    match cmd {
        Cmd::View { .. } => rod_legacy::print::view(&cache, out).map_err(io_fail)?,
        Cmd::Dump { .. } => rod_legacy::print::dump_json(&cache, only, out).map_err(io_fail)?,
        Cmd::Sections { .. } => match (&cache, only) {
            (Cache::Text(t), Some(i)) => {
                let one = rod_legacy::cache::TextCache::new(t.modules.get(i.get()).cloned().into_iter().collect());
                rod_legacy::print::sections(&Cache::Text(one), out).map_err(io_fail)?;
            }
            _ => rod_legacy::print::sections(&cache, out).map_err(io_fail)?,
        },
        Cmd::Tree { section, root, depth, .. } => {
            // For a DB, `--section MODULE` picks a module; `toplevel` means all.
            let mods = cache.modules();
            let picked: Vec<usize> = match only {
                Some(i) => vec![i.get()],
                None if section == "toplevel" => (0..mods.len()).collect(),
                None => mods.iter().position(|m| m.name == *section).map(|i| vec![i]).ok_or_else(|| {
                    Failure(format!("--section {section:?}: no such module (toplevel or a module name)"))
                })?,
            };
            for i in picked {
                let mi = ModuleIdx(i as u32);
                let top = cache.toplevel_of(mi);
                let name = mods.get(i).map_or("", |m| m.name.as_str());
                writeln!(out, "# {name} ({}): {} top-level statements", cache.era().describe(), top.len()).map_err(io_fail)?;
                for (k, t) in top.iter().enumerate() {
                    if root.is_some_and(|r| r as usize != k) {
                        continue;
                    }
                    writeln!(out, "## statement {k}: {} nodes", t.nodes.len()).map_err(io_fail)?;
                    let mut buf = Vec::new();
                    rod_legacy::print::tree_lines(&cache, mi, t, &mut buf).map_err(io_fail)?;
                    for line in String::from_utf8_lossy(&buf).lines() {
                        let level = (line.len() - line.trim_start().len()) / 2;
                        if depth.is_none_or(|d| level <= d as usize) {
                            writeln!(out, "{line}").map_err(io_fail)?;
                        }
                    }
                }
            }
        }
        _ => {}
    }
    Ok(ExitCode::SUCCESS)
}

/// One `detect` line for a legacy file, or `None` when it is not one.
pub fn detect_line(path: &Path) -> Option<(String, bool)> {
    let d = detect_path(path)?;
    let kind = match &d {
        Detected::NotLegacy => return None,
        Detected::Legacy(e) if e.is_text() => "legacy-text-rod",
        _ if path.extension().is_some_and(|x| x == "rod") => "legacy-text-rod",
        _ => "legacy-rodfiles-db",
    };
    let (v, ok) = match &d {
        Detected::Legacy(e) => (e.compiler(), true),
        _ => ("-", false),
    };
    let status = if ok { "ok" } else { "damaged" };
    Some((format!("{}\t{kind}\t{v}\t{status}\t{}", path.display(), d.describe()), ok))
}

/// `check` of the legacy files among `files`: each nimcache folder or DB decoded
/// whole; returns how many failed.
pub fn check(files: &[PathBuf], out: &mut impl Write) -> Result<usize, Failure> {
    let mut bad = 0;
    let mut folders_done: Vec<PathBuf> = Vec::new();
    for f in files.iter().filter(|f| is_legacy(f)) {
        let dir = f.parent().map(Path::to_path_buf).unwrap_or_default();
        let text = detect_path(f).and_then(|d| d.era()).is_some_and(|e| e.is_text());
        if text && folders_done.contains(&dir) {
            continue;
        }
        match load(f) {
            Err(Failure(e)) => {
                bad += 1;
                writeln!(out, "{}: error: {e}", f.display()).map_err(io_fail)?;
            }
            Ok((cache, _)) => {
                if text {
                    folders_done.push(dir.clone());
                }
                let what = if text { dir.display().to_string() } else { f.display().to_string() };
                let (s, t, k) = cache.modules().iter().fold((0, 0, 0), |a, m| (a.0 + m.syms, a.1 + m.types, a.2 + m.toplevel));
                writeln!(
                    out,
                    "{what}: ok ({}: {} modules, {s} syms, {t} types, {k} top-level statements decoded)",
                    cache.era().describe(),
                    cache.module_count()
                )
                .map_err(io_fail)?;
                for x in rod_legacy::print::check_findings(&cache) {
                    writeln!(out, "{what}: note: {x}").map_err(io_fail)?;
                }
            }
        }
    }
    Ok(bad)
}
