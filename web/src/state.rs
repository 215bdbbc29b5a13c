//! The app's state: one `State`, the `Action`s that change it, and `Reducible`.
//! Everything a view shows is derived from the route and the loaded cache; the tree
//! views keep their own expansion.

use std::rc::Rc;

use rod_view::text::plural;
use yew::Reducible;

use crate::load::progress::{Busy, LoadError};
use crate::loaded::Loaded;
use crate::route::Route;
use crate::sources::Sources;

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub route: Route,
    pub loaded: Option<Loaded>,
    /// A load in progress.
    pub busy: Option<Busy>,
    pub error: Option<String>,
    pub sample_available: Option<bool>,
    /// The loaded cache is the bundled sample (the module list introduces it).
    pub showing_sample: bool,
    /// The Nim sources given so far, matched to the loaded cache.
    pub sources: Sources,
    /// Playground: the guide of the folder loaded (a gallery sample), shown beside the views.
    pub guide: Option<crate::gallery::GuideShown>,
    /// `error` says that the given sources match no module of the cache shown (cleared
    /// when another cache of the load is shown that they do match).
    pub error_unmatched_sources: bool,
}

pub enum Action {
    /// The route changed (the navigator, or the URL through `hashchange`).
    Navigate(Route),
    Busy(Busy),
    /// A load finished, showing its `selected` cache (true: the bundled sample).
    Loaded(Loaded, bool),
    /// Builds: a second folder's caches join the load (to compare with); `None`
    /// when it held no cache (said in the status bar).
    AddCaches(Loaded),
    /// Show another cache of the load (the URL's `c=N`; unknown ones show the first).
    SelectCache(usize),
    LoadFailed(LoadError),
    SampleAvailable(bool),
    DismissError,
    /// Nim sources were given (with a cache, or on their own).
    AddSources(Vec<(String, Vec<u8>)>),
    /// Playground: the guide to show beside the views (`None`: none).
    Guide(Option<crate::gallery::GuideShown>),
}

impl State {
    pub fn new(route: Route) -> Self {
        State {
            route,
            loaded: None,
            busy: None,
            error: None,
            sample_available: None,
            showing_sample: false,
            sources: Sources::default(),
            guide: None,
            error_unmatched_sources: false,
        }
    }

    /// Whether the route names a module that is not loaded.
    pub fn names_missing_module(&self) -> bool {
        match &self.route {
            Route::Module { key, .. } => self
                .loaded
                .as_ref()
                .is_none_or(|l| l.cache.module_by_key(key).is_none()),
            _ => false,
        }
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Navigate(route) => {
                if route == s.route {
                    return self;
                }
                s.route = route;
            }
            Action::Busy(b) => {
                s.busy = Some(b);
                s.error = None;
            }
            Action::Loaded(l, sample) => {
                s.busy = None;
                let problems = l.caches.iter().any(|c| !c.cache.problems().is_empty());
                if l.all_modules() == 0 && !problems && l.summary.records > 0 {
                    // Records without their modules: one message, and what was shown stays.
                    s.error_unmatched_sources = false;
                    s.error = Some(format!(
                        "{} but no .rod file: an .alivesyms lists the symbols the compiler \
                         kept alive in the .rod file of the same name beside it. Drop the \
                         .rod files too (or the whole nimcache folder).",
                        plural(l.summary.records, ".alivesyms record", ".alivesyms records")
                    ));
                    return Rc::new(s);
                }
                if l.all_modules() == 0 && l.summary.records == 0 && !problems {
                    s.error_unmatched_sources = false;
                    s.error = Some(format!(
                        "No cache files found ({}).",
                        plural(
                            l.summary.skipped,
                            "other file skipped",
                            "other files skipped"
                        )
                    ));
                    return Rc::new(s);
                }
                crate::route::set_cache(l.selected);
                s.sources = s.sources.with(Some(&*l.cache), Vec::new());
                s.loaded = Some(l);
                s.showing_sample = sample;
            }
            Action::AddCaches(more) => {
                s.busy = None;
                if more.all_modules() == 0 {
                    s.error_unmatched_sources = false;
                    let broken = match more.summary.broken {
                        0 => String::new(),
                        n => format!(", {} that did not decode", plural(n, "cache file", "cache files")),
                    };
                    s.error = Some(format!(
                        "No cache in the folder added ({}{broken}): nothing to compare with.",
                        plural(more.summary.files, "file", "files")
                    ));
                    return Rc::new(s);
                }
                s.loaded = Some(match &s.loaded {
                    Some(old) => old.joined(&more),
                    None => more,
                });
            }
            Action::SelectCache(i) => {
                let Some(l) = &s.loaded else {
                    return self;
                };
                let i = if i < l.caches.len() { i } else { 0 };
                if i == l.selected {
                    crate::route::set_cache(i);
                    return self;
                }
                let Some(next) = l.select(i) else {
                    return self;
                };
                crate::route::set_cache(i);
                s.sources = s.sources.with(Some(&*next.cache), Vec::new());
                if s.error_unmatched_sources && !s.sources.matched.is_empty() {
                    s.error = None;
                    s.error_unmatched_sources = false;
                }
                s.loaded = Some(next);
            }
            Action::LoadFailed(e) => {
                s.busy = None;
                s.error_unmatched_sources = false;
                s.error = Some(match e {
                    LoadError::Cancelled => {
                        "Load cancelled: the files loaded before stay.".to_string()
                    }
                    LoadError::Failed(m) => m,
                });
            }
            Action::SampleAvailable(on) => s.sample_available = Some(on),
            Action::DismissError => {
                s.error = None;
                s.error_unmatched_sources = false;
            }
            Action::Guide(g) => s.guide = g,
            Action::AddSources(given) => {
                s.busy = None;
                let n = given.len();
                s.sources = s.sources.with(s.loaded.as_ref().map(|l| &*l.cache), given);
                if n > 0 && s.sources.matched.is_empty() {
                    s.error_unmatched_sources = true;
                    s.error = Some(format!(
                        "{} kept, none matches a module of the loaded cache (by path).",
                        plural(n, "Nim source", "Nim sources")
                    ));
                }
            }
        }
        Rc::new(s)
    }
}
