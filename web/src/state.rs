//! The app's state: one `State`, the `Action`s that change it, and `Reducible`.

use std::rc::Rc;

use rod_decoder::graph::ModuleIdx;
use rod_decoder::TreeKind;
use yew::Reducible;

use crate::model;
use crate::packed_rows::{PackedRows, RowMeta, TreeId};
use crate::route::{ModView, Route};
use crate::tree::TreeModel;
use crate::workspace::{Progress, Workspace};

/// Size of the dummy tree behind `#/demo`: 1000 modules x (1 + 9 x (1 + 10)) = 100,000 rows.
pub const DEMO_SHAPE: (u32, u32, u32) = (1000, 9, 10);

/// The dummy tree of `#/demo` and its expansion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoState {
    pub tree: Rc<TreeModel>,
    pub expanded: Vec<bool>,
    pub rows: Rc<Vec<RowMeta>>,
    pub selected: Option<u32>,
}

impl DemoState {
    fn new() -> DemoState {
        let (m, s, i) = DEMO_SHAPE;
        let tree = TreeModel::demo(m, s, i);
        let expanded = vec![true; tree.len()];
        let rows = Rc::new(tree.row_metas(&expanded));
        DemoState {
            tree: Rc::new(tree),
            expanded,
            rows,
            selected: None,
        }
    }
    fn refresh(&mut self) {
        self.rows = Rc::new(self.tree.row_metas(&self.expanded));
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub route: Route,
    pub ws: Option<Rc<Workspace>>,
    /// The packed tree shown by the current route (tree tabs, a symbol's definition).
    pub packed: Option<Rc<PackedRows>>,
    pub demo: Option<Rc<DemoState>>,
    /// A load in progress.
    pub busy: Option<Progress>,
    pub error: Option<String>,
    pub sample_available: Option<bool>,
}

pub enum Action {
    /// The URL changed (hashchange, or an in-place replace).
    Navigate(Route),
    LoadProgress(Progress),
    Loaded(Rc<Workspace>),
    LoadFailed(String),
    /// Show or hide a node's children (`None` toggles).
    SetExpanded(u32, Option<bool>),
    /// Expand a node and everything below it.
    ExpandSubtree(u32),
    /// Expand or collapse every node.
    ExpandAll(bool),
    SampleAvailable(bool),
    DismissError,
}

impl State {
    pub fn new(route: Route) -> Self {
        let mut s = State {
            route: Route::Home,
            ws: None,
            packed: None,
            demo: None,
            busy: None,
            error: None,
            sample_available: None,
        };
        s.navigate(route);
        s
    }

    /// The loaded module a route names.
    pub fn module_of(&self, route: &Route) -> Option<ModuleIdx> {
        match route {
            Route::Module { key, .. } => self.ws.as_ref()?.by_key(key),
            _ => None,
        }
    }

    /// Which packed tree the route shows.
    fn tree_id(&self, route: &Route) -> Option<TreeId> {
        let Route::Module { view, .. } = route else {
            return None;
        };
        let module = self.module_of(route)?;
        let ws = self.ws.as_ref()?;
        match *view {
            ModView::Tree(tree, _) => Some(TreeId {
                module,
                tree,
                root: None,
            }),
            ModView::Sym(id, _) => {
                let m = ws.module(module)?;
                let s = m.sym(id)?;
                let ast = model::sym_ast(m, s)?;
                Some(TreeId {
                    module,
                    tree: TreeKind::Bodies,
                    root: Some(ast.0),
                })
            }
            _ => None,
        }
    }

    fn navigate(&mut self, route: Route) {
        if route.is_demo() {
            let demo = self.demo.get_or_insert_with(|| Rc::new(DemoState::new()));
            let d = Rc::make_mut(demo);
            d.selected = d.tree.find(&route.to_hash());
            if let Some(sel) = d.selected {
                // Make the selected node visible: expand its ancestors.
                let mut changed = false;
                let mut p = d.tree.parent(sel);
                while let Some(a) = p {
                    if let Some(x) = d.expanded.get_mut(a as usize) {
                        if !*x {
                            *x = true;
                            changed = true;
                        }
                    }
                    p = d.tree.parent(a);
                }
                if changed {
                    d.refresh();
                }
            }
            self.route = route;
            return;
        }
        self.demo = None;
        self.sync_packed(&route);
        self.route = route;
    }

    /// Makes `packed` the tree of the route, with its selected node visible.
    fn sync_packed(&mut self, route: &Route) {
        let Some(id) = self.tree_id(route) else {
            self.packed = None;
            return;
        };
        let Some(ws) = self.ws.clone() else { return };
        let Some(m) = ws.module(id.module) else {
            return;
        };
        let tree = m.tree(id.tree);
        if self.packed.as_ref().map(|p| p.id) != Some(id) {
            self.packed = Some(Rc::new(PackedRows::new(id, tree)));
        }
        let node = match route {
            Route::Module { view, .. } => view.node(),
            _ => None,
        };
        if let (Some(node), Some(p)) = (node, self.packed.as_mut()) {
            if p.contains(node) && p.position(node).is_none() {
                Rc::make_mut(p).reveal(tree, node);
            }
        }
    }

    fn with_packed(&mut self, f: impl FnOnce(&mut PackedRows, &rod_decoder::PackedTree)) {
        let (Some(ws), Some(p)) = (self.ws.clone(), self.packed.as_mut()) else {
            return;
        };
        let Some(m) = ws.module(p.id.module) else {
            return;
        };
        let tree = m.tree(p.id.tree);
        f(Rc::make_mut(p), tree);
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Navigate(route) => {
                if route == s.route {
                    return self;
                }
                s.navigate(route);
            }
            Action::LoadProgress(p) => {
                s.busy = Some(p);
                s.error = None;
            }
            Action::Loaded(ws) => {
                s.busy = None;
                s.packed = None;
                if ws.entries.is_empty() {
                    s.error = Some(format!(
                        "No .rod or .alivesyms files found ({}).",
                        model::plural(ws.skipped, "other file skipped", "other files skipped")
                    ));
                    if ws.alive_files.is_empty() && ws.stray.is_empty() {
                        return Rc::new(s);
                    }
                }
                s.ws = Some(ws);
                let route = s.route.clone();
                s.sync_packed(&route);
            }
            Action::LoadFailed(msg) => {
                s.busy = None;
                s.error = Some(msg);
            }
            Action::SetExpanded(node, want) => {
                if let Some(d) = s.demo.as_mut().filter(|_| s.route.is_demo()) {
                    let d = Rc::make_mut(d);
                    let i = node as usize;
                    if i >= d.tree.len() || !d.tree.has_children(node) {
                        return self;
                    }
                    let new = want.unwrap_or(!d.expanded[i]);
                    if new == d.expanded[i] {
                        return self;
                    }
                    d.expanded[i] = new;
                    d.refresh();
                    // A selection inside a collapsed subtree moves up to the collapsed node.
                    if let Some(sel) = d.selected {
                        if !new && sel > node && sel < d.tree.nodes[i].end {
                            d.selected = Some(node);
                        }
                    }
                } else {
                    let mut changed = false;
                    s.with_packed(|p, t| changed = p.set_expanded(t, node, want));
                    if !changed {
                        return self;
                    }
                }
            }
            Action::ExpandSubtree(node) => {
                if s.route.is_demo() {
                    return self;
                }
                s.with_packed(|p, t| p.expand_subtree(t, node));
            }
            Action::ExpandAll(on) => {
                if let Some(d) = s.demo.as_mut().filter(|_| s.route.is_demo()) {
                    let d = Rc::make_mut(d);
                    d.expanded = vec![on; d.tree.len()];
                    d.refresh();
                    if !on {
                        // Keep the selection on its top-level ancestor.
                        if let Some(mut sel) = d.selected {
                            while let Some(p) = d.tree.parent(sel) {
                                sel = p;
                            }
                            d.selected = Some(sel);
                        }
                    }
                } else {
                    s.with_packed(|p, t| p.set_all(t, on));
                }
            }
            Action::SampleAvailable(on) => s.sample_available = Some(on),
            Action::DismissError => s.error = None,
        }
        Rc::new(s)
    }
}
