//! `view`'s check of the include files: an entry of `includes` is stale when a later
//! entry records another SHA-1 for the same file, or when the file on disk has
//! another SHA-1 (the files `nim rod` refuses with `includeFileChanged`).
//!
//! Hashing the include files (system.rod: 37 files, 440 KB) is shared between a
//! helper thread, started before the module is decoded, and the main thread once
//! it has written the listing. Neither waits for the other: each entry is checked
//! by whichever thread takes it first, and the main thread checks any entry the
//! helper has not finished yet itself (on a busy machine the helper may wait
//! milliseconds for a core), so the result never waits on the scheduler.

use crate::input::Bytes;
use rod_decoder::{PackedModule, Parts, StaleIncludes};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

/// One entry's verdict: `Some(warning)` when stale.
type Verdict = Option<String>;

struct Shared {
    file: PathBuf,
    /// The next entry to take.
    next: AtomicUsize,
    /// One slot per entry, set by whichever thread checked it first.
    done: OnceLock<Vec<OnceLock<Verdict>>>,
}

/// A running check (see the module docs).
pub struct StaleCheck {
    shared: Arc<Shared>,
}

/// Starts the check of the module in `bytes` (read from `file`) on a helper thread.
pub fn start(file: &Path, bytes: Arc<Bytes>) -> StaleCheck {
    let shared = Arc::new(Shared { file: file.to_path_buf(), next: AtomicUsize::new(0), done: OnceLock::new() });
    let s = shared.clone();
    // Detached: the main thread never joins it (see `finish`).
    std::thread::spawn(move || {
        if let Ok(head) = rod_decoder::decode_with(&bytes, Parts::INCLUDES) {
            work(&s, &head, &head.stale_includes());
        } // else the main thread's decode reports the error
    });
    StaleCheck { shared }
}

impl StaleCheck {
    /// The warnings, in entry order, for `m` (the same module, fully decoded).
    pub fn finish(self, m: &PackedModule) -> Vec<String> {
        let s = &self.shared;
        let stale = m.stale_includes();
        work(s, m, &stale);
        let slots = slots(s, m);
        (0..m.includes.len())
            .filter_map(|i| match slots[i].get() {
                Some(v) => v.clone(),
                None => verdict(&s.file, m, i, &stale), // still with the helper: check it here
            })
            .collect()
    }
}

fn slots<'a>(s: &'a Shared, m: &PackedModule) -> &'a [OnceLock<Verdict>] {
    s.done.get_or_init(|| (0..m.includes.len()).map(|_| OnceLock::new()).collect())
}

/// Takes entries until none is left (`stale`: [`PackedModule::stale_includes`]).
fn work(s: &Shared, m: &PackedModule, stale: &StaleIncludes) {
    let slots = slots(s, m);
    loop {
        let i = s.next.fetch_add(1, Ordering::Relaxed);
        let Some(slot) = slots.get(i) else { return };
        let _ = slot.set(verdict(&s.file, m, i, stale));
    }
}

/// The check of entry `i`.
fn verdict(file: &Path, m: &PackedModule, i: usize, stale: &StaleIncludes) -> Verdict {
    let (p, hash) = m.includes.get(i)?;
    let path = m.str(*p);
    if stale.contains(&i) {
        return Some(format!(
            "{}: include entry {i} ({path}) is stale: a later entry records another SHA-1 for the same file; `nim rod` refuses this file (includeFileChanged)",
            file.display()
        ));
    }
    let bytes = crate::input::read(Path::new(path.as_ref())).ok()?;
    let now = sha1_hex(&bytes);
    (!now.eq_ignore_ascii_case(hash)).then(|| {
        format!(
            "{}: include entry {i} ({path}) is stale: recorded SHA-1 {hash}, the file on disk has {now}; `nim rod` refuses this file (includeFileChanged)",
            file.display()
        )
    })
}

/// The SHA-1 of `bytes` in upper-case hex, as the compiler records it.
pub fn sha1_hex(bytes: &[u8]) -> String {
    use sha1::Digest;
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut s = String::with_capacity(40);
    for b in sha1::Sha1::digest(bytes) {
        s.push(HEX[usize::from(b >> 4)] as char);
        s.push(HEX[usize::from(b & 15)] as char);
    }
    s
}
