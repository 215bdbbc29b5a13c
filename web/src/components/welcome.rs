//! The start page, shown while nothing is loaded.

use yew::prelude::*;

use crate::route::Route;

#[derive(Properties, PartialEq)]
pub struct WelcomeProps {
    pub route: Route,
}

#[function_component]
pub fn Welcome(props: &WelcomeProps) -> Html {
    let missing = match &props.route {
        Route::Module { idx, .. } => Some(format!(
            "Module {idx} is not loaded: files are read in this tab only and are not kept \
             across reloads. Open them again."
        )),
        Route::Unknown(raw) => Some(format!("Unknown location “#/{raw}”.")),
        _ => None,
    };
    html! {
        <section class="welcome" aria-labelledby="welcome-title">
            <h2 id="welcome-title">{ "Explore Nim's incremental-compilation files" }</h2>
            if let Some(msg) = missing {
                <p class="notice" role="status">{ msg }</p>
            }
            <p>
                { "Drop " }<code>{ ".rod" }</code>{ " files or a whole " }<code>{ "nimcache" }</code>
                { " folder here, or use " }<strong>{ "Open files…" }</strong>{ " / " }
                <strong>{ "Open folder…" }</strong>{ " above." }
            </p>
            <p class="muted">
                { "Everything is read and decoded in this browser tab; nothing is uploaded." }
            </p>
        </section>
    }
}
