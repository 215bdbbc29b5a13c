//! The loaded cache, given to every component through a context: the view layer's
//! [`Cache`] (components use only its trait methods, so any backend plugs in) and a
//! summary of the load.

use std::rc::Rc;

use rod_view::Cache;

/// Counts and timings of one load (also on `<body data-…>` and in `console.debug`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LoadSummary {
    /// Files given (all of them, skipped ones included).
    pub files: usize,
    /// Their bytes.
    pub bytes: usize,
    /// Files that are not cache files (by content).
    pub skipped: usize,
    /// Modules decoded.
    pub modules: usize,
    /// Live-set records (`.alivesyms`) read.
    pub records: usize,
    /// Files that looked like cache files but did not decode.
    pub broken: usize,
    /// Symbols of all modules, and how many are alive.
    pub symbols: usize,
    pub alive: usize,
    /// Time spent waiting for reads (within `decode_ms`).
    pub read_ms: f64,
    /// Reading and decoding, in all.
    pub decode_ms: f64,
    pub link_ms: f64,
    pub live_ms: f64,
    pub index_ms: f64,
    /// The file that took longest to decode, and how long (one slice never splits it).
    pub longest_file: String,
    pub longest_file_ms: f64,
    /// The wasm memory after the load, in bytes.
    pub memory: usize,
}

/// One loaded set of files. Compared by identity: a load is only ever replaced.
#[derive(Clone)]
pub struct Loaded {
    pub cache: Rc<dyn Cache>,
    pub summary: Rc<LoadSummary>,
}

impl Loaded {
    /// Tells loads apart (for component keys: state made for one load is not reused
    /// for the next).
    pub fn id(&self) -> usize {
        Rc::as_ptr(&self.summary) as usize
    }
}

impl PartialEq for Loaded {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.summary, &other.summary)
    }
}

impl std::fmt::Debug for Loaded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Loaded({} modules)", self.cache.module_count())
    }
}

impl Loaded {
    /// A load of nothing (what components see outside a load).
    pub fn empty() -> Loaded {
        let cache = rod_view::backend::packed::PackedCache::from_graph(Default::default());
        Loaded {
            cache: Rc::new(cache),
            summary: Rc::new(LoadSummary::default()),
        }
    }
}

/// The loaded cache of the app (a load of nothing before the first load).
#[yew::hook]
pub fn use_loaded() -> Loaded {
    yew::use_context::<Loaded>().unwrap_or_else(Loaded::empty)
}
