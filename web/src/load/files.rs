//! Files and folders dropped or picked by the user: the cache files among them (others
//! are recognised by their first bytes), and a [`Reader`] that reads them in order with a
//! few reads running ahead.

use crate::clock::{now, Slices, SLICE_MS};
use crate::load::progress::{Cancel, LoadError, Progress};
use js_sys::{Array, Promise};
use rod_view::backend::packed::PackedLoader;
use rod_view::open::{may_be_cache, HEAD_LEN};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use web_sys::{
    DataTransfer, File, FileSystemDirectoryEntry, FileSystemDirectoryReader, FileSystemEntry,
    FileSystemFileEntry,
};

/// Where the bytes of one file of a load come from.
pub enum Input {
    /// A file to read (started when the pipeline gets near it).
    File(File),
    /// Bytes already in memory (the sample).
    Bytes(Vec<u8>),
}

/// The files of one load, sorted by path, not read yet, and how many others were left
/// out by content.
pub struct Inputs {
    pub items: Vec<(String, Input)>,
    /// Nim sources given with the cache files (read by `crate::sources`).
    pub sources: Vec<(String, Input)>,
    pub skipped: usize,
    /// Bytes of the items.
    pub bytes_total: usize,
}

/// How many reads run ahead of the decoder: enough to keep the browser's reading busy,
/// few enough that the bytes of the whole load are never all in memory at once.
const READ_AHEAD: usize = 16;

/// Hands out the files of [`Inputs`] in order, with a few reads running ahead.
pub struct Reader {
    queue: std::collections::VecDeque<(String, Input)>,
    ahead: std::collections::VecDeque<(String, Ahead)>,
}

enum Ahead {
    Reading(JsFuture),
    Ready(Vec<u8>),
}

impl Reader {
    pub fn new(items: Vec<(String, Input)>) -> Reader {
        Reader {
            queue: items.into(),
            ahead: Default::default(),
        }
    }
    /// The next file's path and bytes (`None` when all were handed out).
    pub async fn next(&mut self) -> Option<Result<(String, Vec<u8>), LoadError>> {
        while self.ahead.len() < READ_AHEAD {
            let Some((path, input)) = self.queue.pop_front() else {
                break;
            };
            let a = match input {
                Input::File(f) => Ahead::Reading(start_read(&f)),
                Input::Bytes(b) => Ahead::Ready(b),
            };
            self.ahead.push_back((path, a));
        }
        let (path, a) = self.ahead.pop_front()?;
        Some(match a {
            Ahead::Reading(r) => finish_read(r)
                .await
                .map(|b| (path.clone(), b))
                .map_err(|e| LoadError::Failed(format!("{path}: {e}"))),
            Ahead::Ready(b) => Ok((path, b)),
        })
    }
}

/// A file chosen by the user, not read yet.
pub struct Picked {
    pub path: String,
    pub file: File,
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

/// Walks the dropped folders, then picks the cache files.
pub async fn load_batch(
    batch: Batch,
    report: &dyn Fn(Progress),
    cancel: &Cancel,
) -> Result<Inputs, LoadError> {
    let mut picked = batch.picked;
    walk_entries(batch.entries, &mut picked)
        .await
        .map_err(LoadError::Failed)?;
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

/// Picks the cache files: those named like one (`.rod` / `.alivesyms`) and any other
/// whose first bytes may be those of a cache file of any format
/// ([`rod_view::open::may_be_cache`]: a `rodfiles.db`, NIF / BIF files, ...) (all of those small reads are started at once,
/// then collected in order). Returns them sorted by path, and the number of others.
pub async fn read_picked(
    picked: Vec<Picked>,
    report: &dyn Fn(Progress),
    cancel: &Cancel,
) -> Result<Inputs, LoadError> {
    let failed = |path: &str, e: String| LoadError::Failed(format!("{path}: {e}"));
    let t0 = now();
    let mut skipped = 0;
    let files_total = picked.len();
    // Starting a read costs the page a little: many of them yield now and then too.
    let mut slices = Slices::new(SLICE_MS);
    let mut pending = Vec::with_capacity(picked.len());
    let mut sources = Vec::new();
    for p in picked {
        if slices.due() {
            slices.next().await;
        }
        if crate::sources::is_source(&p.path) {
            sources.push((p.path, Input::File(p.file)));
            continue;
        }
        let head = if PackedLoader::claims_name(&p.path) {
            None
        } else {
            let slice = p
                .file
                .slice_with_i32_and_i32(0, HEAD_LEN as i32)
                .map_err(|e| failed(&p.path, js_err(e)))?;
            Some(start_read(&slice))
        };
        pending.push((p, head));
    }
    let mut items = Vec::with_capacity(pending.len());
    let mut bytes_total = 0;
    for (i, (p, head)) in pending.into_iter().enumerate() {
        if slices.due() {
            report(Progress {
                stage: "Looking at the files",
                files_done: i,
                files_total,
                bytes_done: 0,
                bytes_total: 0,
            });
            slices.next().await;
            if cancel.is_cancelled() {
                return Err(LoadError::Cancelled);
            }
        }
        if let Some(head) = head {
            let head = finish_read(head).await.map_err(|e| failed(&p.path, e))?;
            if !may_be_cache(&head) {
                skipped += 1;
                continue;
            }
        }
        bytes_total += p.file.size() as usize;
        items.push((p.path, Input::File(p.file)));
    }
    items.sort_by(|a, b| a.0.cmp(&b.0));
    web_sys::console::debug_1(
        &format!(
            "rodscope: picked {} of {files_total} files in {:.1} ms",
            items.len(),
            now() - t0
        )
        .into(),
    );
    Ok(Inputs {
        items,
        sources,
        skipped,
        bytes_total,
    })
}

pub fn js_err(v: JsValue) -> String {
    if let Some(e) = v.dyn_ref::<js_sys::Error>() {
        return String::from(e.message());
    }
    v.as_string().unwrap_or_else(|| format!("{v:?}"))
}
