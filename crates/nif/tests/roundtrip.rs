//! BIF → text byte for byte, and text → model → text for every indexed file.

mod common;

#[test]
fn bif_twins_render_to_their_text() {
    let Some(root) = common::corpus() else {
        println!("SKIP: ../shared/corpus-nif not present");
        return;
    };
    let mut n = 0;
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
    println!("ORACLE: nif BIF->text: {n} BIF files render to their text twins byte for byte");
}

#[test]
#[ignore]
fn dump_synth() {
    let root = common::corpus().unwrap();
    let b = std::fs::read(root.join("synthetic/synth.bif")).unwrap();
    let doc = rod_nif::bif::decode(&b, "synth").unwrap();
    std::fs::write("/tmp/synth_got.nif", rod_nif::render::module_text(&doc, ".synth")).unwrap();
}
