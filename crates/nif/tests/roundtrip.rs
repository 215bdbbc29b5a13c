//! BIF → text byte for byte, and text → model → text for every indexed file.

mod common;

#[test]
fn bif_twins_render_to_their_text() {
    let Some(root) = common::corpus() else {
        println!("SKIP: ../shared/corpus-nif not present");
        return;
    };
    let mut n = 0;
    let mut entries = 0;
    let mut bad = Vec::new();
    for f in common::files(&root) {
        if f.extension().is_none_or(|e| e != "bif") {
            continue;
        }
        let sfx = common::suffix(&f);
        let bytes = std::fs::read(&f).unwrap();
        let doc = rod_nif::bif::decode(&bytes, &sfx).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        let twin = if sfx == "synth" {
            f.with_file_name("oracle.nif")
        } else {
            f.parent().unwrap().parent().unwrap().join("nimcache").join(format!("{sfx}.s.nif"))
        };
        let want = std::fs::read(&twin).unwrap();
        for e in doc.index().unwrap() {
            let d = e.decl.unwrap_or_else(|| panic!("{}: {} token {} leads nowhere", f.display(), e.symbol, e.offset));
            assert_eq!(doc.source_offset(d), Some(e.offset));
            assert_eq!(doc.symbol(doc.first_symbol_def(d).unwrap()).unwrap(), e.symbol);
            entries += 1;
        }
        let got = rod_nif::render::module_text(&doc, &format!(".{sfx}"));
        if got != want {
            let at = got.iter().zip(&want).position(|(a, b)| a != b).unwrap_or(got.len().min(want.len()));
            let lo = at.saturating_sub(80);
            bad.push(format!(
                "{}: differs at {at}\n got: {:?}\nwant: {:?}",
                f.display(),
                String::from_utf8_lossy(&got[lo..(at + 80).min(got.len())]),
                String::from_utf8_lossy(&want[lo..(at + 80).min(want.len())])
            ));
        }
        n += 1;
    }
    for b in &bad {
        println!("{b}");
    }
    assert!(bad.is_empty(), "{} of {n} BIF files differ", bad.len());
    println!("ORACLE: nif BIF->text: {n} BIF files render to their text twins byte for byte; {entries} BIF index entries lead to their declarations");
}

#[test]
#[ignore]
fn dump_synth() {
    let root = common::corpus().unwrap();
    let b = std::fs::read(root.join("synthetic/synth.bif")).unwrap();
    let doc = rod_nif::bif::decode(&b, "synth").unwrap();
    std::fs::write("/tmp/synth_got.nif", rod_nif::render::module_text(&doc, ".synth")).unwrap();
}

#[test]
fn every_nif_file_parses_and_indexed_text_rerenders() {
    let Some(root) = common::corpus() else {
        println!("SKIP: ../shared/corpus-nif not present");
        return;
    };
    for prog in ["p1_hello", "p2_generics"] {
        let (mut parsed, mut indexed, mut same, mut plain_same, mut index_ok, mut entries) = (0, 0, 0, 0, 0, 0);
        let mut bad = Vec::new();
        for f in common::files(&root.join(prog).join("nimcache")) {
            if f.extension().is_none_or(|e| e != "nif") {
                continue;
            }
            let sfx = common::suffix(&f);
            let bytes = std::fs::read(&f).unwrap();
            let doc = rod_nif::read(&bytes, &sfx).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
            parsed += 1;
            let got = rod_nif::render::canonical_text(&doc);
            if doc.indexat().is_some() {
                indexed += 1;
                if got == bytes {
                    same += 1;
                } else {
                    bad.push(f.display().to_string());
                }
                // Fact 3: every index entry leads to a compound whose first SymbolDef is the symbol.
                let ix = doc.index().unwrap_or(&[]);
                let mut globals = 0;
                for (i, n) in doc.nodes().iter().enumerate() {
                    if n.kind == rod_nif::NodeKind::SymbolDef {
                        let s = doc.symbol(rod_nif::NodeId(i as u32)).unwrap();
                        let written = s.strip_suffix(&sfx).map(|x| x.len() + 1).unwrap_or(s.len());
                        globals += usize::from(s.as_bytes()[1..written].iter().filter(|&&c| c == b'.').count() >= 2);
                    }
                }
                assert_eq!(ix.len(), globals, "{}: index entries vs global SymbolDefs", f.display());
                for e in ix {
                    let d = e.decl.unwrap_or_else(|| panic!("{}: {} offset {} leads nowhere", f.display(), e.symbol, e.offset));
                    let sd = doc.first_symbol_def(d).unwrap();
                    assert_eq!(doc.symbol(sd).unwrap(), e.symbol, "{}", f.display());
                    entries += 1;
                }
                index_ok += 1;
            } else if got == bytes {
                plain_same += 1;
            }
        }
        for b in &bad {
            println!("differs: {b}");
        }
        assert!(bad.is_empty());
        println!(
            "ORACLE: nif {prog}: {parsed} NIF files parsed, {same}/{indexed} indexed files re-render byte for byte, {index_ok} indexes ({entries} entries) lead to their declarations, {plain_same} headerless/plain files re-render too"
        );
    }
}
