//! The app's state: one `State`, the `Action`s that change it, and `Reducible`.

use std::rc::Rc;

use yew::Reducible;

use crate::loader::LoadedFile;
use crate::route::Route;
use crate::tree::{TreeKind, TreeModel};

/// Size of the dummy tree behind `#/demo`: 1000 modules x (1 + 9 x (1 + 10)) = 100,000 rows.
pub const DEMO_SHAPE: (u32, u32, u32) = (1000, 9, 10);

#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub route: Route,
    pub files: Rc<Vec<LoadedFile>>,
    /// Files of the last load that were not `.rod` / `.alivesyms` files.
    pub skipped: usize,
    pub tree: Rc<TreeModel>,
    /// Per node of `tree`: whether its children are shown.
    pub expanded: Rc<Vec<bool>>,
    /// The flat list of visible rows (node indices), what the tree view renders a window of.
    pub rows: Rc<Vec<u32>>,
    /// Selected node of `tree`.
    pub selected: Option<u32>,
    /// A load in progress (what is being loaded).
    pub busy: Option<String>,
    pub error: Option<String>,
    pub sample_available: bool,
}

pub enum Action {
    /// The URL changed (hashchange, or an in-place replace).
    Navigate(Route),
    LoadStarted(String),
    Loaded {
        files: Vec<LoadedFile>,
        skipped: usize,
    },
    LoadFailed(String),
    /// Show or hide a node's children (`None` toggles).
    SetExpanded(u32, Option<bool>),
    /// Expand or collapse every node.
    ExpandAll(bool),
    SampleAvailable(bool),
    DismissError,
}

impl State {
    pub fn new(route: Route) -> Self {
        let tree = Rc::new(TreeModel::from_files(&[]));
        let mut s = State {
            route: Route::Home,
            files: Rc::new(Vec::new()),
            skipped: 0,
            expanded: Rc::new(Vec::new()),
            rows: Rc::new(Vec::new()),
            tree,
            selected: None,
            busy: None,
            error: None,
            sample_available: false,
        };
        s.navigate(route);
        s
    }

    fn set_tree(&mut self, tree: TreeModel) {
        let expanded = vec![true; tree.len()];
        self.rows = Rc::new(tree.visible_rows(&expanded));
        self.expanded = Rc::new(expanded);
        self.tree = Rc::new(tree);
        self.selected = None;
    }

    fn refresh_rows(&mut self) {
        self.rows = Rc::new(self.tree.visible_rows(&self.expanded));
    }

    fn navigate(&mut self, route: Route) {
        // The demo route shows the dummy tree; every other route the loaded files.
        let want = if route.is_demo() {
            TreeKind::Demo
        } else {
            TreeKind::Files
        };
        if self.tree.kind != want {
            let (m, s, i) = DEMO_SHAPE;
            self.set_tree(match want {
                TreeKind::Demo => TreeModel::demo(m, s, i),
                TreeKind::Files => TreeModel::from_files(&self.files),
            });
        }
        self.selected = self.tree.find(&route.to_hash());
        if let Some(sel) = self.selected {
            // Make the selected node visible: expand its ancestors.
            let mut changed = false;
            let mut p = self.tree.parent(sel);
            while let Some(a) = p {
                if !self.expanded[a as usize] {
                    Rc::make_mut(&mut self.expanded)[a as usize] = true;
                    changed = true;
                }
                p = self.tree.parent(a);
            }
            if changed {
                self.refresh_rows();
            }
        }
        self.route = route;
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
            Action::LoadStarted(what) => {
                s.busy = Some(what);
                s.error = None;
            }
            Action::Loaded { files, skipped } => {
                s.busy = None;
                s.skipped = skipped;
                s.files = Rc::new(files);
                // In the demo, the files tree is built when navigating away from it.
                if s.tree.kind == TreeKind::Files {
                    s.set_tree(TreeModel::from_files(&s.files));
                    s.selected = s.tree.find(&s.route.to_hash());
                }
                if s.files.is_empty() {
                    s.error = Some(format!(
                        "No .rod or .alivesyms files found ({skipped} other file{} skipped).",
                        if skipped == 1 { "" } else { "s" }
                    ));
                }
            }
            Action::LoadFailed(msg) => {
                s.busy = None;
                s.error = Some(msg);
            }
            Action::SetExpanded(node, want) => {
                let i = node as usize;
                if i >= s.tree.len() || !s.tree.has_children(node) {
                    return self;
                }
                let new = want.unwrap_or(!s.expanded[i]);
                if new == s.expanded[i] {
                    return self;
                }
                Rc::make_mut(&mut s.expanded)[i] = new;
                s.refresh_rows();
                // A selection inside a collapsed subtree moves up to the collapsed node.
                if let Some(sel) = s.selected {
                    if !new && sel > node && sel < s.tree.nodes[i].end {
                        s.selected = Some(node);
                    }
                }
            }
            Action::ExpandAll(on) => {
                s.expanded = Rc::new(vec![on; s.tree.len()]);
                s.refresh_rows();
                if !on {
                    // Keep the selection on its top-level ancestor.
                    if let Some(mut sel) = s.selected {
                        while let Some(p) = s.tree.parent(sel) {
                            sel = p;
                        }
                        s.selected = Some(sel);
                    }
                }
            }
            Action::SampleAvailable(on) => s.sample_available = on,
            Action::DismissError => s.error = None,
        }
        Rc::new(s)
    }
}
