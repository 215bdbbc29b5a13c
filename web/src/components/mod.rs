//! One component per file.

pub mod app;
pub mod demo;
pub mod drop_zone;
pub mod file_picker;
pub mod header;
pub mod module_list;
pub mod module_page;
pub mod overview;
pub mod search;
pub mod status_bar;
pub mod symbol;
pub mod tables;
pub mod tree_panel;
pub mod tree_view;
pub mod vlist;
pub mod welcome;
