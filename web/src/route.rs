//! Hash-based routing.
//!
//! The URL fragment says where the user is:
//! - `#/` (or nothing): the start page,
//! - `#/module/<idx>/<rest...>`: a loaded module (`idx` indexes the loaded set) and a path
//!   inside it (sections, symbols, ... once the decoder is wired in),
//! - `#/demo/<rest...>`: the dummy 100k-row tree used to check the virtualized view.
//!
//! Only the fragment changes, so the site works from any URL path of a static host, and
//! the browser's history (back / forward) records every step that is pushed.

use wasm_bindgen::JsValue;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Home,
    Module { idx: usize, rest: Vec<String> },
    Demo { rest: Vec<String> },
    Unknown(String),
}

/// How a navigation is recorded in the browser's history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Nav {
    /// A new history entry (click, Enter, Backspace): back returns here.
    Push,
    /// Update the URL in place (moving the cursor with the arrow keys).
    Replace,
}

impl Route {
    /// Parses a fragment such as `#/module/3/sym/12` (the leading `#` and `/` are optional).
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let segs: Vec<String> = path
            .split('/')
            .filter(|s| !s.is_empty())
            .map(decode)
            .collect();
        match segs.first().map(String::as_str) {
            None => Route::Home,
            Some("module") => match segs.get(1).and_then(|s| s.parse::<usize>().ok()) {
                Some(idx) => Route::Module {
                    idx,
                    rest: segs[2..].to_vec(),
                },
                None => Route::Unknown(path.to_string()),
            },
            Some("demo") => Route::Demo {
                rest: segs[1..].to_vec(),
            },
            Some(_) => Route::Unknown(path.to_string()),
        }
    }

    /// The canonical fragment for this route, starting with `#/`.
    pub fn to_hash(&self) -> String {
        let mut out = String::from("#/");
        let push_rest = |out: &mut String, rest: &[String]| {
            for s in rest {
                out.push('/');
                out.push_str(&encode(s));
            }
        };
        match self {
            Route::Home => {}
            Route::Module { idx, rest } => {
                out.push_str("module/");
                out.push_str(&idx.to_string());
                push_rest(&mut out, rest);
            }
            Route::Demo { rest } => {
                out.push_str("demo");
                push_rest(&mut out, rest);
            }
            Route::Unknown(raw) => out.push_str(raw),
        }
        out
    }

    /// The route of the page's current URL.
    pub fn current() -> Route {
        let hash = web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .unwrap_or_default();
        Route::parse(&hash)
    }

    pub fn is_demo(&self) -> bool {
        matches!(self, Route::Demo { .. })
    }
}

/// Percent-decodes one path segment (invalid escapes and non-UTF-8 results are kept as is).
fn decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = |c: u8| (c as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// Percent-encodes one path segment: everything but RFC 3986 unreserved characters.
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for &c in s.as_bytes() {
        if c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_' | b'~') {
            out.push(c as char);
        } else {
            out.push_str(&format!("%{c:02X}"));
        }
    }
    out
}

/// Goes to `hash`. `Nav::Push` sets `location.hash` (a history entry; the `hashchange`
/// listener then dispatches the navigation) and returns `false`; `Nav::Replace` rewrites
/// the current entry without any event and returns `true`: the caller dispatches itself.
pub fn go(hash: &str, nav: Nav) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    match nav {
        Nav::Push => {
            let _ = window.location().set_hash(hash);
            false
        }
        Nav::Replace => {
            if let Ok(history) = window.history() {
                let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(hash));
            }
            true
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_basic() {
        assert_eq!(Route::parse(""), Route::Home);
        assert_eq!(Route::parse("#/"), Route::Home);
        assert_eq!(
            Route::parse("#/module/3"),
            Route::Module {
                idx: 3,
                rest: vec![]
            }
        );
        assert_eq!(
            Route::parse("#/demo/module/2"),
            Route::Demo {
                rest: vec!["module".into(), "2".into()]
            }
        );
    }

    #[test]
    fn segments_round_trip() {
        let r = Route::Module {
            idx: 7,
            rest: vec!["sym".into(), "a b/c%é".into()],
        };
        let h = r.to_hash();
        assert_eq!(h, "#/module/7/sym/a%20b%2Fc%25%C3%A9");
        assert_eq!(Route::parse(&h), r);
    }
}
