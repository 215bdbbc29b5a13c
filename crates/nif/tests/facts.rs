//! The expected facts of corpus-nif (expected/*.json, from an independent
//! reference decoder): per-module counts, index entries, cross-module references,
//! DCE graphs, live sets; the recomputed live set equals `.live.nif`.

mod common;

use rod_nif::cache::{Cache, Target};
use rod_nif::symbol::module_of;
use rod_nif::{Document, NodeId, NodeKind, Visibility};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::Path;

fn load_cache(dir: &Path) -> Cache {
    let mut input = Vec::new();
    for f in common::files(dir) {
        let rel = f.strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
        input.push((rel, std::fs::read(&f).unwrap()));
    }
    Cache::from_files(input)
}

/// The `modules[]` / `lowered[]` facts of one document, computed by this crate.
fn module_facts(doc: &Document, bytes: usize, with_imports: bool) -> Value {
    let sfx = doc.suffix().to_owned();
    let root = doc.roots()[0];
    let mut nodes = 0;
    let mut direct = 0;
    let mut by_tag: BTreeMap<String, u64> = BTreeMap::new();
    let first_is_def = |c: NodeId| doc.children(c).next().is_some_and(|k| doc.node(k).unwrap().kind == NodeKind::SymbolDef);
    let mut todo = vec![(root, true)];
    while let Some((s, top)) = todo.pop() {
        for c in doc.children(s) {
            if top {
                nodes += 1;
            }
            if first_is_def(c) {
                direct += usize::from(top);
                *by_tag.entry(doc.tag_of(c).unwrap().into_owned()).or_default() += 1;
            } else if doc.is_tag(c, "stmts") {
                todo.push((c, false));
            }
        }
    }
    let decls: u64 = by_tag.values().sum();
    let (mut defs, mut global) = (0, 0);
    let mut refs: BTreeMap<String, (u64, std::collections::BTreeSet<String>)> = BTreeMap::new();
    for (i, n) in doc.nodes().iter().enumerate() {
        let s = doc.symbol(NodeId(i as u32));
        match n.kind {
            NodeKind::SymbolDef => {
                defs += 1;
                global += usize::from(module_of(&s.unwrap()).is_some());
            }
            NodeKind::Symbol => {
                let s = s.unwrap();
                if let Some(m) = module_of(&s).filter(|m| *m != sfx) {
                    let e = refs.entry(m.to_owned()).or_default();
                    e.0 += 1;
                    e.1.insert(s.into_owned());
                }
            }
            _ => {}
        }
    }
    let ix = doc.index().unwrap();
    let exported = ix.iter().filter(|e| e.visibility == Visibility::Exported).count();
    let mut v = json!({
        "suffix": sfx,
        "bytes": bytes,
        "source": String::from_utf8_lossy(doc.file_name(doc.node(root).unwrap().pos.file)),
        "indexat": doc.indexat(),
        "top_level": {"nodes": nodes, "direct_decls": direct, "decls": decls, "decls_by_tag": by_tag},
        "index": {"total": ix.len(), "exported": exported, "hidden": ix.len() - exported},
        "symbol_defs": {"total": defs, "global": global, "local": defs - global},
        "cross_module_refs": {
            "total": refs.values().map(|r| r.0).sum::<u64>(),
            "by_module": refs.iter().map(|(m, (o, d))| (m.clone(), json!({"occurrences": o, "distinct": d.len()}))).collect::<serde_json::Map<_, _>>(),
        },
        "index_first10": ix.iter().take(10).map(|e| json!({"symbol": e.symbol, "visibility": e.visibility.name(), "offset": e.offset})).collect::<Vec<_>>(),
    });
    if with_imports {
        let imp = doc.children(root).next().filter(|&c| doc.is_tag(c, "import"));
        let list: Vec<Value> = imp
            .map(|c| {
                doc.children(c)
                    .map(|kv| {
                        let mut it = doc.children(kv);
                        let s = it.next().unwrap();
                        let p = it.next().unwrap();
                        json!({"suffix": doc.text(s).or_else(|| doc.symbol(s)).unwrap(), "path": doc.text(p).unwrap()})
                    })
                    .collect()
            })
            .unwrap_or_default();
        v["imports"] = json!(list);
    }
    v
}

fn strip(mut v: Value, keys: &[&str]) -> Value {
    if let Some(o) = v.as_object_mut() {
        for k in keys {
            o.remove(*k);
        }
    }
    v
}

#[test]
fn expected_facts() {
    let Some(root) = common::corpus() else {
        println!("SKIP: ../shared/corpus-nif not present");
        return;
    };
    for prog in ["p1_hello", "p2_generics"] {
        let exp: Value = serde_json::from_slice(&std::fs::read(root.join(format!("expected/{prog}.json"))).unwrap()).unwrap();
        let dir = root.join(prog).join("nimcache");
        let cache = load_cache(&dir);
        // Modules: every .s.nif.
        let mods = exp["modules"].as_array().unwrap();
        assert_eq!(cache.modules.len(), mods.len());
        let mut refs_checked = 0;
        let mut entries = 0;
        for em in mods {
            let sfx = em["suffix"].as_str().unwrap();
            let mi = cache.module(sfx).unwrap();
            let m = &cache.modules[mi];
            let doc = cache.doc(mi).unwrap();
            let got = module_facts(doc, doc.input_len(), true);
            let want = strip(em.clone(), &["file"]);
            assert_eq!(got, want, "{prog} {sfx}");
            assert_eq!(m.source.as_deref(), em["source"].as_str());
            entries += m.decls.len();
            // Cross-module references resolve through the target's index.
            for r in cache.cross_refs(mi) {
                refs_checked += 1;
                match r.target {
                    Target::Decl { module, decl } => assert_eq!(cache.modules[module].decls[decl].symbol, r.symbol),
                    Target::NotInIndex { module } => panic!("{prog} {sfx}: {} not in {}'s index", r.symbol, cache.modules[module].suffix),
                    Target::MissingModule { suffix } => panic!("{prog} {sfx}: {} names missing module {suffix}", r.symbol),
                }
            }
        }
        // Lowered files (.x.nif and <main>/<M>.c.nif).
        let lowered = exp["lowered"].as_array().unwrap();
        for el in lowered {
            let path = el["file"].as_str().unwrap().strip_prefix("nimcache/").unwrap();
            let f = cache.files.iter().find(|f| f.path == path).unwrap();
            let doc = f.doc.as_ref().unwrap();
            assert_eq!(f.role, Some(rod_nif::Role::Lowered), "{path}");
            assert_eq!(module_facts(doc, doc.input_len(), false), strip(el.clone(), &["file"]), "{prog} {path}");
        }
        // DCE graphs.
        let graphs: Vec<_> = cache.dce_graphs().into_iter().map(|g| g.unwrap()).collect();
        let edce = exp["dce"].as_array().unwrap();
        assert_eq!(graphs.len(), edce.len());
        for ed in edce {
            let g = graphs.iter().find(|g| g.suffix == ed["suffix"].as_str().unwrap()).unwrap();
            assert_eq!(g.roots.len() as u64, ed["roots"].as_u64().unwrap());
            assert_eq!(g.uses.len() as u64, ed["uses"].as_u64().unwrap());
            assert_eq!(json!(g.offers), ed["offers"]);
        }
        // Live set as recorded.
        let live = cache.live().unwrap().unwrap();
        let el = &exp["live"];
        let resolved: Vec<Value> = live.resolved.iter().map(|(k, w)| json!({"key": k, "winner": w})).collect();
        assert_eq!(json!(resolved), el["resolved"]);
        let modules: serde_json::Map<String, Value> = live.modules.iter().map(|(m, s)| (m.clone(), json!(s))).collect();
        assert_eq!(Value::Object(modules), el["modules"]);
        assert_eq!(live.total() as u64, el["total"].as_u64().unwrap());
        // Recomputed live set = .live.nif, module by module; winners agree.
        let reach = cache.reachability();
        let checks = rod_nif::dce::check(&reach, &live);
        for c in checks.iter().filter(|c| !c.matches()) {
            println!("{prog} {}: missing {:?} extra {:?}", c.module, c.missing, c.extra);
        }
        assert!(checks.iter().all(|c| c.matches()));
        for (k, w) in &live.resolved {
            assert_eq!(reach.resolved.get(k), Some(w), "winner of {k}");
        }
        // Every live symbol has a why-chain from a root.
        for (_, syms) in &live.modules {
            for s in syms {
                let chain = reach.why(s).unwrap();
                assert!(reach.is_root(&chain[0]), "{s}: chain starts at {}", chain[0]);
            }
        }
        // BIF twins.
        let ebif = exp["bif"].as_array().unwrap();
        for eb in ebif {
            let path = root.join(prog).join(eb["file"].as_str().unwrap());
            let bytes = std::fs::read(&path).unwrap();
            let sfx = common::suffix(&path);
            let doc = rod_nif::bif::decode(&bytes, &sfx).unwrap();
            let bi = doc.bif_info().unwrap();
            let ix = doc.index().unwrap();
            let exported = ix.iter().filter(|e| e.visibility == Visibility::Exported).count();
            let got = json!({
                "bytes": bytes.len(), "version": 5, "suffix": format!(".{sfx}"), "tokens": bi.tokens,
                "tags": bi.tags, "strings": bi.strings, "syms": bi.syms, "files": bi.files,
                "index": {"total": ix.len(), "exported": exported, "hidden": ix.len() - exported},
                "index_first10": ix.iter().take(10).map(|e| json!({"symbol": e.symbol, "visibility": e.visibility.name(), "token_pos": e.offset})).collect::<Vec<_>>(),
                "as_text_bytes": rod_nif::render::module_text(&doc, &format!(".{sfx}")).len(),
            });
            assert_eq!(got, strip(eb.clone(), &["file", "as_text_sha256", "text_file", "text_identical"]), "{}", path.display());
        }
        println!(
            "ORACLE: nif {prog}: {} modules (facts match), {} lowered files, {entries} index entries, {refs_checked} cross-module references resolved, {} DCE graphs, {} BIF files",
            cache.modules.len(),
            lowered.len(),
            graphs.len(),
            ebif.len()
        );
        println!(
            "ALIVE: nif {prog}: live set computed = .live.nif ({} modules, {} symbols, {} resolved instances)",
            checks.len(),
            live.total(),
            live.resolved.len()
        );
    }
}
