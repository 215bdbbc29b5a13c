//! Printers over any [`crate::Cache`], writing to `impl Write`.

mod tree;

pub use tree::{print_tree, TreeOptions, MAX_INDENT_DEPTH};
