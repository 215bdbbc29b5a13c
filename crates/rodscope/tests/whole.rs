//! The whole-program subcommands (`alive`, `why`, `refs`, `diff`, `graph`) on real
//! caches: `../shared/corpus` (2.0/2.2) and `$RODSCOPE_CORPUS/<program>/cache`
//! (1.6.10, from scripts/gen-corpus.sh). Each test says when it skips.

use std::path::PathBuf;

#[path = "../../rod-decoder/tests/common/mod.rs"]
mod common;

fn shared() -> Option<PathBuf> {
    let p = common::shared_corpus();
    if p.is_none() {
        common::skip("../shared/corpus is absent (2.0/2.2 corpus)");
    }
    p
}

fn corpus16(program: &str) -> Option<PathBuf> {
    let p = common::corpus16().map(|r| r.join(program).join("cache")).filter(|p| p.is_dir());
    if p.is_none() {
        common::skip(&format!("no {program}/cache in RODSCOPE_CORPUS (1.6.10 corpus from scripts/gen-corpus.sh)"));
    }
    p
}

mod run;
use run::{rodscope, s, text};

fn caches() -> Vec<PathBuf> {
    let mut v = Vec::new();
    if let Some(root) = shared() {
        for prog in ["s1", "s2"] {
            for ver in ["2.0.0", "2.2.0"] {
                v.push(root.join(prog).join(format!("nim-{ver}")).join("cache"));
            }
        }
    }
    for prog in ["basics", "stdlib", "rebuild-1", "rebuild"] {
        v.extend(corpus16(prog));
    }
    v
}

#[test]
fn alive_check_matches_every_cache() {
    for dir in caches() {
        let o = rodscope(&["alive", "--check", s(&dir)]);
        let out = text(&o.stdout);
        eprintln!("{}: {}", dir.display(), out.trim_end());
        assert!(o.status.success(), "{}: {out}{}", dir.display(), text(&o.stderr));
        let n = std::fs::read_dir(&dir)
            .map(|rd| rd.filter_map(|e| e.ok()).filter(|e| e.path().extension().is_some_and(|x| x == "rod")).count())
            .unwrap_or(0);
        assert_eq!(out, format!("{n} modules match, 0 differ\n"));
    }
}

#[test]
fn alive_json_is_the_alivesyms() {
    let Some(root) = shared() else { return };
    let dir = root.join("s2/nim-2.2.0/cache");
    let o = rodscope(&["alive", "--json", s(&dir)]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON: {e}"));
    let obj = v.as_object().cloned().unwrap_or_default();
    assert_eq!(obj.len(), 53);
    let key = obj.keys().find(|k| k.ends_with("/formatfloat.nim")).cloned().unwrap_or_default();
    let ids: Vec<i64> = obj.get(&key).and_then(|v| v.as_array()).map(|a| a.iter().filter_map(|x| x.as_i64()).collect()).unwrap_or_default();
    let file = std::fs::read_dir(&dir)
        .ok()
        .and_then(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).find(|p| p.to_string_lossy().ends_with("@sformatfloat.alivesyms")));
    let recorded = file.and_then(|f| std::fs::read(f).ok()).and_then(|b| rod_decoder::AliveSyms::decode(&b).ok()).map(|a| a.ids);
    let recorded: Vec<i64> = recorded.unwrap_or_default().into_iter().map(|id| i64::from(id.0)).collect();
    assert!(!ids.is_empty());
    assert_eq!(ids, recorded);
}

#[test]
fn why_nim_float_to_string() {
    let Some(root) = shared() else { return };
    let o = rodscope(&["why", s(&root.join("s2/nim-2.0.0/cache")), "nimFloatToString"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
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
    assert_eq!(text(&o.stdout), want);
}

#[test]
fn why_dead_and_unknown_symbols() {
    let Some(dir) = corpus16("rebuild") else { return };
    let o = rodscope(&["why", s(&dir), "unusedHelper@util.nim"]);
    assert!(o.status.success());
    let want = "\
util.nim: unusedHelper (skProc #12) is not alive: not reachable from any root
  mentioned 2 times, never where the DCE looks:
    util.nim, topLevel node 62 (util.nim:12:5): inside nkProcDef at node 61: a definition is not a use (its body is scanned only once its symbol is alive)
    util.nim, bodies node 126 (util.nim:12:5): in unusedHelper (skProc #12), which is not alive
";
    assert_eq!(text(&o.stdout), want);
    let o = rodscope(&["why", s(&dir), "noSuchSymbol"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o.stderr).contains("no symbol matches \"noSuchSymbol\""));
}

#[test]
fn refs_and_diff_of_the_rebuild() {
    let (Some(old), Some(new)) = (corpus16("rebuild-1"), corpus16("rebuild")) else { return };
    let o = rodscope(&["refs", s(&new), "whisper@util"]);
    assert!(o.status.success());
    assert_eq!(
        text(&o.stdout),
        "\
util.nim: whisper (skProc #2): 3 usages
  lib.nim, bodies node 145, lib.nim:12:39, in farewell (skProc #18)
  util.nim, topLevel node 2, util.nim:6:5
  util.nim, bodies node 1, util.nim:6:5, in whisper (skProc #2)
"
    );
    let computed = rodscope(&["diff", s(&old), s(&new)]);
    let recorded = rodscope(&["diff", "--recorded", s(&old), s(&new)]);
    assert!(computed.status.success() && recorded.status.success());
    let out = text(&computed.stdout);
    // modules come in path order, which depends on where the corpus lives relative to /usr/lib/nim
    assert!(out.contains("lib.nim: regenerated, +3 -3 (source changed)\n  + framed (skProc #15)\n"), "{out}");
    assert!(out.contains("util.nim: regenerated, +3 -3\n  + shout (skProc #5)\n"), "{out}");
    assert!(out.contains("main.nim: recompiled, live set unchanged (a dependency changed: lib.nim)\n"), "{out}");
    assert!(out.ends_with("\n3 regenerated, 0 added, 0 removed, 28 unchanged, 1 recompiled with an unchanged live set\n"), "{out}");
    assert_eq!(out, text(&recorded.stdout), "the compiler's .alivesyms give the same diff");
}

#[test]
fn graph_text_and_dot() {
    let Some(root) = shared() else { return };
    let dir = root.join("s1/nim-2.2.0/cache");
    let o = rodscope(&["graph", s(&dir)]);
    assert!(o.status.success());
    let out = text(&o.stdout);
    assert!(out.contains("s1.nim  (main)\n  imports macrocache.nim (3 refs)\n"), "{out}");
    assert!(out.contains("system.nim  (system)\n"), "{out}");
    let o = rodscope(&["graph", "--dot", s(&dir)]);
    let dot = text(&o.stdout);
    assert!(dot.starts_with("digraph modules {\n"), "{dot}");
    assert!(dot.trim_end().ends_with('}'));
    assert!(dot.contains("[label=\"s1.nim\", tooltip=\"/srv/rodscope-corpus/s1/s1.nim\", style=bold];"), "{dot}");
}

/// A folder with one damaged file: its error (file, section, offset) goes to stderr
/// and the other modules are still analysed.
#[test]
fn a_broken_file_is_reported_and_skipped() {
    let Some(root) = shared() else { return };
    let src = root.join("s1/nim-2.2.0/cache");
    let tmp = std::env::temp_dir().join(format!("rodscope-whole-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).unwrap_or_else(|e| panic!("{e}"));
    for e in std::fs::read_dir(&src).into_iter().flatten().filter_map(|e| e.ok()) {
        let _ = std::fs::copy(e.path(), tmp.join(e.file_name()));
    }
    let broken = tmp.join("@ms1_util.rod");
    let bytes = std::fs::read(&broken).unwrap_or_default();
    std::fs::write(&broken, &bytes[..bytes.len() / 2]).unwrap_or_else(|e| panic!("{e}"));

    let o = rodscope(&["alive", s(&tmp)]);
    let (out, err) = (text(&o.stdout), text(&o.stderr));
    assert!(o.status.success(), "{err}");
    assert!(err.contains(&format!("rodscope: {}: ", broken.display())), "{err}");
    assert!(err.contains(" in section ") && err.contains("(at offset 0x"), "{err}");
    assert!(out.contains("\ns1.nim ") && !out.contains("s1_util.nim "), "{out}");
    assert!(out.contains("43 modules in the build, 0 not;"), "{out}");
    assert!(out.contains("note: s1.nim imports /srv/rodscope-corpus/s1/s1_util.nim, which is not loaded"), "{out}");

    let o = rodscope(&["alive", "--check", s(&tmp)]);
    assert_eq!(o.status.code(), Some(1), "a broken file fails the check");
    assert!(text(&o.stdout).ends_with("1 file could not be decoded\n"), "{}", text(&o.stdout));
    let _ = std::fs::remove_dir_all(&tmp);
}
