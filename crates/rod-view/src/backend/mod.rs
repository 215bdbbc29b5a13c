//! The backends: one per cache format. Each turns its decoder's model into the
//! [`crate::Cache`] contract; nothing outside a backend knows its format.

pub mod nif;
pub mod legacy;
pub mod packed;
