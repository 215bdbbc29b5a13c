//! One `.alivesyms` file: decode, order, snapshot, diff.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    rodscope_fuzz::exercise::alivesyms(data);
});
