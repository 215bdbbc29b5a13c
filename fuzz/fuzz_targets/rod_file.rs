//! One `.rod` file: detect, decode, validate, every printer, and the navigation
//! consistency oracle (every navigation API agrees with every other).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    rodscope_fuzz::exercise::rod_file(data);
});
