//! The opt-in to keep loaded files across reloads (`crate::keep`): a checkbox that says
//! what is stored and where, and a "Forget" button that deletes it.

use rod_view::text::format_size;
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::keep;

#[function_component]
pub fn KeepFiles() -> Html {
    let on = use_state(keep::enabled);
    // (files, bytes) stored, re-read after every change.
    let stored = use_state(|| None::<(usize, usize)>);
    let version = use_state(|| 0u32);
    let message = use_state(|| None::<String>);
    // Re-read when the store changes (a load stored its files, or they were deleted).
    {
        let stored = stored.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                gloo_events::EventListener::new(&w, keep::CHANGED, move |_| {
                    let stored = stored.clone();
                    spawn_local(async move { stored.set(Some(keep::stored().await)) });
                })
            });
            move || drop(listener)
        });
    }
    {
        let stored = stored.clone();
        use_effect_with(*version, move |_| {
            spawn_local(async move { stored.set(Some(keep::stored().await)) });
        });
    }
    let onchange = {
        let (on, version, message) = (on.clone(), version.clone(), message.clone());
        Callback::from(move |e: Event| {
            let want = e.target_unchecked_into::<HtmlInputElement>().checked();
            let (on, version, message) = (on.clone(), version.clone(), message.clone());
            spawn_local(async move {
                match keep::set_enabled(want).await {
                    Ok(()) => message.set(None),
                    Err(e) => message.set(Some(e)),
                }
                on.set(keep::enabled());
                version.set(*version + 1);
            });
        })
    };
    let onforget = {
        let (version, message) = (version.clone(), message.clone());
        Callback::from(move |_: MouseEvent| {
            let (version, message) = (version.clone(), message.clone());
            spawn_local(async move {
                match keep::forget().await {
                    Ok(()) => message.set(Some("Stored files deleted.".into())),
                    Err(e) => message.set(Some(e)),
                }
                version.set(*version + 1);
            });
        })
    };
    let what = match *stored {
        Some((0, _)) | None => "nothing is stored now".to_string(),
        Some((n, b)) => format!("{n} file{} ({}) stored now", if n == 1 { "" } else { "s" }, format_size(b)),
    };
    html! {
        <div class="keep-files" id="keep-files">
            <label class="keep-toggle">
                <input type="checkbox" id="keep-files-on" checked={*on} {onchange} />
                { " Keep the files I open across reloads" }
            </label>
            <p class="muted keep-about" id="keep-files-about">
                { "When on, the cache files and sources you drop or open are stored in this \
                   browser's own storage (IndexedDB database “rodscope”, for this site only, \
                   on this computer; nothing is uploaded), and a reload or a permalink opens them \
                   again. Off by default; turning it off deletes them. " }
                <span id="keep-files-stored">{ what }</span>{ "." }
            </p>
            <button type="button" class="button subtle" id="keep-files-forget"
                disabled={matches!(*stored, Some((0, _)) | None)} onclick={onforget}>
                { "Forget stored files" }
            </button>
            if let Some(m) = &*message {
                <span class="note" role="status">{ format!(" {m}") }</span>
            }
        </div>
    }
}
