//! The playground gallery: small teaching samples compiled by the real compiler during
//! the build (`scripts/build-web.sh`), each in `sample/<name>/` with its `.nim` sources
//! in `src/`, its `manifest.json` and its guide (`guide.md`, parsed and resolved by
//! `rod_view::guide`).
//!
//! Served build: `sample/manifest.json` lists them under `"samples"` (`{name, guide}`,
//! written by `web/postbuild.mjs sample-manifest`); a sample is opened as the cache folder
//! `#load=sample/<name>/`, so any folder a page loads that way can carry a guide. The
//! single-file build embeds the same: `globalThis.rodscopeGallery()` gives the list and
//! `globalThis.rodscopeFolder(base)` a folder's files (see `web/postbuild.mjs single`).

use std::rc::Rc;

use js_sys::{Array, Promise};
use rod_view::guide::Guide;
use serde::Deserialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::load::files::js_err;

/// The folder of the bundled samples, relative to the page.
const SAMPLE_DIR: &str = "sample/";
/// Name of a folder's guide file.
pub const GUIDE_FILE: &str = "guide.md";

/// One gallery sample.
#[derive(Clone, Debug, PartialEq)]
pub struct GallerySample {
    /// Its folder name (`teach-generics`).
    pub name: String,
    /// Its guide, parsed.
    pub guide: Rc<Guide>,
}

impl GallerySample {
    /// The `#load=` folder of the sample.
    pub fn base(&self) -> String {
        format!("{SAMPLE_DIR}{}/", self.name)
    }
    /// Where a link opens it (its module list, with the folder option).
    pub fn href(&self) -> String {
        format!("#/&load={}", self.base())
    }
}

/// The guide shown beside the views, for the folder loaded.
#[derive(Clone, Debug, PartialEq)]
pub struct GuideShown {
    /// The folder it came with (`sample/teach-generics/`).
    pub base: String,
    /// The guide.
    pub guide: Rc<Guide>,
}

#[derive(Deserialize)]
struct Listed {
    name: String,
    guide: String,
}

#[derive(Deserialize)]
struct TopManifest {
    #[serde(default)]
    samples: Vec<Listed>,
}

#[derive(Deserialize)]
struct FolderManifest {
    #[serde(default)]
    files: Vec<FolderFile>,
}

#[derive(Deserialize)]
struct FolderFile {
    path: String,
}

fn global_fn(name: &str) -> Option<js_sys::Function> {
    js_sys::Reflect::get(&js_sys::global(), &name.into())
        .ok()?
        .dyn_into()
        .ok()
}

/// True in the single-file build (its samples are embedded).
fn embedded() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("rodscope-sample"))
        .is_some()
}

fn to_samples(listed: Vec<Listed>) -> Vec<GallerySample> {
    listed
        .into_iter()
        .map(|l| GallerySample {
            guide: Rc::new(rod_view::guide::parse(&l.guide)),
            name: l.name,
        })
        .collect()
}

async fn fetch_text(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    let resp: web_sys::Response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(js_err)?
        .unchecked_into();
    if !resp.ok() {
        return Err(format!("{url}: HTTP {}", resp.status()));
    }
    let text = JsFuture::from(resp.text().map_err(js_err)?)
        .await
        .map_err(js_err)?;
    Ok(text.as_string().unwrap_or_default())
}

/// The bundled gallery (empty when the build has none).
pub async fn gallery() -> Vec<GallerySample> {
    if embedded() {
        let Some(f) = global_fn("rodscopeGallery") else {
            return Vec::new();
        };
        let list = f.call0(&JsValue::NULL).unwrap_or(JsValue::NULL);
        return serde_wasm_bindgen::from_value::<Vec<Listed>>(list)
            .map(to_samples)
            .unwrap_or_default();
    }
    let Ok(text) = fetch_text(&format!("{SAMPLE_DIR}manifest.json")).await else {
        return Vec::new();
    };
    serde_json_parse::<TopManifest>(&text)
        .map(|m| to_samples(m.samples))
        .unwrap_or_default()
}

fn serde_json_parse<T: for<'de> Deserialize<'de>>(text: &str) -> Option<T> {
    let value = js_sys::JSON::parse(text).ok()?;
    serde_wasm_bindgen::from_value(value).ok()
}

/// The guide of the folder `base` (its `guide.md`, when its manifest lists one).
pub async fn folder_guide(base: &str) -> Option<GuideShown> {
    if embedded() {
        let name = base.strip_prefix(SAMPLE_DIR)?.strip_suffix('/')?;
        return gallery()
            .await
            .into_iter()
            .find(|s| s.name == name)
            .map(|s| GuideShown {
                base: base.to_string(),
                guide: s.guide,
            });
    }
    let list: FolderManifest =
        serde_json_parse(&fetch_text(&format!("{base}manifest.json")).await.ok()?)?;
    list.files.iter().find(|f| f.path == GUIDE_FILE)?;
    let text = fetch_text(&format!("{base}{GUIDE_FILE}")).await.ok()?;
    Some(GuideShown {
        base: base.to_string(),
        guide: Rc::new(rod_view::guide::parse(&text)),
    })
}

/// The files of an embedded folder (single-file build), or `None` when the page has
/// none for `base`.
pub async fn embedded_folder(base: &str) -> Result<Option<Vec<(String, Vec<u8>)>>, String> {
    if !embedded() {
        return Ok(None);
    }
    let Some(f) = global_fn("rodscopeFolder") else {
        return Ok(None);
    };
    let promise: Promise = f
        .call1(&JsValue::NULL, &base.into())
        .map_err(js_err)?
        .unchecked_into();
    let list = JsFuture::from(promise).await.map_err(js_err)?;
    if list.is_null() || list.is_undefined() {
        return Ok(None);
    }
    let mut files = Vec::new();
    for item in Array::from(&list).iter() {
        let get = |k: &str| js_sys::Reflect::get(&item, &k.into()).map_err(js_err);
        files.push((
            get("path")?.as_string().unwrap_or_default(),
            js_sys::Uint8Array::new(&get("bytes")?).to_vec(),
        ));
    }
    Ok(Some(files))
}
