//! The cache's remarks a user should see first (mixed compilers, modules that are not
//! loaded, stray files), as a banner.

use yew::prelude::*;

use crate::loaded::use_loaded;

#[function_component]
pub fn NotesBanner() -> Html {
    let loaded = use_loaded();
    let notes = loaded.cache.notes();
    if notes.is_empty() {
        return html! {};
    }
    html! {
        <div class="banner warn" role="alert" id="version-banner">
            { for notes.into_iter().map(|n| html! { <p>{ n }</p> }) }
        </div>
    }
}
