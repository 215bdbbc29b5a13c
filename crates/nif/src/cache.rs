//! The nimcache model (filled in below).
