//! The root component: owns the `State` reducer, listens to the URL, loads files.

use gloo_events::EventListener;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::components::detail_pane::DetailPane;
use crate::components::drop_zone::DropZone;
use crate::components::header::Header;
use crate::components::status_bar::StatusBar;
use crate::components::tree_view::TreeView;
use crate::components::welcome::Welcome;
use crate::loader::{self, Batch, LoadResult};
use crate::route::{self, Nav, Route};
use crate::state::{Action, State};
use crate::tree::TreeKind;

#[function_component]
pub fn App() -> Html {
    let state = use_reducer(|| State::new(Route::current()));
    let dispatch = state.dispatcher();

    // The URL drives navigation: links, typed URLs, back / forward all end up here.
    {
        let d = dispatch.clone();
        use_effect_with((), move |_| {
            let window = web_sys::window().expect("no window");
            let listener = EventListener::new(&window, "hashchange", move |_| {
                d.dispatch(Action::Navigate(Route::current()))
            });
            move || drop(listener)
        });
    }

    // Offer the bundled sample if the build shipped one.
    {
        let d = dispatch.clone();
        use_effect_with((), move |_| {
            spawn_local(async move {
                d.dispatch(Action::SampleAvailable(loader::sample_available().await));
            });
        });
    }

    // Keep the URL canonical when the selection moved without a navigation (a collapse
    // moved it up, or the URL named a path that doesn't exist and its nearest ancestor
    // was selected).
    {
        let d = dispatch.clone();
        let route = state.route.clone();
        use_effect_with((state.selected, state.tree.clone()), move |(sel, tree)| {
            if let Some(sel) = *sel {
                let hash = tree.nodes[sel as usize].hash.to_string();
                if hash != route.to_hash() && route::go(&hash, Nav::Replace) {
                    d.dispatch(Action::Navigate(Route::parse(&hash)));
                }
            }
        });
    }

    let on_select = {
        let d = dispatch.clone();
        use_callback(state.tree.clone(), move |(node, nav): (u32, Nav), tree| {
            let hash = tree.nodes[node as usize].hash.to_string();
            if route::go(&hash, nav) {
                d.dispatch(Action::Navigate(Route::parse(&hash)));
            }
        })
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
    let finish_load = {
        let d = dispatch.clone();
        move |result: Result<LoadResult, String>| match result {
            Ok(LoadResult { files, skipped }) => {
                let any = !files.is_empty();
                d.dispatch(Action::Loaded { files, skipped });
                if any {
                    let first = Route::Module {
                        idx: 0,
                        rest: vec![],
                    }
                    .to_hash();
                    if route::go(&first, Nav::Push) {
                        d.dispatch(Action::Navigate(Route::parse(&first)));
                    }
                }
            }
            Err(e) => d.dispatch(Action::LoadFailed(e)),
        }
    };
    let on_files = {
        let d = dispatch.clone();
        let finish = finish_load.clone();
        use_callback((), move |batch: Batch, _| {
            d.dispatch(Action::LoadStarted(format!(
                "Reading {} item{}…",
                batch.len(),
                if batch.len() == 1 { "" } else { "s" }
            )));
            let finish = finish.clone();
            spawn_local(async move { finish(loader::load_batch(batch).await) });
        })
    };
    let on_sample = {
        let d = dispatch.clone();
        let finish = finish_load;
        use_callback((), move |_: (), _| {
            d.dispatch(Action::LoadStarted("Loading the sample…".into()));
            let finish = finish.clone();
            spawn_local(async move { finish(loader::load_sample().await) });
        })
    };
    let on_dismiss = {
        let d = dispatch.clone();
        use_callback((), move |_: (), _| d.dispatch(Action::DismissError))
    };

    let show_tree = !state.rows.is_empty();
    let caption: AttrValue = match state.tree.kind {
        TreeKind::Demo => "Demo tree (dummy rows)".into(),
        TreeKind::Files => "Loaded files".into(),
    };

    html! {
        <div class="app">
            <Header
                on_files={on_files.clone()}
                {on_sample}
                sample_available={state.sample_available}
                busy={state.busy.is_some()}
            />
            <DropZone {on_files}>
                <main class="main" id="main">
                    if show_tree {
                        <TreeView
                            {caption}
                            tree={state.tree.clone()}
                            rows={state.rows.clone()}
                            expanded={state.expanded.clone()}
                            selected={state.selected}
                            {on_select}
                            {on_toggle}
                            {on_expand_all}
                        />
                        <DetailPane
                            tree={state.tree.clone()}
                            files={state.files.clone()}
                            selected={state.selected}
                            route={state.route.clone()}
                        />
                    } else {
                        <Welcome route={state.route.clone()} />
                    }
                </main>
            </DropZone>
            <StatusBar
                files={state.files.len()}
                skipped={state.skipped}
                rows={state.rows.len()}
                nodes={state.tree.len()}
                busy={state.busy.clone().map(AttrValue::from)}
                error={state.error.clone().map(AttrValue::from)}
                {on_dismiss}
            />
        </div>
    }
}
