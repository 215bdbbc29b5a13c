//! The gallery's guides (tests/programs/teach-*/guide*.md) against the caches the real
//! compiler writes for those programs: every step of every guide resolves to a target
//! ([`rod_view::guide::resolve`]), and the placeholders are all filled in.
//!
//! Compiles the programs with `scripts/gen-corpus.sh` (Debian nim 1.6.10) into a
//! temporary folder; prints `SKIP:` when `nim` is not installed.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use rod_view::backend::packed::PackedCache;
use rod_view::guide::{parse, resolve, Span};
use rod_view::{Cache, Target};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn load(dir: &Path) -> PackedCache {
    common::load_packed(dir, false, false)
}

/// (sample folder name as gen-corpus writes it, guide file).
fn guides() -> Vec<(String, PathBuf)> {
    let mut v = Vec::new();
    let progs = root().join("tests/programs");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&progs).into_iter().flatten().filter_map(|e| e.ok().map(|e| e.path())).collect();
    dirs.sort();
    for d in dirs {
        let name = d.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if !name.starts_with("teach-") {
            continue;
        }
        if d.join("guide.md").is_file() {
            v.push((name.clone(), d.join("guide.md")));
        }
        if d.join("guide-1.md").is_file() {
            v.push((format!("{name}-1"), d.join("guide-1.md")));
        }
    }
    v
}

#[test]
fn every_guide_step_resolves() {
    let nim = std::env::var("NIM").unwrap_or_else(|_| "nim".into());
    if Command::new(&nim).arg("--version").output().is_err() {
        println!("SKIP: guides: no nim to compile the teaching programs");
        return;
    }
    let list = guides();
    assert!(list.len() >= 6, "teaching guides found: {}", list.len());
    let tmp = std::env::temp_dir().join(format!("rodscope-guides-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    let programs: Vec<&str> = list.iter().map(|(n, _)| n.trim_end_matches("-1")).collect::<std::collections::BTreeSet<_>>().into_iter().collect();
    let out = Command::new("bash")
        .arg(root().join("scripts/gen-corpus.sh"))
        .arg(&tmp)
        .env("PROGRAMS", programs.join(" "))
        .output()
        .expect("run gen-corpus.sh");
    assert!(out.status.success(), "gen-corpus: {}", String::from_utf8_lossy(&out.stderr));
    let (mut steps, mut nodes) = (0, 0);
    for (name, file) in &list {
        let c = load(&tmp.join(name).join("cache"));
        assert!(c.module_count() > 0, "{name}: no modules");
        let g = parse(&std::fs::read_to_string(file).expect("guide"));
        assert!(!g.title.is_empty() && !g.summary.is_empty(), "{name}: title and summary");
        assert!(g.steps.len() >= 3, "{name}: {} steps", g.steps.len());
        for s in resolve(&c, &g) {
            println!("  {name}: {} -> {:?} {:?}", s.title, s.target, s.values);
            assert!(s.target.is_some(), "{name}: step `{}`: {:?}", s.title, s.problem);
            if matches!(s.target, Some(Target::Node(..))) {
                nodes += 1;
            }
            for p in &s.text {
                for sp in p {
                    let (Span::Text(t) | Span::Code(t)) = sp;
                    for k in ["{node}", "{tree}", "{kind}", "{name}", "{id}", "{module}", "{type}"] {
                        assert!(!t.contains(k), "{name}: step `{}`: {k} left in {t:?}", s.title);
                    }
                }
            }
            steps += 1;
        }
    }
    let _ = std::fs::remove_dir_all(&tmp);
    println!("ORACLE: guides: {} guides, {steps} steps resolved ({nodes} to nodes), every placeholder filled", list.len());
}
