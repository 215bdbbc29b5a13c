//! Running the built `rodscope` binary from the integration tests.

#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// Runs `rodscope ARGS` and returns its output (panics if it cannot be started).
pub fn rodscope(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rodscope")).args(args).output().unwrap_or_else(|e| panic!("cannot run rodscope: {e}"))
}

/// Bytes of an output stream as text.
pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A path as an argument.
pub fn s(p: &Path) -> &str {
    p.to_str().unwrap_or_default()
}
