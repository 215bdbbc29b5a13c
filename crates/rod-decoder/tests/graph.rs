//! Whole-program views on real caches.
//!
//! * 2.0/2.2: the caches of `../shared/corpus` (skipped with a message when absent);
//! * 1.6.10: the programs that `scripts/gen-corpus.sh` builds into
//!   `$RODSCOPE_CORPUS/<program>/cache` (skipped with a message when unset).
//!
//! The computed live set must equal every `.alivesyms` of every module of every
//! current build; why-chains, usages and build diffs are checked against exact text.

use rod_decoder::graph::{
    self, check_alive, print, BuildDiff, LiveSet, MentionContext, ModuleGraph, ModuleStatus, Site, Snapshot, TreeContexts, UsageIndex,
};
use rod_decoder::{AliveSyms, RodVersion};
use std::path::{Path, PathBuf};

mod common;

fn shared() -> Option<PathBuf> {
    let p = common::shared_corpus();
    if p.is_none() {
        common::skip("../shared/corpus is absent (2.0/2.2 corpus)");
    }
    p
}

fn shared_caches() -> Vec<(String, PathBuf)> {
    if shared().is_none() {
        return Vec::new();
    }
    common::caches2x().into_iter().map(|(label, _, dir)| (label, dir.join("cache"))).collect()
}

/// `$RODSCOPE_CORPUS/<program>/cache` for every program, sorted.
fn corpus16() -> Vec<(String, PathBuf)> {
    let out = common::caches16();
    if out.is_empty() {
        common::skip("RODSCOPE_CORPUS is not set or has no <program>/cache (1.6.10 corpus from scripts/gen-corpus.sh)");
    }
    out
}

fn corpus16_program(name: &str) -> Option<PathBuf> {
    let found = corpus16().into_iter().find(|(n, _)| n == name).map(|x| x.1);
    if found.is_none() {
        common::skip(&format!("no program {name} in RODSCOPE_CORPUS"));
    }
    found
}

fn rod_files(dir: &Path) -> Vec<PathBuf> {
    common::files(dir, "rod")
}

/// The `.rod` files (sorted by name) with their `.alivesyms`.
fn load_files(files: &[PathBuf]) -> (ModuleGraph, Vec<Option<AliveSyms>>) {
    let mut mods = Vec::new();
    let mut alive = Vec::new();
    for f in files {
        let bytes = std::fs::read(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        let m = rod_decoder::decode(&bytes).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        let name = f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        mods.push((name, m));
        let a = std::fs::read(f.with_extension("alivesyms"))
            .ok()
            .map(|b| AliveSyms::decode(&b).unwrap_or_else(|e| panic!("{}: {e}", f.display())));
        alive.push(a);
    }
    (ModuleGraph::from_named(mods), alive)
}

fn load_cache(dir: &Path) -> (ModuleGraph, Vec<Option<AliveSyms>>) {
    let files = rod_files(dir);
    assert!(!files.is_empty(), "{}: no .rod files", dir.display());
    load_files(&files)
}

/// Checks a whole cache; returns (modules matched, stale).
fn assert_cache_matches(name: &str, dir: &Path) -> (usize, usize) {
    let (g, alive) = load_cache(dir);
    let live = LiveSet::compute(&g);
    let c = check_alive(&g, &live, &alive);
    let mut text = Vec::new();
    print::print_alive_check(&g, &live, &c, &mut text).unwrap_or(());
    let text = String::from_utf8_lossy(&text);
    eprintln!("ALIVE {name}: {}", text.trim_end());
    assert!(c.all_match(), "{name}: {text}");
    assert!(live.anomalies().is_empty(), "{name}: {:?}", live.anomalies());
    assert_eq!(c.matched.len() + c.stale.len(), g.len(), "{name}: every module is compared or stale");
    assert!(g.build_roots().mains.len() == 1 && g.build_roots().systems.len() == 1, "{name}: one main, one system");
    (c.matched.len(), c.stale.len())
}

#[test]
fn live_sets_equal_alivesyms_2x() {
    let mut total = 0;
    for (name, dir) in shared_caches() {
        let (matched, stale) = assert_cache_matches(&name, &dir);
        assert_eq!(stale, 0, "{name}: the corpus caches have no left-over modules");
        let want = if name.starts_with("s1") { 44 } else { 53 };
        assert_eq!(matched, want, "{name}");
        total += matched;
    }
    eprintln!("ALIVE 2.0.0+2.2.0 total: live set = .alivesyms for {total} modules");
}

#[test]
fn live_sets_equal_alivesyms_16() {
    let progs = corpus16();
    let mut total = 0;
    for (name, dir) in &progs {
        let (matched, _) = assert_cache_matches(name, dir);
        total += matched;
    }
    if !progs.is_empty() {
        assert!(progs.iter().any(|(n, _)| n.ends_with("-1")), "the corpus has an incremental rebuild (<program>-1 snapshot)");
        eprintln!("ALIVE 1.6.10 total: live set = .alivesyms for {total} modules in {} caches", progs.len());
    }
}

/// The roots and causes agree with the DCE: every alive symbol's chain starts at a
/// top-level site, and no mention of a dead symbol is on a path the DCE scans.
#[test]
fn why_answers_agree_with_the_live_set() {
    for (name, dir) in shared_caches().into_iter().chain(corpus16()) {
        let (g, _) = load_cache(&dir);
        let live = LiveSet::compute(&g);
        let usages = UsageIndex::build(&g);
        assert!(usages.unresolved().is_empty(), "{name}: every reference resolves");
        let mut ctx = TreeContexts::default();
        let (mut alive, mut dead) = (0, 0);
        for i in g.indexes() {
            let Some(gm) = g.get(i) else { continue };
            for (id, s) in gm.module.syms.iter() {
                if s.is_hole() {
                    continue;
                }
                match live.why_alive(i, id) {
                    Some(chain) => {
                        alive += 1;
                        assert!(
                            matches!(chain.first().map(|s| s.cause.site), Some(Site::TopLevel { .. })),
                            "{name}: {}",
                            g.sym_label(i, id)
                        );
                        assert_eq!(chain.last().map(|s| (s.module, s.sym)), Some((i, id)));
                    }
                    None => {
                        dead += 1;
                        let w = live.why_dead_in(&g, &usages, i, id, &mut ctx).unwrap_or_else(|| panic!("{name}: neither alive nor dead"));
                        for m in &w.mentions {
                            assert_ne!(m.context, MentionContext::Scanned, "{name}: {} at {:?}", g.sym_label(i, id), m.usage);
                        }
                    }
                }
            }
        }
        eprintln!("{name}: {alive} alive, {dead} dead, {} usages", usages.len());
        assert_eq!(alive, live.total_alive(), "{name}");
    }
}

/// The why-chains of the symbols `query` names, worded by the view layer.
fn why_text(dir: &Path, query: &str) -> String {
    let (g, _) = load_cache(dir);
    let mut c = rod_view::backend::packed::PackedCache::from_graph(g);
    c.compute_live();
    let mut out = Vec::new();
    for (m, id) in rod_view::Cache::find_symbols(&c, query) {
        rod_view::print::print_why(&c, m, id, &mut out).unwrap_or(());
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn why_nim_float_to_string_is_alive_2_0() {
    let Some(root) = shared() else { return };
    let text = why_text(&root.join("s2/nim-2.0.0/cache"), "nimFloatToString@formatfloat");
    let want = "\
formatfloat.nim: nimFloatToString (skProc #137) is alive:
  1. top level of s2.nim, topLevel node 3086 (json.nim:417:28): mentions json.nim: % (skProc #1914)
  2. body of json.nim: % (skProc #1914), bodies node 2323 (json.nim:356:47): mentions json.nim: []= (skProc #369)
  3. body of json.nim: []= (skProc #369), bodies node 2847 (tables.nim:1342:10): mentions json.nim: enlarge (skProc #943)
  4. body of json.nim: enlarge (skProc #943), bodies node 3433 (tables.nim:1285:31): mentions tables.nim: [] (skProc #193)
  5. body of tables.nim: [] (skProc #193), bodies node 961 (tables.nim:247:4): mentions tables.nim: raiseKeyError (skProc #155)
  6. body of tables.nim: raiseKeyError (skProc #155), bodies node 1110 (tables.nim:234:16): mentions dollars.nim: $ (skFunc #4)
  7. body of dollars.nim: $ (skFunc #4), bodies node 91 (dollars.nim:14:11): mentions formatfloat.nim: addFloat (skProc #140)
  8. body of formatfloat.nim: addFloat (skProc #140), bodies node 1691 (formatfloat.nim:136:17): mentions formatfloat.nim: nimFloatToString (skProc #137)
";
    assert_eq!(text, want);
}

/// 1.6.10, a program that imports std/json: nimFloatToString is alive, reached from
/// the main module through tables' generic `[]`, `raiseKeyError`, `$` and `addFloat`.
#[test]
fn why_nim_float_to_string_is_alive_1_6() {
    let mut seen = false;
    for (name, dir) in corpus16() {
        let (g, alive) = load_cache(&dir);
        if !g.modules().iter().any(|m| m.path.ends_with("/pure/json.nim")) {
            continue;
        }
        seen = true;
        let live = LiveSet::compute(&g);
        let found = g.find_symbols("nimFloatToString@formatfloat");
        assert_eq!(found.len(), 1, "{name}");
        let (m, id) = found[0];
        assert!(live.is_alive(m, id), "{name}: nimFloatToString is alive");
        assert!(alive[m.index()].as_ref().is_some_and(|a| a.ids.contains(&id)), "{name}: and the compiler agrees");
        let chain = live.why_alive(m, id).unwrap_or_default();
        let steps: Vec<String> =
            chain.iter().map(|s| format!("{}: {}", g.get(s.module).map_or("?", |x| x.short()), g.sym_label(s.module, s.sym))).collect();
        let text = why_text(&dir, "nimFloatToString@formatfloat");
        eprintln!("{name}:\n{text}");
        let first = chain.first().map(|s| s.cause.site.module());
        assert!(first.and_then(|f| g.get(f)).is_some_and(|f| f.is_main), "{name}: the chain starts in the main module: {steps:?}");
        let tail: Vec<&str> = steps.iter().rev().take(4).map(String::as_str).collect();
        assert_eq!(tail.len(), 4, "{name}: {steps:?}");
        assert!(tail[0].starts_with("formatfloat.nim: nimFloatToString (skProc"), "{steps:?}");
        assert!(tail[1].starts_with("formatfloat.nim: addFloat (skProc"), "{steps:?}");
        assert!(tail[2].starts_with("dollars.nim: $ (skFunc"), "{steps:?}");
        assert!(tail[3].starts_with("tables.nim: raiseKeyError (skProc"), "{steps:?}");
        assert!(steps.iter().any(|s| s.starts_with("tables.nim: [] (skProc")), "through the generic tables `[]`: {steps:?}");
    }
    if !seen {
        eprintln!("SKIP: no 1.6 program importing std/json in RODSCOPE_CORPUS");
    }
}

/// The usages of the symbols `query` names, worded by the view layer.
fn usages_text(dir: &Path, query: &str) -> String {
    let (g, _) = load_cache(dir);
    let c = rod_view::backend::packed::PackedCache::from_graph(g);
    let mut out = Vec::new();
    for (m, id) in rod_view::Cache::find_symbols(&c, query) {
        rod_view::print::print_usages(&c, m, id, &mut out).unwrap_or(());
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn usages_2_2() {
    let Some(root) = shared() else { return };
    let text = usages_text(&root.join("s2/nim-2.2.0/cache"), "addFloat@formatfloat");
    let want = "\
formatfloat.nim: addFloat (skProc #117): 4 usages
  formatfloat.nim, topLevel node 547, formatfloat.nim:121:5
  formatfloat.nim, bodies node 1119, formatfloat.nim:121:5, in addFloat (skProc #117)
  system.nim, bodies node 60905, system.nim:2638:6, in addQuoted (skProc #8853)
  dollars.nim, bodies node 39, dollars.nim:14:11, in $ (skFunc #4)
";
    assert_eq!(text, want);
}

#[test]
fn usages_1_6_rebuild() {
    let Some(dir) = corpus16_program("rebuild") else { return };
    let text = usages_text(&dir, "whisper@util");
    let want = "\
util.nim: whisper (skProc #2): 3 usages
  lib.nim, bodies node 145, lib.nim:12:39, in farewell (skProc #18)
  util.nim, topLevel node 2, util.nim:6:5
  util.nim, bodies node 1, util.nim:6:5, in whisper (skProc #2)
";
    assert_eq!(text, want);
}

const REBUILD_DIFF: &str = "\
lib.nim: regenerated, +3 -3 (source changed)
  + framed (skProc #15)
  + name (skParam #16)
  + result (skResult #17)
  - framed (skProc #6)
  - name (skParam #7)
  - result (skResult #8)
util.nim: regenerated, +3 -3
  + shout (skProc #5)
  + s (skParam #6)
  + result (skResult #7)
  - whisper (skProc #2)
  - s (skParam #3)
  - result (skResult #4)
strutils.nim: regenerated, +7 -7
  + toUpperAscii (skFunc #86)
  + c (skParam #87)
  + result (skResult #88)
  + toUpperAscii (skFunc #93)
  + s (skParam #94)
  + result (skResult #95)
  + i`gensym11 (skForVar #101)
  - toLowerAscii (skFunc #67)
  - c (skParam #68)
  - result (skResult #69)
  - toLowerAscii (skFunc #77)
  - s (skParam #78)
  - result (skResult #79)
  - i`gensym7 (skForVar #85)
main.nim: recompiled, live set unchanged (a dependency changed: lib.nim)
3 regenerated, 0 added, 0 removed, 28 unchanged, 1 recompiled with an unchanged live set
";

/// A build diff's text as sorted per-module blocks (a module line and its `+`/`-`
/// lines), followed by the summary line.
fn diff_blocks(text: &str) -> Vec<String> {
    let mut blocks: Vec<String> = Vec::new();
    for line in text.lines() {
        match blocks.last_mut() {
            Some(b) if line.starts_with("  ") => {
                b.push('\n');
                b.push_str(line);
            }
            _ => blocks.push(line.to_string()),
        }
    }
    let summary = blocks.pop();
    blocks.sort();
    blocks.extend(summary);
    blocks
}

/// The incremental rebuild: lib.nim changes (greeting uses shout instead of whisper),
/// util.nim is loaded from its .rod but its live set changes, and so does strutils'.
#[test]
fn build_diff_1_6_rebuild() {
    let (Some(old_dir), Some(new_dir)) = (corpus16_program("rebuild-1"), corpus16_program("rebuild")) else { return };
    let (old, old_files) = load_cache(&old_dir);
    let (new, _) = load_cache(&new_dir);
    let old_live = LiveSet::compute(&old);
    let new_live = LiveSet::compute(&new);
    let d = BuildDiff::between(&Snapshot::of(&old, &old_live), &Snapshot::of(&new, &new_live));
    let mut out = Vec::new();
    print::print_build_diff(&d, Some(&old), Some(&new), &mut out).unwrap_or(());
    // Modules are listed in path order, and /usr/lib/nim sorts before or after the
    // corpus depending on where it was generated: compare the blocks as a set.
    assert_eq!(diff_blocks(&String::from_utf8_lossy(&out)), diff_blocks(REBUILD_DIFF));
    let mut regenerated: Vec<&str> = d.regenerated().map(|m| m.path.rsplit('/').next().unwrap_or("")).collect();
    regenerated.sort_unstable();
    // main.nim is recompiled (it imports lib.nim), so its code is regenerated too
    assert_eq!(regenerated, vec!["lib.nim", "main.nim", "strutils.nim", "util.nim"]);

    // The old build as the compiler recorded it (.alivesyms) gives the same diff.
    let recorded =
        Snapshot::from_alive_syms(old.in_build().filter_map(|i| Some((old.get(i)?.path.clone(), old_files.get(i.index())?.clone()?))));
    let d2 = BuildDiff::between(&recorded, &Snapshot::of(&new, &new_live));
    let strip = |d: &BuildDiff| d.modules.iter().map(|m| (m.path.clone(), m.change, m.entered.clone(), m.left.clone())).collect::<Vec<_>>();
    assert_eq!(strip(&d2), strip(&d));
}

/// Modules that are not reachable from the main module and system are stale: their
/// `.alivesyms` is not compared, and nothing links into them.
#[test]
fn left_over_modules_are_stale() {
    let mut cases: Vec<(String, PathBuf, PathBuf)> = Vec::new();
    if let Some(root) = shared() {
        cases.push(("2.2 s1 + s2 left-overs".into(), root.join("s1/nim-2.2.0/cache"), root.join("s2/nim-2.2.0/cache")));
    }
    let c16 = corpus16();
    if let (Some(a), Some(b)) = (c16.iter().find(|x| x.0 == "stdlib"), c16.iter().find(|x| x.0 == "basics")) {
        cases.push(("1.6 stdlib + basics left-overs".into(), a.1.clone(), b.1.clone()));
    }
    for (name, base, other) in cases {
        let mut files = rod_files(&base);
        let names: Vec<_> = files.iter().filter_map(|f| f.file_name().map(|n| n.to_owned())).collect();
        let extra: Vec<PathBuf> = rod_files(&other)
            .into_iter()
            .filter(|f| f.file_name().is_some_and(|n| !names.contains(&n.to_owned()) && n != "@mmain.rod" && n != "@ms2.rod"))
            .collect();
        assert!(!extra.is_empty(), "{name}");
        files.extend(extra.iter().cloned());
        let (g, alive) = load_files(&files);
        let live = LiveSet::compute(&g);
        let c = check_alive(&g, &live, &alive);
        eprintln!("{name}: {} match, {} stale", c.matched.len(), c.stale.len());
        assert!(c.all_match(), "{name}: {c:?}");
        assert_eq!(c.matched.len(), names.len(), "{name}");
        assert_eq!(c.stale.len(), extra.len(), "{name}");
        for i in g.indexes().skip(names.len()) {
            assert_eq!(g.get(i).map(|m| m.status), Some(ModuleStatus::Stale));
            assert!(live.alive(i).is_empty());
        }
        let mut out = Vec::new();
        print::print_alive_check(&g, &live, &c, &mut out).unwrap_or(());
        let last = String::from_utf8_lossy(&out).lines().last().unwrap_or("").to_string();
        assert_eq!(last, format!("{} modules match, 0 differ, {} stale (not compared)", names.len(), extra.len()));
    }
}

/// A 2.0 and a 2.2 cache of the same program in one graph: same paths, never linked.
#[test]
fn mixed_versions_stay_apart() {
    let Some(root) = shared() else { return };
    let mut files = rod_files(&root.join("s1/nim-2.0.0/cache"));
    files.extend(rod_files(&root.join("s1/nim-2.2.0/cache")));
    let (g, alive) = load_files(&files);
    assert_eq!(g.mixed_versions(), Some(vec![(RodVersion::V2_0, 44), (RodVersion::V2_2, 44)]));
    assert_eq!(g.build_roots().mains.len(), 2);
    let live = LiveSet::compute(&g);
    let c = check_alive(&g, &live, &alive);
    assert!(c.all_match() && c.matched.len() == 88, "{c:?}");
    let ig = graph::ImportGraph::build(&g);
    for e in &ig.edges {
        let v = |i: graph::ModuleIdx| g.get(i).map(|m| m.module.version);
        assert_eq!(v(e.from), v(e.to));
    }
    let mut out = Vec::new();
    print::print_graph_notes(&g, &mut out).unwrap_or(());
    let text = String::from_utf8_lossy(&out);
    assert!(text.contains("mixed compiler versions (44 modules of Nim 2.0.0, 44 modules of Nim 2.2.0)"), "{text}");
}
