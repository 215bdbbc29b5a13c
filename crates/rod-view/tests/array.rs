//! The packed-array view (`Cache::array_row`) and "What is this?" (`Cache::explain`):
//! every node's record agrees with the tree contract (subtree end, span), a non-atom's
//! operand is its span, an nkSym's operand its symbol, an nkModuleRef's two operand
//! children are the module path and the item its link resolves to; 2.2 rows say where
//! flags, type and position came from. Other formats say they store no flat array.
//! On the committed fixtures (always) and the 2.0/2.2 corpus (when present).

mod common;

use std::path::{Path, PathBuf};

use rod_view::backend::packed::PackedCache;
use rod_view::glossary::Selection;
use rod_view::open::Opener;
use rod_view::{ArrayStorage, Cache, Format, ModuleIdx, NodePos, NodeValue, Operand, Target};

fn load(dir: &Path) -> PackedCache {
    let mut c = common::load_packed(dir, true, false);
    c.compute_live();
    c
}

#[derive(Default, Debug)]
struct Counts {
    modules: usize,
    rows: usize,
    spans: usize,
    syms: usize,
    module_refs: usize,
    origins: usize,
    explained: usize,
}

/// Checks every `step`-th node of every tree (and every node near an nkModuleRef).
fn check(c: &PackedCache, node_size: usize, v22: bool, step: usize) -> Counts {
    let mut k = Counts::default();
    for i in 0..c.module_count() {
        let m = ModuleIdx(i as u32);
        k.modules += 1;
        for t in c.trees(m) {
            match c.array_storage(m, t.id) {
                ArrayStorage::Flat { record, record_size, section, .. } => {
                    assert_eq!((record.as_str(), record_size), ("PackedNode", node_size));
                    assert!(rod_view::glossary::explain(&section).is_some(), "{section}");
                }
                ArrayStorage::NotFlat(w) => panic!("packed tree not flat: {w}"),
            }
            for p in 0..t.len as u32 {
                let n = NodePos(p);
                let row = c.node_row(m, t.id, n).unwrap();
                let is_ref = row.folds_children;
                if !(p as usize).is_multiple_of(step) && !is_ref {
                    continue;
                }
                let a = c.array_row(m, t.id, n).unwrap();
                k.rows += 1;
                assert_eq!(a.index, n);
                assert_eq!(a.kind, row.kind);
                assert_eq!(a.subtree_end, c.subtree_end(m, t.id, n));
                assert_eq!(a.span as usize, (a.subtree_end.0 - p) as usize);
                assert_eq!(a.bytes, row.bytes);
                assert_eq!(a.origin.is_some(), v22, "2.2 rows (only) say where their fields came from");
                match &a.meaning {
                    Operand::Span { stored, nodes } => {
                        assert_eq!(*nodes, a.span);
                        assert_eq!(*stored, a.operand);
                        k.spans += 1;
                    }
                    Operand::Sym { id, link } => {
                        assert_eq!(*id, a.operand);
                        assert_eq!(link.target, row.link(), "node {p}");
                        k.syms += 1;
                    }
                    _ => {}
                }
                let explained = c.explain(&Selection::Target(Target::Node(m, t.id, n)));
                assert!(explained.iter().any(|e| e.name == format!("PackedNode #{p}")));
                if rod_view::glossary::explain(&row.kind).is_some() {
                    assert_eq!(explained.first().map(|e| e.name.as_str()), Some(row.kind.as_str()));
                }
                k.explained += 1;
                if v22 {
                    k.origins += 1;
                }
                if is_ref && a.span == 3 {
                    // The two operand children: the module's path and the item the
                    // reference resolves to.
                    k.module_refs += 1;
                    let first = c.array_row(m, t.id, NodePos(p + 1)).unwrap();
                    let second = c.array_row(m, t.id, NodePos(p + 2)).unwrap();
                    let Operand::ModulePath { path, .. } = &first.meaning else { panic!("node {}: {:?}", p + 1, first.meaning) };
                    let Operand::Item(item) = second.meaning else { panic!("node {}: {:?}", p + 2, second.meaning) };
                    if let NodeValue::Sym { module: Some(short), link, .. } = &row.value {
                        assert_eq!(path, short, "module ref {p}");
                        assert!(matches!(link.target, Some(Target::Sym(_, s)) if s.0 == item), "module ref {p}");
                    }
                    for child in [p + 1, p + 2] {
                        let e = c.explain(&Selection::Target(Target::Node(m, t.id, NodePos(child))));
                        assert_eq!(e.first().map(|e| e.name.as_str()), Some("nkModuleRef"));
                    }
                    let e = c.explain(&Selection::Target(Target::Node(m, t.id, n)));
                    assert!(e.first().is_some_and(|e| e.name == "nkModuleRef" && e.text.contains("two operand children")));
                }
            }
            let tree_entries = c.explain(&Selection::Tree(m, t.id));
            assert!(tree_entries.iter().any(|e| e.name == "PackedTree"));
        }
        for s in c.symbols(m).into_iter().step_by(step.max(7)) {
            let e = c.explain(&Selection::Target(Target::Sym(m, s)));
            let kind = c.sym_row(m, s).unwrap().kind;
            assert_eq!(e.first().map(|e| e.name.clone()), Some(kind));
            assert!(e.iter().any(|e| e.name == "PackedSym"));
        }
        for t in c.types(m).into_iter().step_by(step.max(7)) {
            let e = c.explain(&Selection::Target(Target::Type(m, t)));
            assert_eq!(e.first().map(|e| e.name.as_str()), Some("PackedType"));
        }
        for tb in c.tables(m) {
            assert!(!c.explain(&Selection::Table(m, tb.slug.clone())).is_empty(), "table {}", tb.slug);
        }
        assert!(c.explain(&Selection::Target(Target::Module(m))).iter().any(|e| e.name == "PackedModule"));
    }
    k
}

#[test]
fn packed_arrays_of_the_fixtures_and_corpus() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut dirs: Vec<(String, PathBuf, usize, bool, usize)> =
        vec![("fixtures/basics (1.6)".into(), root.join("tests/fixtures/basics"), 28, false, 1)];
    let shared = root.join("../shared/corpus");
    if shared.is_dir() {
        dirs.push(("s1 2.0.0".into(), shared.join("s1/nim-2.0.0/cache"), 28, false, 11));
        dirs.push(("s1 2.2.0".into(), shared.join("s1/nim-2.2.0/cache"), 8, true, 11));
    } else {
        println!("SKIP: packed arrays on 2.x: ../shared/corpus absent");
    }
    for (label, dir, size, v22, step) in dirs {
        let c = load(&dir);
        let k = check(&c, size, v22, step);
        println!(
            "ORACLE: packed arrays {label}: {} modules, {} node records (= tree contract), {} spans, {} nkSym operands = their links, {} nkModuleRef operand pairs = module path + item, {} rows with 2.2 field origins, {} nodes explained",
            k.modules, k.rows, k.spans, k.syms, k.module_refs, k.origins, k.explained
        );
        assert!(k.modules > 0 && k.rows > 0 && k.spans > 0 && k.syms > 0);
        assert!(k.module_refs > 0, "{label}: no nkModuleRef checked");
    }
}

#[test]
fn other_formats_say_they_store_no_flat_array() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    let dirs = [shared.join("corpus-legacy/text-0.9.0/p1"), shared.join("corpus-legacy/sqlite-1.4.8/p1"), shared.join("corpus-nif/p1_hello/nimcache")];
    if !dirs.iter().all(|d| d.is_dir()) {
        println!("SKIP: flat arrays of other formats: ../shared/corpus-legacy or corpus-nif missing");
        return;
    }
    let mut o = Opener::new();
    for d in &dirs {
        let mut stack = vec![d.clone()];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    o.add(p.display().to_string(), std::fs::read(&p).unwrap());
                }
            }
        }
    }
    let mut checked = Vec::new();
    for opened in o.finish() {
        let c = &*opened.cache;
        assert_ne!(c.format(), Format::PackedRod);
        let m = ModuleIdx(0);
        let t = c.trees(m).first().map(|t| t.id).unwrap();
        assert!(matches!(c.array_storage(m, t), ArrayStorage::NotFlat(w) if w.contains("no node records")));
        assert!(c.array_row(m, t, NodePos(0)).is_none());
        checked.push(c.format().name());
    }
    assert_eq!(checked.len(), 3);
    println!("ORACLE: flat arrays: {} other formats say how they store trees instead ({})", checked.len(), checked.join(", "));
}
