//! Getting a cache into the app: files read from the pickers and drops ([`files`]), the
//! bundled sample ([`sample`]), the time-sliced decode pipeline ([`pipeline`]) and what
//! a load reports while it runs ([`progress`]).

pub mod files;
pub mod pipeline;
pub mod progress;
pub mod sample;
