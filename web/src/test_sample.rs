//! The bundled sample (`static/sample/basics`, made by `scripts/build-web.sh`) as a cache,
//! for the unit tests.

use rod_view::backend::packed::PackedCache;

/// The sample, linked with its live set; `None` (said on stderr) when it has not
/// been generated.
pub fn load() -> Option<PackedCache> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../static/sample/basics");
    let Ok(rd) = std::fs::read_dir(&dir) else {
        eprintln!(
            "no sample at {} (scripts/build-web.sh makes it): skipped",
            dir.display()
        );
        return None;
    };
    let files = rd.filter_map(|e| e.ok()).filter_map(|e| {
        Some((
            e.file_name().to_string_lossy().into_owned(),
            std::fs::read(e.path()).ok()?,
        ))
    });
    Some(PackedCache::load(files))
}
