//! One legacy cache file: a text `.rod` (Nimrod 0.9 – Nim 0.17) or a `rodfiles.db`.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    rodscope_fuzz::legacy_file(data);
});
