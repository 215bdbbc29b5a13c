//! The app's state: one `State`, the `Action`s that change it, and `Reducible`.
//! Everything a view shows is derived from the route and the loaded cache; the tree
//! views keep their own expansion.

use std::rc::Rc;

use rod_view::text::plural;
use yew::Reducible;

use crate::load::progress::{Busy, LoadError};
use crate::loaded::Loaded;
use crate::route::Route;

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub route: Route,
    pub loaded: Option<Loaded>,
    /// A load in progress.
    pub busy: Option<Busy>,
    pub error: Option<String>,
    pub sample_available: Option<bool>,
}

pub enum Action {
    /// The route changed (the navigator, or the URL through `hashchange`).
    Navigate(Route),
    Busy(Busy),
    /// A load finished (showing its `selected` cache).
    Loaded(Loaded),
    /// Show another cache of the load (the URL's `c=N`; unknown ones show the first).
    SelectCache(usize),
    LoadFailed(LoadError),
    SampleAvailable(bool),
    DismissError,
}

impl State {
    pub fn new(route: Route) -> Self {
        State {
            route,
            loaded: None,
            busy: None,
            error: None,
            sample_available: None,
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
            Action::Loaded(l) => {
                s.busy = None;
                let problems = l.caches.iter().any(|c| !c.cache.problems().is_empty());
                if l.all_modules() == 0 && l.summary.records == 0 && !problems {
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
                s.loaded = Some(l);
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
                s.loaded = Some(next);
            }
            Action::LoadFailed(e) => {
                s.busy = None;
                s.error = Some(match e {
                    LoadError::Cancelled => {
                        "Load cancelled: the files loaded before stay.".to_string()
                    }
                    LoadError::Failed(m) => m,
                });
            }
            Action::SampleAvailable(on) => s.sample_available = Some(on),
            Action::DismissError => s.error = None,
        }
        Rc::new(s)
    }
}
