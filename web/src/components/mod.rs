//! One component per file.

pub mod app;
pub mod detail_pane;
pub mod drop_zone;
pub mod file_picker;
pub mod header;
pub mod status_bar;
pub mod tree_row;
pub mod tree_view;
pub mod welcome;
