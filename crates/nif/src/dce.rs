//! DCE graphs and live sets (filled in below).
