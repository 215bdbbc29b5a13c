//! Keep loaded files across reloads (opt-in, off by default).
//!
//! With the option on, the files of the last load the user gave (dropped or picked: the
//! cache files and the `.nim` sources, never the bundled samples) are stored in this
//! browser's IndexedDB, database [`DB`], object store [`STORE`] (one record per file,
//! keyed by its path, its bytes as the value), so a reload (or a permalink into that
//! cache) loads them again instead of the sample. The option itself is one
//! `localStorage` entry ([`FLAG`]). "Forget" deletes the database. Nothing leaves the
//! browser.
//!
//! Written against web-sys's IndexedDB bindings directly (requests wrapped in promises):
//! a few calls, no extra crate to build for wasm32.

use std::cell::RefCell;

use js_sys::{Array, Promise, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbOpenDbRequest, IdbRequest, IdbTransactionMode};

use crate::load::files::js_err;

/// The IndexedDB database name.
pub const DB: &str = "rodscope";
/// Its object store of files.
pub const STORE: &str = "files";
/// The `localStorage` key of the option.
pub const FLAG: &str = "rodscope.keep-files";
/// The event sent on `window` after the stored files changed.
pub const CHANGED: &str = "rodscope-kept";

fn changed() {
    if let (Some(w), Ok(e)) = (web_sys::window(), web_sys::Event::new(CHANGED)) {
        let _ = w.dispatch_event(&e);
    }
}

thread_local! {
    /// The files of the last load the user gave (handles, not bytes), so turning the
    /// option on afterwards can still store them.
    static LAST: RefCell<Vec<(String, Kept)>> = const { RefCell::new(Vec::new()) };
}

/// One file to keep.
#[derive(Clone)]
pub enum Kept {
    /// A file of a drop or a picker (read when stored).
    File(web_sys::File),
    /// Bytes already read (the sources).
    Bytes(Vec<u8>),
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// Whether the option is on.
pub fn enabled() -> bool {
    storage()
        .and_then(|s| s.get_item(FLAG).ok()?)
        .is_some_and(|v| v == "1")
}

/// Turns the option on or off (off also forgets what is stored).
pub async fn set_enabled(on: bool) -> Result<(), String> {
    let s = storage().ok_or("this browser gives the page no localStorage")?;
    if on {
        s.set_item(FLAG, "1").map_err(js_err)?;
        let last = LAST.with(|l| l.borrow().clone());
        if !last.is_empty() {
            save(last).await?;
        }
    } else {
        s.remove_item(FLAG).map_err(js_err)?;
        forget().await?;
    }
    Ok(())
}

/// Records the files of a load the user gave, and stores them when the option is on.
pub async fn remember(files: Vec<(String, Kept)>) -> Result<(), String> {
    LAST.with(|l| *l.borrow_mut() = files.clone());
    if enabled() {
        save(files).await?;
    }
    Ok(())
}

/// A promise that settles with the request's result.
fn settled(req: &IdbRequest) -> Promise {
    let req = req.clone();
    Promise::new(&mut |resolve, reject| {
        let r = req.clone();
        let ok = Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::NULL, &r.result().unwrap_or(JsValue::UNDEFINED));
        });
        let bad = Closure::once_into_js(move || {
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str("IndexedDB request failed"));
        });
        req.set_onsuccess(Some(ok.unchecked_ref()));
        req.set_onerror(Some(bad.unchecked_ref()));
    })
}

async fn open() -> Result<IdbDatabase, String> {
    let factory = web_sys::window()
        .ok_or("no window")?
        .indexed_db()
        .map_err(js_err)?
        .ok_or("this browser gives the page no IndexedDB")?;
    let req: IdbOpenDbRequest = factory.open_with_u32(DB, 1).map_err(js_err)?;
    let r = req.clone();
    let upgrade = Closure::once_into_js(move || {
        if let Ok(db) = r.result().and_then(|d| d.dyn_into::<IdbDatabase>()) {
            if !db.object_store_names().contains(STORE) {
                let _ = db.create_object_store(STORE);
            }
        }
    });
    req.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    let db = JsFuture::from(settled(&req)).await.map_err(js_err)?;
    db.dyn_into::<IdbDatabase>().map_err(|_| "IndexedDB: not a database".to_string())
}

async fn bytes_of(k: &Kept) -> Result<Uint8Array, String> {
    match k {
        Kept::Bytes(b) => Ok(Uint8Array::from(b.as_slice())),
        Kept::File(f) => {
            let buf = JsFuture::from(f.array_buffer()).await.map_err(js_err)?;
            Ok(Uint8Array::new(&buf))
        }
    }
}

/// Replaces what is stored by `files`.
async fn save(files: Vec<(String, Kept)>) -> Result<(), String> {
    // Read everything first: a transaction closes when the page awaits something else.
    let mut values = Vec::with_capacity(files.len());
    for (path, k) in &files {
        values.push((path.clone(), bytes_of(k).await?));
    }
    let db = open().await?;
    let tx = db
        .transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite)
        .map_err(js_err)?;
    let store = tx.object_store(STORE).map_err(js_err)?;
    let mut last = store.clear().map_err(js_err)?;
    for (path, v) in &values {
        last = store
            .put_with_key(v, &JsValue::from_str(path))
            .map_err(js_err)?;
    }
    JsFuture::from(settled(&last)).await.map_err(js_err)?;
    db.close();
    changed();
    Ok(())
}

/// The stored files, by path (empty when none).
pub async fn load() -> Result<Vec<(String, Vec<u8>)>, String> {
    let db = open().await?;
    let tx = db.transaction_with_str(STORE).map_err(js_err)?;
    let store = tx.object_store(STORE).map_err(js_err)?;
    let keys = store.get_all_keys().map_err(js_err)?;
    let values = store.get_all().map_err(js_err)?;
    let keys = Array::from(&JsFuture::from(settled(&keys)).await.map_err(js_err)?);
    let values = Array::from(&JsFuture::from(settled(&values)).await.map_err(js_err)?);
    db.close();
    Ok(keys
        .iter()
        .zip(values.iter())
        .filter_map(|(k, v)| Some((k.as_string()?, Uint8Array::new(&v).to_vec())))
        .collect())
}

/// How many files and bytes are stored.
pub async fn stored() -> (usize, usize) {
    match load().await {
        Ok(v) => (v.len(), v.iter().map(|f| f.1.len()).sum()),
        Err(_) => (0, 0),
    }
}

/// Deletes the stored files (the whole database).
pub async fn forget() -> Result<(), String> {
    let factory = web_sys::window()
        .ok_or("no window")?
        .indexed_db()
        .map_err(js_err)?
        .ok_or("this browser gives the page no IndexedDB")?;
    let req = factory.delete_database(DB).map_err(js_err)?;
    JsFuture::from(settled(&req)).await.map_err(js_err)?;
    changed();
    Ok(())
}
