//! Page options after the route in the URL's hash, joined by `&`:
//! `#/m/main.nim/top/35&embed` (embed mode: no header, a link to open the full explorer)
//! and `#load=PATH/` (load the cache folder `PATH/` of the page's own origin through its
//! `PATH/manifest.json`, as `scripts/make-manifest.sh` writes it). Navigation keeps them.

/// The options of the current URL.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    pub embed: bool,
    /// A folder to load (relative to the page, same origin only).
    pub load: Option<String>,
}

/// The route part of a hash (without its options).
pub fn route_part(hash: &str) -> &str {
    let h = hash.trim_start_matches('#');
    let route = h.split('&').next().unwrap_or("");
    if route.starts_with("load=") {
        ""
    } else {
        route
    }
}

/// The options part of a hash, `&` first (or empty).
pub fn options_part(hash: &str) -> String {
    let h = hash.trim_start_matches('#');
    let mut parts = h.split('&');
    let first = parts.next().unwrap_or("");
    let mut out = String::new();
    if first.starts_with("load=") {
        out.push('&');
        out.push_str(first);
    }
    for p in parts.filter(|p| !p.is_empty()) {
        out.push('&');
        out.push_str(p);
    }
    out
}

/// A folder path the page may fetch: relative, no scheme, no `..`, no `//`.
fn safe_folder(p: &str) -> Option<String> {
    let p = p.trim();
    if p.is_empty() || p.contains(':') || p.starts_with('/') || p.contains("//") || p.contains('\\') {
        return None;
    }
    if p.split('/').any(|s| s == "..") {
        return None;
    }
    Some(if p.ends_with('/') { p.to_string() } else { format!("{p}/") })
}

/// Parses the options of a hash.
pub fn parse(hash: &str) -> Options {
    let mut o = Options::default();
    for part in options_part(hash).split('&').filter(|p| !p.is_empty()) {
        if part == "embed" {
            o.embed = true;
        } else if let Some(p) = part.strip_prefix("load=") {
            let p = js_sys::decode_uri_component(p).map(String::from).unwrap_or_else(|_| p.to_string());
            o.load = safe_folder(&p);
        }
    }
    o
}

thread_local! {
    /// The options of the last URL seen (see [`sticky_options`]).
    static LAST: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Keeps the page's options across plain links: a link's `href` is a bare route, so a
/// hash without options gets the previous URL's back (in place); a hash with options
/// makes them the ones kept. Called on every `hashchange`, before the route is read.
pub fn sticky_options() {
    let hash = current_hash();
    let opts = options_part(&hash);
    let last = LAST.with(|l| l.borrow().clone());
    match last {
        Some(last) if opts.is_empty() && !last.is_empty() => {
            let route = route_part(&hash);
            let url = format!("#{}{last}", if route.is_empty() { "/" } else { route });
            if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
                let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
            }
        }
        _ => LAST.with(|l| *l.borrow_mut() = Some(opts)),
    }
}

/// Remembers the current URL's options as the ones to keep.
pub fn remember_options() {
    let opts = options_part(&current_hash());
    LAST.with(|l| *l.borrow_mut() = Some(opts));
}

/// Playground: drops the `load=` option from the current URL in place (the user opened
/// other files, so a reload must not load the folder again).
pub fn drop_load_option() {
    let hash = current_hash();
    let opts = options_part(&hash);
    if !opts.split('&').any(|p| p.starts_with("load=")) {
        return;
    }
    let kept: String = opts
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("load="))
        .map(|p| format!("&{p}"))
        .collect();
    let route = route_part(&hash);
    let url = format!("#{}{kept}", if route.is_empty() { "/" } else { route });
    if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
    remember_options();
}

/// Whether a page option part is option `key` (`key` or `key=…`).
fn is_option(part: &str, key: &str) -> bool {
    part == key || part.strip_prefix(key).is_some_and(|rest| rest.starts_with('='))
}

/// The value of page option `key=VALUE` in a hash.
pub fn option_value(hash: &str, key: &str) -> Option<String> {
    options_part(hash)
        .split('&')
        .find_map(|p| p.strip_prefix(key).and_then(|r| r.strip_prefix('=')).map(String::from))
}

/// Whether page option `key` (a bare word) is in a hash.
pub fn has_option(hash: &str, key: &str) -> bool {
    options_part(hash).split('&').any(|p| p == key)
}

/// A hash with option `key` replaced by `part` (`key` or `key=VALUE`; `None`
/// removes it), the other options kept.
pub fn with_option(hash: &str, key: &str, part: Option<&str>) -> String {
    let route = route_part(hash);
    let mut url = format!("#{}", if route.is_empty() { "/" } else { route });
    for p in options_part(hash).split('&').filter(|p| !p.is_empty() && !is_option(p, key)) {
        url.push('&');
        url.push_str(p);
    }
    if let Some(p) = part {
        url.push('&');
        url.push_str(p);
    }
    url
}

/// Replaces option `key` of the current URL in place (no history entry; see
/// [`with_option`]) and keeps the result as the options plain links carry.
pub fn replace_option(key: &str, part: Option<&str>) {
    let url = with_option(&current_hash(), key, part);
    if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
    remember_options();
}

/// The current URL's hash.
pub fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// The current URL's options.
pub fn current() -> Options {
    parse(&current_hash())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts() {
        assert_eq!(route_part("#/m/a.nim/top/3&embed"), "/m/a.nim/top/3");
        assert_eq!(options_part("#/m/a.nim/top/3&embed"), "&embed");
        assert_eq!(route_part("#load=x/&embed"), "");
        assert_eq!(options_part("#load=x/&embed"), "&load=x/&embed");
    }

    #[test]
    fn options_replaced_and_read() {
        let h = "#/m/a.nim/top/3&bytes&diff=0,1";
        assert_eq!(option_value(h, "diff").as_deref(), Some("0,1"));
        assert!(has_option(h, "bytes") && !has_option(h, "diff"));
        assert_eq!(with_option(h, "diff", None), "#/m/a.nim/top/3&bytes");
        assert_eq!(with_option(h, "diff", Some("diff=1,0")), "#/m/a.nim/top/3&bytes&diff=1,0");
        assert_eq!(with_option("#/m/a.nim&bytes", "bytes", None), "#/m/a.nim");
        assert_eq!(with_option("#", "bytes", Some("bytes")), "#/&bytes");
        assert_eq!(safe_folder("cache/a"), Some("cache/a/".into()));
        assert_eq!(safe_folder("https://evil/x/"), None);
        assert_eq!(safe_folder("//evil/x/"), None);
        assert_eq!(safe_folder("../up/"), None);
        println!("ORACLE: embed options: 8 hash forms parsed");
    }
}
