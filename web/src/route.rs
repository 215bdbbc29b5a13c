//! Hash-based routing.
//!
//! The URL fragment says where the user is, so any place can be shared and reloads to the
//! same place (for the bundled sample; for dropped files once they are dropped again):
//!
//! - `#/`: the module list (the start page while nothing is loaded),
//! - `#/m/<module>`: a module's overview; `<module>` is its short path (`system.nim`) when
//!   that is unique among the loaded modules, else the name it was loaded under,
//! - `#/m/<module>/top[/<node>]`, `…/bodies[/<node>]`, `…/replay[/<node>]`: a packed tree,
//!   with the selected node,
//! - `#/m/<module>/actions`, `…/syms`, `…/types`, `…/strings`, `…/numbers`, `…/lists`,
//!   `…/caches`: the module's other tabs,
//! - `#/m/<module>/sym/<id>[/<node>]`: a symbol, with the selected node of its definition,
//! - `#/m/<module>/type/<id>`: a type,
//! - `#/search/<query>`: symbol search across all loaded modules,
//! - `#/demo/<rest...>`: the dummy 100k-row tree used to check the virtualized view.
//!
//! Only the fragment changes, so the site works from any URL path of a static host, and
//! the browser's history (back / forward) records every step that is pushed.

use rod_decoder::TreeKind;
use wasm_bindgen::JsValue;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Home,
    Search(String),
    Module { key: String, view: ModView },
    Demo { rest: Vec<String> },
    Unknown(String),
}

/// What of a module is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModView {
    Overview,
    /// A packed tree and its selected node.
    Tree(TreeKind, Option<u32>),
    /// The replay actions as readable rows.
    Actions,
    Syms,
    Types,
    Strings,
    Numbers,
    Lists,
    Caches,
    /// A symbol and the selected node of its definition tree (bodies).
    Sym(i32, Option<u32>),
    /// A type.
    Type(i32),
}

/// How a navigation is recorded in the browser's history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Nav {
    /// A new history entry (click, Enter): back returns here.
    Push,
    /// Update the URL in place (moving the cursor with the arrow keys, typing a search).
    Replace,
}

pub fn tree_segment(k: TreeKind) -> &'static str {
    match k {
        TreeKind::TopLevel => "top",
        TreeKind::Bodies => "bodies",
        TreeKind::ToReplay => "replay",
    }
}

impl ModView {
    fn parse(segs: &[String]) -> Option<ModView> {
        let num = |i: usize| segs.get(i).and_then(|s| s.parse::<u32>().ok());
        let int = |i: usize| segs.get(i).and_then(|s| s.parse::<i32>().ok());
        Some(match segs.first().map(String::as_str) {
            None | Some("overview") => ModView::Overview,
            Some("top") => ModView::Tree(TreeKind::TopLevel, num(1)),
            Some("bodies") => ModView::Tree(TreeKind::Bodies, num(1)),
            Some("replay") => ModView::Tree(TreeKind::ToReplay, num(1)),
            Some("actions") => ModView::Actions,
            Some("syms") => ModView::Syms,
            Some("types") => ModView::Types,
            Some("strings") => ModView::Strings,
            Some("numbers") => ModView::Numbers,
            Some("lists") => ModView::Lists,
            Some("caches") => ModView::Caches,
            Some("sym") => ModView::Sym(int(1)?, num(2)),
            Some("type") => ModView::Type(int(1)?),
            Some(_) => return None,
        })
    }

    fn segments(&self) -> Vec<String> {
        let mut v: Vec<String> = Vec::new();
        let node = |v: &mut Vec<String>, n: &Option<u32>| {
            if let Some(n) = n {
                v.push(n.to_string());
            }
        };
        match self {
            ModView::Overview => {}
            ModView::Tree(k, n) => {
                v.push(tree_segment(*k).into());
                node(&mut v, n);
            }
            ModView::Actions => v.push("actions".into()),
            ModView::Syms => v.push("syms".into()),
            ModView::Types => v.push("types".into()),
            ModView::Strings => v.push("strings".into()),
            ModView::Numbers => v.push("numbers".into()),
            ModView::Lists => v.push("lists".into()),
            ModView::Caches => v.push("caches".into()),
            ModView::Sym(id, n) => {
                v.push("sym".into());
                v.push(id.to_string());
                node(&mut v, n);
            }
            ModView::Type(id) => {
                v.push("type".into());
                v.push(id.to_string());
            }
        }
        v
    }

    /// The selected tree node of a view that shows a tree.
    pub fn node(&self) -> Option<u32> {
        match self {
            ModView::Tree(_, n) | ModView::Sym(_, n) => *n,
            _ => None,
        }
    }

    /// The same view with another selected node (views without a tree are unchanged).
    pub fn with_node(self, node: Option<u32>) -> ModView {
        match self {
            ModView::Tree(k, _) => ModView::Tree(k, node),
            ModView::Sym(id, _) => ModView::Sym(id, node),
            v => v,
        }
    }
}

impl Route {
    /// Parses a fragment such as `#/m/main.nim/sym/12` (the leading `#` and `/` are optional).
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let segs: Vec<String> = path
            .split('/')
            .filter(|s| !s.is_empty())
            .map(decode)
            .collect();
        match segs.first().map(String::as_str) {
            None => Route::Home,
            Some("m") => match segs.get(1) {
                Some(key) => match ModView::parse(&segs[2..]) {
                    Some(view) => Route::Module {
                        key: key.clone(),
                        view,
                    },
                    None => Route::Unknown(path.to_string()),
                },
                None => Route::Home,
            },
            Some("search") => Route::Search(segs.get(1).cloned().unwrap_or_default()),
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
            Route::Search(q) => {
                out.push_str("search");
                if !q.is_empty() {
                    out.push('/');
                    out.push_str(&encode(q));
                }
            }
            Route::Module { key, view } => {
                out.push_str("m/");
                out.push_str(&encode(key));
                push_rest(&mut out, &view.segments());
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

    pub fn module(key: &str, view: ModView) -> Route {
        Route::Module {
            key: key.to_string(),
            view,
        }
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

/// Percent-encodes one path segment: everything but RFC 3986 unreserved characters and a
/// few that are harmless in a fragment (`@`, `:`) and common in module names.
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for &c in s.as_bytes() {
        if c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_' | b'~' | b'@' | b':') {
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

/// The browser's back button.
pub fn back() {
    if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = h.back();
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
            Route::parse("#/m/main.nim"),
            Route::module("main.nim", ModView::Overview)
        );
        assert_eq!(
            Route::parse("#/m/main.nim/bodies/12"),
            Route::module("main.nim", ModView::Tree(TreeKind::Bodies, Some(12)))
        );
        assert_eq!(
            Route::parse("#/m/x/sym/-3"),
            Route::module("x", ModView::Sym(-3, None))
        );
        assert_eq!(
            Route::parse("#/demo/module/2"),
            Route::Demo {
                rest: vec!["module".into(), "2".into()]
            }
        );
        assert!(matches!(Route::parse("#/m/x/nope"), Route::Unknown(_)));
    }

    #[test]
    fn segments_round_trip() {
        for r in [
            Route::module("@m..@sa b/c%é.rod", ModView::Sym(7, Some(3))),
            Route::module("system.nim", ModView::Tree(TreeKind::ToReplay, None)),
            Route::Search("a b".into()),
            Route::module("x", ModView::Type(4)),
        ] {
            assert_eq!(Route::parse(&r.to_hash()), r);
        }
    }
}
