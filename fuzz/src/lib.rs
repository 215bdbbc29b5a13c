//! Shared code of the fuzz targets: the same `exercise` module the regression tests
//! of `crates/rod-decoder/tests/hostile.rs` run, so a crash replays under `cargo test`.

#[path = "../../crates/rod-decoder/tests/common/exercise.rs"]
pub mod exercise;

use exercise::BaseCache;
use rod_decoder::graph::{LiveSet, ModuleGraph, Snapshot};
use std::path::PathBuf;
use std::sync::OnceLock;

/// The base cache of the `whole_cache` target: `$RODSCOPE_FUZZ_CACHE` (a nimcache
/// folder; scripts/fuzz.sh points it at the generated 1.6 `basics` cache), modules
/// up to `$RODSCOPE_FUZZ_MAX_MODULE` bytes (default 256 KiB, which leaves out
/// system.rod and keeps executions fast), decoded once; with the snapshot of its
/// computed live set.
pub fn base_cache() -> &'static (BaseCache, Snapshot) {
    static BASE: OnceLock<(BaseCache, Snapshot)> = OnceLock::new();
    BASE.get_or_init(|| {
        let dir = std::env::var_os("RODSCOPE_FUZZ_CACHE")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../target/rodscope-corpus/basics/cache")));
        let max = std::env::var("RODSCOPE_FUZZ_MAX_MODULE").ok().and_then(|s| s.parse().ok()).unwrap_or(256 * 1024);
        let base = BaseCache::load(&dir, max);
        if base.modules.is_empty() {
            eprintln!("whole_cache: no module loaded from {} (set RODSCOPE_FUZZ_CACHE)", dir.display());
        }
        let g = ModuleGraph::from_named(base.modules.clone());
        let snap = Snapshot::of(&g, &LiveSet::compute(&g));
        (base, snap)
    })
}
