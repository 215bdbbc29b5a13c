//! Two builds compared and what-if through the format-neutral `Cache` trait: a drop
//! of an edit-and-rebuild pair (`before/` and `after/` folders of the committed
//! fixtures) gives two caches; `Cache::build_diff` says what the decoder's
//! `BuildDiff` says (the CLI's `rodscope diff`), and `Cache::whatif` on every
//! top-level statement says what `WhatIf::compute` says (`rodscope whatif`).

use std::path::Path;

use rod_decoder::graph::{whatif, BuildDiff, LiveSet, WhatIf, Without};
use rod_view::backend::packed::PackedCache;
use rod_view::compare::Removal;
use rod_view::open::Opener;
use rod_view::{Cache, Format, ModuleIdx, NodePos, TreeId};

fn files(dir: &Path, prefix: &str) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(dir).expect("fixture folder").filter_map(|e| e.ok().map(|e| e.path())).collect();
    names.sort();
    for p in names.into_iter().filter(|p| p.is_file()) {
        let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        out.push((format!("{prefix}/{name}"), std::fs::read(&p).expect("fixture file")));
    }
    out
}

fn fixtures() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

/// The pair dropped as one folder: `pair/before` and `pair/after` (opened caches in
/// folder order: after, then before).
fn opened_pair() -> (Box<dyn Cache>, Box<dyn Cache>) {
    let mut o = Opener::new();
    for (p, b) in files(&fixtures().join("rebuild-1"), "pair/before").into_iter().chain(files(&fixtures().join("rebuild"), "pair/after")) {
        o.add(p, b);
    }
    let mut caches = o.finish();
    assert_eq!(caches.len(), 2, "{:?}", caches.iter().map(|c| c.label.clone()).collect::<Vec<_>>());
    assert!(caches[0].label.starts_with("pair/after"), "{}", caches[0].label);
    assert!(caches[1].label.starts_with("pair/before"), "{}", caches[1].label);
    let before = caches.pop().expect("two").cache;
    let after = caches.pop().expect("two").cache;
    (before, after)
}

fn loaded(dir: &str) -> PackedCache {
    PackedCache::load(files(&fixtures().join(dir), dir))
}

#[test]
fn two_builds_compared() {
    let (before, after) = opened_pair();
    let view = before.build_diff(&*after).expect("packed caches compare");
    let (a, b) = (loaded("rebuild-1"), loaded("rebuild"));
    let want = BuildDiff::between(&a.snapshot().expect("live"), &b.snapshot().expect("live"));
    let regen = |v: Vec<&str>| v.into_iter().map(String::from).collect::<Vec<_>>();
    let got: Vec<String> = regen(view.modules.iter().filter(|m| m.regenerated).map(|m| m.path.as_str()).collect());
    let expected: Vec<String> = regen(want.regenerated().map(|m| m.path.as_str()).collect());
    assert_eq!(got, expected);
    assert!(!got.is_empty(), "the rebuild regenerates something");
    for (v, d) in view.modules.iter().zip(&want.modules) {
        assert_eq!(v.path, d.path);
        assert_eq!(v.reasons.iter().map(|r| r.slug).collect::<Vec<_>>(), d.reasons.iter().map(|r| r.slug()).collect::<Vec<_>>(), "{}", v.path);
        assert_eq!(v.entered.iter().map(|k| rod_decoder::SymId(k.0 as i32)).collect::<Vec<_>>(), d.entered, "{}", v.path);
        assert_eq!(v.left.iter().map(|k| rod_decoder::SymId(k.0 as i32)).collect::<Vec<_>>(), d.left, "{}", v.path);
        // entered symbols are links into the newer cache, left ones into the older
        for k in &v.entered {
            assert!(after.sym_link(v.new.expect("in the newer build"), *k, false).target.is_some(), "{} +{k}", v.path);
        }
        for k in &v.left {
            assert!(before.sym_link(v.old.expect("in the older build"), *k, false).target.is_some(), "{} -{k}", v.path);
        }
    }
    let count = |slug: &str| view.counts.iter().find(|c| c.slug == slug).map(|c| c.value);
    assert_eq!(count("regenerated"), Some(got.len()));
    // the edited module's trees differ; every changed item names nodes on its sides
    let lib = view.modules.iter().find(|m| m.short == "lib.nim").expect("lib.nim");
    let changes = before.tree_diff(lib.old.expect("old"), &*after, lib.new.expect("new")).expect("tree diff");
    let changed: Vec<_> = changes.iter().filter(|c| c.change != "same").collect();
    assert!(!changed.is_empty(), "{changes:?}");
    for c in &changed {
        assert!(!c.changed_old.is_empty() || !c.changed_new.is_empty(), "{c:?}");
        for &n in &c.changed_new {
            assert!(after.node_row(lib.new.expect("new"), c.tree, n).is_some(), "{c:?}");
        }
    }
    println!(
        "ORACLE: compare: {} modules, {} regenerated ({}) as BuildDiff; {} of {} items of lib.nim's trees changed",
        view.modules.len(),
        got.len(),
        view.modules.iter().filter(|m| m.regenerated).map(|m| m.short.as_str()).collect::<Vec<_>>().join(", "),
        changed.len(),
        changes.len()
    );
}

#[test]
fn whatif_on_every_statement() {
    let c = loaded("rebuild");
    let g = &c.graph;
    let base = LiveSet::compute(g);
    let mut checked = 0;
    let mut dying = 0;
    for m in g.in_build() {
        let roots: Vec<NodePos> = c.module(m).expect("module").top_level.roots().collect();
        for r in roots {
            let removal = c.removable(m, TreeId(0), r).expect("a top-level statement is removable");
            let view = Cache::whatif(&c, &[removal]).expect("what-if");
            // the statement stands for its source line (as `rodscope whatif --without-stmt`)
            let pm = c.module(m).expect("module");
            let info = pm.top_level.node(r).expect("root").info;
            let mut stmts = if info.file.is_none() { Vec::new() } else { whatif::statements_at(g, &pm.str(info.file), info.line) };
            if !stmts.contains(&(m, r)) {
                stmts.push((m, r));
            }
            assert!(view.removed.iter().all(|w| w.contains(&format!(":{}", info.line))), "{:?}", view.removed);
            let want = WhatIf::compute(g, &base, &Without { statements: stmts, symbols: Vec::new() });
            let got: Vec<(ModuleIdx, Vec<rod_decoder::SymId>)> = view.dies.iter().map(|d| (d.module, d.syms.iter().map(|k| rod_decoder::SymId(k.0 as i32)).collect())).collect();
            assert_eq!(got, want.dies, "{m:?} {r:?}");
            let regen: Vec<ModuleIdx> = view.regenerated.iter().map(|x| x.module).collect();
            assert_eq!(regen, want.regenerated.iter().map(|x| x.0).collect::<Vec<_>>());
            dying += want.total_dies();
            checked += 1;
        }
        // a node inside a statement is not removable on its own
        if let Some(n) = c.module(m).and_then(|pm| (pm.top_level.len() > 1).then_some(NodePos(1))) {
            let is_root = c.module(m).expect("module").top_level.roots().any(|r| r == n);
            assert_eq!(c.removable(m, TreeId(0), n).is_some(), is_root);
        }
        assert!(c.removable(m, TreeId(1), NodePos(0)).is_none(), "bodies are not top-level statements");
    }
    assert!(checked > 0);
    let first = c.symbols(ModuleIdx(0)).into_iter().next().expect("a symbol");
    let sym = Cache::whatif(&c, &[Removal::Symbol(ModuleIdx(0), first)]);
    assert!(sym.is_some());
    println!("ORACLE: whatif view: {checked} top-level statements, dies and regenerated modules as WhatIf::compute ({dying} dying ids in all)");
}

#[test]
fn formats_without_builds_say_so() {
    let legacy = rod_view::backend::legacy::LegacyCache::load(Vec::new());
    let (before, _) = opened_pair();
    assert!(legacy.whatif(&[]).is_none());
    assert!(legacy.build_diff(&*before).is_none());
    assert!(before.build_diff(&legacy).is_none());
    assert!(rod_view::compare::no_compare(&legacy, &*before).contains("different formats"));
    assert!(rod_view::compare::no_whatif(&legacy).contains("no what-if"));
    assert_ne!(legacy.format(), Format::PackedRod);
    println!("ORACLE: builds: formats without comparison / what-if answer None (2 checks each) and the views' words name them");
}
