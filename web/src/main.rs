//! rodscope-web: browser explorer for Nim's incremental-compilation (`.rod`) files.
//!
//! Structure (modeled on Yew's `contexts` and `function_todomvc` examples):
//! - [`state`]: the one `State` + `Action` + `Reducible` of the app,
//! - [`route`]: hash-based routing (`#/m/<module>/<view>/...`) and the URL of every link
//!   target of the view layer,
//! - [`navigator`]: the route and the one way to change it, as a context,
//! - [`loaded`]: the loaded cache (`rod_view::Cache`, whatever the backend) as a context;
//!   components use only its trait methods, all wording comes from `rod_view`,
//! - [`load`]: reading files and the sample, decoding in time slices with progress and
//!   Cancel,
//! - [`tree_rows`]: the visible rows and expansion of a tree,
//! - [`demo_tree`]: the dummy tree of the `#/demo` test page,
//! - [`clock`]: `performance.now()` and yielding to the browser,
//! - [`builds`]: the module graph's layout and the integrity rows of the shown cache,
//!   computed once per cache,
//! - [`components`]: one component per file.

mod bytes;
// builds: graph and integrity
mod builds;
mod clock;
mod components;
mod demo_tree;
mod diff_option;
mod embed;
mod export;
mod gallery;
mod keep;
mod keys;
mod load;
mod loaded;
mod navigator;
mod route;
mod sources;
mod state;
#[cfg(test)]
mod test_sample;
mod tree_rows;

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
