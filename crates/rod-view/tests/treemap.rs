//! Section colours and size maps: every region has its section's colour, and the
//! treemaps of a module's sections and of a whole cache tile their area by size
//! without overlap, each tile opening the first byte of a real section. On the
//! committed fixtures (always) and the 2.0/2.2 corpus (when present).

mod common;

use rod_view::backend::packed::PackedCache;
use rod_view::treemap::{cache_map, module_map, Rect, Tile, MIN_AREA};
use rod_view::{Cache, ModuleIdx, PALETTE_LEN};
use std::path::{Path, PathBuf};

fn load(dir: &Path) -> PackedCache {
    common::load_packed(dir, false, true)
}

const EPS: f64 = 1e-6;

fn inside(r: &Rect, frame: &Rect) -> bool {
    r.x >= frame.x - EPS && r.y >= frame.y - EPS && r.x + r.w <= frame.x + frame.w + EPS && r.y + r.h <= frame.y + frame.h + EPS
}

fn overlap(a: &Rect, b: &Rect) -> bool {
    let ox = (a.x + a.w).min(b.x + b.w) - a.x.max(b.x);
    let oy = (a.y + a.h).min(b.y + b.h) - a.y.max(b.y);
    ox > EPS && oy > EPS
}

/// No two tiles overlap (tiles sorted by x, so only neighbours in x are compared).
fn disjoint(tiles: &[Tile]) -> bool {
    let mut v: Vec<&Rect> = tiles.iter().map(|t| &t.rect).collect();
    v.sort_by(|a, b| a.x.total_cmp(&b.x));
    for i in 0..v.len() {
        for j in i + 1..v.len() {
            if v[j].x >= v[i].x + v[i].w - EPS {
                break;
            }
            if overlap(v[i], v[j]) {
                return false;
            }
        }
    }
    true
}

/// Checks one cache; returns (modules, regions coloured, module tiles, cache tiles).
fn check(c: &PackedCache) -> (usize, usize, usize, usize) {
    let (mut regions, mut tiles) = (0, 0);
    let frame = Rect { x: 0.0, y: 0.0, w: 800.0, h: 300.0 };
    for i in 0..c.module_count() {
        let m = ModuleIdx(i as u32);
        let secs = c.byte_sections(m);
        assert!(secs.iter().all(|s| s.palette < PALETTE_LEN));
        // every region has the colour of the section it lies in
        for r in c.regions(m, 0..usize::MAX, usize::MAX) {
            let s = secs.iter().find(|s| s.range.start <= r.range.start && r.range.end <= s.range.end).expect("a region lies in a section");
            assert_eq!((r.palette, &r.section), (s.palette, &s.name), "region {:?}", r.range);
            regions += 1;
        }
        let map = module_map(c, m, frame.w, frame.h);
        let total: usize = secs.iter().map(|s| s.range.len()).sum();
        assert_eq!(map.total, total);
        assert!(map.groups.is_empty());
        assert_eq!(map.tiles.len() + map.hidden, secs.iter().filter(|s| !s.range.is_empty()).count());
        let area: f64 = map.tiles.iter().map(|t| t.rect.w * t.rect.h).sum();
        assert!(area <= frame.w * frame.h + 1e-3 && area >= frame.w * frame.h - MIN_AREA * map.hidden as f64 - 1e-3, "{area}");
        for t in &map.tiles {
            assert!(inside(&t.rect, &frame));
            let s = secs.iter().find(|s| s.name == t.section && s.range.start == t.offset).expect("a tile is a section");
            assert_eq!((t.size, t.palette), (s.range.len(), s.palette));
            let share = t.rect.w * t.rect.h / (frame.w * frame.h);
            assert!((share - t.size as f64 / total as f64).abs() < 1e-6);
        }
        assert!(disjoint(&map.tiles));
        tiles += map.tiles.len();
    }
    let map = cache_map(c, 1200.0, 600.0);
    let whole = Rect { x: 0.0, y: 0.0, w: 1200.0, h: 600.0 };
    assert!(!map.groups.is_empty() && map.groups.len() <= c.module_count());
    for t in &map.tiles {
        let g = map.groups.iter().find(|g| g.module == t.module).expect("a tile's module has a frame");
        assert!(inside(&t.rect, &g.rect) && inside(&g.rect, &whole));
    }
    assert!(disjoint(&map.groups) && disjoint(&map.tiles));
    assert_eq!(map.total, (0..c.module_count()).map(|i| c.byte_sections(ModuleIdx(i as u32)).iter().map(|s| s.range.len()).sum::<usize>()).sum::<usize>());
    (c.module_count(), regions, tiles, map.tiles.len())
}

#[test]
fn colours_and_size_maps_of_the_fixtures_and_corpus() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut dirs: Vec<(String, PathBuf)> = ["basics", "rebuild"].iter().map(|p| (format!("fixtures/{p}"), root.join("tests/fixtures").join(p))).collect();
    let shared = root.join("../shared/corpus");
    if shared.is_dir() {
        for v in ["2.0.0", "2.2.0"] {
            dirs.push((format!("s2 {v}"), shared.join(format!("s2/nim-{v}/cache"))));
        }
    } else {
        println!("SKIP: size maps on 2.x: ../shared/corpus absent");
    }
    for (label, dir) in dirs {
        let c = load(&dir);
        let (mods, regions, tiles, cache_tiles) = check(&c);
        assert!(mods > 0 && tiles > 0 && cache_tiles > 0);
        println!("ORACLE: size maps {label}: {mods} modules, {regions} regions have their section's colour, {tiles} section tiles tile their maps, {cache_tiles} tiles in the cache map");
    }
}
