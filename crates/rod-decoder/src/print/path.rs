//! Path wording shared by every printer.

/// The last path component (`/a/b/c.nim` → `c.nim`; `\` separates too).
pub fn short_path(p: &str) -> &str {
    p.rsplit(['/', '\\']).next().unwrap_or(p)
}
