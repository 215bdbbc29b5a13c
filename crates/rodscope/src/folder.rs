//! Finding IC files in folders.

use rod_decoder::PackedModule;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The files of `dir` whose extension is one of `exts`, sorted by name.
pub fn list(dir: &Path, exts: &[&str]) -> Result<Vec<PathBuf>, String> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: cannot list: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|f| f.extension().and_then(|x| x.to_str()).is_some_and(|x| exts.contains(&x)))
        .collect();
    v.sort();
    Ok(v)
}

/// Files named on the command line, with folders replaced by their `.rod` and
/// `.alivesyms` files (sorted).
pub fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            out.extend(list(p, &["rod", "alivesyms"])?);
        } else {
            out.push(p.clone());
        }
    }
    Ok(out)
}

/// Nim's nimcache file-name mangling of one path component sequence.
pub fn mangle(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '@' => o.push_str("@@"),
            '/' => o.push_str("@s"),
            '#' => o.push_str("@h"),
            ':' => o.push_str("@c"),
            c => o.push(c),
        }
    }
    o
}

/// Loads the modules of `dir` whose own paths are in `paths`. Only files whose
/// mangled name ends like the wanted module's file name are decoded.
pub fn load_by_paths(dir: &Path, paths: &[String]) -> HashMap<String, PackedModule> {
    let mut out = HashMap::new();
    let Ok(files) = list(dir, &["rod"]) else { return out };
    for p in paths {
        let base = p.rsplit('/').next().unwrap_or(p);
        let stem = base.strip_suffix(".nim").unwrap_or(base);
        let suffix = format!("{}.rod", mangle(stem));
        for f in &files {
            let Some(name) = f.file_name().and_then(|n| n.to_str()) else { continue };
            // the module's file name, after a path separator (`@s`) or the `@m` prefix
            let whole_name = name.strip_suffix(suffix.as_str()).is_some_and(|head| head.ends_with("@s") || head.ends_with("@m"));
            if !whole_name {
                continue;
            }
            let Ok(bytes) = std::fs::read(f) else { continue };
            if let Ok(m) = rod_decoder::decode(&bytes) {
                if m.path().as_deref() == Some(p.as_str()) {
                    out.insert(p.clone(), m);
                    break;
                }
            }
        }
    }
    out
}
