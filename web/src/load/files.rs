//! Files and folders dropped or picked by the user, read into memory (every read started
//! at once; other files are sniffed by their first bytes).

use std::rc::Rc;

use crate::clock::{now, Slices, SLICE_MS};
use crate::load::progress::{Cancel, LoadError, Progress};
use rod_view::backend::packed::{PackedLoader, SNIFF_LEN};
use js_sys::{Array, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use web_sys::{
    DataTransfer, File, FileSystemDirectoryEntry, FileSystemDirectoryReader, FileSystemEntry,
    FileSystemFileEntry,
};

/// One file given to the app: its path (relative to the dropped / picked folder, or just its
/// name) and its bytes.
#[derive(Clone, Debug)]
pub struct LoadedFile {
    pub path: String,
    pub bytes: Rc<Vec<u8>>,
}

impl PartialEq for LoadedFile {
    fn eq(&self, other: &Self) -> bool {
        self.path == other.path && Rc::ptr_eq(&self.bytes, &other.bytes)
    }
}

/// A file chosen by the user, not read yet.
pub struct Picked {
    pub path: String,
    pub file: File,
}

/// Result of reading a batch of picked files.
pub struct LoadResult {
    pub files: Vec<LoadedFile>,
    pub skipped: usize,
}

/// Files from an `<input type=file>` (with or without `webkitdirectory`).
pub fn picked_from_list(list: &web_sys::FileList) -> Vec<Picked> {
    (0..list.length())
        .filter_map(|i| list.get(i))
        .map(|file| {
            let rel = relative_path(&file);
            let path = if rel.is_empty() { file.name() } else { rel };
            Picked { path, file }
        })
        .collect()
}

fn relative_path(file: &File) -> String {
    js_sys::Reflect::get(file, &JsValue::from_str("webkitRelativePath"))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// The entries of a drop. Must be called synchronously inside the `drop` handler: the
/// `DataTransferItemList` is emptied once the handler returns.
pub fn entries_from_drop(dt: &DataTransfer) -> (Vec<FileSystemEntry>, Vec<Picked>) {
    let mut entries = Vec::new();
    let mut loose = Vec::new();
    let items = dt.items();
    for i in 0..items.length() {
        let Some(item) = items.get(i) else { continue };
        if item.kind() != "file" {
            continue;
        }
        match item.webkit_get_as_entry() {
            Ok(Some(entry)) => entries.push(entry),
            _ => {
                if let Ok(Some(file)) = item.get_as_file() {
                    loose.push(Picked {
                        path: file.name(),
                        file,
                    });
                }
            }
        }
    }
    if entries.is_empty() && loose.is_empty() {
        if let Some(list) = dt.files() {
            loose = picked_from_list(&list);
        }
    }
    (entries, loose)
}

/// Walks dropped entries (folders recursively) into files.
pub async fn walk_entries(
    entries: Vec<FileSystemEntry>,
    out: &mut Vec<Picked>,
) -> Result<(), String> {
    let mut stack = entries;
    while let Some(entry) = stack.pop() {
        let path = entry.full_path().trim_start_matches('/').to_string();
        if entry.is_directory() {
            let dir: FileSystemDirectoryEntry = entry.unchecked_into();
            let reader = dir.create_reader();
            loop {
                let batch = read_entries(&reader).await?;
                if batch.is_empty() {
                    break;
                }
                stack.extend(batch);
            }
        } else if entry.is_file() {
            let fe: FileSystemFileEntry = entry.unchecked_into();
            let file = entry_file(&fe).await?;
            out.push(Picked { path, file });
        }
    }
    Ok(())
}

async fn read_entries(reader: &FileSystemDirectoryReader) -> Result<Vec<FileSystemEntry>, String> {
    let promise = Promise::new(&mut |resolve, reject| {
        let _ = reader.read_entries_with_callback_and_callback(&resolve, &reject);
    });
    let v = JsFuture::from(promise).await.map_err(js_err)?;
    Ok(Array::from(&v)
        .iter()
        .map(|e| e.unchecked_into::<FileSystemEntry>())
        .collect())
}

async fn entry_file(entry: &FileSystemFileEntry) -> Result<File, String> {
    let promise = Promise::new(&mut |resolve, reject| {
        entry.file_with_callback_and_callback(&resolve, &reject);
    });
    Ok(JsFuture::from(promise)
        .await
        .map_err(js_err)?
        .unchecked_into())
}

/// What the user gave in one go: dropped entries (walked later) and/or plain files.
#[derive(Default)]
pub struct Batch {
    pub entries: Vec<FileSystemEntry>,
    pub picked: Vec<Picked>,
}

impl Batch {
    pub fn len(&self) -> usize {
        self.entries.len() + self.picked.len()
    }
}

/// Walks the dropped folders, then reads every IC file.
pub async fn load_batch(batch: Batch, report: &dyn Fn(Progress), cancel: &Cancel) -> Result<LoadResult, LoadError> {
    let mut picked = batch.picked;
    walk_entries(batch.entries, &mut picked).await.map_err(LoadError::Failed)?;
    read_picked(picked, report, cancel).await
}

/// Starts reading a blob (the read runs while other reads are awaited).
fn start_read(blob: &web_sys::Blob) -> JsFuture {
    JsFuture::from(blob.array_buffer())
}

async fn finish_read(read: JsFuture) -> Result<Vec<u8>, String> {
    let buf = read.await.map_err(js_err)?;
    Ok(js_sys::Uint8Array::new(&buf).to_vec())
}

/// Reads the IC files' bytes: `.rod` / `.alivesyms` by name, any other file whose first
/// bytes are the IC cookie. Every read is started at once (the browser reads them in
/// parallel), then they are collected in order. Returns them sorted by path, and the
/// number of other files.
pub async fn read_picked(picked: Vec<Picked>, report: &dyn Fn(Progress), cancel: &Cancel) -> Result<LoadResult, LoadError> {
    let failed = |path: &str, e: String| LoadError::Failed(format!("{path}: {e}"));
    let t0 = now();
    let mut files = Vec::new();
    let mut skipped = 0;
    let files_total = picked.len();
    // Starting a read costs the page a little: many of them yield now and then too.
    let mut slices = Slices::new(SLICE_MS);
    // Other files: look at their first bytes (enough to recognise a cache file).
    let mut pending = Vec::with_capacity(picked.len());
    for p in picked {
        if slices.due() {
            slices.next().await;
        }
        let head = if PackedLoader::claims_name(&p.path) {
            None
        } else {
            let slice = p.file.slice_with_i32_and_i32(0, SNIFF_LEN as i32).map_err(|e| failed(&p.path, js_err(e)))?;
            Some(start_read(&slice))
        };
        pending.push((p, head));
    }
    let mut reads = Vec::with_capacity(pending.len());
    let mut bytes_total = 0;
    for (i, (p, head)) in pending.into_iter().enumerate() {
        if slices.due() {
            report(Progress { stage: "Looking at the files", files_done: i, files_total, bytes_done: 0, bytes_total: 0 });
            slices.next().await;
        }
        if let Some(head) = head {
            let head = finish_read(head).await.map_err(|e| failed(&p.path, e))?;
            if !PackedLoader::recognizes(&head) {
                skipped += 1;
                continue;
            }
        }
        bytes_total += p.file.size() as usize;
        let read = start_read(&p.file);
        reads.push((p.path, read));
    }
    let mut bytes_done = 0;
    // Reads that are done resolve as microtasks, which never give the browser a turn:
    // copying the bytes into the wasm memory yields on its own.
    for (i, (path, read)) in reads.into_iter().enumerate() {
        if slices.due() {
            report(Progress { stage: "Reading", files_done: i + skipped, files_total, bytes_done, bytes_total });
            slices.next().await;
        }
        if cancel.is_cancelled() {
            return Err(LoadError::Cancelled);
        }
        let bytes = finish_read(read).await.map_err(|e| failed(&path, e))?;
        bytes_done += bytes.len();
        files.push(LoadedFile { path, bytes: Rc::new(bytes) });
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let ms = now() - t0;
    web_sys::console::debug_1(&format!("rodscope: read {} files in {ms:.1} ms", files.len()).into());
    if let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) {
        let _ = body.set_attribute("data-read-ms", &format!("{ms:.2}"));
    }
    Ok(LoadResult { files, skipped })
}

pub fn js_err(v: JsValue) -> String {
    if let Some(e) = v.dyn_ref::<js_sys::Error>() {
        return String::from(e.message());
    }
    v.as_string().unwrap_or_else(|| format!("{v:?}"))
}
