//! The NIF backend through the view contract: a corpus-nif nimcache opened as a
//! `rod_view::Cache`, a cross-module symbol followed to its declaration.

use rod_view::backend::nif::NifCache;
use rod_view::{Cache, LiveMark, NodeValue, Target, TreeId, Why};
use std::path::{Path, PathBuf};

mod common;

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                todo.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn nif_cache_through_the_view_layer() {
    let Some(root) = common::shared("corpus-nif", "NIF view test") else { return };
    for prog in ["p1_hello", "p2_generics"] {
        let dir = root.join(prog).join("nimcache");
        let input = files(&dir)
            .into_iter()
            .map(|f| (f.strip_prefix(&dir).unwrap().to_string_lossy().into_owned(), std::fs::read(&f).unwrap()))
            .collect();
        let c = NifCache::load(input);
        assert!(c.problems().is_empty());
        let main = c.module_by_key("mai3r4ykk").unwrap();
        assert_eq!(c.module_row(main).unwrap().status, vec!["main".to_owned()]);
        // Every module's live set equals .live.nif.
        for m in 0..c.module_count() {
            assert_eq!(c.live_mark(rod_view::ModuleIdx(m as u32)), LiveMark::Match);
        }
        // Follow every cross-module symbol of main's semchecked tree to its declaration.
        let t = TreeId(0);
        let mut followed = 0;
        for n in 0..c.tree_len(main, t) as u32 {
            let row = c.node_row(main, t, rod_view::NodePos(n)).unwrap();
            let NodeValue::Sym { module: Some(_), link, .. } = &row.value else { continue };
            let Some(Target::Sym(tm, ts)) = link.target else { panic!("unresolved {link:?}") };
            assert_ne!(tm, main);
            let (dm, dt, dn) = c.definition(Target::Sym(tm, ts)).unwrap();
            let def = c.node_row(dm, dt, dn).unwrap();
            let sym = c.sym_row(tm, ts).unwrap();
            assert_eq!(def.hint.as_deref(), Some(sym.facts[0].value[0].label.as_str()), "{}", link.label);
            followed += 1;
        }
        assert!(followed > 0);
        // add (p1) / get (p2): a why-chain from a root, and usages in other modules.
        let name = if prog == "p1_hello" { "add@mathlib" } else { "box@containers" };
        let found = c.find_symbols(name);
        assert_eq!(found.len(), 1, "{name}");
        let (m, s) = found[0];
        let usages = c.usages(m, s);
        assert!(usages.iter().any(|u| u.node.target.is_some_and(|t| t.module() != m)), "{name}: no usage outside its module");
        if prog == "p1_hello" {
            assert!(matches!(c.why(m, s), Why::Alive(ref steps) if steps.len() >= 2));
        }
        println!(
            "ORACLE: rod-view nif {prog}: {} modules, {followed} cross-module symbols of main followed to their declarations, {} usages of {name}, live marks match",
            c.module_count(),
            usages.len()
        );
    }
}
