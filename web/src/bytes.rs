//! The hex pane's glue (issue 9): what the selection of a view is in bytes, opening
//! the record a byte belongs to, and the `&bytes` page option that shows the hex pane
//! beside a module's views.

use std::ops::Range;

use rod_view::{Cache, ModuleIdx, Target};

use crate::navigator::Navigator;
use crate::route::{module_route, resolve_page, target_route, ModView, Nav, Page};

/// The page option that shows the hex pane beside the module's views.
pub const DOCK_OPTION: &str = "bytes";

/// What the view selects, as a target with bytes: the selected node of a tree or of
/// a symbol's definition, else the symbol, or the type. `None`: the view selects
/// nothing that has bytes (lists, tables, the overview).
pub fn selection_of(c: &dyn Cache, m: ModuleIdx, view: &ModView) -> Option<Target> {
    match view {
        ModView::Page(word, node) => match resolve_page(c, m, word, *node)? {
            Page::Tree(t, Some(n)) => Some(Target::Node(m, t, n)),
            _ => None,
        },
        ModView::Sym(s, None) => Some(Target::Sym(m, *s)),
        ModView::Sym(s, Some(n)) => c
            .sym_row(m, *s)
            .and_then(|r| r.definition)
            .map(|(t, _)| Target::Node(m, t, *n))
            .or(Some(Target::Sym(m, *s))),
        ModView::Type(t) => Some(Target::Type(m, *t)),
        _ => None,
    }
}

/// Whether the hex pane is shown beside this view (views that select something, and
/// the lists whose rows do).
pub fn docks(view: &ModView) -> bool {
    !matches!(view, ModView::Overview | ModView::Bytes(_) | ModView::Tables)
}

/// The bytes of what the view selects.
pub fn highlight_of(c: &dyn Cache, m: ModuleIdx, view: &ModView) -> Option<Range<usize>> {
    selection_of(c, m, view).and_then(|t| c.bytes_of(t))
}

/// Opens the record byte `offset` of module `m` belongs to: its tree node, symbol or
/// type view when it has one, else the full hex view at that byte (a new history
/// entry either way).
pub fn open_record(c: &dyn Cache, nav: &Navigator, m: ModuleIdx, offset: usize) {
    let to = c
        .region_at(m, offset)
        .and_then(|r| r.target)
        .and_then(|t| target_route(c, t))
        .or_else(|| module_route(c, m, ModView::Bytes(Some(offset))));
    if let Some(r) = to {
        nav.go(r, Nav::Push);
    }
}

/// Whether the current URL asks for the hex pane beside the views.
pub fn dock_wanted() -> bool {
    crate::embed::has_option(&crate::embed::current_hash(), DOCK_OPTION)
}

/// Adds or removes the option in the current URL, in place (no history entry).
pub fn set_dock(on: bool) {
    crate::embed::replace_option(DOCK_OPTION, on.then_some(DOCK_OPTION));
}
