fn main() {
    for p in std::env::args().skip(1) {
        let b = std::fs::read(&p).unwrap();
        if p.ends_with(".db") {
            let t = std::time::Instant::now();
            match rod_legacy::db::decode(&b) {
                Ok(d) => println!("{p}: {:?} syms {} types {} top {} modules {} files {} deps {} {:?}", d.era, d.syms.len(), d.types.len(), d.toplevel.len(), d.modules.len(), d.filenames.len(), d.deps.len(), t.elapsed()),
                Err(e) => println!("{p}: ERR {e}"),
            }
            continue;
        }
        match rod_legacy::text::decode(&b) {
            Ok(m) => {
                let (s, t, k) = m.counts();
                println!("{p}: syms {s} types {t} top {k} lines {} index {} dangling {} {}", m.lines.len(), m.index.len(), m.dangling_syms.len(), m.dangling_types.len());
            }
            Err(e) => println!("{p}: ERR {e}"),
        }
    }
}
