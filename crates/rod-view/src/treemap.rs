//! Section size maps: squarified treemaps of where a file's bytes go, laid out here so
//! every front end draws the same picture. [`module_map`] tiles one module's
//! sections; [`cache_map`] tiles the modules of a cache by file size, each holding
//! its sections. Each [`Tile`] knows the bytes it stands for (module, section, offset)
//! and its colour ([`crate::bytes::PALETTE_LEN`]), so a click can open that section
//! in a hex view.
//!
//! The layout is the squarified algorithm of Bruls, Huizing and van Wijk (2000):
//! items largest first, each row grown while that improves its worst aspect
//! ratio, then laid along the shorter side of what is left. One pass per level
//! (two levels at most), no recursion, `O(n log n)` for the sort.

use crate::bytes::ByteSection;
use crate::cache::Cache;
use crate::ids::ModuleIdx;
use crate::text::format_size;

/// A rectangle in the map's units (one unit is one CSS pixel at the map's nominal size).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Rect {
    fn area(&self) -> f64 {
        self.w * self.h
    }
    /// The rectangle shrunk by `d` on every side (never below zero size).
    fn inset(&self, d: f64) -> Rect {
        let dx = d.min(self.w / 2.0);
        let dy = d.min(self.h / 2.0);
        Rect { x: self.x + dx, y: self.y + dy, w: self.w - 2.0 * dx, h: self.h - 2.0 * dy }
    }
}

/// One tile: a section of a module (or, in [`Treemap::groups`], a whole module).
#[derive(Clone, Debug, PartialEq)]
pub struct Tile {
    /// Where it is drawn.
    pub rect: Rect,
    /// The module.
    pub module: ModuleIdx,
    /// The section's name as the `sections` listing gives it (empty for a module).
    pub section: String,
    /// First byte of the section (0 for a module).
    pub offset: usize,
    /// Its size in bytes.
    pub size: usize,
    /// Colour index ([`crate::bytes::PALETTE_LEN`]).
    pub palette: u8,
    /// The text drawn inside, when it fits ([`CHAR_WIDTH`], [`LINE_HEIGHT`]).
    pub label: Option<String>,
    /// The full description (a tooltip): name, size, share.
    pub title: String,
}

/// A laid-out map.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Treemap {
    /// Its size.
    pub width: f64,
    /// Its height.
    pub height: f64,
    /// The module frames of a cache map (empty for one module).
    pub groups: Vec<Tile>,
    /// The section tiles, largest first within each module.
    pub tiles: Vec<Tile>,
    /// Sections too small to draw (under [`MIN_AREA`]), left out.
    pub hidden: usize,
    /// Total bytes shown.
    pub total: usize,
}

/// The width a label's character is assumed to take (units), to decide whether a
/// label fits (a 12 px sans-serif font).
pub const CHAR_WIDTH: f64 = 6.8;
/// The height of a label line (units).
pub const LINE_HEIGHT: f64 = 14.0;
/// Tiles smaller than this (square units) are left out: nobody can see or click them.
pub const MIN_AREA: f64 = 2.0;
/// Height of a module's caption strip in a cache map (units).
const CAPTION: f64 = 16.0;
/// Most modules a cache map tiles (the largest first); the rest are summed into no
/// tile (see [`Treemap::hidden`]).
pub const MAX_MODULES: usize = 2000;

/// Lays out `weights` (any order) in `area`, returning one rectangle per weight in
/// the same order. Zero weights get an empty rectangle.
pub fn squarify(weights: &[f64], area: Rect) -> Vec<Rect> {
    let empty = Rect { x: area.x, y: area.y, w: 0.0, h: 0.0 };
    let mut out = vec![empty; weights.len()];
    let total: f64 = weights.iter().filter(|w| w.is_finite() && **w > 0.0).sum();
    if total <= 0.0 || area.area() <= 0.0 {
        return out;
    }
    let scale = area.area() / total;
    // Indices of the positive weights, largest first.
    let mut order: Vec<usize> = (0..weights.len()).filter(|&i| weights[i].is_finite() && weights[i] > 0.0).collect();
    order.sort_by(|&a, &b| weights[b].total_cmp(&weights[a]).then(a.cmp(&b)));
    let sizes: Vec<f64> = order.iter().map(|&i| weights[i] * scale).collect();
    // The worst aspect ratio of a row of sizes `max ≥ … ≥ min` summing to `sum`, laid
    // along a side of length `side`.
    let worst = |max: f64, min: f64, sum: f64, side: f64| {
        let s2 = sum * sum;
        let w2 = side * side;
        (w2 * max / s2).max(s2 / (w2 * min))
    };
    let mut free = area;
    let mut i = 0;
    while i < sizes.len() {
        let side = free.w.min(free.h);
        if side <= 0.0 {
            break;
        }
        let first = sizes[i];
        let mut sum = first;
        let mut ratio = worst(first, first, sum, side);
        let mut j = i + 1;
        while j < sizes.len() {
            let next = worst(first, sizes[j], sum + sizes[j], side);
            if next > ratio {
                break;
            }
            ratio = next;
            sum += sizes[j];
            j += 1;
        }
        // The last row takes all that is left (no sliver lost to rounding).
        let last = j == sizes.len();
        if free.w >= free.h {
            // a column at the left
            let cw = if last { free.w } else { (sum / free.h).min(free.w) };
            let mut y = free.y;
            for k in i..j {
                let h = if k + 1 == j { free.y + free.h - y } else { sizes[k] / cw };
                out[order[k]] = Rect { x: free.x, y, w: cw, h };
                y += h;
            }
            free = Rect { x: free.x + cw, y: free.y, w: free.w - cw, h: free.h };
        } else {
            // a row at the top
            let rh = if last { free.h } else { (sum / free.w).min(free.h) };
            let mut x = free.x;
            for k in i..j {
                let w = if k + 1 == j { free.x + free.w - x } else { sizes[k] / rh };
                out[order[k]] = Rect { x, y: free.y, w, h: rh };
                x += w;
            }
            free = Rect { x: free.x, y: free.y + rh, w: free.w, h: free.h - rh };
        }
        i = j;
    }
    out
}

/// A label that fits in `r`, or `None`: the full text, else only the first part.
fn fit(r: &Rect, full: &str, short: &str) -> Option<String> {
    if r.h < LINE_HEIGHT || r.w < 3.0 * CHAR_WIDTH {
        return None;
    }
    let room = ((r.w - 4.0) / CHAR_WIDTH).floor() as usize;
    if full.chars().count() <= room {
        Some(full.to_string())
    } else if short.chars().count() <= room {
        Some(short.to_string())
    } else {
        None
    }
}

/// The share of `part` in `total`, in words.
fn share(part: usize, total: usize) -> String {
    format!("{:.1}%", part as f64 * 100.0 / total.max(1) as f64)
}

/// Tiles `sections` of module `m` into `area`, appending to `map`.
fn tile_sections(map: &mut Treemap, m: ModuleIdx, module_name: &str, sections: &[ByteSection], area: Rect, file_size: usize) {
    let weights: Vec<f64> = sections.iter().map(|s| s.range.len() as f64).collect();
    let rects = squarify(&weights, area);
    let mut placed: Vec<(usize, Rect)> = rects.into_iter().enumerate().collect();
    placed.sort_by(|a, b| sections[b.0].range.len().cmp(&sections[a.0].range.len()).then(a.0.cmp(&b.0)));
    for (i, r) in placed {
        let Some(s) = sections.get(i) else { continue };
        let size = s.range.len();
        if size == 0 {
            continue;
        }
        if r.area() < MIN_AREA {
            map.hidden += 1;
            continue;
        }
        let full = format!("{} {}", s.name, format_size(size));
        let of = if module_name.is_empty() { String::new() } else { format!(" of {module_name}") };
        map.tiles.push(Tile {
            rect: r,
            module: m,
            section: s.name.clone(),
            offset: s.range.start,
            size,
            palette: s.palette,
            label: fit(&r, &full, &s.name),
            title: format!("{}{of}: {} ({} of the file), at {:#x}", s.name, format_size(size), share(size, file_size), s.range.start),
        });
    }
}

/// The sections of module `m` as a `width` × `height` treemap (empty when the
/// backend gives no sections, [`Cache::byte_sections`]).
pub fn module_map(c: &dyn Cache, m: ModuleIdx, width: f64, height: f64) -> Treemap {
    let sections = c.byte_sections(m);
    let total: usize = sections.iter().map(|s| s.range.len()).sum();
    let mut map = Treemap { width, height, total, ..Treemap::default() };
    tile_sections(&mut map, m, "", &sections, Rect { x: 0.0, y: 0.0, w: width, h: height }, total);
    map
}

/// The modules of the cache by file size, each tiled by its sections, as a `width`
/// × `height` treemap. Modules the backend has no sections for are left out.
pub fn cache_map(c: &dyn Cache, width: f64, height: f64) -> Treemap {
    let mut mods: Vec<(ModuleIdx, Vec<ByteSection>, usize)> = (0..c.module_count())
        .map(|i| ModuleIdx(i as u32))
        .filter_map(|m| {
            let s = c.byte_sections(m);
            let size: usize = s.iter().map(|x| x.range.len()).sum();
            (size > 0).then_some((m, s, size))
        })
        .collect();
    mods.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    let mut map = Treemap { width, height, ..Treemap::default() };
    if mods.len() > MAX_MODULES {
        map.hidden += mods.len() - MAX_MODULES;
        mods.truncate(MAX_MODULES);
    }
    map.total = mods.iter().map(|x| x.2).sum();
    let weights: Vec<f64> = mods.iter().map(|x| x.2 as f64).collect();
    let frames = squarify(&weights, Rect { x: 0.0, y: 0.0, w: width, h: height });
    for ((m, sections, size), frame) in mods.iter().zip(frames) {
        if frame.area() < MIN_AREA {
            map.hidden += 1;
            continue;
        }
        let name = c.module_row(*m).map_or_else(String::new, |r| r.short);
        let full = format!("{name} {}", format_size(*size));
        let caption = frame.h >= 3.0 * CAPTION && frame.w >= 6.0 * CHAR_WIDTH;
        map.groups.push(Tile {
            rect: frame,
            module: *m,
            section: String::new(),
            offset: 0,
            size: *size,
            palette: 0,
            label: if caption { fit(&Rect { h: CAPTION, ..frame }, &full, &name) } else { None },
            title: format!("{name}: {} ({} of the cache)", format_size(*size), share(*size, map.total)),
        });
        let inner = frame.inset(1.0);
        let inner = if caption { Rect { y: inner.y + CAPTION, h: (inner.h - CAPTION).max(0.0), ..inner } } else { inner };
        tile_sections(&mut map, *m, &name, sections, inner, *size);
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-6
    }

    /// The rectangles fill the area, do not overlap, and each is proportional to its
    /// weight; the example of the paper gives its aspect ratios.
    #[test]
    fn squarified() {
        let area = Rect { x: 0.0, y: 0.0, w: 6.0, h: 4.0 };
        let w = [6.0, 6.0, 4.0, 3.0, 2.0, 2.0, 1.0];
        let r = squarify(&w, area);
        let sum: f64 = r.iter().map(Rect::area).sum();
        assert!(close(sum, 24.0));
        for (x, wt) in r.iter().zip(w) {
            assert!(close(x.area(), wt), "{x:?} for {wt}");
            assert!(x.x >= 0.0 && x.y >= 0.0 && x.x + x.w <= 6.0 + 1e-9 && x.y + x.h <= 4.0 + 1e-9);
        }
        for i in 0..r.len() {
            for j in i + 1..r.len() {
                let (a, b) = (r[i], r[j]);
                let ox = (a.x + a.w).min(b.x + b.w) - a.x.max(b.x);
                let oy = (a.y + a.h).min(b.y + b.h) - a.y.max(b.y);
                assert!(ox <= 1e-9 || oy <= 1e-9, "{a:?} overlaps {b:?}");
            }
        }
        // the paper's first row: 6 and 6 side by side as a 3 × 4 column pair
        assert!(close(r[0].w, 3.0) && close(r[0].h, 2.0));
        assert!(squarify(&[0.0, f64::NAN], area).iter().all(|x| x.area() == 0.0));
        assert!(squarify(&[], area).is_empty());
        println!("ORACLE: squarified treemap: 7 tiles cover 24 units, no overlap, paper's first row");
    }
}
