//! Two builds compared (`#/compare/<before>/<after>[/<module path>]`): pick two caches
//! of the load as *before* and *after*; per module, regenerated or not and why, the
//! symbols that entered and left the live set (links into each build), and for the
//! open module the structural diff of its trees (changed nodes as links into each
//! build's tree). Everything shown is worded by `rod_view::compare`; a format without
//! a comparison says so.

use std::rc::Rc;

use rod_view::compare::{no_compare, BuildCompare, ModuleCompare, TreeChange};
use rod_view::text::plural;
use rod_view::{Cache, Link, ModuleIdx, NodePos, SymKey, Target, TreeId};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::clock::now;
use crate::components::file_picker::FilePicker;
use crate::diff_option;
use crate::loaded::{use_loaded, Choice};
use crate::navigator::Navigator;
use crate::route::{target_route, Nav, Route};

/// Most symbols listed per side of a module, and changed nodes per item.
const SYM_CAP: usize = 200;
const NODE_CAP: usize = 24;

#[derive(Properties, PartialEq)]
pub struct ComparePageProps {
    pub before: Option<usize>,
    pub after: Option<usize>,
    /// The module (path) whose details are open.
    pub module: Option<AttrValue>,
    /// A folder picked here joins the load as another build to compare with.
    pub on_add: Callback<crate::load::files::Batch>,
    /// A load is running.
    #[prop_or_default]
    pub busy: bool,
}

/// A link of cache `idx` of the load (not the shown one), as HTML.
fn link_in(c: &dyn Cache, idx: usize, l: &Link, class: &'static str) -> Html {
    match l.target.and_then(|t| target_route(c, t)) {
        Some(r) => html! { <a href={r.to_hash_in(idx)} class={class}>{ l.label.clone() }</a> },
        None => html! { <span class={class}>{ l.label.clone() }</span> },
    }
}

/// The URL of a target in cache `idx`.
fn href_in(c: &dyn Cache, idx: usize, t: Target) -> Option<String> {
    target_route(c, t).map(|r| r.to_hash_in(idx))
}

/// The caches to preselect: a label naming `before` / `after`, else the first two.
fn guess(caches: &[Choice]) -> (usize, usize) {
    let find = |w: &str| caches.iter().position(|c| c.label.to_ascii_lowercase().contains(w));
    match (find("before"), find("after")) {
        (Some(a), Some(b)) if a != b => (a, b),
        _ => (0, 1.min(caches.len().saturating_sub(1))),
    }
}

fn select_value(e: &Event) -> Option<usize> {
    e.target_dyn_into::<HtmlSelectElement>()?.value().parse().ok()
}

#[function_component]
pub fn ComparePage(props: &ComparePageProps) -> Html {
    let loaded = use_loaded();
    let nav = use_context::<Navigator>();
    let only_regen = use_state(|| true);
    let caches = loaded.caches.clone();
    let (ga, gb) = guess(&caches);
    let (a, b) = (props.before.unwrap_or(ga), props.after.unwrap_or(gb));
    let ids = (Rc::as_ptr(&loaded.summary) as usize, a, b);
    let diff = {
        let caches = caches.clone();
        use_memo(ids, move |_| {
            let (x, y) = (caches.get(a)?, caches.get(b)?);
            let t0 = now();
            let d = x.cache.build_diff(&*y.cache);
            Some((d, now() - t0))
        })
    };
    {
        let ms = diff.as_ref().as_ref().map(|x| x.1);
        use_effect_with(ids, move |_| {
            if let (Some(ms), Some(body)) = (ms, web_sys::window().and_then(|w| w.document()).and_then(|d| d.body())) {
                let _ = body.set_attribute("data-compare-ms", &format!("{ms:.2}"));
                web_sys::console::debug_1(&format!("rodscope: build comparison in {ms:.1} ms").into());
            }
        });
    }
    let go = {
        let nav = nav.clone();
        move |before: usize, after: usize| {
            if let Some(n) = &nav {
                n.go(Route::Compare { before: Some(before), after: Some(after), module: None }, Nav::Push);
            }
        }
    };
    let on_before = {
        let go = go.clone();
        Callback::from(move |e: Event| {
            if let Some(v) = select_value(&e) {
                go(v, b)
            }
        })
    };
    let on_after = {
        let go = go.clone();
        Callback::from(move |e: Event| {
            if let Some(v) = select_value(&e) {
                go(a, v)
            }
        })
    };
    let swap = Route::Compare { before: Some(b), after: Some(a), module: None }.to_hash();
    let options = |sel: usize| {
        caches
            .iter()
            .enumerate()
            .map(|(i, c)| html! { <option value={i.to_string()} selected={i == sel}>{ format!("{}: {}", i, c.label) }</option> })
            .collect::<Html>()
    };
    let add = html! {
        <FilePicker label="Add a build folder…" directory=true name={AttrValue::Static("build")} class={AttrValue::Static("button small")}
            disabled={props.busy} on_files={props.on_add.clone()} />
    };
    let picker = if caches.len() < 2 { html! {} } else { html! {
        <form class="cmp-pick" id="compare-pick" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <label><span class="cmp-side">{ "before" }</span><select id="compare-before" onchange={on_before}>{ options(a) }</select></label>
            <label><span class="cmp-side">{ "after" }</span><select id="compare-after" onchange={on_after}>{ options(b) }</select></label>
            <a class="button small subtle" id="compare-swap" href={swap}>{ "swap" }</a>
            { add.clone() }
        </form>
    } };
    let body = if caches.len() < 2 {
        html! {
            <div class="notice" id="compare-none">
                <p>{ "Comparing needs two builds. Add (or drop here) the other build's nimcache folder, a copy of it from before or after your edit: it joins this load and the comparison opens. Or open one folder that holds both builds in their own subfolders, e.g. before/ and after/." }</p>
                <p>{ add }</p>
            </div>
        }
    } else if a == b {
        html! { <p class="notice" id="compare-same">{ "Pick two different caches." }</p> }
    } else {
        match (diff.as_ref(), caches.get(a), caches.get(b)) {
            (Some((Some(d), ms)), Some(x), Some(y)) => comparison(d, *ms, (a, x), (b, y), props.module.as_deref(), &only_regen),
            (_, Some(x), Some(y)) => html! { <p class="notice" id="compare-none">{ no_compare(&*x.cache, &*y.cache) }</p> },
            _ => html! { <p class="notice" id="compare-none">{ "No such cache in this load." }</p> },
        }
    };
    html! {
        <div class="page-body compare-page" id="compare">
            <h2>{ "Two builds compared" }</h2>
            { picker }
            { body }
        </div>
    }
}

fn comparison(d: &BuildCompare, ms: f64, old: (usize, &Choice), new: (usize, &Choice), open: Option<&str>, only_regen: &UseStateHandle<bool>) -> Html {
    let (a, b) = (old.0, new.0);
    let counts = d.counts.iter().map(|c| {
        html! { <li data-count={c.slug} data-value={c.value.to_string()}><b>{ c.value }</b>{ " " }{ c.label.clone() }</li> }
    });
    let toggle = {
        let s = only_regen.clone();
        Callback::from(move |_: Event| s.set(!*s))
    };
    let shown: Vec<&ModuleCompare> = d.modules.iter().filter(|m| !**only_regen || m.regenerated || open == Some(m.path.as_str())).collect();
    let rows = shown.iter().map(|m| module_row(m, old, new, open == Some(m.path.as_str())));
    html! {
        <>
            <ul class="cmp-counts" id="compare-counts" aria-label="Summary">{ for counts }</ul>
            <p class="muted cmp-time">{ format!("compared in {ms:.1} ms") }</p>
            <label class="cmp-filter">
                <input type="checkbox" id="compare-only-regenerated" checked={**only_regen} onchange={toggle} />
                { " only regenerated modules" }
            </label>
            if shown.is_empty() {
                <p class="muted" id="compare-empty">{ "No module is regenerated." }</p>
            }
            <ul class="cmp-modules" id="compare-modules" data-before={a.to_string()} data-after={b.to_string()}>{ for rows }</ul>
        </>
    }
}

fn module_row(m: &ModuleCompare, old: (usize, &Choice), new: (usize, &Choice), open: bool) -> Html {
    let (a, b) = (old.0, new.0);
    let here = Route::Compare { before: Some(a), after: Some(b), module: (!open).then(|| m.path.clone()) }.to_hash();
    let reasons = m.reasons.iter().map(|r| html! { <span class="chip cmp-reason" data-reason={r.slug}>{ r.words.clone() }</span> });
    let delta = (!m.entered.is_empty() || !m.left.is_empty()).then(|| format!("+{} −{}", m.entered.len(), m.left.len()));
    html! {
        <li key={m.path.clone()} class={classes!("cmp-module", m.regenerated.then_some("regen"), open.then_some("open"))}
            data-path={m.path.clone()} data-regenerated={if m.regenerated { "yes" } else { "no" }}>
            <div class="cmp-head">
                <a class="cmp-name" href={here} aria-expanded={if open { "true" } else { "false" }} title={m.path.clone()}>{ m.short.clone() }</a>
                <span class="cmp-change">{ m.change.clone() }</span>
                { for reasons }
                if let Some(t) = delta { <span class="cmp-delta">{ t }</span> }
            </div>
            if open { { module_detail(m, old, new) } }
        </li>
    }
}

fn sym_list(c: &dyn Cache, idx: usize, m: Option<ModuleIdx>, ids: &[SymKey], id: &'static str, title: &str) -> Html {
    let Some(m) = m else { return html! {} };
    if ids.is_empty() {
        return html! {};
    }
    let items = ids.iter().take(SYM_CAP).map(|&k| html! { <li data-id={k.to_string()}>{ link_in(c, idx, &c.sym_link(m, k, false), "sym") }</li> });
    html! {
        <section class="cmp-syms">
            <h4>{ format!("{title} ({})", ids.len()) }</h4>
            <ul class="cmp-sym-list" id={id}>{ for items }</ul>
            if ids.len() > SYM_CAP { <p class="muted">{ format!("… and {} more", ids.len() - SYM_CAP) }</p> }
        </section>
    }
}

fn module_detail(m: &ModuleCompare, old: (usize, &Choice), new: (usize, &Choice)) -> Html {
    let ((a, x), (b, y)) = (old, new);
    let (cx, cy) = (&*x.cache, &*y.cache);
    let open_in = |c: &dyn Cache, idx: usize, mi: Option<ModuleIdx>, word: &str| {
        mi.and_then(|mi| href_in(c, idx, Target::Module(mi)))
            .map(|h| html! { <a class="button small subtle" href={diff_option::with_diff(&h, a, b)}>{ format!("open in {word}") }</a> })
    };
    let changes = match (m.old, m.new) {
        (Some(mo), Some(mn)) => cx.tree_diff(mo, cy, mn),
        _ => None,
    };
    let tree_html = match changes {
        Some(list) => {
            let same = list.iter().filter(|c| c.change == "same").count();
            let changed: Vec<&TreeChange> = list.iter().filter(|c| c.change != "same").collect();
            html! {
                <section class="cmp-trees">
                    <h4>{ format!("Trees: {} of {} statements and bodies differ", changed.len(), list.len()) }</h4>
                    if changed.is_empty() {
                        <p class="muted">{ format!("All {} matched items are the same.", plural(same, "item", "items")) }</p>
                    } else {
                        <ul class="cmp-tree-list" id="compare-tree-diff">
                            { for changed.iter().map(|c| tree_change(c, (a, cx, m.old), (b, cy, m.new))) }
                        </ul>
                    }
                </section>
            }
        }
        None => html! {},
    };
    html! {
        <div class="cmp-detail" id="compare-detail">
            <p class="cmp-path"><code>{ m.path.clone() }</code></p>
            <p class="actions">{ open_in(cx, a, m.old, "before") }{ open_in(cy, b, m.new, "after") }</p>
            if !m.changed_deps.is_empty() {
                <p>{ format!("Recompiled modules it imports: {}", m.changed_deps.join(", ")) }</p>
            }
            { sym_list(cy, b, m.new, &m.entered, "compare-entered", "Entered the live set") }
            { sym_list(cx, a, m.old, &m.left, "compare-left", "Left the live set") }
            { tree_html }
        </div>
    }
}

/// Links to changed nodes of one side; they open the tree with the comparison
/// `pair` (before, after) marked.
fn node_links(c: &dyn Cache, idx: usize, m: Option<ModuleIdx>, tree: TreeId, nodes: &[NodePos], side: &str, pair: (usize, usize)) -> Html {
    let Some(m) = m else { return html! {} };
    if nodes.is_empty() {
        return html! {};
    }
    let links = nodes.iter().take(NODE_CAP).map(|&n| {
        let label = format!("#{}", n.0);
        match href_in(c, idx, Target::Node(m, tree, n)) {
            Some(h) => html! { <a class="node" href={diff_option::with_diff(&h, pair.0, pair.1)} data-node={n.0.to_string()}>{ label }</a> },
            None => html! { <span>{ label }</span> },
        }
    });
    html! {
        <span class="cmp-nodes">
            <span class="muted">{ format!("{side}: ") }</span>
            { for links }
            if nodes.len() > NODE_CAP { <span class="muted">{ format!(" … {} more", nodes.len() - NODE_CAP) }</span> }
        </span>
    }
}

fn tree_change(c: &TreeChange, old: (usize, &dyn Cache, Option<ModuleIdx>), new: (usize, &dyn Cache, Option<ModuleIdx>)) -> Html {
    html! {
        <li class="cmp-item" data-change={c.change.clone()} data-kind={c.kind.clone()}>
            <span class={classes!("chip", "cmp-item-change", c.change.clone())}>{ c.change.clone() }</span>
            { " " }<span class="muted">{ c.kind.clone() }</span>{ " " }<span class="cmp-item-name">{ c.name.clone() }</span>
            <div class="cmp-item-nodes">
                { node_links(old.1, old.0, old.2, c.tree, &c.changed_old, "before", (old.0, new.0)) }
                { node_links(new.1, new.0, new.2, c.tree, &c.changed_new, "after", (old.0, new.0)) }
            </div>
        </li>
    }
}
