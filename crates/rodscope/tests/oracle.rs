//! The compiler is the oracle.
//!
//! - Every `.rod` of every generated 1.6.10 program: `rodscope view` prints exactly
//!   what `nim rod` printed (its stdout, `Hint:` lines dropped). Where `nim rod`
//!   refused the file because a recorded SHA-1 is stale, `view` still prints it and
//!   warns on stderr, naming the stale entry.
//! - Every `.rod` of the 2.0.0 and 2.2.0 corpus: `view` equals that compiler's
//!   `nim rod` output in `nimrod/<file>.rod.txt`.
//! - `dump --json` counts agree with the module; every `.alivesyms` decodes, is
//!   strictly ascending and has the `.rod`'s version; detection names the right
//!   compiler for every file.

#[path = "../../rod-decoder/tests/common/mod.rs"]
mod common;

use rod_decoder::{detect, AliveSyms, FileKind, RodVersion};
use std::path::Path;

mod run;
use run::rodscope;

/// Compares `view` with the oracle for every `.rod` in `cache`; returns (matched, refused-and-warned).
fn check_view(label: &str, cache: &Path, nimrod: &Path, failures: &mut Vec<String>) -> (usize, usize) {
    let (mut matched, mut stale) = (0, 0);
    for f in common::files(cache, "rod") {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let expected = std::fs::read(nimrod.join(format!("{name}.txt"))).unwrap_or_default();
        let code = std::fs::read_to_string(nimrod.join(format!("{name}.code"))).unwrap_or_default();
        let err = std::fs::read_to_string(nimrod.join(format!("{name}.err"))).unwrap_or_default();
        let out = rodscope(&["view", f.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        if code.trim().is_empty() || code.trim() == "0" {
            if out.stdout == expected && out.status.success() {
                matched += 1;
            } else {
                failures.push(format!("{label}: {name}: view differs from nim rod (exit {:?}, stderr {stderr})", out.status.code()));
            }
        } else if err.contains("includeFileChanged") {
            if out.status.success() && stderr.contains("is stale") && stderr.contains("includeFileChanged") {
                stale += 1;
            } else {
                failures.push(format!("{label}: {name}: nim rod refused it as stale, view did not warn: {stderr}"));
            }
        } else {
            failures.push(format!("{label}: {name}: nim rod failed unexpectedly: {err}"));
        }
    }
    (matched, stale)
}

#[test]
fn view_matches_nim_rod_1_6() {
    let caches = common::caches16();
    if caches.is_empty() {
        common::skip("view == nim rod on 1.6.10: RODSCOPE_CORPUS not set");
        return;
    }
    let mut failures = Vec::new();
    let (mut total, mut stale) = (0, 0);
    for (name, cache) in &caches {
        let (m, s) = check_view(name, cache, &cache.with_file_name("nimrod"), &mut failures);
        eprintln!("ORACLE 1.6.10 {name}: {m} modules match nim rod, {s} refused by nim rod as stale and warned");
        total += m;
        stale += s;
    }
    eprintln!("ORACLE 1.6.10 total: {total} modules match nim rod, {stale} stale-warned, {} failures", failures.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(total > 0);
}

#[test]
fn view_matches_nim_rod_2x() {
    let caches = common::caches2x();
    if caches.is_empty() {
        common::skip("view == nim rod on 2.0.0/2.2.0: ../shared/corpus absent");
        return;
    }
    let mut failures = Vec::new();
    for (label, _, dir) in &caches {
        let (m, s) = check_view(label, &dir.join("cache"), &dir.join("nimrod"), &mut failures);
        eprintln!("ORACLE {label}: {m} modules match nim rod, {s} stale");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn all_caches() -> Vec<(String, std::path::PathBuf, RodVersion)> {
    let mut v: Vec<_> = common::caches16().into_iter().map(|(n, c)| (format!("1.6 {n}"), c, RodVersion::V1_6)).collect();
    for (label, ver, dir) in common::caches2x() {
        let rv = if ver == "2.0.0" { RodVersion::V2_0 } else { RodVersion::V2_2 };
        v.push((label, dir.join("cache"), rv));
    }
    v
}

#[test]
fn detection_is_right_on_every_file() {
    let caches = all_caches();
    if caches.is_empty() {
        common::skip("detection: no corpus");
        return;
    }
    for (label, cache, version) in caches {
        let (mut rods, mut alives) = (0, 0);
        for ext in ["rod", "alivesyms"] {
            for f in common::files(&cache, ext) {
                let d = detect(&std::fs::read(&f).unwrap());
                let kind = if ext == "rod" { FileKind::Rod } else { FileKind::AliveSyms };
                assert_eq!((d.kind, d.version, d.confirmed), (Some(kind), Some(version), true), "{label} {}: {}", f.display(), d.reason);
                if ext == "rod" { rods += 1 } else { alives += 1 }
            }
        }
        eprintln!("DETECT {label}: {rods} .rod and {alives} .alivesyms detected as {}", version.compiler());
    }
}

#[test]
fn json_counts_and_alivesyms_decode() {
    let caches = all_caches();
    if caches.is_empty() {
        common::skip("json/alivesyms: no corpus");
        return;
    }
    for (label, cache, version) in caches {
        for f in common::files(&cache, "rod") {
            let m = rod_decoder::decode(&std::fs::read(&f).unwrap()).unwrap();
            assert_eq!(m.version, version);
            let findings = rod_decoder::validate::validate(&m);
            assert!(findings.is_empty(), "{label} {}: {findings:?}", f.display());
            if version != RodVersion::V1_6 && m.file_size > 512 * 1024 {
                continue; // the 1.6 corpus covers the big modules; keeps the test quick
            }
            let j = rod_decoder::print::dump_json_value(&m);
            let n = |k: &str| j["counts"][k].as_u64().unwrap() as usize;
            assert_eq!(n("symbols"), m.syms.count(), "{label}");
            assert_eq!(j["syms"].as_array().unwrap().len(), m.syms.count());
            assert_eq!(j["types"].as_array().unwrap().len(), m.types.table.count());
            assert_eq!(j["trees"]["topLevel"].as_array().unwrap().len(), n("topLevel"));
            assert_eq!(j["trees"]["bodies"].as_array().unwrap().len(), n("bodies"));
            assert_eq!(j["strings"].as_array().unwrap().len(), n("strings"));
            assert_eq!(j["sections"].as_array().unwrap().len(), version.layout().len());
            // reading the text back must give the same value (big modules: counts only, for time)
            if m.file_size < 512 * 1024 {
                let back: serde_json::Value = serde_json::from_str(&j.to_string()).unwrap();
                assert!(back == j, "{label} {}: the JSON does not read back the same", f.display());
            }
        }
        for f in common::files(&cache, "alivesyms") {
            let a = AliveSyms::decode(&std::fs::read(&f).unwrap()).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
            assert_eq!(a.version, version);
            assert_eq!(a.unsorted_at(), None, "{}", f.display());
        }
    }
}
