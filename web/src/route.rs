//! Hash-based routing: where the user is, as a URL fragment, and the URL of every
//! [`Target`] the view layer links to (the library never knows URLs).
//!
//! The URL fragment says where the user is, so any place can be shared and reloads to the
//! same place (for the bundled sample; for dropped files once they are dropped again):
//!
//! - `#/`: the module list (the start page while nothing is loaded),
//! - `#/m/<module>`: a module's overview; `<module>` is the cache's key for it
//!   ([`Cache::module_key`]: the short path when unique),
//! - `#/m/<module>/<tree>[/<node>]`: a tree of the module with the selected node;
//!   `<tree>` is the tree's slug ([`TreeInfo::slug`]), `top` for `toplevel`,
//! - `#/m/<module>/syms`, `…/types`, `…/tables`: the symbol and type tables, the list of
//!   the module's other tables,
//! - `#/m/<module>/<table>`: one table by its slug (`strings`; `tables/<slug>` when a
//!   tree has the same slug; `actions` is the replay table),
//! - `#/m/<module>/sym/<id>[/<node>]`: a symbol, with the selected node of its definition,
//! - `#/m/<module>/type/<id>`: a type,
//! - `#/m/<module>/bytes[/<offset>]`: the hex view of the module's file with the byte at
//!   `<offset>` (decimal, or hex with `0x`; written in decimal) under the cursor and its
//!   region selected (hex pane and section map, `components/bytes_page.rs`),
//! - `#/search/<query>`: symbol search across all loaded modules,
//! - `#/graph`: the module graph drawn (layered layout, zoom and pan),
//!   `#/integrity`: the cache's integrity findings (builds: graph and integrity),
//! - `#/gallery`: the playground gallery (teaching samples; one opens as
//!   `#/&load=sample/<name>/`, with its guide beside the views: `crate::gallery`),
//! - `#/demo/<rest...>`: the test page with a dummy 100k-row tree (not linked from the UI).
//! - builds (compare and what-if): `#/compare` picks two caches of the load,
//!   `#/compare/<before>/<after>[/<module path>]` compares them (caches by their number
//!   in the load, as `c=N`; the module whose details are open by its path; these URLs
//!   carry no `c=N` part), `#/whatif/<module>/<tree>/<node>` and
//!   `#/whatif/<module>/sym/<id>`: what would die without that top-level statement or
//!   symbol, in the shown cache.
//!
//! When a load gave several caches (one per format), a leading `c=N/` says which one is
//! shown (`#/c=1/m/main/...`); without it the first cache is shown, so links made before
//! there were several caches keep working. The part is not in [`Route`]: the app keeps
//! the shown cache with [`set_cache`], and every URL made by [`Route::to_hash`] carries
//! it ([`cache_of`] reads it back).
//!
//! Only the fragment changes, so the site works from any URL path of a static host, and
//! the browser's history (back / forward) records every step that is pushed.

use std::cell::Cell;

use rod_view::{Cache, ModuleIdx, NodePos, SymKey, Target, TreeId, TypeKey};

thread_local! {
    /// The cache shown, for the `c=N` part of every URL made.
    static SHOWN_CACHE: Cell<usize> = const { Cell::new(0) };
}

/// The URL word of the cache part (`c=N`).
const CACHE_PREFIX: &str = "c=";

/// Sets the cache that every URL made from now on names (the app calls it when the
/// shown cache changes).
pub fn set_cache(i: usize) {
    SHOWN_CACHE.with(|c| c.set(i));
}

/// The cache the URLs made name.
pub fn shown_cache() -> usize {
    SHOWN_CACHE.with(Cell::get)
}

/// The cache a fragment names (0 without a `c=N` part).
pub fn cache_of(hash: &str) -> usize {
    let path = hash.trim_start_matches('#').trim_start_matches('/');
    let first = path.split('/').next().unwrap_or("");
    first
        .strip_prefix(CACHE_PREFIX)
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// The cache the page's current URL names.
pub fn current_cache() -> usize {
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    cache_of(&hash)
}

/// The URL of cache `i`'s module list.
pub fn cache_home(i: usize) -> String {
    if i == 0 {
        "#/".to_string()
    } else {
        format!("#/{CACHE_PREFIX}{i}/")
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Home,
    Search(String),
    Module { key: String, view: ModView },
    Demo { rest: Vec<String> },
    // builds: compare and what-if
    Compare { before: Option<usize>, after: Option<usize>, module: Option<String> },
    WhatIf { key: String, what: WhatIfOf },
    // builds: graph and integrity
    Graph,
    Integrity,
    /// Playground gallery (`#/gallery`).
    Gallery,
    Unknown(String),
}

/// What a what-if removes (builds: compare and what-if).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WhatIfOf {
    /// A top-level statement: the tree's URL word and the statement's root.
    Stmt(String, NodePos),
    /// A symbol.
    Sym(SymKey),
}

/// What of a module is shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ModView {
    Overview,
    Syms,
    Types,
    /// The list of the module's other tables.
    Tables,
    /// A symbol and the selected node of its definition tree.
    Sym(SymKey, Option<NodePos>),
    /// A type.
    Type(TypeKey),
    /// The hex view of the module's file, with the byte under the cursor (hex pane).
    Bytes(Option<usize>),
    /// A tree (by its URL word) with the selected node, or a table by its slug: which
    /// one the word names is resolved against the cache ([`resolve_page`]).
    Page(String, Option<NodePos>),
}

/// How a navigation is recorded in the browser's history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Nav {
    /// A new history entry (click, Enter): back returns here.
    Push,
    /// Update the URL in place (moving the cursor with the arrow keys, typing a search).
    Replace,
}

/// URL words of the explorer that differ from the cache's slugs: (URL word, tree slug).
/// `top` is shorter, and kept so that links made by earlier versions still work.
const TREE_WORDS: &[(&str, &str)] = &[("top", "toplevel")];
/// URL words for tables: (URL word, table slug).
const TABLE_WORDS: &[(&str, &str)] = &[("actions", "replay")];
/// Module views with a fixed URL word (a table never takes one of these).
const RESERVED: &[&str] = &["overview", "syms", "types", "tables", "sym", "type", "bytes"];

/// A module page word, resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    Tree(TreeId, Option<NodePos>),
    Table(String),
}

/// What a [`ModView::Page`] word names in module `m`.
pub fn resolve_page(
    c: &dyn Cache,
    m: ModuleIdx,
    word: &str,
    node: Option<NodePos>,
) -> Option<Page> {
    let has_table = |slug: &str| c.tables(m).iter().any(|t| t.slug == slug);
    if let Some(slug) = word.strip_prefix("tables/") {
        return has_table(slug).then(|| Page::Table(slug.to_string()));
    }
    let tree_slug = TREE_WORDS
        .iter()
        .find(|(w, _)| *w == word)
        .map_or(word, |(_, s)| *s);
    if let Some(t) = c.tree_by_slug(m, tree_slug) {
        return Some(Page::Tree(t, node));
    }
    let table_slug = TABLE_WORDS
        .iter()
        .find(|(w, _)| *w == word)
        .map_or(word, |(_, s)| *s);
    has_table(table_slug).then(|| Page::Table(table_slug.to_string()))
}

/// The URL word of a tree.
pub fn tree_word(c: &dyn Cache, m: ModuleIdx, t: TreeId) -> String {
    let slug = c
        .trees(m)
        .into_iter()
        .find(|i| i.id == t)
        .map_or_else(|| t.0.to_string(), |i| i.slug);
    TREE_WORDS
        .iter()
        .find(|(_, s)| *s == slug)
        .map_or(slug, |(w, _)| w.to_string())
}

/// The view of a table.
pub fn table_view(c: &dyn Cache, m: ModuleIdx, slug: &str) -> ModView {
    if let Some((w, _)) = TABLE_WORDS.iter().find(|(_, s)| *s == slug) {
        return ModView::Page(w.to_string(), None);
    }
    let clash = RESERVED.contains(&slug)
        || c.trees(m).iter().any(|t| t.slug == slug)
        || TREE_WORDS.iter().any(|(w, _)| *w == slug);
    if clash {
        ModView::Page(format!("tables/{slug}"), None)
    } else {
        ModView::Page(slug.to_string(), None)
    }
}

/// The view of a tree node (or the tree, for `None`).
pub fn tree_view(c: &dyn Cache, m: ModuleIdx, t: TreeId, node: Option<NodePos>) -> ModView {
    ModView::Page(tree_word(c, m, t), node)
}

/// The route of a module view.
pub fn module_route(c: &dyn Cache, m: ModuleIdx, view: ModView) -> Option<Route> {
    Some(Route::Module {
        key: c.module_key(m)?,
        view,
    })
}

/// Where a link target is shown.
pub fn target_route(c: &dyn Cache, target: Target) -> Option<Route> {
    let (m, view) = match target {
        Target::Module(m) => (m, ModView::Overview),
        Target::Sym(m, s) => (m, ModView::Sym(s, None)),
        Target::Type(m, t) => (m, ModView::Type(t)),
        Target::Node(m, t, n) => (m, tree_view(c, m, t, Some(n))),
    };
    module_route(c, m, view)
}

/// The `href` of a link target (`None`: the module has no key, i.e. is not loaded).
pub fn href(c: &dyn Cache, target: Target) -> Option<String> {
    target_route(c, target).map(|r| r.to_hash())
}

/// The `href` of a module view.
pub fn module_href(c: &dyn Cache, m: ModuleIdx, view: ModView) -> String {
    module_route(c, m, view).map_or_else(|| "#/".to_string(), |r| r.to_hash())
}

impl ModView {
    fn parse(segs: &[String]) -> Option<ModView> {
        let node = |i: usize| segs.get(i).and_then(|s| s.parse::<u32>().ok()).map(NodePos);
        let id = |i: usize| segs.get(i).and_then(|s| s.parse::<i64>().ok());
        Some(match segs.first().map(String::as_str) {
            None | Some("overview") => ModView::Overview,
            Some("syms") => ModView::Syms,
            Some("types") => ModView::Types,
            Some("tables") => match segs.get(1) {
                Some(slug) => ModView::Page(format!("tables/{slug}"), None),
                None => ModView::Tables,
            },
            Some("sym") => ModView::Sym(SymKey(id(1)?), node(2)),
            Some("type") => ModView::Type(TypeKey(id(1)?)),
            // hex pane: `bytes`, `bytes/<offset>` (decimal or 0x hex)
            Some("bytes") => ModView::Bytes(match segs.get(1) {
                None => None,
                Some(o) => Some(match o.strip_prefix("0x") {
                    Some(h) => usize::from_str_radix(h, 16).ok()?,
                    None => o.parse().ok()?,
                }),
            }),
            Some(word) => ModView::Page(word.to_string(), node(1)),
        })
    }

    fn segments(&self) -> Vec<String> {
        let mut v: Vec<String> = Vec::new();
        let push_node = |v: &mut Vec<String>, n: &Option<NodePos>| {
            if let Some(n) = n {
                v.push(n.0.to_string());
            }
        };
        match self {
            ModView::Overview => {}
            ModView::Syms => v.push("syms".into()),
            ModView::Types => v.push("types".into()),
            ModView::Tables => v.push("tables".into()),
            ModView::Sym(id, n) => {
                v.push("sym".into());
                v.push(id.to_string());
                push_node(&mut v, n);
            }
            ModView::Type(id) => {
                v.push("type".into());
                v.push(id.to_string());
            }
            ModView::Bytes(at) => {
                v.push("bytes".into());
                if let Some(o) = at {
                    v.push(o.to_string());
                }
            }
            ModView::Page(word, n) => {
                v.extend(word.split('/').map(String::from));
                push_node(&mut v, n);
            }
        }
        v
    }

    /// The selected tree node of a view that shows a tree.
    pub fn node(&self) -> Option<NodePos> {
        match self {
            ModView::Page(_, n) | ModView::Sym(_, n) => *n,
            _ => None,
        }
    }

    /// The same view with another selected node (views without a tree are unchanged).
    pub fn with_node(self, node: Option<NodePos>) -> ModView {
        match self {
            ModView::Page(w, _) => ModView::Page(w, node),
            ModView::Sym(id, _) => ModView::Sym(id, node),
            v => v,
        }
    }
}

impl Route {
    /// Parses a fragment such as `#/m/main.nim/sym/12` (the leading `#` and `/` are optional).
    pub fn parse(hash: &str) -> Route {
        // Page options after `&` (`&embed`, `load=`) are not part of the route.
        let path = crate::embed::route_part(hash).trim_start_matches('/');
        // The cache part is not the route's (see [`cache_of`]).
        let path = match path.split_once('/') {
            Some((first, rest)) if first.starts_with(CACHE_PREFIX) => rest,
            None if path.starts_with(CACHE_PREFIX) => "",
            _ => path,
        };
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
            // builds: compare and what-if
            Some("compare") => {
                let n = |i: usize| segs.get(i).and_then(|s| s.parse::<usize>().ok());
                Route::Compare { before: n(1), after: n(2), module: segs.get(3).cloned() }
            }
            Some("whatif") => {
                let what = match (segs.get(2).map(String::as_str), segs.get(3)) {
                    (Some("sym"), Some(id)) => id.parse::<i64>().ok().map(|i| WhatIfOf::Sym(SymKey(i))),
                    (Some(word), Some(n)) => n.parse::<u32>().ok().map(|n| WhatIfOf::Stmt(word.to_string(), NodePos(n))),
                    _ => None,
                };
                match (segs.get(1), what) {
                    (Some(key), Some(what)) => Route::WhatIf { key: key.clone(), what },
                    _ => Route::Unknown(path.to_string()),
                }
            }
            // builds: graph and integrity
            Some("graph") if segs.len() == 1 => Route::Graph,
            Some("integrity") if segs.len() == 1 => Route::Integrity,
            // Playground gallery.
            Some("gallery") if segs.len() == 1 => Route::Gallery,
            Some(_) => Route::Unknown(path.to_string()),
        }
    }

    /// The canonical fragment for this route in the cache shown, starting with `#/`.
    pub fn to_hash(&self) -> String {
        self.to_hash_in(shown_cache())
    }

    /// The fragment for this route in cache `cache` (the `c=N` part is left out for the
    /// first cache and for the demo page).
    pub fn to_hash_in(&self, cache: usize) -> String {
        let mut out = String::from("#/");
        if cache > 0 && !matches!(self, Route::Demo { .. } | Route::Compare { .. } | Route::Gallery) {
            out.push_str(&format!("{CACHE_PREFIX}{cache}/"));
        }
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
            // builds: compare and what-if
            Route::Compare { before, after, module } => {
                out.push_str("compare");
                if let (Some(a), Some(b)) = (before, after) {
                    out.push_str(&format!("/{a}/{b}"));
                    if let Some(m) = module {
                        push_rest(&mut out, std::slice::from_ref(m));
                    }
                }
            }
            Route::WhatIf { key, what } => {
                out.push_str("whatif/");
                out.push_str(&encode(key));
                match what {
                    WhatIfOf::Stmt(word, n) => push_rest(&mut out, &[word.clone(), n.0.to_string()]),
                    WhatIfOf::Sym(id) => push_rest(&mut out, &["sym".to_string(), id.to_string()]),
                }
            }
            // builds: graph and integrity
            Route::Graph => out.push_str("graph"),
            Route::Integrity => out.push_str("integrity"),
            Route::Gallery => out.push_str("gallery"),
            Route::Unknown(raw) => out.push_str(raw),
        }
        out
    }

    /// The route of the page's current URL (read synchronously: after an in-place
    /// update it is already the new one).
    pub fn current() -> Route {
        let hash = web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .unwrap_or_default();
        Route::parse(&hash)
    }

    #[cfg(test)]
    pub fn module(key: &str, view: ModView) -> Route {
        Route::Module {
            key: key.to_string(),
            view,
        }
    }

    /// The same route with another selected tree node.
    pub fn with_node(self, node: Option<NodePos>) -> Route {
        match self {
            Route::Module { key, view } => Route::Module {
                key,
                view: view.with_node(node),
            },
            r => r,
        }
    }

    /// The selected tree node, if the route shows a tree.
    pub fn node(&self) -> Option<NodePos> {
        match self {
            Route::Module { view, .. } => view.node(),
            _ => None,
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
            Route::module(
                "main.nim",
                ModView::Page("bodies".into(), Some(NodePos(12)))
            )
        );
        assert_eq!(
            Route::parse("#/m/x/sym/-3"),
            Route::module("x", ModView::Sym(SymKey(-3), None))
        );
        assert_eq!(
            Route::parse("#/m/x/tables/replay"),
            Route::module("x", ModView::Page("tables/replay".into(), None))
        );
        assert_eq!(
            Route::parse("#/demo/module/2"),
            Route::Demo {
                rest: vec!["module".into(), "2".into()]
            }
        );
        assert!(matches!(Route::parse("#/m/x/sym/nope"), Route::Unknown(_)));
        assert_eq!(
            Route::parse("#/m/x/bytes/0x1f"),
            Route::module("x", ModView::Bytes(Some(31)))
        );
        assert!(matches!(Route::parse("#/m/x/bytes/zz"), Route::Unknown(_)));
    }

    #[test]
    fn segments_round_trip() {
        for r in [
            Route::module(
                "@m..@sa b/c%é.rod",
                ModView::Sym(SymKey(7), Some(NodePos(3))),
            ),
            Route::module("system.nim", ModView::Page("replay".into(), None)),
            Route::module("system.nim", ModView::Page("tables/replay".into(), None)),
            Route::Search("a b".into()),
            Route::module("x", ModView::Type(TypeKey(4))),
            Route::module("x", ModView::Tables),
            Route::module("x", ModView::Bytes(None)),
            Route::module("x", ModView::Bytes(Some(4096))),
            Route::Compare { before: Some(1), after: Some(0), module: Some("/usr/lib/nim/system.nim".into()) },
            Route::Compare { before: Some(0), after: Some(2), module: None },
            Route::Compare { before: None, after: None, module: None },
            Route::WhatIf { key: "main.nim".into(), what: WhatIfOf::Stmt("top".into(), NodePos(4)) },
            Route::WhatIf { key: "main.nim".into(), what: WhatIfOf::Sym(SymKey(12)) },
            Route::Graph,
            Route::Integrity,
        ] {
            assert_eq!(Route::parse(&r.to_hash()), r);
        }
    }

    /// The cache part: read back, left out for the first cache, old links open cache 0.
    #[test]
    fn cache_part() {
        let r = Route::module("main", ModView::Page("top".into(), Some(NodePos(3))));
        assert_eq!(r.to_hash_in(0), "#/m/main/top/3");
        assert_eq!(r.to_hash_in(2), "#/c=2/m/main/top/3");
        assert_eq!(Route::parse("#/c=2/m/main/top/3"), r);
        assert_eq!(cache_of("#/c=2/m/main/top/3"), 2);
        assert_eq!(cache_of("#/m/main/top/3"), 0);
        assert_eq!(Route::parse("#/c=1/"), Route::Home);
        assert_eq!(Route::parse("#/c=1"), Route::Home);
        assert_eq!(cache_of("#/c=1"), 1);
        assert_eq!(Route::Home.to_hash_in(1), cache_home(1));
        assert_eq!(cache_home(0), "#/");
        assert_eq!(Route::Demo { rest: vec![] }.to_hash_in(3), "#/demo");
        println!("ORACLE: cache part of URLs: 5 round trips, old links open cache 0");
    }

    /// URLs of the sample's targets, and back.
    #[test]
    fn targets_and_pages() {
        let Some(c) = crate::test_sample::load() else {
            return;
        };
        let m = c.module_by_key("main.nim").expect("main.nim in the sample");
        let top = c.tree_by_slug(m, "toplevel").expect("a toplevel tree");
        assert_eq!(
            href(&c, Target::Node(m, top, NodePos(35))).as_deref(),
            Some("#/m/main.nim/top/35")
        );
        assert_eq!(
            resolve_page(&c, m, "top", Some(NodePos(35))),
            Some(Page::Tree(top, Some(NodePos(35))))
        );
        assert_eq!(
            resolve_page(&c, m, "actions", None),
            Some(Page::Table("replay".into()))
        );
        assert_eq!(
            resolve_page(&c, m, "strings", None),
            Some(Page::Table("strings".into()))
        );
        assert_eq!(resolve_page(&c, m, "nope", None), None);
        // a table named like a tree gets its own URL word, which resolves to the table
        assert_eq!(
            table_view(&c, m, "replay"),
            ModView::Page("actions".into(), None)
        );
        assert_eq!(
            module_href(&c, m, table_view(&c, m, "strings")),
            "#/m/main.nim/strings"
        );
        let replay_tree = c.tree_by_slug(m, "replay").expect("a replay tree");
        assert_eq!(
            resolve_page(&c, m, "replay", None),
            Some(Page::Tree(replay_tree, None))
        );
        assert_eq!(
            resolve_page(&c, m, "tables/replay", None),
            Some(Page::Table("replay".into()))
        );
        println!(
            "ORACLE: sample URLs: tree node, tree alias, table alias, clash rule, unknown word"
        );
    }

    // Playground gallery.
    #[test]
    fn gallery_route() {
        assert_eq!(Route::parse("#/gallery"), Route::Gallery);
        assert_eq!(Route::Gallery.to_hash_in(0), "#/gallery");
        assert_eq!(Route::parse("#/&load=sample/teach-generics/"), Route::Home);
    }
}
