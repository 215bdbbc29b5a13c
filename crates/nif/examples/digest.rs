//! Prints one line per file (and per damaged variant of it): a digest of what the
//! reader returns (the whole document's Debug form, or the error), to compare builds.
use std::hash::{Hash, Hasher};
fn digest(bytes: &[u8], sfx: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    match rod_nif::read(bytes, sfx) {
        Ok(d) => format!("{d:?}").hash(&mut h),
        Err(e) => format!("ERR {e}").hash(&mut h),
    }
    h.finish()
}
fn main() {
    let mut todo: Vec<std::path::PathBuf> = std::env::args().skip(1).map(Into::into).collect();
    let mut files = Vec::new();
    while let Some(p) = todo.pop() {
        if p.is_dir() {
            for e in std::fs::read_dir(&p).into_iter().flatten().flatten() { todo.push(e.path()); }
        } else { files.push(p); }
    }
    files.sort();
    for f in files {
        let bytes = std::fs::read(&f).unwrap_or_default();
        let name = f.file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let sfx = rod_nif::model::suffix_of_file_name(&name).to_owned();
        let mut line = format!("{} {:x}", f.display(), digest(&bytes, &sfx));
        let step = (bytes.len() / 23).max(1);
        let mut v = Vec::new();
        for cut in (0..bytes.len()).step_by(step) { v.push(digest(&bytes[..cut], &sfx)); }
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..40 {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;
            if bytes.is_empty() { break; }
            let mut b = bytes.clone();
            let p = (x as usize) % b.len();
            b[p] ^= 1 << (x >> 60 & 7);
            v.push(digest(&b, &sfx));
        }
        let mut h = std::collections::hash_map::DefaultHasher::new();
        v.hash(&mut h);
        line.push_str(&format!(" damaged {:x}", h.finish()));
        println!("{line}");
    }
}
