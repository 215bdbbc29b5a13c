//! The bottom bar: what is loaded, what is going on (a progress bar while loading), and
//! errors.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::{format_size, plural};
use crate::workspace::{Progress, Workspace};

#[derive(Properties, PartialEq)]
pub struct StatusBarProps {
    pub ws: Option<Rc<Workspace>>,
    #[prop_or_default]
    pub busy: Option<Progress>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    pub on_dismiss: Callback<()>,
}

#[function_component]
pub fn StatusBar(props: &StatusBarProps) -> Html {
    let on_dismiss = props.on_dismiss.reform(|_: MouseEvent| ());
    let summary = props.ws.as_ref().map(|ws| {
        let alive_files = ws.alive_files.iter().flatten().count();
        let files = ws.entries.len() + alive_files + ws.stray.len();
        let mut s = format!(
            "{} loaded ({}): {}, {}",
            plural(files, "file", "files"),
            format_size(ws.total_bytes),
            plural(ws.module_count(), "module", "modules"),
            plural(alive_files, ".alivesyms", ".alivesyms"),
        );
        if ws.error_count() > 0 {
            s.push_str(&format!(
                ", {}",
                plural(ws.error_count(), "error", "errors")
            ));
        }
        if ws.skipped > 0 {
            s.push_str(&format!(", {} skipped", ws.skipped));
        }
        s
    });
    let timing = props
        .ws
        .as_ref()
        .filter(|ws| !ws.entries.is_empty())
        .map(|ws| {
            let t = ws.timings;
            format!(
                "decode {:.0} ms · live set {:.0} ms · {} of {} symbols alive",
                t.decode_ms,
                t.live_ms,
                ws.live.total_alive(),
                ws.search.len()
            )
        });
    html! {
        <footer class="statusbar">
            <span id="status" role="status" aria-live="polite">
                if let Some(p) = &props.busy {
                    <span class="busy">
                        { p.stage }
                        if p.total > 0 {
                            { format!(" {} / {}", p.done, p.total) }
                        }
                        { "…" }
                    </span>
                    if p.total > 0 {
                        <progress id="progress" max={p.total.to_string()} value={p.done.to_string()} />
                    } else {
                        <progress id="progress" />
                    }
                } else if let Some(s) = summary {
                    { s }
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
                    <button type="button" class="link" onclick={on_dismiss}
                        aria-label="Dismiss">{ "×" }</button>
                </span>
            }
        </footer>
    }
}
