//! The module graph's layout and the integrity findings of the shown cache, asked of
//! the view layer ([`rod_view::Cache::graph_layout`], [`rod_view::Cache::integrity`])
//! once per cache (and, for integrity, per set of matched sources) and kept, so that
//! the graph page, the integrity page and the module list's badge share one answer.
//! The layout is timed with `performance.now()` around the library call; the time
//! is published on `<body data-graph-layout-ms>` and logged with `console.debug`.

use std::cell::RefCell;
use std::rc::Rc;

use rod_view::builds::IntegrityRow;
use rod_view::layout::GraphLayout;
use rod_view::source::sha1_hex;

use crate::clock::now;
use crate::loaded::Loaded;
use crate::sources::Sources;

/// A layout and the milliseconds the library call took.
pub struct Timed {
    pub layout: Option<GraphLayout>,
    pub ms: f64,
}

/// What the integrity rows kept were computed for (the cache and the sources given).
type IntegrityKey = (usize, usize);
/// The integrity rows of a cache (`None`: the format has no integrity checks).
type IntegrityRows = Rc<Option<Vec<IntegrityRow>>>;

thread_local! {
    static LAYOUT: RefCell<Option<(usize, Rc<Timed>)>> = const { RefCell::new(None) };
    static INTEGRITY: RefCell<Option<(IntegrityKey, IntegrityRows)>> = const { RefCell::new(None) };
}

/// The shown cache's module graph laid out (computed on first use).
pub fn layout_of(l: &Loaded) -> Rc<Timed> {
    let key = l.id();
    if let Some(t) = LAYOUT.with(|c| c.borrow().as_ref().filter(|(k, _)| *k == key).map(|(_, t)| t.clone())) {
        return t;
    }
    let t0 = now();
    let layout = l.cache.graph_layout();
    let ms = now() - t0;
    if let Some(g) = &layout {
        let msg = format!(
            "rodscope: graph layout of {} modules, {} edges: {ms:.1} ms",
            g.nodes.len(),
            g.edges.len()
        );
        web_sys::console::debug_1(&msg.into());
        if let Some(body) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) {
            let _ = body.set_attribute("data-graph-layout-ms", &format!("{ms:.2}"));
        }
    }
    let t = Rc::new(Timed { layout, ms });
    LAYOUT.with(|c| *c.borrow_mut() = Some((key, t.clone())));
    t
}

/// The shown cache's integrity rows (`None`: the format has no such checks), with the
/// stale-include check against the sources given so far.
pub fn integrity_of(l: &Loaded, s: &Sources) -> IntegrityRows {
    let key = (l.id(), Rc::as_ptr(&s.matched) as *const u8 as usize);
    if let Some(r) = INTEGRITY.with(|c| c.borrow().as_ref().filter(|(k, _)| *k == key).map(|(_, r)| r.clone())) {
        return r;
    }
    // A recorded path's SHA-1, when a given source matched it.
    let sha = |path: &str| -> Option<String> {
        let m = s.matched.iter().find(|m| m.recorded == path)?;
        let (_, bytes) = s.given.iter().find(|(p, _)| *p == m.given)?;
        Some(sha1_hex(bytes))
    };
    let rows = Rc::new(l.cache.integrity(&sha));
    INTEGRITY.with(|c| *c.borrow_mut() = Some((key, rows.clone())));
    rows
}
