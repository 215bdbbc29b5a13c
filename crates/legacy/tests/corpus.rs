//! Every cache of ../shared/corpus-legacy: detected right, fully decoded, and equal to
//! the facts of expected/*.json (counts, first symbols, first top-level tree, the
//! resolution of cross-module references).

mod common;

use rod_legacy::cache::Cache;
use rod_legacy::ids::ModuleIdx;
use rod_legacy::text::LineKind;
use serde_json::{json, Value};

fn count_kind(m: &rod_legacy::text::TextModule, k: &[LineKind]) -> usize {
    m.line_kinds.iter().filter(|x| x.is_some_and(|x| k.contains(&x))).count()
}

#[test]
fn corpus_matches_expected_facts() {
    let Some(root) = common::corpus() else { return };
    for (name, folder) in common::CACHES {
        let dir = root.join(folder);
        let exp: Value = serde_json::from_slice(&std::fs::read(root.join("expected").join(format!("{name}.json"))).unwrap()).unwrap();
        // Detection of every file.
        for (f, bytes) in common::files(&dir) {
            let d = rod_legacy::detect(&bytes);
            let era = d.era().unwrap_or_else(|| panic!("{folder}/{f}: {}", d.describe()));
            assert_eq!(era.compiler(), exp["compiler"], "{folder}/{f}");
            assert_eq!(era.format(), exp["format"], "{folder}/{f}");
        }
        let cache = common::load(&dir);
        let mods = cache.modules();
        assert_eq!(mods.len() as u64, exp["module_count"].as_u64().unwrap(), "{name}: modules");
        let (mut s, mut t, mut k) = (0, 0, 0);
        for (i, (sum, em)) in mods.iter().zip(exp["modules"].as_array().unwrap()).enumerate() {
            let mi = ModuleIdx(i as u32);
            let ctx = format!("{name} {}", sum.name);
            assert_eq!(sum.name, em["name"], "{ctx}: name");
            assert_eq!(sum.path, em["path"], "{ctx}: path");
            let id_key = if cache.era().is_text() { "id" } else { "nimid" };
            assert_eq!(json!(sum.id.0), em[id_key], "{ctx}: id");
            let c = &em["counts"];
            assert_eq!(json!(sum.syms), c["syms"], "{ctx}: syms");
            assert_eq!(json!(sum.types), c["types"], "{ctx}: types");
            assert_eq!(json!(sum.toplevel), c["toplevel"], "{ctx}: toplevel");
            s += sum.syms;
            t += sum.types;
            k += sum.toplevel;
            // First symbols.
            let syms = cache.syms_of(mi);
            for (j, es) in em["first_symbols"].as_array().unwrap().iter().enumerate() {
                let mut got = rod_legacy::print::sym_json(&cache, mi, syms[j]);
                if let Cache::Db(d) = &cache {
                    let row = d.sym(syms[j].id).unwrap();
                    got.insert("module".into(), json!(row.module));
                    got.insert("exported".into(), json!(u8::from(row.exported)));
                }
                assert_eq!(Value::Object(got), *es, "{ctx}: symbol {j}");
            }
            // First top-level statement.
            let top = cache.toplevel_of(mi);
            let first = top.first();
            assert_eq!(json!(first.map_or(0, |t| t.nodes.len())), em["first_stmt_nodes"], "{ctx}: first_stmt_nodes");
            if let Some(tree) = first {
                let mut out = Vec::new();
                rod_legacy::print::tree_lines(&cache, mi, tree, &mut out).unwrap();
                let lines: Vec<String> = String::from_utf8(out).unwrap().lines().map(str::to_string).collect();
                assert_eq!(json!(lines), em["first_stmt_text"], "{ctx}: first_stmt_text");
            }
            match &cache {
                Cache::Text(tc) => {
                    let m = &tc.modules[i].1;
                    assert_eq!(json!(tc.modules[i].0), em["file"]);
                    assert_eq!(json!(m.lines.len()), c["data_lines"], "{ctx}: data_lines");
                    assert_eq!(json!(m.index.len()), c["index"], "{ctx}: index");
                    assert_eq!(json!(m.imports.len()), c["imports"], "{ctx}: imports");
                    assert_eq!(json!(m.interf.len()), c["interf"], "{ctx}: interf");
                    assert_eq!(json!(count_kind(m, &[LineKind::Sym])), c["syms_reached"], "{ctx}: syms_reached");
                    assert_eq!(json!(count_kind(m, &[LineKind::Type])), c["types_reached"], "{ctx}: types_reached");
                    assert_eq!(json!(count_kind(m, &[LineKind::UnreachedSym])), c["unreached_syms"], "{ctx}: unreached_syms");
                    assert_eq!(json!(count_kind(m, &[LineKind::UnreachedType])), c["unreached_types"], "{ctx}: unreached_types");
                    assert_eq!(count_kind(m, &[LineKind::Ambiguous]), 0, "{ctx}: ambiguous lines");
                    assert_eq!(json!(m.files), em["files"], "{ctx}: files");
                    assert_eq!(json!(m.defines), em["defines"], "{ctx}: defines");
                    assert_eq!(json!(m.options), em["options"], "{ctx}: options");
                    let off = m.toplevel.first().map(|(li, _)| m.lines[*li as usize].0);
                    assert_eq!(json!(off), em["first_stmt_data_offset"], "{ctx}: first_stmt_data_offset");
                    assert!(m.dangling_syms.is_empty() && m.dangling_types.is_empty(), "{ctx}: dangling references");
                }
                Cache::Db(d) => {
                    let row = &d.modules[i];
                    assert_eq!(json!(row.id), em["id"], "{ctx}: rowid");
                    assert_eq!(json!(row.full_hash), em["fullHash"], "{ctx}: fullHash");
                    let exported = cache.syms_of(mi).iter().filter(|x| d.sym(x.id).is_some_and(|r| r.exported)).count();
                    assert_eq!(json!(exported), c["exported_syms"], "{ctx}: exported_syms");
                    let fid = d.file_id(&row.fullpath);
                    assert_eq!(json!(fid), em["file_id"], "{ctx}: file_id");
                    let deps: Vec<_> = d.deps.iter().filter(|r| Some(r.module) == fid).collect();
                    assert_eq!(json!(deps.len()), c["deps_rows"], "{ctx}: deps rows");
                    assert_eq!(json!(deps.iter().filter(|r| r.is_include).count()), c["includes"], "{ctx}: includes");
                }
            }
        }
        if let Cache::Db(d) = &cache {
            // Totals count every row, those of module 0 (no owning module) too.
            (s, t, k) = (d.syms.len(), d.types.len(), d.toplevel.len());
        }
        let tot = &exp["totals"];
        assert_eq!((json!(s), json!(t), json!(k)), (tot["syms"].clone(), tot["types"].clone(), tot["toplevel"].clone()), "{name}: totals");
        // Cross-module references.
        let x = &exp["cross_module_refs"];
        let (total, resolved) = match &cache {
            Cache::Text(tc) => {
                let links = tc.imports();
                let r = links.iter().filter(|l| l.resolved).count();
                assert_eq!(json!(links.len() - r), x["unresolved"], "{name}: unresolved IMPORTS");
                (links.len(), r)
            }
            Cache::Db(d) => {
                let rt = cache.db_ref_totals().unwrap();
                assert_eq!(json!(rt.total), x["total"], "{name}: refs");
                assert_eq!(json!(rt.same_module), x["same_module"], "{name}: same-module refs");
                assert_eq!(json!(rt.to_module_0), x["to_module_0"], "{name}: refs to module 0");
                assert_eq!(json!(rt.unresolved), x["unresolved"], "{name}: unresolved refs");
                for (tname, rows) in exp["tables"].as_object().unwrap() {
                    let got = d.sizes.iter().find(|s| s.name == *tname).map(|s| s.rows);
                    assert_eq!(json!(got), *rows, "{name}: rows of {tname}");
                }
                assert_eq!(json!(d.idgen), exp["controlblock_idgen"], "{name}: controlblock");
                assert_eq!(json!(d.config), exp["config"], "{name}: config");
                assert_eq!(json!(d.version), exp["rod_file_version"], "{name}: version");
                (rt.cross_module, rt.cross_module_resolved)
            }
        };
        let key = if cache.era().is_text() { "total" } else { "cross_module" };
        let rkey = if cache.era().is_text() { "resolved" } else { "cross_module_resolved" };
        assert_eq!(json!(total), x[key], "{name}: cross-module refs");
        assert_eq!(json!(resolved), x[rkey], "{name}: resolved");
        println!(
            "ORACLE: legacy {name}: {} modules, {s} syms, {t} types, {k} toplevel decoded; {total} cross-module refs, {resolved} resolved; expected facts match",
            mods.len()
        );
    }
}
