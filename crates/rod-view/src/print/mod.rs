//! Printers over any [`crate::Cache`], writing to `impl Write`.

mod svg;
mod tree;
mod why;

pub use tree::{print_tree, TreeOptions, MAX_INDENT_DEPTH};
pub use why::{print_usages, print_why};
pub use svg::{write_svg, xml_escape};
