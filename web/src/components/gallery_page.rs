//! The playground gallery (`#/gallery`): the teaching samples bundled with the build,
//! one line each (their guide's title and summary); a link opens one (the folder
//! `sample/<name>/` through `#load=`), with its sources and its guide beside the views.

use yew::prelude::*;

use crate::gallery::{gallery, GallerySample};

#[function_component]
pub fn GalleryPage() -> Html {
    let list = use_state(|| None::<Vec<GallerySample>>);
    {
        let list = list.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move { list.set(Some(gallery().await)) });
        });
    }
    let body = match &*list {
        None => html! { <p class="muted">{ "Reading the gallery…" }</p> },
        Some(v) if v.is_empty() => html! {
            <p class="notice" id="gallery-empty">{ "This build has no gallery samples (they are compiled with nim by scripts/build-web.sh)." }</p>
        },
        Some(v) => html! {
            <ul class="gallery-list" id="gallery-list">
                { for v.iter().map(|s| html! {
                    <li class="gallery-item" data-sample={s.name.clone()}>
                        <a href={s.href()} class="gallery-link">{ s.guide.title.clone() }</a>
                        <span class="gallery-name muted">{ format!(" ({})", s.name) }</span>
                        <p class="gallery-line">{ crate::components::guide_pane::spans_html(&rod_view::guide::spans(&s.guide.summary)) }</p>
                    </li>
                }) }
            </ul>
        },
    };
    html! {
        <section class="gallery" aria-labelledby="gallery-title">
            <h2 id="gallery-title">{ "Playground" }</h2>
            <p>
                { "Small Nim programs compiled by Nim 1.6.10 with " }<code>{ "--incremental:on" }</code>
                { " when this site was built, each with its sources and a short guided tour whose \
                   steps open the trees, symbols and tables they talk about." }
            </p>
            { body }
            <p class="muted"><a href="#/">{ "Back to the loaded cache" }</a></p>
        </section>
    }
}
