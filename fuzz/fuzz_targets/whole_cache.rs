//! A real cache with one module replaced by the input (matched by its own path, or
//! added): module graph, live set, why, usages, diff, imports and their printers.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (base, snap) = rodscope_fuzz::base_cache();
    rodscope_fuzz::exercise::whole_cache(base, Some(snap), data);
});
