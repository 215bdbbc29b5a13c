//! What-if (`#/whatif/<module>/<tree>/<node>`, `#/whatif/<module>/sym/<id>`): the live
//! set recomputed without a top-level statement or a symbol, per module the symbols
//! that would leave it, and the modules that would be regenerated. The call is timed
//! in the page (`<body data-whatif-ms>`, `console.debug`). Words come from
//! `rod_view::compare`.

use rod_view::compare::{no_whatif, Removal, WhatIfModule, WhatIfView, WHATIF_QUESTION};
use rod_view::{Cache, ModuleIdx, Target};
use yew::prelude::*;

use crate::clock::now;
use crate::components::link::link_html;
use crate::loaded::use_loaded;
use crate::route::{href, module_href, resolve_page, ModView, Page, WhatIfOf};

/// Most symbols listed per module before "show all".
const SYM_CAP: usize = 100;

#[derive(Properties, PartialEq)]
pub struct WhatIfPageProps {
    pub module: ModuleIdx,
    pub what: WhatIfOf,
}

/// What the route asks to remove, when the cache can remove it.
fn removal(c: &dyn Cache, m: ModuleIdx, what: &WhatIfOf) -> Option<Removal> {
    match what {
        WhatIfOf::Stmt(word, n) => match resolve_page(c, m, word, Some(*n))? {
            Page::Tree(t, _) => c.removable(m, t, *n),
            Page::Table(_) => None,
        },
        WhatIfOf::Sym(k) => Some(Removal::Symbol(m, *k)),
    }
}

#[function_component]
pub fn WhatIfPage(props: &WhatIfPageProps) -> Html {
    let loaded = use_loaded();
    let all = use_state(|| None::<ModuleIdx>);
    let key = (loaded.id(), props.module, props.what.clone());
    let result = {
        let cache = loaded.cache.clone();
        use_memo(key.clone(), move |(_, m, what)| {
            let r = removal(&*cache, *m, what)?;
            let t0 = now();
            let v = cache.whatif(&[r]);
            Some((v, now() - t0))
        })
    };
    {
        let ms = result.as_ref().as_ref().and_then(|x| x.0.as_ref().map(|_| x.1));
        use_effect_with(key, move |_| {
            if let (Some(ms), Some(body)) = (ms, web_sys::window().and_then(|w| w.document()).and_then(|d| d.body())) {
                let _ = body.set_attribute("data-whatif-ms", &format!("{ms:.2}"));
                web_sys::console::debug_1(&format!("rodscope: what-if in {ms:.1} ms").into());
            }
        });
    }
    let c = &*loaded.cache;
    let m = props.module;
    let back = match &props.what {
        WhatIfOf::Stmt(word, n) => module_href(c, m, ModView::Page(word.clone(), Some(*n))),
        WhatIfOf::Sym(k) => href(c, Target::Sym(m, *k)).unwrap_or_else(|| "#/".into()),
    };
    let body = match result.as_ref() {
        None => html! {
            <p class="notice" id="whatif-none">{ "This is not a top-level statement of the current build: only those (and symbols) can be removed." }</p>
        },
        Some((None, _)) => html! { <p class="notice" id="whatif-none">{ no_whatif(c) }</p> },
        Some((Some(v), ms)) => view_html(c, v, *ms, &all),
    };
    html! {
        <div class="page-body whatif-page" id="whatif">
            <h2>{ WHATIF_QUESTION }</h2>
            <p><a href={back} id="whatif-back">{ "← back" }</a></p>
            { body }
        </div>
    }
}

fn module_html(c: &dyn Cache, d: &WhatIfModule, all: &UseStateHandle<Option<ModuleIdx>>) -> Html {
    let ids: Vec<String> = d.syms.iter().map(|k| k.to_string()).collect();
    let full = **all == Some(d.module);
    let cap = if full { usize::MAX } else { SYM_CAP };
    let more = {
        let (all, m) = (all.clone(), d.module);
        Callback::from(move |_: MouseEvent| all.set(Some(m)))
    };
    html! {
        <li class="wi-module" data-path={d.path.clone()} data-ids={ids.join(" ")}>
            <h4>
                <a href={module_href(c, d.module, ModView::Overview)} title={d.path.clone()}>{ d.short.clone() }</a>
                <span class="muted">{ format!(" · {}", d.syms.len()) }</span>
            </h4>
            <ul class="wi-syms">
                { for d.syms.iter().take(cap).map(|&k| html! { <li>{ link_html(c, &c.sym_link(d.module, k, false), "sym") }</li> }) }
            </ul>
            if d.syms.len() > cap {
                <button type="button" class="button small subtle" onclick={more}>{ format!("show all {}", d.syms.len()) }</button>
            }
        </li>
    }
}

fn view_html(c: &dyn Cache, v: &WhatIfView, ms: f64, all: &UseStateHandle<Option<ModuleIdx>>) -> Html {
    let counts = v.counts.iter().map(|x| {
        html! { <li data-count={x.slug} data-value={x.value.to_string()}><b>{ x.value }</b>{ " " }{ x.label.clone() }</li> }
    });
    let regen = v.regenerated.iter().map(|r| {
        html! {
            <li data-path={r.path.clone()}>
                <a href={module_href(c, r.module, ModView::Overview)} title={r.path.clone()}>{ r.short.clone() }</a>
                { for r.reasons.iter().map(|x| html! { <>{ " " }<span class="chip cmp-reason" data-reason={x.slug}>{ x.words.clone() }</span></> }) }
            </li>
        }
    });
    html! {
        <>
            <ul class="wi-removed">{ for v.removed.iter().map(|r| html! { <li>{ format!("Without {r}") }</li> }) }</ul>
            <p id="whatif-summary"><b>{ v.summary.clone() }</b>
                <span class="muted" id="whatif-time">{ format!(" · live set recomputed in {ms:.1} ms") }</span></p>
            <ul class="cmp-counts" id="whatif-counts" aria-label="Summary">{ for counts }</ul>
            <h3>{ "Would leave the live set" }</h3>
            if v.dies.is_empty() {
                <p class="muted" id="whatif-nothing">{ "Nothing: every symbol stays alive (something else keeps it)." }</p>
            }
            <ul class="wi-modules" id="whatif-dies">{ for v.dies.iter().map(|d| module_html(c, d, all)) }</ul>
            if !v.enters.is_empty() {
                <h3>{ "Would enter the live set" }</h3>
                <ul class="wi-modules" id="whatif-enters">{ for v.enters.iter().map(|d| module_html(c, d, all)) }</ul>
            }
            <h3>{ format!("Would be regenerated ({})", v.regenerated.len()) }</h3>
            <ul class="wi-regen" id="whatif-regenerated">{ for regen }</ul>
        </>
    }
}
