//! The loaded cache, given to every component through a context: the view layer's
//! [`Cache`] (components use only its trait methods, so any backend plugs in) and a
//! summary of the load. A load can give several caches (one per format, see
//! [`rod_view::open`]); the context holds the one shown and the list of all of them.

use std::rc::Rc;

use rod_view::{Cache, Format};

/// One cache of a load, as the cache picker lists it.
#[derive(Clone)]
pub struct Choice {
    /// The view layer's label (`Nim 1.4.8 rodfiles.db (sqlite) (23 modules) — …`).
    pub label: String,
    pub format: Format,
    pub modules: usize,
    pub cache: Rc<dyn Cache>,
}

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
    /// How many of `symbols` are holes (empty slots; counted, as `rodscope view` does).
    pub holes: usize,
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
    /// The other backends' build steps (text `.rod`, `rodfiles.db`, NIF), in ms each.
    pub steps_ms: Vec<(&'static str, f64)>,
    /// The folder every file given is in (a picked or dropped folder's name), if one.
    pub folder: Option<String>,
}

/// One loaded set of files and the cache of it that is shown. Compared by identity: a
/// load is only ever replaced, and the shown cache only changes by [`Loaded::select`].
#[derive(Clone)]
pub struct Loaded {
    /// The cache shown (`caches[selected]`).
    pub cache: Rc<dyn Cache>,
    pub summary: Rc<LoadSummary>,
    /// Every cache of the load, in the view layer's order (the first is shown first).
    pub caches: Rc<Vec<Choice>>,
    /// Which of them is shown.
    pub selected: usize,
}

impl Loaded {
    /// A load of `caches` (the first is shown; none gives a load of nothing).
    pub fn new(caches: Vec<Choice>, summary: LoadSummary) -> Loaded {
        let empty = Loaded::empty();
        Loaded {
            cache: caches.first().map_or(empty.cache, |c| c.cache.clone()),
            summary: Rc::new(summary),
            caches: Rc::new(caches),
            selected: 0,
        }
    }

    /// The same load showing cache `i` (`None`: there is no such cache).
    pub fn select(&self, i: usize) -> Option<Loaded> {
        let c = self.caches.get(i)?;
        Some(Loaded {
            cache: c.cache.clone(),
            summary: self.summary.clone(),
            caches: self.caches.clone(),
            selected: i,
        })
    }

    /// Builds: this load with the caches of `more` after its own (a second folder
    /// dropped to compare with), still showing the cache shown; the summary counts
    /// both loads' files and modules, and the timings are `more`'s.
    pub fn joined(&self, more: &Loaded) -> Loaded {
        // A load of one cache has a label without its folder: name it, so the two
        // builds can be told apart (and `before` / `after` folders preselect).
        let named = |l: &Loaded, fallback: &str| -> Vec<Choice> {
            let mut v: Vec<Choice> = (*l.caches).clone();
            if let [one] = v.as_mut_slice() {
                let name = l.summary.folder.clone().unwrap_or_else(|| fallback.to_string());
                one.label = format!("{name} — {}", one.label);
            }
            v
        };
        let mut caches = named(self, "first load");
        caches.extend(named(more, "added"));
        let (a, b) = (&*self.summary, &*more.summary);
        let summary = LoadSummary {
            files: a.files + b.files,
            bytes: a.bytes + b.bytes,
            skipped: a.skipped + b.skipped,
            modules: a.modules + b.modules,
            records: a.records + b.records,
            broken: a.broken + b.broken,
            symbols: a.symbols + b.symbols,
            holes: a.holes + b.holes,
            alive: a.alive + b.alive,
            folder: None,
            ..b.clone()
        };
        Loaded {
            cache: self.cache.clone(),
            summary: Rc::new(summary),
            caches: Rc::new(caches),
            selected: self.selected,
        }
    }

    /// Modules of all the caches of the load.
    pub fn all_modules(&self) -> usize {
        self.caches.iter().map(|c| c.modules).sum()
    }

    /// Tells loads (and caches of one load) apart, for component keys: state made for
    /// one cache is not reused for another.
    pub fn id(&self) -> usize {
        Rc::as_ptr(&self.cache) as *const u8 as usize
    }
}

impl PartialEq for Loaded {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.summary, &other.summary) && self.selected == other.selected
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
            caches: Rc::new(Vec::new()),
            selected: 0,
        }
    }
}

/// The loaded cache of the app (a load of nothing before the first load).
#[yew::hook]
pub fn use_loaded() -> Loaded {
    yew::use_context::<Loaded>().unwrap_or_else(Loaded::empty)
}
