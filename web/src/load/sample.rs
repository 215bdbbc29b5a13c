//! The bundled sample.
//!
//! Served build: `sample/manifest.json` next to the page (written by web/postbuild.mjs
//! sample-manifest) lists the files under `sample/`. Single-file build: the files are
//! embedded gzipped in `<script type="application/json" id="rodscope-sample" data-count=N>`
//! and the page's boot script provides `globalThis.rodscopeSample()`, which resolves to
//! `[{path, bytes: Uint8Array}]`; the app then never fetches anything.

use js_sys::{Array, Promise};
use serde::Deserialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::load::files::{js_err, Input, Inputs};

#[derive(Deserialize)]
struct Manifest {
    #[serde(default)]
    files: Vec<ManifestFile>,
}

#[derive(Deserialize)]
struct ManifestFile {
    path: String,
}

const EMBEDDED_ID: &str = "rodscope-sample";
const EMBEDDED_LOADER: &str = "rodscopeSample";
const MANIFEST_URL: &str = "sample/manifest.json";

fn embedded_count() -> Option<usize> {
    let el = web_sys::window()?
        .document()?
        .get_element_by_id(EMBEDDED_ID)?;
    Some(
        el.get_attribute("data-count")
            .and_then(|c| c.parse().ok())
            .unwrap_or(0),
    )
}

async fn manifest() -> Result<Manifest, String> {
    manifest_at(MANIFEST_URL).await
}

async fn manifest_at(url: &str) -> Result<Manifest, String> {
    let bytes = fetch_bytes(url).await?;
    let json = String::from_utf8(bytes).map_err(|e| e.to_string())?;
    let value = js_sys::JSON::parse(&json).map_err(js_err)?;
    serde_wasm_bindgen::from_value(value).map_err(|e| e.to_string())
}

/// Whether a bundled sample exists.
pub async fn sample_available() -> bool {
    match embedded_count() {
        Some(n) => n > 0,
        None => matches!(manifest().await, Ok(m) if !m.files.is_empty()),
    }
}

/// Loads the bundled sample.
pub async fn load_sample() -> Result<Inputs, String> {
    let mut files = Vec::new();
    if embedded_count().is_some() {
        let f: js_sys::Function = js_sys::Reflect::get(&js_sys::global(), &EMBEDDED_LOADER.into())
            .map_err(js_err)?
            .dyn_into()
            .map_err(|_| "the page has no embedded-sample loader".to_string())?;
        let promise: Promise = f.call0(&JsValue::NULL).map_err(js_err)?.unchecked_into();
        let list = JsFuture::from(promise).await.map_err(js_err)?;
        for item in Array::from(&list).iter() {
            let get = |k: &str| js_sys::Reflect::get(&item, &k.into()).map_err(js_err);
            files.push((
                get("path")?.as_string().unwrap_or_default(),
                js_sys::Uint8Array::new(&get("bytes")?).to_vec(),
            ));
        }
    } else {
        // Start every request, then collect them in order (they load in parallel).
        let window = web_sys::window().ok_or("no window")?;
        let pending: Vec<(String, String, JsFuture)> = manifest()
            .await?
            .files
            .into_iter()
            .map(|f| {
                let url = format!("sample/{}", encode_path(&f.path));
                let req = JsFuture::from(window.fetch_with_str(&url));
                (f.path, url, req)
            })
            .collect();
        for (path, url, req) in pending {
            let bytes = response_bytes(&url, req).await?;
            files.push((path, bytes));
        }
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    let bytes_total = files.iter().map(|f| f.1.len()).sum();
    let (sources, files): (Vec<_>, Vec<_>) =
        files.into_iter().partition(|(p, _)| crate::sources::is_source(p));
    Ok(Inputs {
        items: files
            .into_iter()
            .map(|(p, b)| (p, Input::Bytes(b)))
            .collect(),
        sources: sources
            .into_iter()
            .map(|(p, b)| (p, Input::Bytes(b)))
            .collect(),
        skipped: 0,
        bytes_total,
    })
}

/// Loads the cache folder `base` (relative to the page, ending in `/`) of the page's
/// origin through its `manifest.json` (`scripts/make-manifest.sh`).
pub async fn load_folder(base: &str) -> Result<Inputs, String> {
    let window = web_sys::window().ok_or("no window")?;
    // Playground gallery: the single-file build embeds its folders (crate::gallery).
    let mut files = match crate::gallery::embedded_folder(base).await? {
        Some(files) => files,
        None => {
            let list = manifest_at(&format!("{base}manifest.json"))
                .await
                .map_err(|e| format!("{base}manifest.json: {e}"))?;
            let pending: Vec<(String, String, JsFuture)> = list
                .files
                .into_iter()
                .filter(|f| f.path != crate::gallery::GUIDE_FILE)
                .map(|f| {
                    let url = format!("{base}{}", encode_path(&f.path));
                    let req = JsFuture::from(window.fetch_with_str(&url));
                    (f.path, url, req)
                })
                .collect();
            let mut files = Vec::new();
            for (path, url, req) in pending {
                files.push((path, response_bytes(&url, req).await?));
            }
            files
        }
    };
    // The guide is read by crate::gallery::folder_guide, not decoded as a cache file.
    files.retain(|(p, _)| p != crate::gallery::GUIDE_FILE);
    files.sort_by(|a, b| a.0.cmp(&b.0));
    let bytes_total = files.iter().map(|f| f.1.len()).sum();
    let (sources, files): (Vec<_>, Vec<_>) =
        files.into_iter().partition(|(p, _)| crate::sources::is_source(p));
    Ok(Inputs {
        items: files.into_iter().map(|(p, b)| (p, Input::Bytes(b))).collect(),
        sources: sources.into_iter().map(|(p, b)| (p, Input::Bytes(b))).collect(),
        skipped: 0,
        bytes_total,
    })
}

/// URL-encodes each segment of a relative path (nimcache names contain `@`, `#`, ...).
fn encode_path(path: &str) -> String {
    path.split('/')
        .map(|seg| String::from(js_sys::encode_uri_component(seg)))
        .collect::<Vec<_>>()
        .join("/")
}

async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    let window = web_sys::window().ok_or("no window")?;
    response_bytes(url, JsFuture::from(window.fetch_with_str(url))).await
}

async fn response_bytes(url: &str, req: JsFuture) -> Result<Vec<u8>, String> {
    let resp: web_sys::Response = req.await.map_err(js_err)?.unchecked_into();
    if !resp.ok() {
        return Err(format!("{url}: HTTP {}", resp.status()));
    }
    let buf = JsFuture::from(resp.array_buffer().map_err(js_err)?)
        .await
        .map_err(js_err)?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}
