//! The root component: owns the `State` reducer, provides the navigator and the loaded
//! cache to everything below as contexts, listens to the URL, loads files.

use std::future::Future;

use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::components::cache_picker::CachePicker;
use crate::components::demo_page::DemoPage;
use crate::components::drop_zone::DropZone;
use crate::components::gallery_page::GalleryPage;
use crate::components::guide_pane::GuidePane;
use crate::components::keep_files::KeepFiles;
use crate::components::header::Header;
use crate::components::module_list::ModuleList;
use crate::components::module_page::ModulePage;
use crate::components::sample_intro::SampleIntro;
use crate::components::search::SearchPage;
use crate::components::status_bar::StatusBar;
use crate::components::welcome::Welcome;
// builds: compare and what-if
use crate::components::compare_page::ComparePage;
use crate::components::whatif_page::WhatIfPage;
// builds: graph and integrity
use crate::components::graph_page::GraphPage;
use crate::components::integrity_page::IntegrityPage;
use crate::load::files::{load_batch, Batch, Input, Inputs};
use crate::load::pipeline;
use crate::load::progress::{Busy, Cancel, LoadError, Progress};
use crate::load::sample::{load_folder, load_sample, sample_available};
use crate::loaded::Loaded;
use crate::navigator::{write_history, Navigator};
use crate::route::{current_cache, ModView, Nav, Route};
use crate::sources::{read_sources, Sources};
use crate::state::{Action, State};

/// Reads files with `read`, decodes them into a cache (reporting progress, honouring
/// Cancel), hands it to the reducer and, unless `stay`, shows the module list. `keep`:
/// the user's own files, remembered for `crate::keep` (stored when that option is on).
/// With `add` = (the cache shown, the number of caches) of the load before, the caches
/// read join that load instead and the comparison of the shown one with the first new
/// one opens (builds: a second folder dropped to compare with).
#[allow(clippy::too_many_arguments)]
fn start_load<F>(
    d: UseReducerDispatcher<State>,
    nav: Navigator,
    stay: bool,
    stage: &'static str,
    sample: bool,
    keep: bool,
    add: Option<(usize, usize)>,
    read: impl FnOnce(Box<dyn Fn(Progress)>, Cancel) -> F + 'static,
) where
    F: Future<Output = Result<Inputs, LoadError>> + 'static,
{
    let cancel = Cancel::new();
    d.dispatch(Action::Busy(Busy {
        progress: Progress::stage(stage),
        cancel: cancel.clone(),
    }));
    spawn_local(async move {
        let report = {
            let (d, cancel) = (d.clone(), cancel.clone());
            move |p: Progress| {
                d.dispatch(Action::Busy(Busy {
                    progress: p,
                    cancel: cancel.clone(),
                }))
            }
        };
        let read = read(Box::new(report.clone()), cancel.clone()).await;
        let mut given = Vec::new();
        let mut kept: Vec<(String, crate::keep::Kept)> = Vec::new();
        let built = match read {
            Ok(mut inputs) => {
                if keep {
                    kept = inputs
                        .items
                        .iter()
                        .map(|(p, i)| match i {
                            Input::File(f) => (p.clone(), crate::keep::Kept::File(f.clone())),
                            Input::Bytes(b) => (p.clone(), crate::keep::Kept::Bytes(b.clone())),
                        })
                        .collect();
                }
                given = read_sources(std::mem::take(&mut inputs.sources)).await;
                if inputs.items.is_empty() && !given.is_empty() {
                    // Only sources (a second drop): matched to the cache already loaded.
                    d.dispatch(Action::AddSources(given));
                    return;
                }
                pipeline::build(inputs, &report, &cancel).await
            }
            Err(e) => Err(e),
        };
        match (built, add) {
            (Ok(loaded), Some((shown, before))) => {
                let any = loaded.all_modules() > 0;
                d.dispatch(Action::AddCaches(loaded));
                d.dispatch(Action::AddSources(given));
                if any {
                    nav.go(Route::Compare { before: Some(shown), after: Some(before), module: None }, Nav::Push);
                }
            }
            (Ok(loaded), None) => {
                let any = loaded.all_modules() > 0
                    || loaded.summary.broken > 0
                    || loaded.caches.iter().any(|c| !c.cache.problems().is_empty());
                // A link into another cache of the load (a reload of a shared link, then
                // the same files dropped again) shows that cache; otherwise the first.
                let shown = if stay { current_cache() } else { 0 };
                let loaded = loaded.select(shown).unwrap_or(loaded);
                d.dispatch(Action::Loaded(loaded, sample));
                if keep && any {
                    kept.extend(given.iter().map(|(p, b)| (p.clone(), crate::keep::Kept::Bytes(b.clone()))));
                    spawn_local(async move {
                        if let Err(e) = crate::keep::remember(kept).await {
                            web_sys::console::warn_1(&format!("rodscope: files not kept: {e}").into());
                        }
                    });
                }
                d.dispatch(Action::AddSources(given));
                if any && !stay {
                    nav.go(Route::Home, Nav::Push);
                }
            }
            (Err(e), _) => d.dispatch(Action::LoadFailed(e)),
        }
    });
}

/// The window title for a route.
fn title(route: &Route) -> String {
    match route {
        Route::Module { key, view } => {
            let what = match view {
                ModView::Page(w, _) => format!(" {w}"),
                ModView::Sym(id, _) => format!(" symbol {id}"),
                ModView::Type(id) => format!(" type {id}"),
                _ => String::new(),
            };
            format!("{key}{what} · rodscope")
        }
        Route::Search(q) => format!("search “{q}” · rodscope"),
        // builds: graph and integrity
        Route::Graph => "module graph · rodscope".to_string(),
        Route::Integrity => "integrity · rodscope".to_string(),
        _ => "rodscope".to_string(),
    }
}

#[function_component]
pub fn App() -> Html {
    let state = use_reducer(|| State::new(Route::current()));
    let dispatch = state.dispatcher();
    let empty = use_memo((), |_| Loaded::empty());

    // The one place the route changes: the history entry and the state, together.
    let goto = {
        let d = dispatch.clone();
        use_callback((), move |(route, how): (Route, Nav), _| {
            write_history(&route, how);
            d.dispatch(Action::Navigate(route));
        })
    };
    let nav = Navigator {
        route: state.route.clone(),
        goto,
    };

    // Back / forward and typed URLs.
    {
        let d = dispatch.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                crate::embed::remember_options();
                EventListener::new(&w, "hashchange", move |_| {
                    // Page options (`&embed`, `&load=`) survive plain links.
                    crate::embed::sticky_options();
                    // The cache first: the route is resolved against it.
                    d.dispatch(Action::SelectCache(current_cache()));
                    d.dispatch(Action::Navigate(Route::current()))
                })
            });
            move || drop(listener)
        });
    }

    // Backspace and `/` anywhere outside text inputs.
    use_effect_with((), move |_| {
        let listener = web_sys::window().map(|w| {
            // Not passive: `/` must not also type itself into the box it focuses.
            let active = gloo_events::EventListenerOptions::enable_prevent_default();
            EventListener::new_with_options(&w, "keydown", active, move |e| {
                if let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() {
                    crate::keys::on_global_key(e);
                }
            })
        });
        move || drop(listener)
    });

    // Start on the bundled sample, if the build shipped one; the URL stays where it is
    // (a shared link into the sample reloads to the same place). With `#load=PATH/` the
    // folder effect below loads that folder instead; with kept files (`crate::keep`, opt-in)
    // those are loaded again, so a permalink into them works after a reload.
    {
        let d = dispatch.clone();
        let nav = nav.clone();
        use_effect_with((), move |_| {
            let folder = crate::embed::current().load.is_some();
            spawn_local(async move {
                let available = sample_available().await;
                d.dispatch(Action::SampleAvailable(available));
                if folder {
                    return;
                }
                if crate::keep::enabled() {
                    if let Ok(files) = crate::keep::load().await {
                        if !files.is_empty() {
                            start_load(d, nav, true, "Loading the kept files", false, false, None, move |_, _| async move {
                                Ok(kept_inputs(files))
                            });
                            return;
                        }
                    }
                }
                if available {
                    start_load(d, nav, true, "Loading the sample", true, false, None, |_, _| async {
                        load_sample().await.map_err(LoadError::Failed)
                    });
                }
            });
        });
    }
    // Playground: `#load=PATH/` (at start, or a gallery link): that folder, and its guide.
    {
        let d = dispatch.clone();
        let nav = nav.clone();
        use_effect_with(crate::embed::current().load, move |folder| {
            if let Some(base) = folder.clone() {
                // The guide of the folder shown before goes now: it names that cache's nodes.
                d.dispatch(Action::Guide(None));
                let (d2, b2) = (d.clone(), base.clone());
                spawn_local(async move {
                    d2.dispatch(Action::Guide(crate::gallery::folder_guide(&b2).await));
                });
                start_load(d, nav, true, "Loading", false, false, None, move |_, _| async move {
                    load_folder(&base).await.map_err(LoadError::Failed)
                });
            }
        });
    }

    use_effect_with(state.route.clone(), |route| {
        if let Some(d) = web_sys::window().and_then(|w| w.document()) {
            d.set_title(&title(route));
        }
    });
    // After every navigation and load (children's effects have run): a focus that fell
    // to <body> with the old view moves into the new one.
    use_effect_with(
        (state.route.clone(), state.loaded.as_ref().map(|l| l.id())),
        |_| crate::keys::keep_focus_in_view(),
    );

    let on_files = {
        let (d, nav, state) = (dispatch.clone(), nav.clone(), state.clone());
        Callback::from(move |batch: Batch| {
            if state.busy.is_some() {
                return; // one load at a time
            }
            // A link into a module that is not loaded (a reload of a shared link, then
            // the user drops the files again): stay there. Otherwise show the list.
            let stay = state.names_missing_module()
                || state
                    .loaded
                    .as_ref()
                    .is_some_and(|l| current_cache() >= l.caches.len().max(1));
            // Playground: the user's own files replace a gallery folder and its guide.
            crate::embed::drop_load_option();
            d.dispatch(Action::Guide(None));
            start_load(
                d.clone(),
                nav.clone(),
                stay,
                "Reading",
                false,
                true,
                None,
                move |report, cancel| async move { load_batch(batch, &*report, &cancel).await },
            );
        })
    };
    // Builds: a second folder joins the load, to compare with.
    let on_add_build = {
        let (d, nav, state) = (dispatch.clone(), nav.clone(), state.clone());
        Callback::from(move |batch: Batch| {
            if state.busy.is_some() {
                return;
            }
            let add = state.loaded.as_ref().map_or((0, 0), |l| (l.selected, l.caches.len()));
            start_load(
                d.clone(),
                nav.clone(),
                true,
                "Reading the build to compare with",
                false,
                false,
                Some(add),
                move |report, cancel| async move { load_batch(batch, &*report, &cancel).await },
            );
        })
    };
    let on_sample = {
        let (d, nav) = (dispatch.clone(), nav.clone());
        Callback::from(move |_: ()| {
            crate::embed::drop_load_option();
            d.dispatch(Action::Guide(None));
            start_load(
                d.clone(),
                nav.clone(),
                false,
                "Loading the sample",
                true,
                false,
                None,
                |_, _| async { load_sample().await.map_err(LoadError::Failed) },
            );
        })
    };
    let on_dismiss = {
        let d = dispatch.clone();
        use_callback((), move |_: (), _| d.dispatch(Action::DismissError))
    };

    let busy = state.busy.is_some();
    // Builds: on the compare page a dropped folder is another build, added to the load.
    let drop_target = if matches!(state.route, Route::Compare { .. }) && state.loaded.is_some() {
        on_add_build.clone()
    } else {
        on_files.clone()
    };
    let main = match (&state.route, &state.loaded) {
        (Route::Demo { .. }, _) => html! { <DemoPage /> },
        // builds: compare and what-if
        (Route::Compare { before, after, module }, Some(_)) => html! {
            <ComparePage before={*before} after={*after} module={module.clone().map(AttrValue::from)} on_add={on_add_build.clone()} {busy} />
        },
        (Route::WhatIf { key, what }, Some(l)) => match l.cache.module_by_key(key) {
            Some(m) => html! { <WhatIfPage key={format!("{}-{}", l.id(), m.0)} module={m} what={what.clone()} /> },
            None => html! { <Welcome loading={busy} loaded=true /> },
        },
        (Route::Gallery, _) => html! { <GalleryPage /> },
        (Route::Search(q), Some(_)) => html! { <SearchPage query={AttrValue::from(q.clone())} /> },
        // builds: graph and integrity
        (Route::Graph, Some(l)) => html! { <GraphPage key={l.id()} /> },
        (Route::Integrity, Some(l)) => html! { <IntegrityPage key={l.id()} /> },
        (Route::Module { key, view }, Some(l)) => match l.cache.module_by_key(key) {
            Some(m) => {
                html! { <ModulePage key={format!("{}-{}", l.id(), m.0)} module={m} view={view.clone()} /> }
            }
            None => html! { <Welcome loading={busy} loaded=true /> },
        },
        (Route::Home, Some(_)) => html! {
            <>
                if state.showing_sample { <SampleIntro /> }
                <ModuleList />
                <KeepFiles />
            </>
        },
        _ => html! { <Welcome loading={busy} /> },
    };
    let loaded = state.loaded.clone().unwrap_or_else(|| (*empty).clone());
    // Embed mode: no header; a link to the same place in the full explorer.
    let embed = crate::embed::current().embed;
    let full_url = {
        let h = crate::embed::current_hash();
        let opts = crate::embed::options_part(&h);
        let keep: Vec<&str> = opts
            .split('&')
            .filter(|p| !p.is_empty() && *p != "embed")
            .collect();
        let mut u = state.route.to_hash();
        for p in keep {
            u.push('&');
            u.push_str(p);
        }
        u
    };
    html! {
        <ContextProvider<Navigator> context={nav}>
            <ContextProvider<Loaded> context={loaded}>
            <ContextProvider<Sources> context={state.sources.clone()}>
                <div class={classes!("app", embed.then_some("embed"))} data-loaded={state.loaded.as_ref().map(|l| l.cache.module_count().to_string())}>
                    if embed {
                        <a class="open-full" id="open-full" href={full_url} target="_blank" rel="noopener">{ "open in rodscope ↗" }</a>
                    } else {
                        <Header
                            on_files={on_files.clone()}
                            {on_sample}
                            sample_available={state.sample_available == Some(true)}
                            {busy}
                            searchable={state.loaded.is_some()}
                        />
                    }
                    <DropZone on_files={drop_target}>
                        <main class="main" id="main" tabindex="-1"><CachePicker />
                            // Playground: the folder's guide beside the views, once its
                            // folder is loaded (its steps are resolved in that cache).
                            if let Some(g) = state.guide.clone().filter(|_| state.route != Route::Gallery && !busy) {
                                <div class="guided">
                                    <GuidePane guide={g} />
                                    <div class="guided-view">{ main }</div>
                                </div>
                            } else {
                                { main }
                            }
                        </main>
                    </DropZone>
                    <StatusBar busy={state.busy.clone()} error={state.error.clone().map(AttrValue::from)} {on_dismiss} />
                </div>
            </ContextProvider<Sources>>
            </ContextProvider<Loaded>>
        </ContextProvider<Navigator>>
    }
}

/// Kept files (`crate::keep`) as the inputs of a load.
fn kept_inputs(files: Vec<(String, Vec<u8>)>) -> Inputs {
    let bytes_total = files.iter().map(|f| f.1.len()).sum();
    let (sources, items): (Vec<_>, Vec<_>) = files.into_iter().partition(|(p, _)| crate::sources::is_source(p));
    Inputs {
        items: items.into_iter().map(|(p, b)| (p, Input::Bytes(b))).collect(),
        sources: sources.into_iter().map(|(p, b)| (p, Input::Bytes(b))).collect(),
        skipped: 0,
        bytes_total,
    }
}
