//! Debugging incremental builds, format-neutral: the module graph drawn
//! ([`crate::layout::GraphLayout`]) and the cache's integrity as rows
//! ([`IntegrityRow`]), worded here for every front end. A backend answers
//! [`crate::Cache::graph_layout`] and [`crate::Cache::integrity`]; one that cannot
//! leaves the defaults, and the views say so with [`not_available`].

use crate::cache::Format;
use crate::rows::Link;

/// One integrity finding, worded: what is wrong, in which module, where, and the
/// module or file it points at.
#[derive(Clone, Debug, PartialEq)]
pub struct IntegrityRow {
    /// The module it is about (`None`: the whole cache).
    pub module: Option<Link>,
    /// A stable slug of the kind (`dangling-module`, `item-out-of-range`, `hole`,
    /// `stale-include`, `superseded-include`, `mixed-versions`,
    /// `alivesyms-without-rod`, `not-in-build`, ...).
    pub kind: &'static str,
    /// The kind as a short heading (`dangling reference`, `stale include`, ...).
    pub heading: &'static str,
    /// The finding in one line.
    pub text: String,
    /// True for what breaks the program; false for remarks (left-overs, stray
    /// records).
    pub is_error: bool,
    /// Where it was first seen: a node (linked), `deps`, an include entry.
    pub place: Option<Link>,
    /// What it points at: the missing module (unresolved, with the reason), the
    /// target module, the source file.
    pub about: Option<Link>,
}

/// The heading of a kind slug.
pub fn heading_of(kind: &str) -> &'static str {
    match kind {
        "dangling-module" | "other-version" | "item-out-of-range" | "hole" => "dangling reference",
        "stale-include" | "superseded-include" => "stale include",
        "mixed-versions" => "mixed compiler versions",
        "alivesyms-without-rod" => ".alivesyms without .rod",
        "not-in-build" => "not in the current build",
        _ => "finding",
    }
}

/// Integrity rows summed up: `2 problems, 1 remark`, or `no problems found`.
pub fn summary(rows: &[IntegrityRow]) -> String {
    let bad = rows.iter().filter(|r| r.is_error).count();
    let remarks = rows.len() - bad;
    match (bad, remarks) {
        (0, 0) => "no problems found".to_string(),
        (b, 0) => crate::text::plural(b, "problem", "problems"),
        (0, r) => format!("no problems found, {}", crate::text::plural(r, "remark", "remarks")),
        (b, r) => format!("{}, {}", crate::text::plural(b, "problem", "problems"), crate::text::plural(r, "remark", "remarks")),
    }
}

/// What a view says when the backend of `format` cannot give `what` (`the module
/// graph`, `integrity checks`).
pub fn not_available(what: &str, format: Format) -> String {
    format!("{what}: not available for this format ({})", format.name())
}
