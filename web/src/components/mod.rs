//! One component per file; helpers that several components use have their own files
//! (`link`, `alive_dot`, `facts`, `chips`, `column_heads`, `form_value`, `live_mark`,
//! `node_value`).

pub mod alive_dot;
pub mod app;
// hex pane and section size map (issue 9)
pub mod bytes_dock;
pub mod bytes_page;
pub mod hex_view;
pub mod region_panel;
pub mod section_strip;
pub mod size_map;
pub mod cache_picker;
pub mod chips;
pub mod column_heads;
pub mod compare_page;
pub mod demo_page;
pub mod diff_bar;
pub mod drop_zone;
pub mod facts;
pub mod file_picker;
pub mod form_value;
// Playground gallery, guides, kept files, Save SVG:
pub mod gallery_page;
pub mod guide_pane;
pub mod keep_files;
pub mod save_svg;
pub mod header;
pub mod link;
pub mod live_mark;
pub mod module_list;
pub mod module_page;
pub mod node_detail;
pub mod node_value;
pub mod notes_banner;
pub mod overview;
pub mod packed_pane;
pub mod sample_intro;
pub mod search;
pub mod source_pane;
pub mod splitter;
pub mod status_bar;
pub mod symbol_page;
pub mod symbol_table;
pub mod table_view;
pub mod tables_page;
pub mod tree_panel;
pub mod tree_view;
pub mod type_page;
pub mod types_table;
pub mod virtual_window;
pub mod vlist;
pub mod welcome;
pub mod whatif_page;
// builds: graph and integrity
pub mod builds_nav;
pub mod graph_page;
pub mod integrity_page;
pub mod what_is_this;
