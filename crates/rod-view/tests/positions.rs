//! `nodes_at` against every node: for each node recorded at a position in its own
//! module's file, asking for that position lists the node (the `rodscope at` oracle),
//! and find-in-tree agrees with the rows. Runs on the generated 1.6 corpus
//! (`$RODSCOPE_CORPUS`) and the 2.0/2.2 caches of `../shared/corpus`.

mod common;

use std::path::{Path, PathBuf};

use rod_view::backend::packed::PackedCache;
use rod_view::{Cache, ModuleIdx, NodePos, NodeValue};

fn caches() -> Vec<(String, PathBuf)> {
    let mut v = Vec::new();
    if let Some(root) = std::env::var_os("RODSCOPE_CORPUS").map(PathBuf::from).filter(|p| p.is_dir()) {
        for p in ["basics", "stdlib"] {
            let d = root.join(p).join("cache");
            if d.is_dir() {
                v.push((format!("1.6 {p}"), d));
            }
        }
    } else {
        println!("SKIP: positions: no 1.6 corpus ($RODSCOPE_CORPUS unset)");
    }
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    for v_ in ["2.0.0", "2.2.0"] {
        let d = shared.join("s1").join(format!("nim-{v_}")).join("cache");
        if d.is_dir() {
            v.push((format!("{v_} s1"), d));
        }
    }
    if !shared.is_dir() {
        println!("SKIP: positions: no ../shared/corpus");
    }
    v
}

fn load(dir: &Path) -> PackedCache {
    common::load_packed(dir, false, false)
}

#[test]
fn every_positioned_node_is_found_at_its_position() {
    for (label, dir) in caches() {
        let c = load(&dir);
        let (mut checked, mut queries) = (0usize, 0usize);
        for mi in 0..c.module_count() {
            let m = ModuleIdx(mi as u32);
            let Some(pm) = c.module(m) else { continue };
            let own = pm.path().map(|p| p.into_owned()).unwrap_or_default();
            for t in c.trees(m) {
                // one query per distinct (line, col), checking every node recorded there
                let mut at: std::collections::BTreeMap<(i32, i32), Vec<NodePos>> = Default::default();
                for i in 0..t.len as u32 {
                    let Some(row) = c.node_row(m, t.id, NodePos(i)) else { continue };
                    let Some(p) = row.pos else { continue };
                    if p.file == own && p.own_file {
                        at.entry((p.line, p.col)).or_default().push(NodePos(i));
                    }
                }
                // rows of folded operands are not nodes of their own
                let folded: std::collections::HashSet<u32> = (0..t.len as u32)
                    .filter(|&i| c.node_row(m, t.id, NodePos(i)).is_some_and(|r| r.folds_children))
                    .flat_map(|i| i + 1..c.subtree_end(m, t.id, NodePos(i)).0)
                    .collect();
                for ((line, col), nodes) in at.iter() {
                    let hits = c.nodes_at(&own, *line, Some(*col));
                    queries += 1;
                    assert!(hits.windows(2).all(|w| w[0].depth >= w[1].depth), "{label}: deepest first");
                    for n in nodes.iter().filter(|n| !folded.contains(&n.0)) {
                        assert!(
                            hits.iter().any(|h| h.module == m && h.tree == t.id && h.node == *n),
                            "{label}: {own}:{line}:{col} does not list {} node {}",
                            t.slug,
                            n.0
                        );
                        checked += 1;
                    }
                }
            }
        }
        assert!(checked > 0, "{label}: no positioned node");
        println!("ORACLE: at {label}: {checked} nodes found at their own positions ({queries} queries)");
    }
}

#[test]
fn find_in_tree_agrees_with_rows() {
    for (label, dir) in caches().into_iter().take(2) {
        let c = load(&dir);
        let mut found = 0;
        for mi in 0..c.module_count().min(12) {
            let m = ModuleIdx(mi as u32);
            for t in c.trees(m) {
                for q in ["nkCall", "StrLit", "result", ":3"] {
                    let fast = c.find_in_tree(m, t.id, q, usize::MAX);
                    let slow = rod_view::find::scan(&c, m, t.id, q, usize::MAX);
                    // the packed finder matches full literals; the rows clip long ones
                    assert!(slow.iter().all(|p| fast.contains(p)), "{label} {} {q}: rows find more", t.slug);
                    found += fast.len();
                    for p in &fast {
                        let row = c.node_row(m, t.id, *p);
                        assert!(row.is_some(), "{label}: a found node has a row");
                        if q == "result" {
                            assert!(matches!(row.map(|r| r.value), Some(NodeValue::Sym { .. } | NodeValue::Lit(_))));
                        }
                    }
                }
            }
        }
        println!("ORACLE: find-in-tree {label}: {found} matches, packed finder ⊇ row scan");
    }
}
