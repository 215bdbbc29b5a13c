//! The bottom bar: what is loaded, what is going on (a progress bar with files and bytes
//! and a Cancel button while loading), and errors.

use rod_view::text::{format_size, plural};
use yew::prelude::*;

use crate::load::progress::Busy;
use crate::loaded::use_loaded;

#[derive(Properties, PartialEq)]
pub struct StatusBarProps {
    #[prop_or_default]
    pub busy: Option<Busy>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    pub on_dismiss: Callback<()>,
}

#[function_component]
pub fn StatusBar(props: &StatusBarProps) -> Html {
    let loaded = use_loaded();
    let s = &loaded.summary;
    let on_dismiss = props.on_dismiss.reform(|_: MouseEvent| ());
    let summary = (s.files > 0).then(|| {
        let mut t = format!(
            "{} loaded ({}): {}, {}",
            plural(s.files - s.skipped, "file", "files"),
            format_size(s.bytes),
            plural(s.modules, "module", "modules"),
            plural(s.records, "live-set record", "live-set records"),
        );
        if s.broken > 0 {
            t.push_str(&format!(", {}", plural(s.broken, "error", "errors")));
        }
        if s.skipped > 0 {
            t.push_str(&format!(", {} skipped", s.skipped));
        }
        t
    });
    let timing = (s.modules > 0).then(|| {
        format!(
            "decode {:.0} ms · link {:.0} ms · live set {:.0} ms · {} of {} symbols alive ({} holes counted, as rodscope view does) · wasm memory {}",
            s.decode_ms,
            s.link_ms,
            s.live_ms,
            s.alive,
            s.symbols,
            s.holes,
            format_size(s.memory)
        )
    });
    html! {
        <footer class="statusbar">
            <span id="status" role="status" aria-live="polite">
                if let Some(b) = &props.busy {
                    <span class="busy">
                        { b.progress.stage }
                        if b.progress.files_total > 0 {
                            { format!(" {} / {} files", b.progress.files_done, b.progress.files_total) }
                        }
                        if b.progress.bytes_total > 0 {
                            { format!(" · {} / {}", format_size(b.progress.bytes_done), format_size(b.progress.bytes_total)) }
                        }
                        { "…" }
                    </span>
                    if b.progress.bytes_total > 0 {
                        <progress id="progress" max={b.progress.bytes_total.to_string()} value={b.progress.bytes_done.to_string()} />
                    } else {
                        <progress id="progress" />
                    }
                    <button type="button" class="button small subtle" id="cancel-load"
                        onclick={ let c = b.cancel.clone(); Callback::from(move |_: MouseEvent| c.cancel()) }>{ "Cancel" }</button>
                } else if let Some(t) = summary {
                    { t }
                } else {
                    { "Nothing loaded" }
                }
            </span>
            if let Some(t) = timing {
                <span class="timing muted" id="timing">{ t }</span>
            }
            if let Some(err) = &props.error {
                <span class="error" role="alert">
                    { err.clone() }
                    <button type="button" class="link" onclick={on_dismiss} aria-label="Dismiss">{ "×" }</button>
                </span>
            }
        </footer>
    }
}
