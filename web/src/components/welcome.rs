//! The start page, shown while nothing is loaded (or the URL names a module that is not).

use yew::prelude::*;

use crate::components::sample_intro::HowTo;
use crate::navigator::use_navigator;
use crate::route::Route;

#[derive(Properties, PartialEq)]
pub struct WelcomeProps {
    #[prop_or_default]
    pub loading: bool,
    /// A cache is loaded (so a missing module is not about a reload).
    #[prop_or_default]
    pub loaded: bool,
}

#[function_component]
pub fn Welcome(props: &WelcomeProps) -> Html {
    let nav = use_navigator();
    if props.loading {
        return html! {
            <section class="welcome" aria-busy="true">
                <p class="muted">{ "Loading…" }</p>
            </section>
        };
    }
    let missing = match &nav.route {
        Route::Module { key, .. } if props.loaded => Some(format!(
            "The loaded cache has no module “{key}”: see the module list for the modules it has."
        )),
        Route::Module { key, .. } => Some(format!(
            "Module “{key}” is not loaded: files are read in this tab only and are kept \
             across reloads only when “Keep the files I open” is on (module list). Drop the \
             same files again to come back to this place."
        )),
        Route::Search(_) => Some("Nothing is loaded to search in.".to_string()),
        Route::Unknown(raw) => Some(format!("Unknown location “#/{raw}”.")),
        _ => None,
    };
    html! {
        <section class="welcome" aria-labelledby="welcome-title">
            <h2 id="welcome-title">{ "Explore Nim's incremental-compilation files" }</h2>
            if let Some(msg) = missing {
                <p class="notice" role="status" id="welcome-notice">{ msg }</p>
            }
            if props.loaded {
                <p><a href="#/" id="welcome-modules">{ "Show the module list" }</a></p>
            }
            <p>
                { "Drop " }<code>{ ".rod" }</code>{ " and " }<code>{ ".alivesyms" }</code>
                { " files or a whole " }<code>{ "nimcache" }</code>
                { " folder here, or use " }<strong>{ "Open files…" }</strong>{ " / " }
                <strong>{ "Open folder…" }</strong>{ " above." }
            </p>
            <p>{ "Or try the " }<a href="#/gallery">{ "playground" }</a>{ ": small samples with guided tours." }</p>
            <HowTo />
            <p class="muted">
                { "Everything is read and decoded in this browser tab; nothing is uploaded." }
            </p>
        </section>
    }
}
