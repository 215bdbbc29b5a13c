//! The NIF commands against expected files in `tests/expected/nif-*.txt`
//! (`BLESS=1 cargo test` rewrites them). corpus-nif paths are shown as `$NIF`.

use std::path::{Path, PathBuf};
use std::process::Command;

fn corpus() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus-nif");
    p.is_dir().then_some(p)
}

fn run(root: &Path, args: &[&str]) -> (String, Vec<u8>) {
    let out = Command::new(env!("CARGO_BIN_EXE_rodscope")).args(args).output().expect("run rodscope");
    let r = root.to_string_lossy().into_owned();
    let norm = |b: &[u8]| String::from_utf8_lossy(b).replace(&r, "$NIF");
    let text = format!("exit: {}\n--- stderr\n{}--- stdout\n{}", out.status.code().unwrap_or(-1), norm(&out.stderr), norm(&out.stdout));
    (text, out.stdout)
}

fn expect(name: &str, text: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/expected").join(name);
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&path, text).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{} is missing: run with BLESS=1", path.display()));
    if want != text {
        let line = want.lines().zip(text.lines()).position(|(a, b)| a != b).unwrap_or(0);
        panic!("{name} differs at line {}:\n  want: {:?}\n  got:  {:?}", line + 1, want.lines().nth(line), text.lines().nth(line));
    }
}

#[test]
fn nif_commands() {
    let Some(root) = corpus() else {
        println!("SKIP: ../shared/corpus-nif not present");
        return;
    };
    let p = |s: &str| root.join(s).to_string_lossy().into_owned();
    // nif2text reproduces the compiler's text byte for byte.
    let (_, out) = run(&root, &["nif2text", &p("p1_hello/bif_niftools/matk5honb.s.bif")]);
    assert_eq!(out, std::fs::read(root.join("p1_hello/nimcache/matk5honb.s.nif")).unwrap());
    let (_, out) = run(&root, &["nif2text", &p("synthetic/synth.bif")]);
    assert_eq!(out, std::fs::read(root.join("synthetic/oracle.nif")).unwrap());
    let cases: &[(&str, Vec<String>)] = &[
        ("nif-detect-bif.txt", vec!["detect".into(), p("p2_generics/bif_niftools")]),
        ("nif-detect-main.txt", vec!["detect".into(), p("p1_hello/nimcache/mai3r4ykk")]),
        ("nif-check-p1.txt", vec!["check".into(), p("p1_hello/nimcache")]),
        ("nif-tree-mathlib.txt", vec!["tree".into(), p("p1_hello/nimcache/matk5honb.s.nif"), "--depth".into(), "2".into()]),
        ("nif-tree-bif-root.txt", vec!["tree".into(), p("p1_hello/bif_niftools/matk5honb.s.bif"), "--root".into(), "43".into()]),
        ("nif-dump-dce.txt", vec!["dump".into(), p("p1_hello/nimcache/matk5honb.dce.nif")]),
        ("nif-alive-p1.txt", vec!["alive".into(), p("p1_hello/nimcache"), "--check".into()]),
        ("nif-alive-p2.txt", vec!["alive".into(), p("p2_generics/nimcache"), "--check".into()]),
        ("nif-why-twice.txt", vec!["why".into(), p("p1_hello/nimcache"), "twice".into()]),
        ("nif-why-unused.txt", vec!["why".into(), p("p1_hello/nimcache"), "unusedWorker@mathlib".into()]),
        ("nif-why-instance.txt", vec!["why".into(), p("p2_generics/nimcache"), "box.0.Ihji9xj1.mai3r4ykk".into()]),
        ("nif-refs-add.txt", vec!["refs".into(), p("p1_hello/nimcache"), "add.0.matk5honb".into()]),
    ];
    for (name, args) in cases {
        let a: Vec<&str> = args.iter().map(String::as_str).collect();
        let (text, _) = run(&root, &a);
        expect(name, &text);
    }
    println!("ORACLE: nif CLI: 2 nif2text byte-for-byte, {} golden outputs", cases.len());
}
