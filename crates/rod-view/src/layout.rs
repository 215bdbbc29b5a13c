//! The module graph drawn: a layered (Sugiyama) layout of the import graph.
//!
//! [`GraphLayout::compute`] places every module of a [`ModuleGraph`] as a box
//! whose area follows its file size, coloured by the share of its symbols that
//! are alive, with one edge per import (or reference-only) edge weighted by its
//! reference count; edges inside an import cycle (a strongly connected component
//! of `deps` edges) are marked. The layering, crossing reduction and coordinates
//! come from the `rust-sugiyama` crate (Gansner et al. ranking, barycenter
//! crossing reduction, Brandes–Köpf coordinates, greedy cycle removal); the
//! cycles from petgraph's Tarjan SCC. Both are iterative, so no recursion depth
//! follows the input. The explorer draws [`GraphLayout`] itself; the CLI writes
//! it as SVG with [`crate::print::write_svg`].

use petgraph::stable_graph::{NodeIndex, StableDiGraph};
use rod_decoder::graph::{ImportGraph, LiveSet, ModuleGraph, ModuleIdx};

/// Modules laid out at most (a larger graph is cut to this many, in load order).
pub const MAX_LAYOUT_MODULES: usize = 5_000;
/// Edges laid out at most.
pub const MAX_LAYOUT_EDGES: usize = 50_000;
/// Above this many modules or import edges the Sugiyama layout (whose crossing
/// reduction is superlinear) gives way to [`simple_layers`].
pub const MAX_SUGIYAMA_MODULES: usize = 800;
/// See [`MAX_SUGIYAMA_MODULES`].
pub const MAX_SUGIYAMA_EDGES: usize = 3_000;

/// One module's box, top-left corner `x`, `y`.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeBox {
    /// The module.
    pub module: ModuleIdx,
    /// Its short name (`strutils.nim`).
    pub label: String,
    /// Its own path.
    pub path: String,
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width (grows with the file size).
    pub w: f64,
    /// Height.
    pub h: f64,
    /// The `.rod` file's size in bytes.
    pub bytes: usize,
    /// Alive symbols / stored symbols (`None` without a live set or symbols).
    pub alive_share: Option<f64>,
    /// Its fill colour, `#rrggbb`: grey without a live set, else from pale red
    /// (nothing alive) to green (everything alive).
    pub fill: String,
    /// Main module, system module, outside the current build.
    pub is_main: bool,
    /// `sfSystemModule`.
    pub is_system: bool,
    /// Part of the current build.
    pub in_build: bool,
    /// The layer it was put in (0 at the top).
    pub layer: usize,
}

/// One laid-out connected component: (box index, centre x, layer y) per box,
/// width, height (the `rust-sugiyama` result shape).
pub type Component = (Vec<(usize, (f64, f64))>, f64, f64);

/// One edge between two boxes (indexes into [`GraphLayout::nodes`]).
#[derive(Clone, Debug, PartialEq)]
pub struct EdgeLine {
    /// The importer's box.
    pub from: usize,
    /// The imported module's box.
    pub to: usize,
    /// Number of references from `from` into `to`.
    pub refs: usize,
    /// A `deps` entry (else the edge exists only through references).
    pub imported: bool,
    /// Both ends are in the same import cycle.
    pub in_cycle: bool,
    /// Stroke width (1 + log2 of the reference count, at most 8).
    pub width: f64,
}

/// A laid-out module graph.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GraphLayout {
    /// The boxes, in module order.
    pub nodes: Vec<NodeBox>,
    /// The edges.
    pub edges: Vec<EdgeLine>,
    /// Import cycles: each a list of modules (more than one, or one importing itself).
    pub cycles: Vec<Vec<ModuleIdx>>,
    /// Width of the whole picture.
    pub width: f64,
    /// Height of the whole picture.
    pub height: f64,
    /// Modules left out because of [`MAX_LAYOUT_MODULES`].
    pub omitted: usize,
}

/// One module to lay out ([`GraphLayout::from_parts`]).
#[derive(Clone, Debug, PartialEq)]
pub struct LayoutModule {
    /// The module.
    pub module: ModuleIdx,
    /// Its short name.
    pub label: String,
    /// Its own path.
    pub path: String,
    /// Its file's size in bytes (the box grows with it).
    pub bytes: usize,
    /// Alive symbols / stored symbols (`None`: no live set).
    pub alive_share: Option<f64>,
    /// The main module.
    pub is_main: bool,
    /// The system module.
    pub is_system: bool,
    /// Part of the current build.
    pub in_build: bool,
}

/// One edge to lay out: indexes into the module list, the reference count, and
/// whether it is an import (else a reference-only edge).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LayoutEdge {
    /// The importer.
    pub from: usize,
    /// The imported module.
    pub to: usize,
    /// References from `from` into `to`.
    pub refs: usize,
    /// An import (ranks the layers).
    pub imported: bool,
}

const BOX_H: f64 = 28.0;
const MIN_W: f64 = 70.0;
const MAX_W: f64 = 260.0;
const SPACING: f64 = 24.0;
const MARGIN: f64 = 16.0;
/// Vertical distance between the tops of two layers.
const LAYER_STEP: f64 = BOX_H + 56.0;

/// Width of a box: wide enough for its label, growing with the square root of the
/// file size (system.rod's 4.6 MB gives the widest box).
fn box_width(label: &str, bytes: usize) -> f64 {
    let by_label = 7.5 * label.chars().count().min(40) as f64 + 16.0;
    let by_size = (bytes as f64).sqrt() * 0.12;
    by_label.max(by_size).clamp(MIN_W, MAX_W)
}

/// `#rrggbb` between pale red (share 0) and green (share 1).
pub fn share_colour(share: Option<f64>) -> String {
    let Some(s) = share.filter(|s| s.is_finite()) else { return "#dddddd".to_string() };
    let s = s.clamp(0.0, 1.0);
    let lerp = |a: f64, b: f64| (a + (b - a) * s).round() as u8;
    format!("#{:02x}{:02x}{:02x}", lerp(250.0, 120.0), lerp(200.0, 200.0), lerp(200.0, 120.0))
}

impl NodeBox {
    /// The alive share in words: `35% of its symbols alive`, or `no live set`.
    pub fn share_words(&self) -> String {
        self.alive_share.map_or("no live set".to_string(), |s| format!("{:.0}% of its symbols alive", s * 100.0))
    }
}

impl GraphLayout {
    /// Lays out the modules of `g` with the edges of `ig`. `live` colours the boxes
    /// by alive share; `sizes` (bytes per module, by index; the decoded size where
    /// missing) sizes them.
    pub fn compute(g: &ModuleGraph, ig: &ImportGraph, live: Option<&LiveSet>, sizes: &[usize]) -> GraphLayout {
        let mut modules = Vec::with_capacity(g.len().min(MAX_LAYOUT_MODULES));
        for i in g.indexes() {
            let Some(gm) = g.get(i) else { continue };
            let bytes = sizes.get(i.index()).copied().filter(|&b| b > 0).unwrap_or(gm.module.file_size);
            let stored = gm.module.syms.iter().filter(|(_, s)| !s.is_hole()).count();
            let alive_share = match live {
                Some(l) if stored > 0 && gm.in_build() => Some(l.alive(i).len() as f64 / stored as f64),
                _ => None,
            };
            modules.push(LayoutModule {
                module: i,
                label: gm.short().to_string(),
                path: gm.path.clone(),
                bytes,
                alive_share,
                is_main: gm.is_main,
                is_system: gm.is_system,
                in_build: gm.in_build(),
            });
        }
        let edges = ig
            .edges
            .iter()
            .map(|e| LayoutEdge { from: e.from.index(), to: e.to.index(), refs: e.refs, imported: e.imported })
            .collect();
        GraphLayout::from_parts(modules, edges)
    }

    /// Lays out any format's modules (in the order given) and edges (indexes into
    /// `modules`): the same picture as [`GraphLayout::compute`]. At most
    /// [`MAX_LAYOUT_MODULES`] modules and [`MAX_LAYOUT_EDGES`] edges are taken.
    pub fn from_parts(modules: Vec<LayoutModule>, in_edges: Vec<LayoutEdge>) -> GraphLayout {
        let total = modules.len();
        let n = total.min(MAX_LAYOUT_MODULES);
        let mut nodes = Vec::with_capacity(n);
        for m in modules.into_iter().take(n) {
            nodes.push(NodeBox {
                module: m.module,
                w: box_width(&m.label, m.bytes),
                h: BOX_H,
                label: m.label,
                path: m.path,
                x: 0.0,
                y: 0.0,
                bytes: m.bytes,
                fill: share_colour(m.alive_share),
                alive_share: m.alive_share,
                is_main: m.is_main,
                is_system: m.is_system,
                in_build: m.in_build,
                layer: 0,
            });
        }
        let mut edges = Vec::new();
        for e in in_edges.iter().take(MAX_LAYOUT_EDGES) {
            let (f, t) = (e.from, e.to);
            if f >= n || t >= n || f == t {
                continue;
            }
            let width = (1.0 + (e.refs.max(1) as f64).log2()).min(8.0);
            edges.push(EdgeLine { from: f, to: t, refs: e.refs, imported: e.imported, in_cycle: false, width });
        }
        // The layers follow the imports, made acyclic here; reference-only edges
        // and cycle-closing imports are drawn, not ranked. (Given the reference
        // edges too, rust-sugiyama 0.4 ran for minutes on the 2.0 s2 cache, whose
        // 345 edges hold 24 two-cycles; layout-rs 0.1.3 took 23 s. The 106 import
        // edges take 1.5 ms.)
        let mut graph: StableDiGraph<(f64, f64), ()> = StableDiGraph::new();
        let ids: Vec<NodeIndex> = nodes.iter().map(|b| graph.add_node((b.w, b.h))).collect();
        for (f, t) in acyclic_imports(nodes.len(), &edges) {
            if let (Some(&a), Some(&b)) = (ids.get(f), ids.get(t)) {
                graph.add_edge(a, b, ());
            }
        }
        // import cycles: strongly connected components of the deps edges
        let mut deps: StableDiGraph<(), ()> = StableDiGraph::new();
        let dep_ids: Vec<NodeIndex> = (0..nodes.len()).map(|_| deps.add_node(())).collect();
        for e in edges.iter().filter(|e| e.imported) {
            if let (Some(&a), Some(&b)) = (dep_ids.get(e.from), dep_ids.get(e.to)) {
                deps.add_edge(a, b, ());
            }
        }
        let mut comp = vec![usize::MAX; nodes.len()];
        let mut cycles = Vec::new();
        for scc in petgraph::algo::tarjan_scc(&deps) {
            if scc.len() < 2 {
                continue;
            }
            let k = cycles.len();
            let mut members: Vec<ModuleIdx> = scc.iter().filter_map(|x| nodes.get(x.index()).map(|b| b.module)).collect();
            members.sort_unstable();
            for x in &scc {
                if let Some(c) = comp.get_mut(x.index()) {
                    *c = k;
                }
            }
            cycles.push(members);
        }
        cycles.sort();
        for e in &mut edges {
            let (a, b) = (comp.get(e.from).copied(), comp.get(e.to).copied());
            e.in_cycle = e.imported && a.is_some() && a == b && a != Some(usize::MAX);
        }
        // layout: each connected component separately, side by side
        let config = rust_sugiyama::configure::Config { vertex_spacing: SPACING, ..Default::default() };
        let layouts: Vec<Component> = if nodes.len() <= MAX_SUGIYAMA_MODULES && graph.edge_count() <= MAX_SUGIYAMA_EDGES {
            rust_sugiyama::from_graph(&graph, &|_, size: &(f64, f64)| *size, &config)
                .into_iter()
                .map(|(coords, w, h)| (coords.into_iter().map(|(id, xy)| (id.index(), xy)).collect::<Vec<_>>(), w, h))
                .collect()
        } else {
            simple_layers(&nodes, &edges)
        };
        let mut x0 = MARGIN;
        let mut height: f64 = 0.0;
        for (coords, _, _) in layouts {
            let mut min_x = f64::INFINITY;
            let mut max_x = f64::NEG_INFINITY;
            let placed: Vec<(usize, f64, f64)> = coords
                .into_iter()
                .filter(|(id, _)| *id < nodes.len())
                .map(|(id, (x, y))| (id, x, y))
                .collect();
            for &(i, x, _) in &placed {
                let w = nodes.get(i).map_or(0.0, |b| b.w);
                min_x = min_x.min(x - w / 2.0);
                max_x = max_x.max(x + w / 2.0);
            }
            if placed.is_empty() || !min_x.is_finite() {
                continue;
            }
            // the crate gives centres; layers are the distinct y values
            let mut ys: Vec<f64> = placed.iter().map(|p| p.2).collect();
            ys.sort_by(f64::total_cmp);
            ys.dedup();
            for &(i, x, y) in &placed {
                if let Some(b) = nodes.get_mut(i) {
                    b.x = x0 + (x - b.w / 2.0 - min_x);
                    b.layer = ys.partition_point(|v| *v < y);
                    b.y = MARGIN + b.layer as f64 * LAYER_STEP;
                }
            }
            x0 += (max_x - min_x) + SPACING * 2.0;
            height = height.max(ys.len() as f64 * LAYER_STEP);
        }
        let width = nodes.iter().map(|b| b.x + b.w).fold(0.0, f64::max) + MARGIN;
        let height = nodes.iter().map(|b| b.y + b.h).fold(height, f64::max) + MARGIN;
        GraphLayout { nodes, edges, cycles, width, height, omitted: total - n }
    }

    /// The box of a module.
    pub fn node_of(&self, m: ModuleIdx) -> Option<&NodeBox> {
        self.nodes.iter().find(|b| b.module == m)
    }
}

/// A plain layered layout for graphs too large for the Sugiyama crate: a module's
/// layer is its distance (in import edges) from the modules nothing imports,
/// found breadth-first; boxes sit side by side in module order within a layer.
/// Linear in modules and edges. Returned like the crate's result: one component.
pub fn simple_layers(nodes: &[NodeBox], edges: &[EdgeLine]) -> Vec<Component> {
    let n = nodes.len();
    let mut out_edges: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut indeg = vec![0usize; n];
    for e in edges.iter().filter(|e| e.imported) {
        if let (Some(v), Some(d)) = (out_edges.get_mut(e.from), indeg.get_mut(e.to)) {
            v.push(e.to);
            *d += 1;
        }
    }
    let mut layer = vec![usize::MAX; n];
    let mut queue = std::collections::VecDeque::new();
    for (i, d) in indeg.iter().enumerate() {
        if *d == 0 {
            if let Some(x) = layer.get_mut(i) {
                *x = 0;
            }
            queue.push_back(i);
        }
    }
    loop {
        while let Some(i) = queue.pop_front() {
            let l = layer.get(i).copied().unwrap_or(0);
            for &t in out_edges.get(i).map(Vec::as_slice).unwrap_or(&[]) {
                if let Some(x) = layer.get_mut(t).filter(|x| **x == usize::MAX) {
                    *x = l + 1;
                    queue.push_back(t);
                }
            }
        }
        // modules only reachable through a cycle: start from the first one left
        match layer.iter().position(|&l| l == usize::MAX) {
            Some(i) => {
                if let Some(x) = layer.get_mut(i) {
                    *x = 0;
                }
                queue.push_back(i);
            }
            None => break,
        }
    }
    let mut x_of_layer: Vec<f64> = Vec::new();
    let mut coords = Vec::with_capacity(n);
    for (i, b) in nodes.iter().enumerate() {
        let l = layer.get(i).copied().unwrap_or(0).min(n);
        if x_of_layer.len() <= l {
            x_of_layer.resize(l + 1, 0.0);
        }
        let Some(cur) = x_of_layer.get_mut(l) else { continue };
        let x = *cur + b.w / 2.0;
        *cur += b.w + SPACING;
        coords.push((i, (x, l as f64)));
    }
    let w = x_of_layer.iter().copied().fold(0.0, f64::max);
    let h = x_of_layer.len() as f64;
    vec![(coords, w, h)]
}

/// The import edges without those that close a cycle (back edges of an iterative
/// depth-first search in module order) and without repeats: a DAG. Linear.
fn acyclic_imports(n: usize, edges: &[EdgeLine]) -> Vec<(usize, usize)> {
    let mut succ: Vec<Vec<usize>> = vec![Vec::new(); n];
    for e in edges.iter().filter(|e| e.imported) {
        if let Some(v) = succ.get_mut(e.from) {
            if e.to < n {
                v.push(e.to);
            }
        }
    }
    for v in &mut succ {
        v.sort_unstable();
        v.dedup();
    }
    // 0 = unvisited, 1 = on the stack, 2 = done
    let mut state = vec![0u8; n];
    let mut out = Vec::new();
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for start in 0..n {
        if state.get(start) != Some(&0) {
            continue;
        }
        if let Some(x) = state.get_mut(start) {
            *x = 1;
        }
        stack.push((start, 0));
        while let Some(&mut (v, ref mut k)) = stack.last_mut() {
            match succ.get(v).and_then(|s| s.get(*k)).copied() {
                Some(t) => {
                    *k += 1;
                    match state.get(t).copied() {
                        Some(0) => {
                            out.push((v, t));
                            if let Some(x) = state.get_mut(t) {
                                *x = 1;
                            }
                            stack.push((t, 0));
                        }
                        Some(2) => out.push((v, t)),
                        _ => {} // closes a cycle: not ranked
                    }
                }
                None => {
                    if let Some(x) = state.get_mut(v) {
                        *x = 2;
                    }
                    stack.pop();
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edge(from: usize, to: usize) -> EdgeLine {
        EdgeLine { from, to, refs: 1, imported: true, in_cycle: false, width: 1.0 }
    }

    #[test]
    fn cycles_are_broken_before_ranking() {
        // 0 -> 1 -> 2 -> 0 (a 3-cycle), 2 <-> 3 (a 2-cycle), a repeated edge, one out of range
        let edges = [edge(0, 1), edge(1, 2), edge(2, 0), edge(2, 3), edge(3, 2), edge(0, 1), edge(1, 9)];
        let dag = acyclic_imports(4, &edges);
        assert_eq!(dag, vec![(0, 1), (1, 2), (2, 3)]);
        let comps = rust_sugiyama::from_edges(&dag.iter().map(|&(a, b)| (a as u32, b as u32)).collect::<Vec<_>>(), &Default::default());
        assert_eq!(comps.iter().map(|c| c.0.len()).sum::<usize>(), 4);
    }

    #[test]
    fn simple_layers_place_every_box() {
        let b = |i: u32| NodeBox {
            module: ModuleIdx(i),
            label: format!("m{i}"),
            path: String::new(),
            x: 0.0,
            y: 0.0,
            w: 80.0,
            h: BOX_H,
            bytes: 0,
            alive_share: None,
            fill: share_colour(None),
            is_main: false,
            is_system: false,
            in_build: true,
            layer: 0,
        };
        let nodes: Vec<NodeBox> = (0..5).map(b).collect();
        let edges = [edge(0, 1), edge(1, 2), edge(2, 1), edge(3, 4), edge(4, 3)];
        let c = simple_layers(&nodes, &edges);
        let layers: Vec<f64> = c.first().map(|c| c.0.iter().map(|p| p.1 .1).collect()).unwrap_or_default();
        assert_eq!(layers, vec![0.0, 1.0, 2.0, 0.0, 1.0]);
        assert_eq!(share_colour(Some(1.0)), "#78c878");
        assert_eq!(share_colour(Some(f64::NAN)), "#dddddd");
    }
}
