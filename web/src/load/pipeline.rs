//! Decoding, linking, the live set and the indexes of one load, in slices that give the
//! browser a turn between them (the page never freezes for long, the progress bar moves,
//! Cancel works), with the view layer's stepwise loader: [`PackedLoader::add`] per file,
//! [`PackedLoader::link`], [`PackedCache::compute_live`], [`PackedCache::build_indexes`].

use std::rc::Rc;

use rod_view::backend::packed::{PackedCache, PackedLoader, Taken};
use rod_view::Cache;

use crate::clock::{mark, now, yield_now, Slices, SLICE_MS};
use crate::load::files::{Inputs, Reader};
use crate::load::progress::{Cancel, LoadError, Progress};
use crate::loaded::{LoadSummary, Loaded};

/// Reads and decodes `inputs` into a cache, one file after the other (a few reads run
/// ahead), reporting progress.
pub async fn build(
    inputs: Inputs,
    report: &dyn Fn(Progress),
    cancel: &Cancel,
) -> Result<Loaded, LoadError> {
    let Inputs {
        items,
        skipped,
        bytes_total,
        ..
    } = inputs;
    let files_total = items.len();
    let mut sum = LoadSummary {
        files: files_total + skipped,
        skipped,
        bytes: bytes_total,
        ..LoadSummary::default()
    };
    let mut loader = PackedLoader::new();
    let mut reader = Reader::new(items);
    let mut slices = Slices::new(SLICE_MS);
    let t0 = now();
    let mut bytes_done = 0;
    let mut files_done = 0;
    loop {
        if slices.due() {
            report(Progress {
                stage: "Reading and decoding",
                files_done,
                files_total,
                bytes_done,
                bytes_total,
            });
            slices.next().await;
            if cancel.is_cancelled() {
                return Err(LoadError::Cancelled);
            }
        }
        let t = now();
        let Some(next) = reader.next().await else {
            break;
        };
        let (path, bytes) = next?;
        sum.read_ms += now() - t;
        bytes_done += bytes.len();
        files_done += 1;
        let t = now();
        let taken = loader.add(path.clone(), &bytes);
        drop(bytes); // the decoded module owns what it needs
        if now() - t > sum.longest_file_ms {
            sum.longest_file_ms = now() - t;
            sum.longest_file = path;
        }
        match taken {
            Taken::Module => sum.modules += 1,
            Taken::AliveSyms => sum.records += 1,
            Taken::Broken => sum.broken += 1,
            Taken::NotMine => sum.skipped += 1,
        }
    }
    sum.decode_ms = now() - t0;
    mark("rodscope:decoded");
    let step = |stage| Progress {
        stage,
        files_done: files_total,
        files_total,
        bytes_done,
        bytes_total,
    };

    turn(report, step("Linking modules"), cancel).await?;
    let t1 = now();
    let mut cache: PackedCache = loader.link();
    sum.link_ms = now() - t1;
    mark("rodscope:linked");

    turn(report, step("Computing the live set"), cancel).await?;
    let t2 = now();
    cache.compute_live();
    sum.live_ms = now() - t2;
    mark("rodscope:live");

    turn(report, step("Indexing symbols"), cancel).await?;
    let t3 = now();
    cache.build_indexes();
    sum.index_ms = now() - t3;
    mark("rodscope:indexed");
    // The module list renders next, in a task of its own.
    yield_now().await;
    sum.memory = wasm_memory();
    for r in
        (0..cache.module_count()).filter_map(|i| cache.module_row(rod_view::ModuleIdx(i as u32)))
    {
        sum.symbols += r.syms;
        sum.alive += r.alive.unwrap_or(0);
    }
    publish(&sum);
    Ok(Loaded {
        cache: Rc::new(cache),
        summary: Rc::new(sum),
    })
}

/// Reports the next stage, gives the browser a turn, and stops if Cancel was pressed.
async fn turn(report: &dyn Fn(Progress), next: Progress, cancel: &Cancel) -> Result<(), LoadError> {
    report(next);
    yield_now().await;
    if cancel.is_cancelled() {
        return Err(LoadError::Cancelled);
    }
    Ok(())
}

/// The wasm linear memory's size in bytes.
fn wasm_memory() -> usize {
    use wasm_bindgen::JsCast;
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .ok()
        .and_then(|m| m.buffer().dyn_into::<js_sys::ArrayBuffer>().ok())
        .map_or(0, |b| b.byte_length() as usize)
}

/// Puts the timings on `<body>` as data attributes (read by the benchmark script) and
/// logs them with `console.debug`.
fn publish(s: &LoadSummary) {
    let msg = format!(
        "rodscope: {} files, {} bytes: decode {:.1} ms, link {:.1} ms, live set {:.1} ms ({} alive), indexes {:.1} ms, wasm memory {} bytes",
        s.files, s.bytes, s.decode_ms, s.link_ms, s.live_ms, s.alive, s.index_ms, s.memory
    );
    web_sys::console::debug_1(&msg.into());
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        for (k, v) in [
            ("read", s.read_ms),
            ("decode", s.decode_ms),
            ("graph", s.link_ms),
            ("live", s.live_ms),
            ("index", s.index_ms),
        ] {
            let _ = body.set_attribute(&format!("data-{k}-ms"), &format!("{v:.2}"));
        }
        let _ = body.set_attribute("data-wasm-bytes", &s.memory.to_string());
        let _ = body.set_attribute("data-longest-file-ms", &format!("{:.2}", s.longest_file_ms));
        let _ = body.set_attribute("data-longest-file", &s.longest_file);
        let _ = body.set_attribute("data-input-bytes", &s.bytes.to_string());
    }
}
