//! Printers of one packed module (the `nim rod` view, sections, the JSON dump): each
//! writes to an `impl Write`. Trees, why-chains and usages are printed by the
//! format-neutral view layer (`rod-view`).

mod bytes;
mod json;
mod nimrod;
mod sections;
mod path;

pub use bytes::{byte_map_json, print_byte_map, print_hex, print_region, region_json, MAX_HEX_LINES};
pub use json::{dump_json, dump_json_value, item_json};
pub use nimrod::{nim_rod_view, strings_size_on_disc};
pub use sections::print_sections;
pub use path::short_path;
