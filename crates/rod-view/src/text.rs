//! Small wording helpers shared by every backend and printer.

pub use rod_decoder::print::short_path;

/// A name or path from a file is shown with at most this many characters, then `…`
/// (the cap of `rod_decoder::limits`, where every cap is declared).
pub const MAX_NAME: usize = rod_decoder::limits::MAX_LABEL_LITERAL;

/// Truncates to `max` characters, with an ellipsis.
pub fn clip(s: String, max: usize) -> String {
    if s.chars().count() <= max {
        s
    } else {
        let mut t: String = s.chars().take(max).collect();
        t.push('…');
        t
    }
}

/// `1 module`, `2 modules`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `512 B`, `4.2 KiB`, `1.3 MiB`.
pub fn format_size(n: usize) -> String {
    if n < 1024 {
        format!("{n} B")
    } else if n < 1024 * 1024 {
        format!("{:.1} KiB", n as f64 / 1024.0)
    } else {
        format!("{:.1} MiB", n as f64 / (1024.0 * 1024.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn words() {
        assert_eq!(short_path("/a/b/c.nim"), "c.nim");
        assert_eq!(clip("abcdef".into(), 3), "abc…");
        assert_eq!(plural(1, "module", "modules"), "1 module");
        assert_eq!(format_size(2048), "2.0 KiB");
    }
}
