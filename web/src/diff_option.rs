//! The `&diff=B,A` page option (builds: compare): a tree opened from a comparison of
//! cache `B` (before) with cache `A` (after) marks what differs from the other build,
//! as long as the shown cache is one of the two. The option is kept across plain
//! links like the others; the tree's "stop marking" removes it.

use rod_view::diff_marks::Side;

use crate::embed::{current_hash, option_value, replace_option};

/// The option's key.
pub const KEY: &str = "diff";

/// The two caches compared (`before`, `after`), from a hash.
pub fn parse(hash: &str) -> Option<(usize, usize)> {
    let v = option_value(hash, KEY)?;
    let (a, b) = v.split_once(',')?;
    let (a, b) = (a.parse().ok()?, b.parse().ok()?);
    (a != b).then_some((a, b))
}

/// Which side of the comparison the current URL names the shown cache `shown` as,
/// and the other cache.
pub fn side_of(shown: usize) -> Option<(Side, usize)> {
    let (before, after) = parse(&current_hash())?;
    if shown == before {
        Some((Side::Before, after))
    } else if shown == after {
        Some((Side::After, before))
    } else {
        None
    }
}

/// A link (`#/…`) that opens with the comparison of `before` and `after` marked.
pub fn with_diff(href: &str, before: usize, after: usize) -> String {
    format!("{href}&{KEY}={before},{after}")
}

/// Stops marking (the option leaves the URL, in place).
pub fn clear() {
    replace_option(KEY, None);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_two_different_caches() {
        assert_eq!(parse("#/m/a/top/3&diff=1,0"), Some((1, 0)));
        assert_eq!(parse("#/m/a/top/3&diff=1,1"), None);
        assert_eq!(parse("#/m/a/top/3&diff=x"), None);
        assert_eq!(parse("#/m/a/top/3"), None);
        assert_eq!(with_diff("#/c=1/m/a/top/3", 1, 0), "#/c=1/m/a/top/3&diff=1,0");
    }
}
