//! Memory and output budgets, measured with a counting global allocator (no timing):
//!
//! * decoding one file allocates at most [`DECODE_BUDGET`] × its size at the peak;
//! * loading a whole cache (decode every module, [`ModuleGraph`], [`LiveSet`])
//!   allocates at most [`WHOLE_BUDGET`] × the total size of its `.rod` files;
//! * the printers stay bounded: the tree printer writes at most one line per node,
//!   each at most [`exercise::MAX_TREE_LINE`] bytes, and allocates little.
//!
//! On the real corpus (the largest files: system.rod of each version) and on
//! adversarial files built here by rewriting sections of a real one: a 32,768-deep
//! chain, extreme and sparse symbol ids, 100,000 include entries, huge counts.

#[path = "common/mod.rs"]
mod common;
#[path = "common/exercise.rs"]
mod exercise;

use rod_decoder::graph::{LiveSet, ModuleGraph};
use rod_decoder::{decode, PackedModule, TreeKind};
use std::alloc::{GlobalAlloc, Layout, System};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::sync::Mutex;

/// Peak bytes allocated while decoding, as a multiple of the file's size.
const DECODE_BUDGET: usize = 3;
/// Peak bytes allocated while loading a whole cache, as a multiple of its size.
const WHOLE_BUDGET: usize = 4;

/// The system allocator, counting live bytes and their peak.
struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
/// Tests measure one at a time (the counters are global).
static ONE: Mutex<()> = Mutex::new(());

// SAFETY: every call is forwarded unchanged to `System`; only counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(l) };
        if !p.is_null() {
            let now = LIVE.fetch_add(l.size(), Relaxed) + l.size();
            PEAK.fetch_max(now, Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        unsafe { System.dealloc(p, l) };
        LIVE.fetch_sub(l.size(), Relaxed);
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        let q = unsafe { System.realloc(p, l, new) };
        if !q.is_null() {
            if new >= l.size() {
                let now = LIVE.fetch_add(new - l.size(), Relaxed) + new - l.size();
                PEAK.fetch_max(now, Relaxed);
            } else {
                LIVE.fetch_sub(l.size() - new, Relaxed);
            }
        }
        q
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Runs `f` and returns its result with the peak of bytes allocated above what was
/// live when it started.
fn peak_of<R>(f: impl FnOnce() -> R) -> (R, usize) {
    let base = LIVE.load(Relaxed);
    PEAK.store(base, Relaxed);
    let r = f();
    (r, PEAK.load(Relaxed).saturating_sub(base))
}

fn mb(n: usize) -> String {
    format!("{:.1} MB", n as f64 / 1e6)
}

/// The caches of every available version: (label, cache dir).
fn caches() -> Vec<(String, PathBuf)> {
    let mut v = Vec::new();
    match common::caches16().into_iter().find(|c| c.0 == "stdlib").or_else(|| common::caches16().into_iter().next()) {
        Some((name, dir)) => v.push((format!("1.6 {name}"), dir)),
        None => common::skip("budgets on 1.6.10 files: RODSCOPE_CORPUS not set"),
    }
    for (label, _, dir) in common::caches2x() {
        v.push((label, dir.join("cache")));
    }
    if common::shared_corpus().is_none() {
        common::skip("budgets on 2.0/2.2 files: ../shared/corpus absent");
    }
    v
}

fn system_rod(cache: &Path) -> Option<PathBuf> {
    common::files(cache, "rod").into_iter().find(|f| f.to_string_lossy().ends_with("@slib@ssystem.rod"))
}

/// Checks the decode budget of one input (which may fail to decode) and the
/// printers' bounds on what decodes; returns the peak.
fn check_decode(label: &str, bytes: &[u8]) -> usize {
    let (m, peak) = peak_of(|| decode(bytes));
    assert!(
        peak <= DECODE_BUDGET * bytes.len().max(1024),
        "{label}: decoding {} allocated {} at the peak (budget {DECODE_BUDGET}x)",
        mb(bytes.len()),
        mb(peak)
    );
    if let Ok(m) = m {
        let (written, top) = check_printers(label, &m, bytes.len());
        if label.contains("system.rod") {
            eprintln!("BUDGET: {label}: tree printer wrote {} for {} nodes, peak {}", mb(written), m.node_count(), mb(top));
        }
    }
    peak
}

/// The tree printer: lines ≤ nodes, bytes ≤ nodes × MAX_TREE_LINE, and its own
/// allocations at most one input's worth (at least 1 MB). Returns (bytes written
/// for the three trees, the largest peak).
fn check_printers(label: &str, m: &PackedModule, input: usize) -> (usize, usize) {
    let (mut written, mut top) = (0, 0);
    let view = exercise::module_view(m);
    for tree in TreeKind::ALL {
        let n = m.tree(tree).len();
        let mut c = exercise::Counter::default();
        let (_, peak) = peak_of(|| exercise::print_tree(&view, tree, None, None, &mut c));
        assert!(c.lines <= n, "{label} {}: {} lines for {n} nodes", tree.name(), c.lines);
        assert!(c.bytes <= n * exercise::MAX_TREE_LINE, "{label} {}: {} bytes for {n} nodes", tree.name(), c.bytes);
        assert!(peak <= input.max(1 << 20), "{label} {}: the tree printer allocated {} at the peak", tree.name(), mb(peak));
        written += c.bytes;
        top = top.max(peak);
    }
    (written, top)
}

#[test]
fn decode_budget_on_the_largest_real_files() {
    let _one = ONE.lock().unwrap_or_else(|e| e.into_inner());
    let mut checked = 0;
    for (label, cache) in caches() {
        let Some(sys) = system_rod(&cache) else { continue };
        let bytes = std::fs::read(&sys).unwrap();
        let peak = check_decode(&format!("{label} system.rod"), &bytes);
        let m = decode(&bytes).unwrap();
        eprintln!(
            "BUDGET: {label} system.rod {}: decode peak {} ({:.2}x), {} nodes",
            mb(bytes.len()),
            mb(peak),
            peak as f64 / bytes.len() as f64,
            m.node_count()
        );
        checked += 1;
    }
    eprintln!("ORACLE: decode budget ({DECODE_BUDGET}x) holds on {checked} system.rod files");
}

#[test]
fn whole_cache_budget_on_real_caches() {
    let _one = ONE.lock().unwrap_or_else(|e| e.into_inner());
    let mut checked = 0;
    for (label, cache) in caches() {
        let files: Vec<Vec<u8>> = common::files(&cache, "rod").iter().map(|f| std::fs::read(f).unwrap()).collect();
        let total: usize = files.iter().map(Vec::len).sum();
        let ((alive, modules), peak) = peak_of(|| {
            let mods: Vec<PackedModule> = files.iter().filter_map(|b| decode(b).ok()).collect();
            let n = mods.len();
            let g = ModuleGraph::new(mods);
            let live = LiveSet::compute(&g);
            (live.total_alive(), n)
        });
        eprintln!(
            "BUDGET: {label}: {modules} modules, {}: graph + live set peak {} ({:.2}x), {alive} alive",
            mb(total),
            mb(peak),
            peak as f64 / total as f64
        );
        assert!(peak <= WHOLE_BUDGET * total, "{label}: whole-cache load allocated {} for {}", mb(peak), mb(total));
        checked += 1;
    }
    eprintln!("ORACLE: whole-cache budget ({WHOLE_BUDGET}x) holds on {checked} caches");
}

/// Adversarial files forged from own modules: (label, bytes).
fn adversarial() -> Vec<(String, Vec<u8>)> {
    use rod_decoder::RodVersion;
    let mut v = Vec::new();
    for ver in [RodVersion::V1_6, RodVersion::V2_0, RodVersion::V2_2] {
        let Some((_, base)) = common::forge::base(ver) else {
            common::skip(&format!("adversarial budgets from a {} file: its corpus is absent", ver.label()));
            continue;
        };
        let l = ver.label();
        v.push((format!("{l} 32768-deep chain"), common::forge::deep_bodies(ver, &base, 32_768)));
        v.push((format!("{l} 200000-deep chain"), common::forge::deep_bodies(ver, &base, 200_000)));
        v.push((format!("{l} 100000 includes"), common::forge::many_includes(&base, 100_000)));
        v.push((format!("{l} huge bodies count"), common::forge::huge_count(&base, rod_decoder::SectionKind::Bodies, i32::MAX)));
        v.push((format!("{l} huge strings count"), common::forge::huge_count(&base, rod_decoder::SectionKind::Strings, i32::MAX)));
        if ver == RodVersion::V2_2 {
            v.push((format!("{l} symbol id 2e9"), common::forge::set_sym_id(&base, 1, 2_000_000_000)));
            v.push((format!("{l} symbol id i32::MAX"), common::forge::set_sym_id(&base, 0, i32::MAX)));
            let mut neg = base.clone();
            for k in 0..common::forge::sym_records(&base) {
                neg = common::forge::set_sym_id(&neg, k, -1 - k as i32);
            }
            v.push((format!("{l} negative symbol ids"), neg));
        }
    }
    v
}

#[test]
fn decode_budget_on_adversarial_files() {
    let _one = ONE.lock().unwrap_or_else(|e| e.into_inner());
    let mut checked = 0;
    for (label, bytes) in adversarial() {
        let peak = check_decode(&label, &bytes);
        eprintln!("BUDGET: {label} ({}): decode peak {} ({:.2}x)", mb(bytes.len()), mb(peak), peak as f64 / bytes.len() as f64);
        checked += 1;
    }
    eprintln!("ORACLE: decode budget ({DECODE_BUDGET}x) and tree printer bounds hold on {checked} adversarial files");
}

#[test]
fn whole_cache_budget_with_one_adversarial_module() {
    let _one = ONE.lock().unwrap_or_else(|e| e.into_inner());
    let mut checked = 0;
    let mut list: Vec<(String, PathBuf)> = common::caches16().into_iter().filter(|c| c.0 == "basics").map(|(n, d)| (format!("1.6 {n}"), d)).collect();
    list.extend(caches());
    for (label, cache) in list {
        let version = if label.contains("2.2") {
            rod_decoder::RodVersion::V2_2
        } else if label.contains("2.0") {
            rod_decoder::RodVersion::V2_0
        } else {
            rod_decoder::RodVersion::V1_6
        };
        let Some((path, base)) = common::forge::base(version) else { continue };
        if path.parent() != Some(cache.as_path()) {
            continue; // the forged module belongs to another program's cache
        }
        let mut forged = vec![("deep chain", common::forge::deep_bodies(version, &base, 100_000))];
        if version == rod_decoder::RodVersion::V2_2 {
            forged.push(("symbol id 2e9", common::forge::set_sym_id(&base, 1, 2_000_000_000)));
        }
        for (what, bad) in forged {
            let files: Vec<Vec<u8>> = common::files(&cache, "rod")
                .iter()
                .map(|f| if f.as_path() == path.as_path() { bad.clone() } else { std::fs::read(f).unwrap() })
                .collect();
            let total: usize = files.iter().map(Vec::len).sum();
            let (_, peak) = peak_of(|| {
                let mods: Vec<PackedModule> = files.iter().filter_map(|b| decode(b).ok()).collect();
                let g = ModuleGraph::new(mods);
                LiveSet::compute(&g).total_alive()
            });
            eprintln!("BUDGET: {label} with {what}: {}: graph + live set peak {} ({:.2}x)", mb(total), mb(peak), peak as f64 / total as f64);
            assert!(peak <= WHOLE_BUDGET * total, "{label} with {what}: {} for {}", mb(peak), mb(total));
            checked += 1;
        }
    }
    eprintln!("ORACLE: whole-cache budget ({WHOLE_BUDGET}x) holds on {checked} caches with a forged module");
}
