//! One nimony NIF text or BIF binary file.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    rodscope_fuzz::nif_file(data);
});
