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

const BOX_H: f64 = 28.0;
const MIN_W: f64 = 70.0;
const MAX_W: f64 = 260.0;
const SPACING: f64 = 24.0;
const MARGIN: f64 = 16.0;

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

impl GraphLayout {
    /// Lays out the modules of `g` with the edges of `ig`. `live` colours the boxes
    /// by alive share; `sizes` (bytes per module, by index; the decoded size where
    /// missing) sizes them.
    pub fn compute(g: &ModuleGraph, ig: &ImportGraph, live: Option<&LiveSet>, sizes: &[usize]) -> GraphLayout {
        let n = g.len().min(MAX_LAYOUT_MODULES);
        let mut nodes = Vec::with_capacity(n);
        for i in g.indexes().take(n) {
            let Some(gm) = g.get(i) else { continue };
            let bytes = sizes.get(i.index()).copied().filter(|&b| b > 0).unwrap_or(gm.module.file_size);
            let stored = gm.module.syms.iter().filter(|(_, s)| !s.is_hole()).count();
            let alive_share = match live {
                Some(l) if stored > 0 && gm.in_build() => Some(l.alive(i).len() as f64 / stored as f64),
                _ => None,
            };
            let label = gm.short().to_string();
            nodes.push(NodeBox {
                module: i,
                w: box_width(&label, bytes),
                h: BOX_H,
                label,
                path: gm.path.clone(),
                x: 0.0,
                y: 0.0,
                bytes,
                fill: share_colour(alive_share),
                alive_share,
                is_main: gm.is_main,
                is_system: gm.is_system,
                in_build: gm.in_build(),
                layer: 0,
            });
        }
        let mut graph: StableDiGraph<(f64, f64), ()> = StableDiGraph::new();
        let ids: Vec<NodeIndex> = nodes.iter().map(|b| graph.add_node((b.w, b.h))).collect();
        let mut edges = Vec::new();
        for e in ig.edges.iter().take(MAX_LAYOUT_EDGES) {
            let (f, t) = (e.from.index(), e.to.index());
            if f >= n || t >= n || f == t {
                continue;
            }
            if let (Some(&a), Some(&b)) = (ids.get(f), ids.get(t)) {
                graph.add_edge(a, b, ());
            }
            let width = (1.0 + (e.refs.max(1) as f64).log2()).min(8.0);
            edges.push(EdgeLine { from: f, to: t, refs: e.refs, imported: e.imported, in_cycle: false, width });
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
        let layouts = rust_sugiyama::from_graph(&graph, &|_, size: &(f64, f64)| *size, &config);
        let mut x0 = MARGIN;
        let mut height: f64 = 0.0;
        for (coords, _, _) in layouts {
            let mut min_x = f64::INFINITY;
            let mut max_x = f64::NEG_INFINITY;
            let mut max_y: f64 = 0.0;
            let placed: Vec<(usize, f64, f64)> = coords
                .into_iter()
                .filter(|(id, _)| id.index() < nodes.len())
                .map(|(id, (x, y))| (id.index(), x, y))
                .collect();
            for &(i, x, y) in &placed {
                let w = nodes.get(i).map_or(0.0, |b| b.w);
                min_x = min_x.min(x - w / 2.0);
                max_x = max_x.max(x + w / 2.0);
                max_y = max_y.max(y);
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
                    b.y = MARGIN + y;
                    b.layer = ys.partition_point(|v| *v < y);
                }
            }
            x0 += (max_x - min_x) + SPACING * 2.0;
            height = height.max(max_y + BOX_H);
        }
        let width = nodes.iter().map(|b| b.x + b.w).fold(0.0, f64::max) + MARGIN;
        let height = nodes.iter().map(|b| b.y + b.h).fold(height, f64::max) + MARGIN;
        GraphLayout { nodes, edges, cycles, width, height, omitted: g.len() - n }
    }

    /// The box of a module.
    pub fn node_of(&self, m: ModuleIdx) -> Option<&NodeBox> {
        self.nodes.iter().find(|b| b.module == m)
    }
}
