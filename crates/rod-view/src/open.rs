//! Opening whatever was dropped: each file is recognised by its content (never its
//! name) and handed to the backend of its format; every format present becomes its
//! own cache. Formats are never linked to each other, and packed files are kept
//! apart by folder and program (a folder with `before/` and `after/` builds gives
//! two caches; see [`rod_decoder::graph::groups`]).
//!
//! Use [`Opener::add`] per file (cheap to slice between calls: packed files are
//! decoded as they come), then [`Opener::finish`]; or [`Opener::finishing`] to build
//! the caches one [`Step`] at a time (a caller that must yield between long steps).
//! [`may_be_cache`] tells from a file's first [`HEAD_LEN`] bytes whether it is worth
//! reading whole.

use std::collections::VecDeque;

use crate::backend::legacy::LegacyCache;
use crate::backend::nif::{is_nif, NifCache};
use crate::backend::packed::{PackedCache, PackedLoader, Taken};
use crate::cache::{Cache, Format};

/// What a file was recognised as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileRole {
    /// Part of a packed `.rod` cache (a `.rod` or `.alivesyms` file, maybe damaged).
    Packed,
    /// A text `.rod` symbol file of Nimrod 0.9 – Nim 0.17.
    LegacyText,
    /// A `rodfiles.db` of Nim 0.19 – 1.4.
    LegacyDb,
    /// A nimony NIF or BIF file.
    Nif,
    /// None of the cache formats.
    NotACache,
}

/// One opened cache with a label for pickers (`packed .rod (28 modules)`).
pub struct Opened {
    /// What the user sees in a cache picker.
    pub label: String,
    /// The cache.
    pub cache: Box<dyn Cache>,
}

/// Collects the files of one load.
#[derive(Default)]
pub struct Opener {
    packed: PackedLoader,
    legacy_text: Vec<(String, Vec<u8>)>,
    legacy_dbs: Vec<(String, Vec<u8>)>,
    nif: Vec<(String, Vec<u8>)>,
    not_caches: usize,
}

/// How many first bytes of a file [`may_be_cache`] looks at.
pub const HEAD_LEN: usize = 64;

/// Whether a file whose first bytes are `head` (at most [`HEAD_LEN`] of them; fewer
/// for a shorter file) may be a file of one of the formats: a cheap test of the
/// formats' magic prefixes, so that a picker can skip the other files of a folder
/// without reading them whole. A `true` is confirmed by [`Opener::add`].
pub fn may_be_cache(head: &[u8]) -> bool {
    rod_decoder::sniff(head) != rod_decoder::Sniff::Other
        || rod_legacy::text::sniff(head).is_some()
        || rod_legacy::sqlite::is_sqlite(head)
        || is_nif(head)
}

/// What [`FileRole`] the bytes have, by content alone.
pub fn recognise(bytes: &[u8]) -> FileRole {
    if rod_decoder::sniff(bytes) != rod_decoder::Sniff::Other {
        return FileRole::Packed;
    }
    match rod_legacy::detect(bytes).era() {
        Some(e) if e.is_text() => return FileRole::LegacyText,
        Some(_) => return FileRole::LegacyDb,
        None => {}
    }
    if is_nif(bytes) {
        return FileRole::Nif;
    }
    FileRole::NotACache
}

impl Opener {
    /// An opener with nothing in it.
    pub fn new() -> Opener {
        Opener::default()
    }

    /// Keep the bytes of the packed files added from now on, for the byte views
    /// ([`PackedLoader::keep_bytes`]; costs their size in memory).
    pub fn keep_bytes(&mut self, yes: bool) {
        self.packed.keep_bytes(yes);
    }

    /// Takes one file (its path as given, its bytes).
    pub fn add(&mut self, path: String, bytes: Vec<u8>) -> FileRole {
        self.add_file(path, bytes).0
    }

    /// Like [`Opener::add`], and for a file the packed loader took, what it was
    /// ([`Taken::Module`], [`Taken::AliveSyms`] or [`Taken::Broken`]), for a caller that
    /// counts them.
    pub fn add_file(&mut self, path: String, bytes: Vec<u8>) -> (FileRole, Option<Taken>) {
        // A front end answers instead of freezing: a file over the cap is listed with
        // its reason and not decoded (every real cache file is far below it).
        if bytes.len() > rod_decoder::MAX_FILE_SIZE {
            let message = format!(
                "{}: {} bytes is over the cap of {} MiB for one file (rod_decoder::MAX_FILE_SIZE); not decoded",
                path,
                bytes.len(),
                rod_decoder::MAX_FILE_SIZE >> 20
            );
            self.packed.reject(path, bytes.len(), message);
            return (FileRole::NotACache, Some(Taken::Broken));
        }
        let role = recognise(&bytes);
        match role {
            FileRole::LegacyText => self.legacy_text.push((path, bytes)),
            FileRole::LegacyDb => self.legacy_dbs.push((path, bytes)),
            FileRole::Nif => self.nif.push((path, bytes)),
            // A file named like a packed cache file is decoded to show why it is not one.
            FileRole::Packed | FileRole::NotACache => {
                return match self.packed.add(path, &bytes) {
                    Taken::NotMine => {
                        self.not_caches += 1;
                        (FileRole::NotACache, None)
                    }
                    t => (FileRole::Packed, Some(t)),
                };
            }
        }
        (role, None)
    }

    /// Files that were none of the formats.
    pub fn not_caches(&self) -> usize {
        self.not_caches
    }

    /// Builds one cache per format present (one per `rodfiles.db`, one per folder
    /// and program of packed files); the packed caches have their live sets computed
    /// and checked.
    pub fn finish(self) -> Vec<Opened> {
        self.finishing().done()
    }

    /// The same as [`Opener::finish`], one [`Step`] per call of [`Finishing::step`].
    pub fn finishing(self) -> Finishing {
        let mut steps = VecDeque::new();
        if !self.packed.is_empty() {
            steps.extend([Step::Link, Step::Live, Step::Index]);
        }
        if !self.legacy_text.is_empty() {
            // One step per file, then the cache (a broken file is a problem row; the
            // others still load).
            steps.extend(self.legacy_text.iter().map(|_| Step::LegacyTextFile));
            steps.push_back(Step::LegacyText);
        }
        steps.extend(self.legacy_dbs.iter().map(|_| Step::LegacyDb));
        if !self.nif.is_empty() {
            // One step per file (each is decoded in its own turn), then the model.
            steps.extend(self.nif.iter().map(|_| Step::NifFile));
            steps.push_back(Step::Nif);
        }
        Finishing {
            steps,
            packed: Some(self.packed),
            linked: Vec::new(),
            legacy_text: self.legacy_text.into(),
            legacy_text_read: Vec::new(),
            legacy_text_problems: Vec::new(),
            legacy_dbs: self.legacy_dbs.into(),
            nif: self.nif.into(),
            nif_read: Vec::new(),
            out: Vec::new(),
        }
    }
}

/// One step of building the caches of a load (see [`Opener::finishing`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Linking the packed modules into graphs, one per folder and program (never
    /// one cache of two programs).
    Link,
    /// Computing the packed cache's live set and checking it against `.alivesyms`.
    Live,
    /// Building the packed cache's symbol indexes.
    Index,
    /// Decoding one text `.rod` symbol file.
    LegacyTextFile,
    /// The text `.rod` files decoded, as one cache.
    LegacyText,
    /// Reading one `rodfiles.db`.
    LegacyDb,
    /// Decoding one NIF / BIF file.
    NifFile,
    /// The NIF model of the decoded files: modules, their graphs and live set.
    Nif,
}

impl Step {
    /// In words, for a progress bar.
    pub fn words(self) -> &'static str {
        match self {
            Step::Link => "Linking modules",
            Step::Live => "Computing the live set",
            Step::Index => "Indexing symbols",
            Step::LegacyTextFile => "Reading the text .rod files",
            Step::LegacyText => "Linking the text .rod modules",
            Step::LegacyDb => "Reading a rodfiles.db",
            Step::NifFile => "Reading the NIF files",
            Step::Nif => "Linking the NIF modules",
        }
    }

    /// The format the step builds a cache of.
    pub fn format(self) -> Format {
        match self {
            Step::Link | Step::Live | Step::Index => Format::PackedRod,
            Step::LegacyTextFile | Step::LegacyText => Format::LegacyText,
            Step::LegacyDb => Format::LegacySqlite,
            Step::NifFile | Step::Nif => Format::Nif,
        }
    }
}

/// The caches of a load, built one [`Step`] at a time; [`Finishing::done`] gives them
/// (in the order of [`Opener::finish`]: packed, text `.rod`, each `rodfiles.db`, NIF).
pub struct Finishing {
    steps: VecDeque<Step>,
    packed: Option<PackedLoader>,
    /// The packed caches of the load, kept apart by folder and program
    /// ([`PackedLoader::link_apart`]), with their group's label when there are several.
    linked: Vec<(Option<String>, PackedCache)>,
    legacy_text: VecDeque<(String, Vec<u8>)>,
    legacy_text_read: Vec<(String, rod_legacy::text::TextModule)>,
    legacy_text_problems: Vec<crate::rows::FileProblem>,
    legacy_dbs: VecDeque<(String, Vec<u8>)>,
    nif: VecDeque<(String, Vec<u8>)>,
    nif_read: Vec<rod_nif::cache::CacheFile>,
    out: Vec<Opened>,
}

impl Finishing {
    /// The step the next [`Finishing::step`] runs (`None`: all done).
    pub fn next_step(&self) -> Option<Step> {
        self.steps.front().copied()
    }

    /// Runs the next step and says which it was (`None`: nothing was left).
    pub fn step(&mut self) -> Option<Step> {
        let s = self.steps.pop_front()?;
        match s {
            Step::Link => {
                let apart = self.packed.take().map(PackedLoader::link_apart).unwrap_or_default();
                let several = apart.len() > 1;
                self.linked = apart.into_iter().map(|(g, c)| (several.then(|| group_words(&g)), c)).collect();
            }
            Step::Live => {
                for (_, c) in &mut self.linked {
                    c.compute_live();
                }
            }
            Step::Index => {
                for (group, c) in std::mem::take(&mut self.linked) {
                    c.build_indexes();
                    let mut o = opened(Box::new(c));
                    if let Some(g) = group {
                        o.label = format!("{g} — {}", o.label);
                    }
                    self.out.push(o);
                }
            }
            Step::LegacyTextFile => {
                if let Some((name, bytes)) = self.legacy_text.pop_front() {
                    self.decode_text(&name, &bytes);
                }
            }
            Step::LegacyText => {
                // Files a caller did not step through one by one are decoded here.
                while let Some((name, bytes)) = self.legacy_text.pop_front() {
                    self.decode_text(&name, &bytes);
                }
                let decoded = std::mem::take(&mut self.legacy_text_read);
                let problems = std::mem::take(&mut self.legacy_text_problems);
                self.out.push(opened(Box::new(LegacyCache::from_text(decoded, problems))));
            }
            Step::LegacyDb => {
                if let Some(db) = self.legacy_dbs.pop_front() {
                    let name = db.0.clone();
                    let mut o = opened(Box::new(LegacyCache::load(vec![db])));
                    o.label = format!("{} — {name}", o.label);
                    self.out.push(o);
                }
            }
            Step::NifFile => {
                if let Some((path, bytes)) = self.nif.pop_front() {
                    self.nif_read.extend(rod_nif::cache::CacheFile::read(path, bytes));
                }
            }
            Step::Nif => {
                // Files a caller did not step through one by one are read here.
                let rest = std::mem::take(&mut self.nif);
                let mut files = std::mem::take(&mut self.nif_read);
                files.extend(rest.into_iter().filter_map(|(path, bytes)| rod_nif::cache::CacheFile::read(path, bytes)));
                self.out.push(opened(Box::new(NifCache::from_read(files))));
            }
        }
        Some(s)
    }

    fn decode_text(&mut self, name: &str, bytes: &[u8]) {
        match crate::backend::legacy::decode_text_file(name, bytes) {
            Ok(m) => self.legacy_text_read.push(m),
            Err(p) => self.legacy_text_problems.push(p),
        }
    }

    /// Runs the steps left and gives the caches.
    pub fn done(mut self) -> Vec<Opened> {
        while self.step().is_some() {}
        self.out
    }
}

/// A packed group's words in a picker: its heading, without the `.` of files given
/// without a folder (`program main.nim`).
fn group_words(g: &rod_decoder::graph::CacheGroup) -> String {
    let label = g.label();
    match label.strip_prefix(". (").and_then(|l| l.strip_suffix(')')) {
        Some(inner) if g.folder.is_empty() => inner.to_string(),
        _ => label,
    }
}

fn opened(cache: Box<dyn Cache>) -> Opened {
    let n = cache.module_count();
    let compiler = cache.module_row(crate::ModuleIdx(0)).map(|r| r.compiler).unwrap_or_default();
    let label = format!("{} {} ({})", compiler, cache.format().name(), crate::text::plural(n, "module", "modules"));
    Opened { label: label.trim().to_string(), cache }
}

