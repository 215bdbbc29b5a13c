//! Hostile input at every layer: files made at test time from own modules of the
//! test programs (see `common/forge.rs`), each run through every layer with the
//! consistency oracles of `common/exercise.rs` (the code the fuzz targets run), plus
//! the regressions of what fuzzing found. Each input is one a fuzzer found or one
//! of the classes in issue #14.

#[path = "common/mod.rs"]
mod common;
#[path = "common/exercise.rs"]
mod exercise;

use common::forge;
use rod_decoder::graph::{LiveSet, ModuleGraph};
use rod_decoder::print;
use rod_view::print::MAX_INDENT_DEPTH;
use rod_decoder::{decode, ErrorKind, RodVersion, SectionKind, TreeKind};

fn bases() -> Vec<(RodVersion, Vec<u8>)> {
    let mut v = Vec::new();
    for ver in [RodVersion::V1_6, RodVersion::V2_0, RodVersion::V2_2] {
        match forge::base(ver) {
            Some((_, b)) => v.push((ver, b)),
            None => common::skip(&format!("hostile inputs from a {} file: its corpus is absent", ver.label())),
        }
    }
    v
}

#[test]
fn deep_chain_prints_with_capped_indent() {
    let mut n = 0;
    for (v, base) in bases() {
        let depth = 32_768 + 5;
        let bytes = forge::deep_bodies(v, &base, depth);
        let m = decode(&bytes).unwrap_or_else(|e| panic!("{v}: the forged chain decodes: {e}"));
        assert_eq!(m.bodies.len(), depth);
        let mut out = Vec::new();
        exercise::print_tree(&exercise::module_view(&m), TreeKind::Bodies, None, None, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.lines().count(), depth);
        let longest = text.lines().map(str::len).max().unwrap_or(0);
        assert!(longest < 2 * MAX_INDENT_DEPTH as usize + 200, "{v}: a line of {longest} bytes");
        assert!(text.contains(&format!("[depth {}] nkStmtList", depth - 1)), "{v}: the deepest line says its depth");
        assert!(!text.contains(&format!("[depth {MAX_INDENT_DEPTH}]")), "{v}: up to the cap, depth is shown by indentation");
        exercise::rod_file(&bytes);
        let g = ModuleGraph::new(vec![m]);
        let _ = LiveSet::compute(&g);
        n += 1;
    }
    eprintln!("ORACLE: a {}-deep bodies chain prints linearly in {n} layouts", 32_768 + 5);
}

#[test]
fn negative_and_extreme_symbol_ids() {
    let Some((_, base)) = forge::base(RodVersion::V2_2) else {
        return common::skip("2.2 symbol ids: ../shared/corpus absent");
    };
    let n = forge::sym_records(&base);
    assert!(n > 3);
    // every id -1: the highest id is -1 (ItemTable::id_bound overflowed on it)
    let mut all_neg = base.clone();
    for k in 0..n {
        all_neg = forge::set_sym_id(&all_neg, k, -1);
    }
    // one id huge, one id i32::MIN
    let sparse = forge::set_sym_id(&forge::set_sym_id(&base, 1, 2_000_000_000), 2, i32::MIN);
    for (what, bytes) in [("all ids -1", &all_neg), ("sparse ids", &sparse)] {
        let m = decode(bytes).unwrap_or_else(|e| panic!("{what}: {e}"));
        exercise::rod_file(bytes);
        let g = ModuleGraph::new(vec![m]);
        let live = LiveSet::compute(&g);
        let a = live.alive(rod_decoder::graph::ModuleIdx(0));
        assert!(a.windows(2).all(|w| w[0] < w[1]), "{what}: alive ids ascending");
    }
    let m = decode(&sparse).unwrap();
    assert_eq!(m.syms.record_index(rod_decoder::SymId(2_000_000_000)), Some(1));
    assert_eq!(m.syms.record_index(rod_decoder::SymId(i32::MIN)), Some(2));
    assert!(m.syms.keys().map(|k| k.1).all(|k| k < n));
    eprintln!("ORACLE: 2.2 symbol tables with ids -1, 2e9 and i32::MIN ({n} records) load and run the DCE");
}

#[test]
fn child_span_past_its_parent_is_clamped_and_reported() {
    let mut n = 0;
    for (v, base) in bases() {
        // 0: StmtList span 3 [1: StmtList span 5 (runs past 0's end), 2: ident], 3, 4
        let tree = [(115u8, 3), (115, 5), (1, 0), (1, 0), (1, 0)];
        let bytes = forge::splice(&base, SectionKind::Bodies, &forge::tree_payload(v, &tree));
        let m = decode(&bytes).unwrap();
        let t = &m.bodies;
        assert!(!t.spans_exact());
        assert_eq!(t.subtree_end(rod_decoder::NodePos(1)).0, 3);
        assert_eq!(t.roots().map(|p| p.0).collect::<Vec<_>>(), vec![0, 3, 4]);
        assert_eq!(t.parent(rod_decoder::NodePos(3)), None);
        assert_eq!(t.children(rod_decoder::NodePos(1)).map(|p| p.0).collect::<Vec<_>>(), vec![2]);
        let f = rod_decoder::validate::validate(&m);
        let hit = f.iter().find(|f| f.message.contains("past its parent node 0")).expect("validate reports the overrun");
        assert_eq!(hit.section, Some("bodies"));
        let off = m.node_offset(TreeKind::Bodies, rod_decoder::NodePos(1)).unwrap();
        assert_eq!(hit.offset, Some(off));
        assert!(hit.place.contains(&format!("{off:#x}")), "{}", hit.place);
        // the record really is there
        assert_eq!(bytes[off], 115);
        exercise::rod_file(&bytes);
        n += 1;
    }
    eprintln!("ORACLE: a child span past its parent is clamped by every navigation and reported with its offset in {n} layouts");
}

#[test]
fn many_include_entries() {
    let mut n = 0;
    for (v, base) in bases() {
        let k = 100_000;
        let bytes = forge::many_includes(&base, k);
        let m = decode(&bytes).unwrap();
        assert_eq!(m.includes.len(), k);
        let stale = m.stale_includes();
        assert_eq!(stale.len(), k - 1, "{v}: all but the last entry are stale");
        assert_eq!(stale.as_slice().last(), Some(&(k - 2)));
        assert!(stale.contains(&0) && !stale.contains(&(k - 1)) && !stale.contains(&k));
        let mut sink = std::io::sink();
        print::nim_rod_view(&m, &mut sink).unwrap();
        n += 1;
    }
    eprintln!("ORACLE: 100000 include entries: {n} layouts, stale_includes lists 99999");
}

#[test]
fn huge_counts_are_errors_before_allocation() {
    let mut n = 0;
    for (v, base) in bases() {
        for kind in [SectionKind::Bodies, SectionKind::Syms, SectionKind::CheckSums, SectionKind::Strings] {
            let bytes = forge::huge_count(&base, kind, i32::MAX);
            let e = decode(&bytes).unwrap_err();
            assert!(matches!(e.kind(), ErrorKind::TooBig | ErrorKind::UnexpectedEnd), "{v} {kind:?}: {e}");
            assert!(e.section().is_some());
            exercise::rod_file(&bytes);
            n += 1;
        }
    }
    eprintln!("ORACLE: {n} huge length prefixes are errors");
}

/// Found by the whole_cache fuzz target on its first seeds: a module outside the
/// build whose symbols are followed listed each alive id twice.
#[test]
fn regression_alive_ids_of_modules_outside_the_build() {
    let Some((_, cache)) = common::caches16().into_iter().find(|c| c.0 == "basics") else {
        return common::skip("whole_cache regression: RODSCOPE_CORPUS not set");
    };
    let base = exercise::BaseCache::load(&cache, 256 * 1024);
    assert!(base.modules.len() > 5);
    let input = std::fs::read(cache.join("@mcolors.rod")).unwrap();
    exercise::whole_cache(&base, None, &input);
    eprintln!("ORACLE: whole cache of {} modules with colors replaced: alive ids unique", base.modules.len());
}

/// Every forged input through the whole-program target too.
#[test]
fn forged_modules_in_a_whole_cache() {
    let Some((_, cache)) = common::caches16().into_iter().find(|c| c.0 == "basics") else {
        return common::skip("forged modules in a cache: RODSCOPE_CORPUS not set");
    };
    let base = exercise::BaseCache::load(&cache, 256 * 1024);
    let (_, colors) = forge::base(RodVersion::V1_6).unwrap();
    let inputs = [
        forge::deep_bodies(RodVersion::V1_6, &colors, 40_000),
        forge::many_includes(&colors, 20_000),
        forge::splice(&colors, SectionKind::Bodies, &forge::tree_payload(RodVersion::V1_6, &[(115, 3), (115, 5), (1, 0), (1, 0), (1, 0)])),
    ];
    for b in &inputs {
        exercise::whole_cache(&base, None, b);
    }
    eprintln!("ORACLE: {} forged modules in the basics cache ({} modules)", inputs.len(), base.modules.len());
}
