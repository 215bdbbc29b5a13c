//! The root component: owns the `State` reducer, listens to the URL, loads files.

use std::rc::Rc;

use gloo_events::EventListener;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::components::demo::DemoView;
use crate::components::drop_zone::DropZone;
use crate::components::header::Header;
use crate::components::module_list::ModuleList;
use crate::components::module_page::ModulePage;
use crate::components::search::SearchPage;
use crate::components::status_bar::StatusBar;
use crate::components::welcome::Welcome;
use crate::loader::{self, Batch, LoadResult};
use crate::route::{self, ModView, Nav, Route};
use crate::state::{Action, State};
use crate::workspace::{self, Progress};

/// Loads files into a workspace, reporting progress, then hands it to the reducer.
async fn load(d: UseReducerDispatcher<State>, files: Result<LoadResult, String>, stay: bool) {
    let LoadResult { files, skipped } = match files {
        Ok(r) => r,
        Err(e) => return d.dispatch(Action::LoadFailed(e)),
    };
    let report = {
        let d = d.clone();
        move |p: Progress| d.dispatch(Action::LoadProgress(p))
    };
    let ws = workspace::build(files, skipped, &report).await;
    let any = !ws.entries.is_empty();
    d.dispatch(Action::Loaded(Rc::new(ws)));
    if any && !stay {
        let home = Route::Home.to_hash();
        if route::go(&home, Nav::Push) {
            d.dispatch(Action::Navigate(Route::Home));
        }
    }
}

#[function_component]
pub fn App() -> Html {
    let state = use_reducer(|| State::new(Route::current()));
    let dispatch = state.dispatcher();

    // The URL drives navigation: links, typed URLs, back / forward all end up here.
    {
        let d = dispatch.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                EventListener::new(&w, "hashchange", move |_| {
                    d.dispatch(Action::Navigate(Route::current()))
                })
            });
            move || drop(listener)
        });
    }

    // Start on the bundled sample, if the build shipped one; the URL stays where it is
    // (a shared link into the sample reloads to the same place).
    {
        let d = dispatch.clone();
        use_effect_with((), move |_| {
            spawn_local(async move {
                let available = loader::sample_available().await;
                d.dispatch(Action::SampleAvailable(available));
                if available {
                    d.dispatch(Action::LoadProgress(Progress {
                        stage: "Loading the sample",
                        done: 0,
                        total: 0,
                    }));
                    load(d.clone(), loader::load_sample().await, true).await;
                }
            });
        });
    }

    // A collapse can hide the selected node: move the selection (and the URL) to its
    // nearest visible ancestor.
    {
        let d = dispatch.clone();
        let route = state.route.clone();
        let ws = state.ws.clone();
        use_effect_with(state.packed.clone(), move |packed| {
            let (Some(p), Some(ws), Route::Module { key, view }) = (packed, ws, route) else {
                return;
            };
            let Some(node) = view.node() else { return };
            if !p.contains(node) || p.position(node).is_some() {
                return;
            }
            let Some(m) = ws.module(p.id.module) else {
                return;
            };
            let tree = m.tree(p.id.tree);
            if let Some(&a) = p
                .ancestors(tree, node)
                .iter()
                .rev()
                .find(|&&a| p.position(a).is_some())
            {
                let r = Route::module(&key, view.with_node(Some(a)));
                if route::go(&r.to_hash(), Nav::Replace) {
                    d.dispatch(Action::Navigate(r));
                }
            }
        });
    }

    // The window title follows the location.
    use_effect_with(state.route.clone(), |route| {
        let title = match route {
            Route::Module { key, view } => {
                let what = match view {
                    ModView::Overview => String::new(),
                    ModView::Tree(k, _) => format!(" {}", k.name()),
                    ModView::Sym(id, _) => format!(" symbol {id}"),
                    ModView::Type(id) => format!(" type {id}"),
                    _ => String::new(),
                };
                format!("{key}{what} · rodscope")
            }
            Route::Search(q) => format!("search “{q}” · rodscope"),
            _ => "rodscope".to_string(),
        };
        if let Some(d) = web_sys::window().and_then(|w| w.document()) {
            d.set_title(&title);
        }
    });

    let on_files = {
        let d = dispatch.clone();
        let state = state.clone();
        Callback::from(move |batch: Batch| {
            if state.busy.is_some() {
                return; // one load at a time
            }
            let n = batch.len();
            d.dispatch(Action::LoadProgress(Progress {
                stage: "Reading",
                done: 0,
                total: n,
            }));
            // A link into a module that is not loaded (a reload of a shared link, then
            // the user drops the files again): stay there. Otherwise show the list.
            let stay = matches!(state.route, Route::Module { .. })
                && state.module_of(&state.route).is_none();
            let d = d.clone();
            spawn_local(async move {
                let report = {
                    let d = d.clone();
                    move |p: Progress| d.dispatch(Action::LoadProgress(p))
                };
                let files = loader::load_batch(batch, &report).await;
                load(d, files, stay).await;
            });
        })
    };
    let on_sample = {
        let d = dispatch.clone();
        use_callback((), move |_: (), _| {
            d.dispatch(Action::LoadProgress(Progress {
                stage: "Loading the sample",
                done: 0,
                total: 0,
            }));
            let d = d.clone();
            spawn_local(async move { load(d, loader::load_sample().await, false).await });
        })
    };
    let on_dismiss = {
        let d = dispatch.clone();
        use_callback((), move |_: (), _| d.dispatch(Action::DismissError))
    };
    let on_toggle = {
        let d = dispatch.clone();
        use_callback((), move |(node, want): (u32, Option<bool>), _| {
            d.dispatch(Action::SetExpanded(node, want))
        })
    };
    let on_expand_all = {
        let d = dispatch.clone();
        use_callback((), move |on: bool, _| d.dispatch(Action::ExpandAll(on)))
    };
    let on_expand_subtree = {
        let d = dispatch.clone();
        use_callback((), move |node: u32, _| {
            d.dispatch(Action::ExpandSubtree(node))
        })
    };
    // Selecting a tree row: the same route with that node (arrows replace, clicks push).
    let on_select = {
        let d = dispatch.clone();
        use_callback(
            state.route.clone(),
            move |(node, nav): (u32, Nav), route| {
                let r = match route {
                    Route::Module { key, view } => Route::module(key, view.with_node(Some(node))),
                    _ => return,
                };
                if route::go(&r.to_hash(), nav) {
                    d.dispatch(Action::Navigate(r));
                }
            },
        )
    };
    let on_go = {
        let d = dispatch.clone();
        use_callback((), move |(hash, nav): (String, Nav), _| {
            if route::go(&hash, nav) {
                d.dispatch(Action::Navigate(Route::parse(&hash)));
            }
        })
    };
    let on_search = {
        let d = dispatch.clone();
        use_callback(state.route.clone(), move |q: String, route| {
            let r = Route::Search(q);
            // Typing refines the current search in place; the first key opens it.
            let nav = if matches!(route, Route::Search(_)) {
                Nav::Replace
            } else {
                Nav::Push
            };
            if route::go(&r.to_hash(), nav) {
                d.dispatch(Action::Navigate(r));
            }
        })
    };

    let busy = state.busy.is_some();
    let ws = state.ws.clone();
    let main = match (&state.route, &ws) {
        (Route::Demo { .. }, _) => match &state.demo {
            Some(demo) => html! {
                <DemoView demo={demo.clone()} on_toggle={on_toggle.clone()}
                    on_expand_all={on_expand_all.clone()} on_go={on_go.clone()} />
            },
            None => html! {},
        },
        (Route::Search(q), Some(ws)) => html! {
            <SearchPage ws={ws.clone()} query={AttrValue::from(q.clone())} />
        },
        (Route::Module { key, view }, Some(ws)) => match ws.by_key(key) {
            Some(m) => html! {
                <ModulePage
                    ws={ws.clone()}
                    module={m.0}
                    view={*view}
                    packed={state.packed.clone()}
                    on_select={on_select.clone()}
                    on_toggle={on_toggle.clone()}
                    on_expand_all={on_expand_all.clone()}
                    on_expand_subtree={on_expand_subtree.clone()}
                />
            },
            None => html! { <Welcome route={state.route.clone()} loading={busy} /> },
        },
        (Route::Home, Some(ws)) => html! { <ModuleList ws={ws.clone()} /> },
        (route, _) => html! { <Welcome route={route.clone()} loading={busy} /> },
    };

    html! {
        <div class="app" data-loaded={ws.as_ref().map(|w| w.module_count().to_string())}>
            <Header
                on_files={on_files.clone()}
                {on_sample}
                {on_search}
                query={match &state.route { Route::Search(q) => Some(AttrValue::from(q.clone())), _ => None }}
                sample_available={state.sample_available == Some(true)}
                {busy}
                searchable={ws.is_some()}
            />
            <DropZone {on_files}>
                <main class="main" id="main">
                    { main }
                </main>
            </DropZone>
            <StatusBar
                ws={ws}
                busy={state.busy.clone()}
                error={state.error.clone().map(AttrValue::from)}
                {on_dismiss}
            />
        </div>
    }
}
