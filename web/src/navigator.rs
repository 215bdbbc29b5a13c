//! Navigation, provided to every component through a context: the current route and
//! the one function that changes it.
//!
//! [`Navigator::go`] is the only place the app changes the URL: it records the step in
//! the browser's history (a new entry, or in place) and hands the route to the app's
//! state at once, so no caller has anything left to do. Back / forward and typed URLs
//! arrive through the `hashchange` listener of the app and end up in the same state.

use yew::prelude::*;

use crate::route::{Nav, Route};

/// The current route and the way to go elsewhere.
#[derive(Clone, PartialEq)]
pub struct Navigator {
    /// Where the app is (as rendered).
    pub route: Route,
    /// Goes to a route (see [`Navigator::go`]); given by the app.
    pub goto: Callback<(Route, Nav)>,
}

impl Navigator {
    /// Goes to `route`, as a new history entry or in place.
    pub fn go(&self, route: Route, nav: Nav) {
        self.goto.emit((route, nav));
    }
    /// The route of the URL right now (it can be ahead of [`Navigator::route`] while
    /// keys are pressed faster than the page renders).
    pub fn now(&self) -> Route {
        Route::current()
    }
}

/// Writes `route` into the browser's history: `Push` adds an entry, `Replace` rewrites
/// the current one. Only [`crate::components::app::App`]'s navigator calls it.
pub fn write_history(route: &Route, nav: Nav) {
    let Some(window) = web_sys::window() else {
        return;
    };
    // The page's options (`&embed`, `&load=`) stay with every URL.
    let hash = route.to_hash() + &crate::embed::options_part(&crate::embed::current_hash());
    match nav {
        Nav::Push => {
            if window.location().hash().ok().as_deref() != Some(hash.as_str()) {
                let _ = window.location().set_hash(&hash);
            }
        }
        Nav::Replace => {
            if let Ok(history) = window.history() {
                let _ =
                    history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&hash));
            }
        }
    }
}

/// The browser's back button.
pub fn back() {
    if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = h.back();
    }
}

/// The navigator of the app.
#[hook]
pub fn use_navigator() -> Navigator {
    use_context::<Navigator>().unwrap_or_else(|| Navigator {
        route: Route::Home,
        goto: Callback::noop(),
    })
}
