//! Links to the module graph and the integrity panel, with a badge counting the
//! integrity problems (the view layer's findings), shown on the module list.

use yew::prelude::*;

use crate::builds::integrity_of;
use crate::loaded::use_loaded;
use crate::route::Route;
use crate::sources::Sources;

#[function_component]
pub fn BuildsNav() -> Html {
    let loaded = use_loaded();
    let sources = use_context::<Sources>().unwrap_or_default();
    let rows = integrity_of(&loaded, &sources);
    let badge = match rows.as_ref() {
        Some(r) => {
            let bad = r.iter().filter(|x| x.is_error).count();
            let title = rod_view::builds::summary(r);
            html! {
                <span class={classes!("badge", if bad > 0 { "bad" } else { "ok" })} id="integrity-count"
                    data-count={bad.to_string()} data-remarks={(r.len() - bad).to_string()} {title}>
                    { if bad > 0 { bad.to_string() } else { "✓".to_string() } }
                </span>
            }
        }
        None => html! {},
    };
    html! {
        <nav class="builds-nav" aria-label="Whole cache">
            <a href={Route::Graph.to_hash()} id="graph-link">{ "Module graph" }</a>
            <a href={Route::Integrity.to_hash()} id="integrity-link">{ "Integrity" }{ " " }{ badge }</a>
        </nav>
    }
}
