//! rodscope-web: browser explorer for Nim's incremental-compilation (`.rod`) files.
//!
//! Structure (modeled on Yew's `function_todomvc` / `file_upload` examples):
//! - [`state`]: the one `State` + `Action` + `Reducible` of the app,
//! - [`route`]: hash-based routing (`#/m/<module>/<view>/...`), so the URL says where you
//!   are and the browser's back/forward buttons work,
//! - [`workspace`]: the loaded set: decoded modules linked in a `ModuleGraph`, failed
//!   files, `.alivesyms`, the live set computed in the page, the search index,
//! - [`model`]: what the views show for nodes, symbols, types (computed on demand),
//! - [`packed_rows`]: the visible rows of a packed tree, built lazily from the arrays,
//! - [`tree`]: the dummy tree behind `#/demo`,
//! - [`loader`]: reading dropped / picked files and folders, and the bundled sample,
//! - [`components`]: one component per file.

mod components;
mod loader;
mod model;
mod packed_rows;
mod route;
mod state;
mod tree;
mod workspace;

fn main() {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"));
    match root {
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
