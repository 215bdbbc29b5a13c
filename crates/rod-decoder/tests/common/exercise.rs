//! What the fuzz targets (`fuzz/`) and the regression tests run on one input: every
//! layer, with the consistency oracles. Shared by `#[path]` so a crash found by
//! fuzzing is replayed by `cargo test` exactly as the fuzzer ran it.
//!
//! Each function panics (with a message) when an oracle disagrees or a bound is
//! broken; on valid or invalid input alike, the layers themselves must never panic.
#![allow(dead_code)]

use rod_decoder::graph::{self, print as gprint, BuildDiff, ImportGraph, LiveSet, ModuleGraph, ModuleIdx, Snapshot, TreeContexts, UsageIndex};
use rod_decoder::print;
use rod_view::backend::packed::PackedCache;
use rod_view::print::{TreeOptions, MAX_INDENT_DEPTH};
use rod_view::text::MAX_NAME as MAX_LABEL_LITERAL;
use rod_view::Cache as _;
use rod_decoder::{decode, detect, sniff, AliveSyms, PackedModule, TreeKind};
use std::io::{self, Write};

/// Counts bytes and lines, keeps nothing.
#[derive(Default)]
pub struct Counter {
    /// Bytes written.
    pub bytes: usize,
    /// Newlines written.
    pub lines: usize,
}

impl Write for Counter {
    fn write(&mut self, b: &[u8]) -> io::Result<usize> {
        self.bytes += b.len();
        self.lines += b.iter().filter(|&&c| c == b'\n').count();
        Ok(b.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The longest line the tree printer may write: position, capped indent, depth
/// note, and a label of at most four capped strings (escaped: up to 4 bytes per
/// byte) plus fixed words, numbers and flag names.
pub const MAX_TREE_LINE: usize = 8 + 2 * MAX_INDENT_DEPTH as usize + 24 + 4 * (4 * MAX_LABEL_LITERAL + 32) + 2048;

/// The JSON dump (which builds its whole value in memory, ~90% of an execution's
/// time on a 128 KB input) is run on inputs up to this size only.
pub const JSON_INPUT_LIMIT: usize = 24 * 1024;

/// Checks every navigation of every tree of `m` against every other.
pub fn navigation_oracle(m: &PackedModule) {
    for k in TreeKind::ALL {
        let t = m.tree(k);
        let nav = t.nav();
        if let Err(e) = rod_format::flat::check(&nav, 24) {
            panic!("{}: navigation disagrees: {e}", k.name());
        }
        // the PackedTree methods are the same navigation
        let parents = t.parents();
        let flat_parents = nav.parents();
        assert_eq!(parents.len(), flat_parents.len());
        for (a, b) in parents.iter().zip(&flat_parents) {
            assert_eq!(a.map(|p| p.0), *b, "{}: PackedTree::parents differs from flat", k.name());
        }
        let roots: Vec<u32> = t.roots().map(|p| p.0).collect();
        assert_eq!(roots, nav.roots().collect::<Vec<_>>(), "{}: roots", k.name());
        let walk: Vec<(u32, u32)> = t.preorder_all().map(|(p, d)| (p.0, d)).collect();
        assert_eq!(walk, nav.preorder_all().collect::<Vec<_>>(), "{}: preorder", k.name());
        // a clamped tree is one that validate reports
        let (over, total) = rod_format::flat::overruns(t, 1);
        if !t.spans_exact() {
            assert!(total > 0 && !over.is_empty(), "{}: spans were cut but no overrun is listed", k.name());
        }
    }
}

/// The byte map of any input: built or an error, never a panic; a complete map
/// tiles the file, its record counts are the decoder's, and every region's fields
/// lie inside it; the printers stay within bounds.
pub fn byte_map(bytes: &[u8]) {
    use rod_decoder::bytemap::ByteMap;
    let (map, err) = ByteMap::build_partial(bytes);
    assert!(map.covered() <= bytes.len(), "the map covers {} of {} bytes", map.covered(), bytes.len());
    if err.is_some() {
        if let Some(e) = &err {
            assert!(e.offset() <= bytes.len(), "byte map error offset {} past the end {}: {e}", e.offset(), bytes.len());
        }
        return;
    }
    let mut at = 0;
    for r in map.iter() {
        assert_eq!(r.start, at, "regions leave a gap or overlap at {at}");
        assert!(r.end > r.start);
        at = r.end;
    }
    assert_eq!(at, bytes.len(), "regions do not cover the file");
    let module = decode(bytes).ok();
    if let Some(m) = &module {
        let nodes: usize = TreeKind::ALL.iter().map(|&k| m.tree(k).len()).sum();
        assert_eq!(map.record_counts(), [nodes, m.syms.records.len(), m.types.table.records.len(), m.strings.len(), m.numbers.vals.len()], "byte map counts differ from the decoder's");
    }
    for r in map.iter().step_by((map.len() / 64).max(1)) {
        for f in map.fields(&r, bytes, module.as_ref()) {
            assert!(f.offset >= r.start && f.offset + f.size <= r.end, "field {} outside its region", f.name);
            assert!(f.meaning.len() <= 4 * rod_decoder::bytemap::MAX_SHOWN + 256 + 64 * 64, "field meaning too long");
        }
        let mut c = Counter::default();
        let _ = print::print_region(&map, 0, &r, bytes, module.as_ref(), &mut c);
    }
    let mut c = Counter::default();
    let _ = print::print_byte_map(&map, &mut c);
    assert_eq!(c.lines, map.len() + 2);
}

/// One `.rod` file: detect, sniff, decode, validate, every printer, navigation.
pub fn rod_file(bytes: &[u8]) {
    byte_map(bytes);
    let _ = sniff(bytes);
    let _ = detect(bytes);
    let m = match decode(bytes) {
        Ok(m) => m,
        Err(e) => {
            assert!(e.offset() <= bytes.len(), "error offset {} past the end {}: {e}", e.offset(), bytes.len());
            return;
        }
    };
    navigation_oracle(&m);
    let findings = rod_decoder::validate::validate(&m);
    assert!(findings.len() <= rod_decoder::validate::MAX_FINDINGS);
    for k in TreeKind::ALL {
        if !m.tree(k).spans_exact() {
            assert!(
                findings.iter().any(|f| f.section == Some(m.version.section_name(k.section())) && f.message.contains("past")),
                "{}: clamped spans not reported by validate",
                k.name()
            );
        }
    }
    let _ = m.stale_includes();
    let mut sink = Counter::default();
    let _ = print::nim_rod_view(&m, &mut sink);
    let _ = print::print_sections(&m, &mut sink);
    if bytes.len() <= JSON_INPUT_LIMIT {
        let _ = print::dump_json(&m, &mut sink);
    }
    let view = module_view(&m);
    for tree in TreeKind::ALL {
        // buffered: the printer's padding arrives one char per write
        let mut w = io::BufWriter::with_capacity(1 << 16, Counter::default());
        let _ = print_tree(&view, tree, None, None, &mut w);
        let c = w.into_inner().unwrap_or_default();
        let n = m.tree(tree).len();
        assert!(c.lines <= n, "{}: {} lines for {n} nodes", tree.name(), c.lines);
        assert!(c.bytes <= n.saturating_mul(MAX_TREE_LINE), "{}: tree output {} bytes for {n} nodes", tree.name(), c.bytes);
        let mut c = Counter::default();
        let _ = print_tree(&view, tree, Some(rod_decoder::NodePos(0)), Some(3), &mut c);
    }
    let m0 = ModuleIdx(0);
    for s in view.symbols(m0).into_iter().take(2000) {
        let _ = view.sym_row(m0, s);
    }
    for t in view.types(m0).into_iter().take(2000) {
        let _ = view.type_row(m0, t);
    }
}

/// One `.alivesyms` file: decode, order check, snapshot and a diff against itself
/// and against an empty build.
pub fn alivesyms(bytes: &[u8]) {
    byte_map(bytes);
    let _ = sniff(bytes);
    let _ = detect(bytes);
    let Ok(a) = AliveSyms::decode(bytes) else { return };
    let _ = a.unsorted_at();
    let snap = Snapshot::from_alive_syms([("/fuzz/a.nim".to_string(), a.clone())]);
    let d = BuildDiff::between(&snap, &snap);
    assert!(d.regenerated().next().is_none(), "a build differs from itself");
    let d = BuildDiff::between(&Snapshot::default(), &snap);
    let _ = gprint::print_build_diff(&d, None, None, &mut Counter::default());
}

/// The modules of a real cache, decoded once, to put one fuzzed module among.
pub struct BaseCache {
    /// (file name, module).
    pub modules: Vec<(String, PackedModule)>,
    /// Their `.alivesyms`, by module.
    pub alive: Vec<Option<AliveSyms>>,
}

impl BaseCache {
    /// Loads the `.rod` files of `dir` not larger than `max_bytes` (and their
    /// `.alivesyms`); files that do not decode are left out.
    pub fn load(dir: &std::path::Path, max_bytes: u64) -> BaseCache {
        let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
            .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "rod")).collect())
            .unwrap_or_default();
        files.sort();
        let mut modules = Vec::new();
        let mut alive = Vec::new();
        for f in files {
            if std::fs::metadata(&f).map_or(true, |m| m.len() > max_bytes) {
                continue;
            }
            let Ok(b) = std::fs::read(&f) else { continue };
            let Ok(m) = decode(&b) else { continue };
            let name = f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            alive.push(std::fs::read(f.with_extension("alivesyms")).ok().and_then(|b| AliveSyms::decode(&b).ok()));
            modules.push((name, m));
        }
        BaseCache { modules, alive }
    }
}

/// The whole-program layer on `base` with the input in place of the module that
/// has its path (or added when none has): graph, live set, why (alive and dead),
/// usages, diff against the base build, imports, and their printers.
pub fn whole_cache(base: &BaseCache, base_snapshot: Option<&Snapshot>, bytes: &[u8]) {
    let Ok(input) = decode(bytes) else { return };
    let path = input.path().map(|p| p.into_owned());
    let mut modules = base.modules.clone();
    let mut alive = base.alive.clone();
    let slot = path.as_deref().and_then(|p| modules.iter().position(|(_, m)| m.path().as_deref() == Some(p)));
    let target = match slot {
        Some(i) => {
            modules[i].1 = input;
            alive[i] = None;
            i
        }
        None => {
            modules.push(("fuzzed.rod".into(), input));
            alive.push(None);
            modules.len() - 1
        }
    };
    let g = ModuleGraph::from_named(modules);
    let live = LiveSet::compute(&g);
    let usages = UsageIndex::build(&g);
    let imports = ImportGraph::build(&g);
    let mut view = PackedCache::from_graph(g.clone());
    view.alive_files = alive.clone();
    view.compute_live();
    for i in g.indexes() {
        let a = live.alive(i);
        assert!(a.windows(2).all(|w| w[0] < w[1]), "alive ids of {i} not strictly ascending");
    }
    let check = graph::check_alive(&g, &live, &alive);
    let mut sink = Counter::default();
    let _ = gprint::print_graph_notes(&g, &mut sink);
    let _ = gprint::print_alive_summary(&g, &live, &mut sink);
    let _ = gprint::print_anomalies(&g, &live, &mut sink);
    let _ = gprint::print_alive_json(&g, &live, &mut sink);
    let _ = gprint::print_alive_check(&g, &live, &check, &mut sink);
    let _ = gprint::print_import_graph(&g, &imports, &mut sink);
    let _ = gprint::write_dot(&g, &imports, &mut sink);
    // why and refs for (a bounded number of) the fuzzed module's symbols
    let m = ModuleIdx(target as u32);
    let mut ctx = TreeContexts::default();
    if let Some(gm) = g.get(m) {
        for (id, _) in gm.module.syms.iter().filter(|(_, s)| !s.is_hole()).take(64) {
            if live.is_alive(m, id) {
                let chain = live.why_alive(m, id);
                assert!(chain.is_some_and(|c| !c.is_empty()), "alive symbol {id} without a cause chain");
            } else {
                let _ = live.why_dead_in(&g, &usages, m, id, &mut ctx);
            }
            let _ = rod_view::print::print_why(&view, m, rod_view::SymKey(i64::from(id.0)), &mut sink);
            let _ = rod_view::print::print_usages(&view, m, rod_view::SymKey(i64::from(id.0)), &mut sink);
        }
    }
    let _ = g.find_symbols("result");
    let new = Snapshot::of(&g, &live);
    if let Some(old) = base_snapshot {
        let d = BuildDiff::between(old, &new);
        let _ = gprint::print_build_diff(&d, None, Some(&g), &mut sink);
    }
    let mut t = Counter::default();
    for tree in TreeKind::ALL {
        let _ = print_tree_of(&view, ModuleIdx(target as u32), tree, None, Some(8), &mut t);
    }
}

/// A view of one module alone (its links into other modules stay unresolved).
pub fn module_view(m: &PackedModule) -> PackedCache {
    PackedCache::from_graph(ModuleGraph::from_named(vec![("m.rod".to_string(), m.clone())]))
}

/// The view layer's tree printer on tree `tree` of module 0 of `view`.
pub fn print_tree(view: &PackedCache, tree: TreeKind, root: Option<rod_decoder::NodePos>, depth: Option<u32>, out: &mut impl Write) -> io::Result<()> {
    print_tree_of(view, ModuleIdx(0), tree, root, depth, out)
}

/// The view layer's tree printer on tree `tree` of module `m` of `view`.
pub fn print_tree_of(view: &PackedCache, m: ModuleIdx, tree: TreeKind, root: Option<rod_decoder::NodePos>, depth: Option<u32>, out: &mut impl Write) -> io::Result<()> {
    let opts = TreeOptions { tree: rod_view::backend::packed::tree_id(tree), root, depth };
    rod_view::print::print_tree(view, m, opts, out)
}
