//! Printers: each writes to an `impl Write`, so the CLI, tests and the web app share them.

mod json;
mod nimrod;
mod sections;
mod tree;

pub use json::{dump_json, dump_json_value, item_json};
pub use nimrod::{nim_rod_view, strings_size_on_disc};
pub use sections::print_sections;
pub use tree::{capped, node_label, print_tree, short_path, Resolver, TreeOptions, MAX_INDENT_DEPTH, MAX_LABEL_LITERAL};
