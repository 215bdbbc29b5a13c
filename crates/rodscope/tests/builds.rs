//! Debugging incremental builds, on caches compiled at test time by the installed
//! Nim 1.6.10 (`nim c --incremental:on --compileOnly:on`):
//!
//! * two programs' caches side by side in one parent folder, and two programs
//!   compiled into one nimcache: grouped, never merged;
//! * an edit-and-rebuild pair (the corpus's `rebuild-1` → `rebuild`, and a
//!   defines change): the modules `diff` calls regenerated are exactly those
//!   whose `.alivesyms` the compiler rewrote;
//! * the what-if oracle: for top-level statements of a program, `whatif` against
//!   the `.alivesyms` the compiler writes after the statement is deleted;
//! * integrity: a module removed from a copy of a cache is a dangling reference.
//!
//! Without `nim` on the PATH each test prints `SKIP:` and passes.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[path = "../../rod-decoder/tests/common/mod.rs"]
mod common;

mod run;
use run::{rodscope, s, text};

fn have_nim() -> bool {
    let ok = Command::new("nim").arg("--version").output().is_ok_and(|o| o.status.success());
    if !ok {
        common::skip("nim (1.6.10) is not installed: no caches can be compiled");
    }
    ok
}

/// A fresh scratch folder for one test.
fn scratch(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("builds-{name}"));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display()));
    d
}

fn write(dir: &Path, files: &[(&str, &str)]) {
    std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{e}"));
    for (name, body) in files {
        std::fs::write(dir.join(name), body).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

/// Compiles `src/main_file` into `cache` (extra flags after the defaults).
fn nim(src: &Path, main_file: &str, cache: &Path, extra: &[&str]) {
    let mut args: Vec<String> = vec!["c".into(), "--incremental:on".into(), "--compileOnly:on".into(), "--hints:off".into()];
    args.extend(extra.iter().map(|x| x.to_string()));
    args.push(format!("--nimcache:{}", cache.display()));
    args.push(main_file.into());
    let o = Command::new("nim").args(&args).current_dir(src).output().unwrap_or_else(|e| panic!("nim: {e}"));
    assert!(o.status.success(), "nim {args:?} failed:\n{}{}", text(&o.stdout), text(&o.stderr));
}

/// Copies the files of a folder (not recursive), keeping modification times.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap_or_else(|e| panic!("{e}"));
    let o = Command::new("cp").arg("-p").args(common::files(from, "rod")).args(common::files(from, "alivesyms")).arg(to).output();
    assert!(o.is_ok_and(|o| o.status.success()), "cp -p {} {}", from.display(), to.display());
}

/// File name → modification time of the `.alivesyms` files of a cache.
fn alive_mtimes(dir: &Path) -> BTreeMap<String, std::time::SystemTime> {
    common::files(dir, "alivesyms")
        .into_iter()
        .filter_map(|f| Some((f.file_name()?.to_string_lossy().into_owned(), std::fs::metadata(&f).ok()?.modified().ok()?)))
        .collect()
}

/// Module path → file name (stem) of each `.rod` of a cache.
fn module_files(dir: &Path) -> BTreeMap<String, String> {
    common::files(dir, "rod")
        .into_iter()
        .filter_map(|f| {
            let m = rod_decoder::decode(&std::fs::read(&f).ok()?).ok()?;
            Some((m.path()?.into_owned(), f.file_stem()?.to_string_lossy().into_owned()))
        })
        .collect()
}

/// The modules (paths) whose `.alivesyms` the compiler rewrote between two copies.
fn rewritten(old: &Path, new: &Path) -> BTreeSet<String> {
    let (a, b) = (alive_mtimes(old), alive_mtimes(new));
    let files = module_files(new);
    files.into_iter().filter(|(_, stem)| a.get(&format!("{stem}.alivesyms")) != b.get(&format!("{stem}.alivesyms"))).map(|x| x.0).collect()
}

fn json(o: &Output) -> serde_json::Value {
    assert!(o.status.success(), "{}{}", text(&o.stdout), text(&o.stderr));
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", text(&o.stdout)))
}

fn regenerated_of_diff(v: &serde_json::Value) -> BTreeSet<String> {
    v["modules"]
        .as_array()
        .map(|a| a.iter().filter(|m| m["regenerated"] == true).filter_map(|m| m["module"].as_str().map(String::from)).collect())
        .unwrap_or_default()
}

const LIB: &str = "\
import std/strutils

proc double*(x: int): int = x * 2
proc shoutIt*(s: string): string = s.toUpperAscii() & \"!\"
proc countUp3*(): seq[int] = @[1, 2, 3]
proc never*(): int = 42

type Box* = object
  w*, h*: int

proc area*(b: Box): int = b.w * b.h
";

const MAIN: &str = "\
import lib

echo double(21)
echo shoutIt(\"hello\")
echo countUp3().len
echo area(Box(w: 2, h: 3))
when defined(rodscopeExtra):
  echo \"extra\"
";

const OTHER: &str = "\
import std/tables

var t = initTable[string, int]()
t[\"a\"] = 1
echo t.len
";

/// Two programs' caches side by side, and two programs in one nimcache.
#[test]
fn caches_kept_apart() {
    if !have_nim() {
        return;
    }
    let root = scratch("apart");
    write(&root.join("p1"), &[("lib.nim", LIB), ("main.nim", MAIN)]);
    write(&root.join("p2"), &[("other.nim", OTHER)]);
    nim(&root.join("p1"), "main.nim", &root.join("side/p1/cache"), &[]);
    nim(&root.join("p2"), "other.nim", &root.join("side/p2/cache"), &[]);
    let o = rodscope(&["alive", "--check", s(&root.join("side"))]);
    let out = text(&o.stdout);
    assert!(o.status.success(), "{out}{}", text(&o.stderr));
    let headings: Vec<&str> = out.lines().filter(|l| l.starts_with("== ")).collect();
    assert_eq!(headings, vec!["== p1/cache ==", "== p2/cache =="], "{out}");
    let n1 = common::files(&root.join("side/p1/cache"), "rod").len();
    let n2 = common::files(&root.join("side/p2/cache"), "rod").len();
    assert!(out.contains(&format!("{n1} modules match, 0 differ")) && out.contains(&format!("{n2} modules match, 0 differ")), "{out}");
    // the graph of each cache is its own: p2's report never names lib.nim
    let g = text(&rodscope(&["graph", s(&root.join("side"))]).stdout);
    let p2_part = g.split("== p2/cache ==").nth(1).unwrap_or_default();
    assert!(!p2_part.contains("lib.nim") && g.contains("lib.nim"), "{g}");

    // both programs into one nimcache: split by program, shared modules in both
    nim(&root.join("p1"), "main.nim", &root.join("shared"), &[]);
    nim(&root.join("p2"), "other.nim", &root.join("shared"), &[]);
    let o = rodscope(&["alive", s(&root.join("shared"))]);
    let out = text(&o.stdout);
    assert!(o.status.success(), "{out}{}", text(&o.stderr));
    let headings: Vec<&str> = out.lines().filter(|l| l.starts_with("== ")).collect();
    assert_eq!(headings, [". (program main.nim) ==", ". (program other.nim) =="].iter().map(|h| format!("== {h}")).collect::<Vec<_>>().iter().map(String::as_str).collect::<Vec<_>>(), "{out}");
    let parts: Vec<&str> = out.split("== ").skip(1).collect();
    assert!(parts.first().is_some_and(|p| p.contains("lib.nim") && !p.contains("tables.nim")), "{out}");
    assert!(parts.get(1).is_some_and(|p| p.contains("tables.nim") && !p.contains("lib.nim") && p.contains("system.nim")), "{out}");
    let total = common::files(&root.join("shared"), "rod").len();
    // the view layer does the same for dropped files (names relative to the drop)
    let mut l = rod_view::backend::packed::PackedLoader::new();
    for sub in ["p1/cache", "p2/cache"] {
        for ext in ["rod", "alivesyms"] {
            for f in common::files(&root.join("side").join(sub), ext) {
                let name = format!("{sub}/{}", f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default());
                l.add(name, &std::fs::read(&f).unwrap_or_default());
            }
        }
    }
    let apart = l.link_apart();
    assert_eq!(apart.iter().map(|(g, _)| g.label()).collect::<Vec<_>>(), vec!["p1/cache", "p2/cache"]);
    for (g, mut c) in apart {
        c.compute_live();
        let marks: Vec<rod_view::LiveMark> = (0..c.graph.len()).map(|i| rod_view::Cache::live_mark(&c, rod_view::ModuleIdx(i as u32))).collect();
        assert!(marks.iter().all(|m| *m == rod_view::LiveMark::Match), "{}: {marks:?}", g.label());
        let lay = c.graph_layout();
        assert_eq!(lay.nodes.len(), c.graph.len());
    }
    println!("ORACLE: caches kept apart: 2 caches side by side ({n1} + {n2} modules) each alive --check clean; one nimcache of {total} modules split into 2 programs");
}

/// The edit-and-rebuild pairs: regenerated = the modules whose .alivesyms the
/// compiler rewrote.
#[test]
fn rebuild_diff_is_what_the_compiler_regenerated() {
    let mut checked = 0;
    let mut modules = 0;
    if let Some(c) = common::corpus16() {
        let (old, new) = (c.join("rebuild-1/cache"), c.join("rebuild/cache"));
        if old.is_dir() && new.is_dir() {
            let v = json(&rodscope(&["diff", "--json", s(&old), s(&new)]));
            let got = regenerated_of_diff(&v);
            let want = rewritten(&old, &new);
            assert_eq!(got, want);
            let short: BTreeSet<&str> = got.iter().map(|p| p.rsplit('/').next().unwrap_or("")).collect();
            assert_eq!(short, ["lib.nim", "main.nim", "strutils.nim", "util.nim"].into_iter().collect());
            // the reasons
            let reasons = |name: &str| -> Vec<String> {
                v["modules"].as_array().into_iter().flatten().find(|m| m["module"].as_str().is_some_and(|p| p.ends_with(name)))
                    .and_then(|m| m["reasons"].as_array().map(|a| a.iter().filter_map(|x| x.as_str().map(String::from)).collect()))
                    .unwrap_or_default()
            };
            assert_eq!(reasons("/lib.nim"), vec!["alive-set", "source"]);
            assert_eq!(reasons("/main.nim"), vec!["dependency"]);
            assert_eq!(reasons("/util.nim"), vec!["alive-set"]);
            checked += 1;
            modules += v["modules"].as_array().map_or(0, Vec::len);
        }
    } else {
        common::skip("RODSCOPE_CORPUS is not set (rebuild-1/rebuild pair)");
    }
    if !have_nim() {
        return;
    }
    // a defines change: every module is recompiled (configMismatch)
    let root = scratch("defines");
    write(&root.join("src"), &[("lib.nim", LIB), ("main.nim", MAIN)]);
    nim(&root.join("src"), "main.nim", &root.join("cache"), &[]);
    copy_dir(&root.join("cache"), &root.join("before"));
    nim(&root.join("src"), "main.nim", &root.join("cache"), &["-d:rodscopeExtra"]);
    let v = json(&rodscope(&["diff", "--json", s(&root.join("before")), s(&root.join("cache"))]));
    let got = regenerated_of_diff(&v);
    assert_eq!(got, rewritten(&root.join("before"), &root.join("cache")));
    let all = v["modules"].as_array().cloned().unwrap_or_default();
    assert!(!all.is_empty() && all.iter().all(|m| m["reasons"].as_array().is_some_and(|r| r.iter().any(|x| x == "config"))), "{v}");
    assert_eq!(got.len(), all.len());
    checked += 1;
    modules += all.len();
    println!("ORACLE: diff regenerated = .alivesyms rewritten by the compiler: {checked} rebuild pairs, {modules} modules");
}

/// The what-if oracle.
#[test]
fn whatif_matches_the_compiler() {
    if !have_nim() {
        return;
    }
    let root = scratch("whatif");
    let src = root.join("src");
    write(&src, &[("lib.nim", LIB), ("main.nim", MAIN)]);
    nim(&src, "main.nim", &root.join("cache0"), &[]);
    let base = root.join("cache0");
    // the computed live set of the original build, by module path
    let alive0 = json(&rodscope(&["alive", "--json", s(&base)]));
    let files = module_files(&base);
    let main_path = files.keys().find(|p| p.ends_with("/src/main.nim")).cloned().unwrap_or_default();
    let lines: Vec<&str> = MAIN.lines().collect();
    let mut statements = 0;
    let mut compared = 0;
    let mut died = 0;
    for (k, line) in [3usize, 4, 5, 6].into_iter().enumerate() {
        let w = json(&rodscope(&["whatif", s(&base), "--without-stmt", &format!("main.nim:{line}"), "--json"]));
        // delete the statement, rebuild into a copy of the cache
        let work = root.join(format!("cache{}", k + 1));
        copy_dir(&base, &work);
        let edited: Vec<&str> = lines.iter().enumerate().filter(|(i, _)| i + 1 != line).map(|x| *x.1).collect();
        write(&src, &[("main.nim", &(edited.join("\n") + "\n"))]);
        nim(&src, "main.nim", &work, &[]);
        write(&src, &[("main.nim", MAIN)]);
        // every module but the edited one keeps its ids: old alive - dies = new .alivesyms
        for (path, stem) in &files {
            if *path == main_path {
                continue;
            }
            let old: BTreeSet<i64> = alive0[path].as_array().into_iter().flatten().filter_map(|x| x.as_i64()).collect();
            let dies: BTreeSet<i64> = w["dies"][path].as_array().into_iter().flatten().filter_map(|x| x.as_i64()).collect();
            let recorded = std::fs::read(work.join(format!("{stem}.alivesyms"))).ok().and_then(|b| rod_decoder::AliveSyms::decode(&b).ok());
            let new: BTreeSet<i64> = recorded.map(|a| a.ids.into_iter().map(|id| i64::from(id.0)).collect()).unwrap_or_default();
            let predicted: BTreeSet<i64> = old.difference(&dies).copied().collect();
            assert_eq!(predicted, new, "main.nim:{line}: {path}");
            compared += 1;
            died += dies.len();
        }
        // the edited module: its alive symbols by name and kind
        let names = |cache: &Path, ids: &BTreeSet<i64>| -> Vec<String> {
            let stem = files.get(&main_path).cloned().unwrap_or_default();
            let m = std::fs::read(cache.join(format!("{stem}.rod"))).ok().and_then(|b| rod_decoder::decode(&b).ok());
            let mut v: Vec<String> = m
                .map(|m| ids.iter().filter_map(|&id| m.sym(rod_decoder::SymId(id as i32)).map(|x| format!("{} {}", m.sym_name(x), x.kind))).collect())
                .unwrap_or_default();
            v.sort();
            v
        };
        let old_main: BTreeSet<i64> = alive0[&main_path].as_array().into_iter().flatten().filter_map(|x| x.as_i64()).collect();
        let dies_main: BTreeSet<i64> = w["dies"][&main_path].as_array().into_iter().flatten().filter_map(|x| x.as_i64()).collect();
        let predicted: BTreeSet<i64> = old_main.difference(&dies_main).copied().collect();
        let stem = files.get(&main_path).cloned().unwrap_or_default();
        let new_main: BTreeSet<i64> = std::fs::read(work.join(format!("{stem}.alivesyms")))
            .ok()
            .and_then(|b| rod_decoder::AliveSyms::decode(&b).ok())
            .map(|a| a.ids.into_iter().map(|id| i64::from(id.0)).collect())
            .unwrap_or_default();
        assert_eq!(names(&base, &predicted), names(&work, &new_main), "main.nim:{line}: the edited module by name");
        // regenerated = the .alivesyms the compiler rewrote
        let regen: BTreeSet<String> = w["regenerated"].as_array().into_iter().flatten().filter_map(|x| x.as_str().map(String::from)).collect();
        assert_eq!(regen, rewritten(&base, &work), "main.nim:{line}: regenerated");
        assert!(w["dies"].as_object().is_some_and(|o| !o.is_empty()), "main.nim:{line}: something dies");
        statements += 1;
    }
    assert_eq!(statements, 4);
    println!("ORACLE: whatif --without-stmt: {statements} statements, dies = new .alivesyms for {compared} unedited modules ({died} ids died), the edited module equal by name, regenerated = rewritten .alivesyms");
}

/// A module removed from a copy of a cache is a dangling reference for `check`.
#[test]
fn integrity_shows_a_dangling_reference() {
    if !have_nim() {
        return;
    }
    let root = scratch("dangling");
    write(&root.join("src"), &[("lib.nim", LIB), ("main.nim", MAIN)]);
    nim(&root.join("src"), "main.nim", &root.join("cache"), &[]);
    let o = rodscope(&["check", s(&root.join("cache"))]);
    let out = text(&o.stdout);
    assert!(o.status.success(), "{out}");
    assert!(out.contains("integrity: ") && out.contains(" 0 problems"), "{out}");
    copy_dir(&root.join("cache"), &root.join("cut"));
    let _ = std::fs::remove_file(root.join("cut/@mlib.rod"));
    let o = rodscope(&["check", s(&root.join("cut"))]);
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    let dangling: Vec<&str> = out.lines().filter(|l| l.contains("dangling:") && l.contains("/src/lib.nim, which is not loaded")).collect();
    assert_eq!(dangling.len(), 1, "{out}");
    assert!(dangling[0].trim_start().starts_with("@mmain.rod (main.nim): dangling: "), "{out}");
    assert!(out.contains("folder: @mlib.alivesyms has no .rod file"), "{out}");
    println!("DETECT: integrity: 1 module removed from a cache of {} modules: 1 dangling finding, 1 stray .alivesyms", common::files(&root.join("cache"), "rod").len());
}

/// The structural diff of a module's trees between two fresh builds of an edit.
#[test]
fn tree_diff_marks_the_edit() {
    if !have_nim() {
        return;
    }
    use rod_decoder::graph::{ItemChange, ItemKind, ModuleGraph, TreeDiff};
    let root = scratch("treediff");
    write(&root.join("src"), &[("lib.nim", LIB), ("main.nim", MAIN)]);
    nim(&root.join("src"), "main.nim", &root.join("a"), &[]);
    let edited = LIB.replace("x * 2", "x * 3").replace("@[1, 2, 3]", "@[1, 2, 9, 3]") + "proc extra*(): int = 7\n";
    write(&root.join("src"), &[("lib.nim", &edited)]);
    nim(&root.join("src"), "main.nim", &root.join("b"), &[]);
    let load = |d: &Path| {
        ModuleGraph::new(common::files(d, "rod").iter().filter_map(|f| rod_decoder::decode(&std::fs::read(f).ok()?).ok()).collect())
    };
    let (ga, gb) = (load(&root.join("a")), load(&root.join("b")));
    let find = |g: &ModuleGraph| g.indexes().find(|&i| g.get(i).is_some_and(|m| m.path.ends_with("/src/lib.nim")));
    let (Some(a), Some(b)) = (find(&ga), find(&gb)) else { panic!("lib.nim not loaded") };
    let d = TreeDiff::between(&ga, a, &gb, b);
    let changed: Vec<(ItemKind, String, ItemChange)> = d.changed().map(|i| (i.kind, i.name.clone(), i.change)).collect();
    assert!(changed.contains(&(ItemKind::Body, "double:skProc".into(), ItemChange::Changed)), "{changed:?}");
    assert!(changed.contains(&(ItemKind::Body, "extra:skProc".into(), ItemChange::Added)), "{changed:?}");
    assert!(changed.contains(&(ItemKind::Statement, "extra:skProc".into(), ItemChange::Added)), "{changed:?}");
    let body = d.items.iter().find(|i| i.kind == ItemKind::Body && i.name == "double:skProc").map(|i| i.changed_new.clone()).unwrap_or_default();
    // the one literal that changed: 2 -> 3
    let lits: Vec<String> = body.iter().map(|&p| gb.get(b).map(|m| m.module.literal(rod_decoder::TreeKind::Bodies, p).display()).unwrap_or_default()).collect();
    assert_eq!(lits, vec!["3".to_string()], "{body:?}");
    // an element inserted into a list: that element marked, not the list
    let body = d.items.iter().find(|i| i.kind == ItemKind::Body && i.name == "countUp3:skProc").map(|i| (i.changed_old.clone(), i.changed_new.clone())).unwrap_or_default();
    let lits: Vec<String> = body.1.iter().map(|&p| gb.get(b).map(|m| m.module.literal(rod_decoder::TreeKind::Bodies, p).display()).unwrap_or_default()).collect();
    assert_eq!((body.0.len(), lits), (0, vec!["9".to_string()]), "{body:?}");
    let same = d.items.iter().filter(|i| i.change == ItemChange::Same).count();
    assert!(d.items.iter().any(|i| i.name == "shoutIt:skProc" && i.change == ItemChange::Same));
    println!("ORACLE: tree diff of lib.nim after an edit: {} items, {} changed ({changed:?}), {same} the same, the changed literal marked", d.items.len(), changed.len());
}

/// `graph --svg` of every cache: one box per module, a well-formed document.
#[test]
fn graph_svg_of_every_cache() {
    let mut dirs: Vec<PathBuf> = common::caches16().into_iter().map(|x| x.1).collect();
    dirs.extend(common::caches2x().into_iter().map(|x| x.2.join("cache")));
    if dirs.is_empty() {
        common::skip("no corpus for graph --svg (RODSCOPE_CORPUS, ../shared/corpus)");
        return;
    }
    let mut boxes = 0;
    for d in &dirs {
        let o = rodscope(&["graph", "--svg", s(d)]);
        let svg = text(&o.stdout);
        assert!(o.status.success(), "{}: {}", d.display(), text(&o.stderr));
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\"") && svg.trim_end().ends_with("</svg>"), "{}", d.display());
        let n = common::files(d, "rod").len();
        assert_eq!(svg.matches("<rect ").count(), n, "{}", d.display());
        // every text is escaped: each '&' starts an entity, no '<' inside a title or text
        for (i, _) in svg.match_indices('&') {
            let rest = svg.get(i..).unwrap_or("");
            assert!(["&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#10;"].iter().any(|e| rest.starts_with(e)), "{}", &rest[..rest.len().min(20)]);
        }
        for (open, close) in [("<title>", "</title>"), ("\">", "</text>")] {
            for part in svg.split(open).skip(1) {
                if let Some((inner, _)) = part.split_once(close) {
                    assert!(!inner.contains('<') || open == "\">", "{inner}");
                }
            }
        }
        boxes += n;
    }
    println!("ORACLE: graph --svg: {} caches, {boxes} module boxes = .rod files", dirs.len());
}

/// `whatif --without-sym`: the symbol and what only it keeps alive die; its module
/// is edited, its importers recompiled.
#[test]
fn whatif_without_a_symbol() {
    if !have_nim() {
        return;
    }
    let root = scratch("whatif-sym");
    write(&root.join("src"), &[("lib.nim", LIB), ("main.nim", MAIN)]);
    nim(&root.join("src"), "main.nim", &root.join("cache"), &[]);
    let w = json(&rodscope(&["whatif", s(&root.join("cache")), "--without-sym", "shoutIt@lib", "--json"]));
    let dies = w["dies"].as_object().cloned().unwrap_or_default();
    let lib = dies.iter().find(|(k, _)| k.ends_with("/src/lib.nim")).map(|x| x.1.clone()).unwrap_or_default();
    assert!(lib.as_array().is_some_and(|a| a.len() >= 3), "shoutIt, its parameter and result: {w}");
    assert!(dies.keys().any(|k| k.ends_with("/strutils.nim")), "toUpperAscii dies with it: {w}");
    let regen: Vec<&str> = w["regenerated"].as_array().into_iter().flatten().filter_map(|x| x.as_str()).collect();
    assert!(regen.iter().any(|p| p.ends_with("/src/lib.nim")) && regen.iter().any(|p| p.ends_with("/src/main.nim")), "{w}");
    let o = rodscope(&["whatif", s(&root.join("cache")), "--without-sym", "noSuchThing@lib"]);
    assert_eq!(o.status.code(), Some(1));
    let o = rodscope(&["whatif", s(&root.join("cache")), "--without-stmt", "main.nim:999"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("no top-level statement of the build starts at main.nim:999"));
}
