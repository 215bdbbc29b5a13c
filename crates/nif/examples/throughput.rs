//! Decodes one file many times (for `perf stat`: cycles per byte, independent of
//! machine load). Usage: throughput FILE [ROUNDS] [read|owned|render].
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: throughput FILE [ROUNDS] [read|owned|render]");
        return;
    };
    let rounds: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(100);
    let what = args.get(3).map_or("text", String::as_str);
    let bytes = std::fs::read(path).unwrap_or_default();
    let sfx = rod_nif::model::suffix_of_file_name(path).to_owned();
    let mut n = 0usize;
    let doc = rod_nif::read(&bytes, &sfx).ok();
    for _ in 0..rounds {
        n += match what {
            "render" => doc.as_ref().map_or(0, |d| rod_nif::render::module_text(d, &format!(".{sfx}")).len()),
            "owned" => rod_nif::read_owned(bytes.clone(), &sfx).map_or(0, |d| d.nodes().len()),
            _ => rod_nif::read(&bytes, &sfx).map_or(0, |d| d.nodes().len()),
        };
    }
    println!("{} bytes x {rounds} rounds ({n})", bytes.len());
}
