//! Decoding, linking, the live set and the indexes of one load, in slices that give the
//! browser a turn between them (the page never freezes for long, the progress bar moves,
//! Cancel works), with the view layer's format-neutral opener: [`Opener::add_file`] per
//! file (packed files are decoded there, the others kept), then one
//! [`rod_view::open::Step`] per turn of [`Opener::finishing`] (the packed cache's link,
//! live set and indexes; a cache for the text `.rod` files, each `rodfiles.db`, the NIF
//! files). Every format present becomes its own cache.

use std::rc::Rc;

use rod_view::backend::packed::Taken;
use rod_view::open::{Opener, Step};

use crate::clock::{mark, now, yield_now, Slices, SLICE_MS};
use crate::load::files::{Inputs, Reader};
use crate::load::progress::{Cancel, LoadError, Progress};
use crate::loaded::{Choice, LoadSummary, Loaded};

/// Reads and decodes `inputs` into caches, one file after the other (a few reads run
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
    let top = |p: &str| p.split_once('/').map(|(t, _)| t.to_string());
    let folder = items.first().and_then(|(p, _)| top(p)).filter(|t| items.iter().all(|(p, _)| top(p).as_ref() == Some(t)));
    let mut sum = LoadSummary {
        folder,
        files: files_total + skipped,
        skipped,
        bytes: bytes_total,
        ..LoadSummary::default()
    };
    let mut opener = Opener::new();
    // The hex pane (issue 9) needs each packed file's bytes.
    opener.keep_bytes(true);
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
        // Packed files are decoded here (the decoded module owns what it needs); the
        // other formats keep their bytes for their build step.
        let (_, taken) = opener.add_file(path.clone(), bytes);
        if now() - t > sum.longest_file_ms {
            sum.longest_file_ms = now() - t;
            sum.longest_file = path;
        }
        match taken {
            Some(Taken::AliveSyms) => sum.records += 1,
            Some(Taken::Broken) => sum.broken += 1,
            _ => {}
        }
    }
    sum.skipped += opener.not_caches();
    sum.decode_ms = now() - t0;
    mark("rodscope:decoded");
    let step = |stage| Progress {
        stage,
        files_done: files_total,
        files_total,
        bytes_done,
        bytes_total,
    };

    let mut finishing = opener.finishing();
    while let Some(next) = finishing.next_step() {
        turn(report, step(next.words()), cancel).await?;
        let t = now();
        finishing.step();
        let ms = now() - t;
        match next {
            Step::Link => {
                sum.link_ms = ms;
                mark("rodscope:linked");
            }
            Step::Live => {
                sum.live_ms = ms;
                mark("rodscope:live");
            }
            Step::Index => {
                sum.index_ms = ms;
                mark("rodscope:indexed");
            }
            // Steps that repeat per file (NIF) are one entry with the longest file.
            other => match sum.steps_ms.last_mut() {
                Some(last) if last.0 == other.words() => last.1 = last.1.max(ms),
                _ => sum.steps_ms.push((other.words(), ms)),
            },
        }
    }
    let caches: Vec<Choice> = finishing
        .done()
        .into_iter()
        .map(|o| {
            let cache: Rc<dyn rod_view::Cache> = Rc::from(o.cache);
            Choice {
                label: o.label,
                format: cache.format(),
                modules: cache.module_count(),
                cache,
            }
        })
        .collect();
    // The module list renders next, in a task of its own.
    yield_now().await;
    sum.memory = wasm_memory();
    for c in &caches {
        sum.modules += c.modules;
        for r in (0..c.modules).filter_map(|i| c.cache.module_row(rod_view::ModuleIdx(i as u32))) {
            sum.symbols += r.syms;
            sum.holes += r.holes;
            sum.alive += r.alive.unwrap_or(0);
        }
    }
    publish(&sum);
    Ok(Loaded::new(caches, sum))
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
    for (what, ms) in &s.steps_ms {
        web_sys::console::debug_1(&format!("rodscope: {what}: {ms:.1} ms").into());
    }
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
        let longest_step = s.steps_ms.iter().map(|x| x.1).fold(0.0, f64::max);
        let _ = body.set_attribute("data-longest-step-ms", &format!("{longest_step:.2}"));
    }
}
