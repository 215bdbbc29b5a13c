//! NIF symbol names: `ident.N` (local), `ident.N.M` (global in module `M`),
//! `ident.N.I<key>.M` (a generic instance), as nimony's `symparser` splits them.

/// The parts of a symbol name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SymbolParts<'a> {
    /// The identifier (may itself contain escaped-away dots, e.g. operators).
    pub ident: &'a str,
    /// The disambiguation number, if the name has one.
    pub disamb: Option<&'a str>,
    /// The generic-instance key (without its leading `I`).
    pub instance_key: Option<&'a str>,
    /// The owning module's suffix; `None` for a local name.
    pub module: Option<&'a str>,
}

/// The module segment, as `symparser.extractModule`: scanning back from the
/// second-to-last byte, the first `.` decides — a digit after it means a local
/// name (no module), anything else starts the module suffix.
pub fn module_of(s: &str) -> Option<&str> {
    let b = s.as_bytes();
    let mut i = b.len().checked_sub(2)?;
    while i > 0 {
        if b.get(i) == Some(&b'.') {
            return if b.get(i + 1).is_some_and(u8::is_ascii_digit) { None } else { s.get(i + 1..) };
        }
        i -= 1;
    }
    None
}

/// The name without its module segment (`symparser.splitSymName(s).name`).
pub fn without_module(s: &str) -> &str {
    match module_of(s) {
        Some(m) => s.get(..s.len() - m.len() - 1).unwrap_or(s),
        None => s,
    }
}

/// Whether the name is a generic instance (`ident.N.I<key>.M`), as
/// `symparser.isInstantiation`.
pub fn is_instance(s: &str) -> bool {
    let b = s.as_bytes();
    let Some(mut i) = b.len().checked_sub(2) else { return false };
    let mut dots = 3;
    while i > 0 {
        if b.get(i) == Some(&b'.') {
            dots -= 1;
            let next = b.get(i + 1).copied().unwrap_or(0);
            if next.is_ascii_digit() {
                return dots == 0;
            } else if dots == 1 && next != b'I' {
                return false;
            }
        }
        i -= 1;
    }
    false
}

/// Whether a name has at most one dot (a local: params, locals, fields).
pub fn is_local(s: &str) -> bool {
    s.bytes().filter(|&c| c == b'.').count() <= 1
}

/// Splits a symbol name into its parts.
pub fn split(s: &str) -> SymbolParts<'_> {
    let module = module_of(s);
    let rest = without_module(s);
    let mut parts = SymbolParts { ident: rest, disamb: None, instance_key: None, module };
    let Some((head, last)) = rest.rsplit_once('.') else { return parts };
    let digits = |x: &str| !x.is_empty() && x.bytes().all(|c| c.is_ascii_digit());
    if digits(last) {
        parts.ident = head;
        parts.disamb = Some(last);
    } else if let Some(key) = last.strip_prefix('I') {
        if let Some((ident, n)) = head.rsplit_once('.').filter(|(_, n)| digits(n)) {
            parts.ident = ident;
            parts.disamb = Some(n);
            parts.instance_key = Some(key);
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn splits() {
        assert_eq!(module_of("Point.0.matk5honb"), Some("matk5honb"));
        assert_eq!(module_of("x.0"), None);
        assert_eq!(module_of("box.0.Ihji9xj1.mai3r4ykk"), Some("mai3r4ykk"));
        assert!(is_instance("box.0.Ihji9xj1.mai3r4ykk"));
        assert!(!is_instance("Point.0.matk5honb"));
        let p = split("box.0.Ihji9xj1.mai3r4ykk");
        assert_eq!((p.ident, p.disamb, p.instance_key), ("box", Some("0"), Some("hji9xj1")));
        assert_eq!(without_module("box.0.Ihji9xj1.mai3r4ykk"), "box.0.Ihji9xj1");
        let p = split("result.0");
        assert_eq!((p.ident, p.disamb, p.module), ("result", Some("0"), None));
    }
}
