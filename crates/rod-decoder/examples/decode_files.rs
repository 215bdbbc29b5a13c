//! Decodes each file given on the command line once (for instruction counts under
//! `valgrind --tool=cachegrind`, which a loaded machine does not disturb):
//! `cargo run --release -p rod-decoder --example decode_files -- FILES...`.

fn main() {
    let mut nodes = 0usize;
    for f in std::env::args().skip(1) {
        let Ok(b) = std::fs::read(&f) else { continue };
        if let Ok(m) = rod_decoder::decode(&b) {
            nodes += rod_decoder::TreeKind::ALL.iter().map(|&k| m.tree(k).len()).sum::<usize>();
        }
    }
    println!("{nodes} nodes");
}
