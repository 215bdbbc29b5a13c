//! rodscope-web: browser explorer for Nim's incremental-compilation (`.rod`) files.
//!
//! Structure (modeled on Yew's `function_todomvc` / `file_upload` examples):
//! - [`state`]: the one `State` + `Action` + `Reducible` of the app,
//! - [`route`]: hash-based routing (`#/module/<idx>/...`), so the URL says where you are
//!   and the browser's back/forward buttons work,
//! - [`tree`]: the tree model behind the virtualized tree view (a pre-order node list and
//!   the flat list of visible rows),
//! - [`loader`]: reading dropped / picked files and folders, and the bundled sample,
//! - [`components`]: one component per file.

mod components;
mod loader;
mod route;
mod state;
mod tree;

fn main() {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .expect("no document");
    match document.get_element_by_id("app") {
        Some(root) => {
            // Remove the static "loading" placeholder before Yew takes over.
            root.set_inner_html("");
            yew::Renderer::<components::app::App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<components::app::App>::new().render();
        }
    }
}
