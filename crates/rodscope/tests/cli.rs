//! CLI output against expected files in `tests/expected/` (`BLESS=1 cargo test`
//! rewrites them). Paths of the generated corpus are shown as `$CORPUS` and the
//! shared 2.x corpus as `$SHARED`, so the files do not depend on where the
//! repository lives.
//!
//! The `fixture_*` tests need neither corpus: they run every command on the
//! committed files of `tests/fixtures/` (see its README), with paths relative to
//! the repository root, and check `view` against the `nim rod` output recorded
//! next to them and `alive --check` against their `.alivesyms`.

#[path = "../../rod-decoder/tests/common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

fn expected_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/expected")
}

struct Run {
    stdout: String,
    stderr: String,
    code: i32,
}

fn run(args: &[&str]) -> Run {
    run_in(Path::new("."), args)
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs rodscope in `dir` (paths in `args` relative to it).
fn run_in(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_rodscope")).current_dir(dir).args(args).output().expect("run rodscope");
    let norm = |b: &[u8]| {
        let mut s = String::from_utf8_lossy(b).into_owned();
        if let Some(c) = common::corpus16() {
            s = s.replace(&c.to_string_lossy().into_owned(), "$CORPUS");
        }
        if let Some(c) = common::shared_corpus() {
            s = s.replace(&c.to_string_lossy().into_owned(), "$SHARED");
        }
        s
    };
    Run { stdout: norm(&out.stdout), stderr: norm(&out.stderr), code: out.status.code().unwrap_or(-1) }
}

/// Compares (or with BLESS=1 writes) `tests/expected/<name>`.
fn expect(name: &str, r: &Run) {
    let text = format!("exit: {}\n--- stderr\n{}--- stdout\n{}", r.code, r.stderr, r.stdout);
    let path = expected_dir().join(name);
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&path, &text).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{} is missing: run with BLESS=1", path.display()));
    if want != text {
        let line = want.lines().zip(text.lines()).position(|(a, b)| a != b).unwrap_or(want.lines().count().min(text.lines().count()));
        panic!(
            "{name} differs from {} at line {}:\n  want: {:?}\n  got:  {:?}\n(BLESS=1 cargo test rewrites it)",
            path.display(),
            line + 1,
            want.lines().nth(line),
            text.lines().nth(line)
        );
    }
}

fn basics(file: &str) -> Option<String> {
    let c = common::corpus16()?.join("basics/cache").join(file);
    c.exists().then(|| c.to_string_lossy().into_owned())
}

fn shared(rel: &str) -> Option<String> {
    let c = common::shared_corpus()?.join(rel);
    c.exists().then(|| c.to_string_lossy().into_owned())
}

#[test]
fn one_point_six_sample() {
    let Some(main) = basics("@mmain.rod") else {
        common::skip("CLI expected output on 1.6: RODSCOPE_CORPUS not set");
        return;
    };
    expect("basics-main.view.txt", &run(&["view", &main]));
    // Offsets and sizes depend on the corpus path length (paths live in strings), so
    // the 1.6 section table is checked by structure; the 2.x golden files cover the format.
    let r = run(&["sections", &main]);
    assert_eq!(r.code, 0);
    let rows: Vec<(String, String)> = r
        .stdout
        .lines()
        .skip(3)
        .map(|l| {
            let mut w = l.split_whitespace();
            (w.next().unwrap_or("").to_string(), w.next().unwrap_or("").to_string())
        })
        .collect();
    let want: Vec<(String, String)> = rod_decoder::RodVersion::V1_6
        .layout()
        .iter()
        .map(|&(t, k)| (t.to_string(), rod_decoder::RodVersion::V1_6.section_name(k).to_string()))
        .collect();
    assert_eq!(rows, want);
    assert!(r.stdout.starts_with("layout: Nim 1.6.10 (RodVersion 1), "));
    expect("basics-main.toplevel-depth2.txt", &run(&["tree", &main, "--depth", "2"]));
    expect("basics-main.replay.txt", &run(&["tree", &main, "--section", "replay"]));
    expect("basics-main.bodies-root0.txt", &run(&["tree", &main, "--section", "bodies", "--root", "0"]));
}

#[test]
fn two_point_x_samples() {
    let (Some(a), Some(b)) = (shared("s1/nim-2.0.0/cache/@ms1_util.rod"), shared("s1/nim-2.2.0/cache/@ms1_util.rod")) else {
        common::skip("CLI expected output on 2.x: ../shared/corpus absent");
        return;
    };
    expect("s1-util-2.0.sections.txt", &run(&["sections", &a]));
    expect("s1-util-2.2.sections.txt", &run(&["sections", &b]));
    expect("s1-util-2.0.tree.txt", &run(&["tree", &a, "--section", "bodies"]));
    expect("s1-util-2.2.tree.txt", &run(&["tree", &b, "--section", "bodies"]));
    expect("s1-util-2.2.view.txt", &run(&["view", &b]));
    expect("s1-util-2.2.dump.json", &run(&["dump", &b]));
}

#[test]
fn errors_name_file_section_offset() {
    let dir = std::env::temp_dir().join(format!("rodscope-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let src = shared("s1/nim-2.0.0/cache/@ms1_util.rod")
        .unwrap_or_else(|| repo_root().join("tests/fixtures/rebuild/@mutil.rod").to_string_lossy().into_owned());
    let bytes = std::fs::read(&src).unwrap();
    let cut = dir.join("cut.rod");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let r = run(&["view", cut.to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.starts_with("rodscope: ") && r.stderr.contains("cut.rod: ") && r.stderr.contains(" in section "));
    assert!(r.stderr.contains("(at offset 0x"), "{}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(r.stdout.is_empty());

    let alive = src.replace(".rod", ".alivesyms");
    if Path::new(&alive).exists() {
        let r = run(&["view", &alive]);
        assert_eq!(r.code, 1);
        assert!(r.stderr.contains("in section config") && r.stderr.contains("(at offset 0x8)"), "{}", r.stderr);
    }
    let r = run(&["view", dir.join("missing.rod").to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("missing.rod: cannot read"), "{}", r.stderr);
    let r = run(&["tree", &src, "--section", "nope"]);
    assert_eq!(r.code, 1);
    let r = run(&["frobnicate"]);
    assert_eq!(r.code, 2, "bad usage exits 2");
    let r = run(&["view"]);
    assert_eq!(r.code, 2, "bad usage exits 2");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Runs rodscope from the repository root, on paths like `tests/fixtures/...`.
fn fx(args: &[&str]) -> Run {
    run_in(&repo_root(), args)
}

#[test]
fn fixture_single_file_commands() {
    let lit = "tests/fixtures/basics/@mliterals.rod";
    let colors = "tests/fixtures/basics/@mcolors.rod";
    let native = "tests/fixtures/basics/@mnative.rod";
    let main = "tests/fixtures/rebuild/@mmain.rod";
    expect("fixture-literals.view.txt", &fx(&["view", lit]));
    expect("fixture-literals.dump.json", &fx(&["dump", lit]));
    expect("fixture-literals.sections.txt", &fx(&["sections", lit]));
    expect("fixture-literals.tree.txt", &fx(&["tree", lit]));
    expect("fixture-literals.bodies.txt", &fx(&["tree", lit, "--section", "bodies"]));
    expect("fixture-colors.view.txt", &fx(&["view", colors]));
    expect("fixture-colors.tree-depth1.txt", &fx(&["tree", colors, "--depth", "1"]));
    expect("fixture-native.replay.txt", &fx(&["tree", native, "--section", "replay"]));
    expect("fixture-native.sections.txt", &fx(&["sections", native]));
    // nkModuleRef into lib.nim, resolved from the sibling file
    expect("fixture-rebuild-main.tree.txt", &fx(&["tree", main]));
    expect("fixture-rebuild-main.bodies-root0.txt", &fx(&["tree", main, "--section", "bodies", "--root", "0"]));
    expect("fixture-rebuild-main.dump.json", &fx(&["dump", main]));
    // the removed --json flag: the same JSON, and a note on stderr
    let (plain, flagged) = (fx(&["dump", main]), fx(&["dump", "--json", main]));
    assert_eq!((flagged.code, &flagged.stdout), (0, &plain.stdout));
    assert_eq!(flagged.stderr, "rodscope: note: `dump` always prints JSON; --json is not needed (it will be removed)\n");
    // the stale include entry: a warning on stderr, the listing on stdout
    expect("fixture-rebuild-lib.view.txt", &fx(&["view", "tests/fixtures/rebuild/@mlib.rod"]));
}

#[test]
fn fixture_folder_commands() {
    let dirs = ["tests/fixtures/basics", "tests/fixtures/rebuild-1", "tests/fixtures/rebuild"];
    let mut args = vec!["detect"];
    args.extend(dirs);
    expect("fixture-detect.txt", &fx(&args));
    args[0] = "check";
    expect("fixture-check.txt", &fx(&args));
}

#[test]
fn fixture_whole_program_commands() {
    let (old, new) = ("tests/fixtures/rebuild-1", "tests/fixtures/rebuild");
    expect("fixture-rebuild.alive.txt", &fx(&["alive", new]));
    expect("fixture-rebuild.alive-json.txt", &fx(&["alive", "--json", new]));
    expect("fixture-rebuild.why-shout.txt", &fx(&["why", new, "shout"]));
    expect("fixture-rebuild.why-whisper.txt", &fx(&["why", new, "whisper@util"]));
    expect("fixture-rebuild.refs-framed.txt", &fx(&["refs", new, "framed"]));
    expect("fixture-rebuild.graph.txt", &fx(&["graph", new]));
    expect("fixture-rebuild.graph-dot.txt", &fx(&["graph", "--dot", new]));
    expect("fixture-rebuild.diff.txt", &fx(&["diff", old, new]));
    expect("fixture-rebuild.diff-recorded.txt", &fx(&["diff", "--recorded", old, new]));
    expect("fixture-rebuild.diff-trees.txt", &fx(&["diff", "--trees", old, new]));
    expect("fixture-rebuild.diff-trees-json.txt", &fx(&["diff", "--trees", "--json", old, new]));
    let mut matched = 0;
    for dir in [old, new] {
        let r = fx(&["alive", "--check", dir]);
        assert_eq!(r.code, 0, "{dir}: {}{}", r.stdout, r.stderr);
        assert_eq!(r.stdout, "3 modules match, 0 differ\n", "{dir}");
        matched += 3;
    }
    assert_eq!(matched, 6);
    // source positions → nodes (the JSON paths depend on where gen-fixtures.sh compiled)
    expect("fixture-rebuild.at-main.txt", &fx(&["at", new, "main.nim:5:5"]));
    expect("fixture-basics.at-colors.txt", &fx(&["at", "tests/fixtures/basics", "colors.nim:6:4"]));
    let j = fx(&["at", "--json", "tests/fixtures/basics", "colors.nim:6:4"]);
    assert_eq!(j.code, 0);
    assert!(j.stdout.starts_with("[{") && j.stdout.contains("\"kind\":\"nkSym\"") && j.stdout.contains("\"tree\":"), "{}", j.stdout);
    let bad = fx(&["at", new, "main.nim"]);
    assert_eq!(bad.code, 1, "a position without a line is an error");
    eprintln!("ALIVE fixtures: live set = .alivesyms for {matched} modules in 2 fixture folders");
}

/// `view` of every fixture equals the `nim rod` output recorded by gen-fixtures.sh;
/// a file that `nim rod` refused as stale is shown with a warning instead.
#[test]
fn fixture_view_matches_recorded_nim_rod() {
    let root = repo_root().join("tests/fixtures");
    let (mut matched, mut stale) = (0, 0);
    for dir in ["basics", "rebuild-1", "rebuild"] {
        for f in common::files(&root.join(dir), "rod") {
            let name = f.file_name().unwrap().to_string_lossy().into_owned();
            let rel = format!("tests/fixtures/{dir}/{name}");
            let recorded = root.join(dir).join("nimrod").join(format!("{name}.txt"));
            let want = std::fs::read_to_string(&recorded).unwrap_or_else(|e| panic!("{}: {e}", recorded.display()));
            let r = fx(&["view", &rel]);
            assert_eq!(r.code, 0, "{rel}: {}", r.stderr);
            if recorded.with_extension("code").exists() {
                let err = std::fs::read_to_string(recorded.with_extension("err")).unwrap_or_default();
                assert!(err.contains("includeFileChanged"), "{rel}: nim rod failed otherwise: {err}");
                assert!(r.stderr.contains("is stale") && r.stderr.contains("includeFileChanged"), "{rel}: {}", r.stderr);
                stale += 1;
            } else {
                assert_eq!(r.stdout, want, "{rel}: view differs from the recorded nim rod output");
                assert_eq!(r.stderr, "", "{rel}");
                matched += 1;
            }
        }
    }
    assert_eq!((matched, stale), (8, 1));
    eprintln!("ORACLE fixtures: {matched} modules match the recorded nim rod output, {stale} refused by nim rod as stale and warned");
}

/// `rodscope bytes` on the fixtures: the whole map (text and JSON), one region per
/// selector, and the JSON map's invariant (sorted, no gap, covering the file).
#[test]
fn fixture_bytes_command() {
    let lit = "tests/fixtures/basics/@mliterals.rod";
    let main = "tests/fixtures/rebuild/@mmain.rod";
    expect("fixture-literals.bytes.txt", &fx(&["bytes", lit]));
    let json = fx(&["bytes", lit, "--json"]);
    expect("fixture-literals.bytes.json", &json);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).expect("bytes --json is JSON");
    let regions = v.as_array().expect("an array");
    let mut at = 0;
    for r in regions {
        assert_eq!(r["start"].as_u64(), Some(at), "{r}");
        at = r["end"].as_u64().unwrap();
        assert!(r["section"].is_string() && r["kind"].is_string());
    }
    assert_eq!(at, std::fs::metadata(repo_root().join(lit)).unwrap().len());
    expect("fixture-rebuild-main.bytes-node.txt", &fx(&["bytes", main, "--node", "toplevel:1"]));
    expect("fixture-rebuild-main.bytes-sym.txt", &fx(&["bytes", main, "--sym", "7"]));
    expect("fixture-rebuild-main.bytes-type.json", &fx(&["bytes", main, "--type", "3", "--json"]));
    expect("fixture-rebuild-main.bytes-at.txt", &fx(&["bytes", main, "--at", "0x1000"]));
    expect("fixture-native.bytes-replay.json", &fx(&["bytes", "tests/fixtures/basics/@mnative.rod", "--node", "replay:1", "--json"]));
    expect("fixture-rebuild-main.alivesyms.bytes.txt", &fx(&["bytes", "tests/fixtures/rebuild/@mmain.alivesyms"]));
    let r = fx(&["bytes", main, "--node", "bodies:99999999"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("has no node 99999999"), "{}", r.stderr);
    let r = fx(&["bytes", main, "--at", "1", "--sym", "1"]);
    assert_eq!(r.code, 1);
}

/// `rodscope bytes` on a 2.0 and a 2.2 file of the shared corpus.
#[test]
fn two_point_x_bytes() {
    let (Some(a), Some(b)) = (shared("s1/nim-2.0.0/cache/@ms1_util.rod"), shared("s1/nim-2.2.0/cache/@ms1_util.rod")) else {
        common::skip("CLI bytes on 2.x: ../shared/corpus absent");
        return;
    };
    expect("s1-util-2.0.bytes-sym.txt", &run(&["bytes", &a, "--sym", "8"]));
    expect("s1-util-2.2.bytes-sym.txt", &run(&["bytes", &b, "--sym", "8"]));
    expect("s1-util-2.2.bytes-node.json", &run(&["bytes", &b, "--node", "bodies:109", "--json"]));
    expect("s1-util-2.2.bytes-type.txt", &run(&["bytes", &b, "--type", "3"]));
    expect("s1-util-2.2.bytes.txt", &run(&["bytes", &b]));
}
