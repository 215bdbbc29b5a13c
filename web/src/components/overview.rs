//! A module's overview: counts, the cache's facts about it (path, compiler, config,
//! imports, ...), the live set, its tables, and a bar of where its file's bytes go.

use rod_view::text::format_size;
use rod_view::{Cache, FilePart, ModuleIdx};
use yew::prelude::*;

use crate::components::save_svg::SaveSvg;

use crate::components::facts::fact_items;
use crate::components::live_mark::live_mark_html;
use crate::components::notes_banner::NotesBanner;
use crate::components::size_map::SizeMap;
use crate::loaded::use_loaded;
use crate::route::{module_href, table_view, tree_view, ModView};

#[derive(Properties, PartialEq)]
pub struct OverviewProps {
    pub module: ModuleIdx,
}

/// One count, linked to where the counted things are listed.
fn count(c: &dyn Cache, m: ModuleIdx, id: &str, label: &str, n: usize, view: ModView) -> Html {
    html! {
        <div class="count">
            <span class="n" id={format!("count-{id}")} data-value={n.to_string()}>
                <a href={module_href(c, m, view)}>{ n }</a>
            </span>
            <span class="what">{ label.to_string() }</span>
        </div>
    }
}

/// Where the file's bytes go: an SVG bar (attributes, not styles: fine under the CSP)
/// and a table, largest part first.
fn file_map(parts: &[FilePart], file_size: usize) -> Html {
    let total = parts.iter().map(|p| p.len).sum::<usize>().max(1);
    let share = |len: usize| len as f64 * 100.0 / total as f64;
    let mut x = 0.0f64;
    let rects = parts.iter().enumerate().map(|(i, p)| {
        let w = p.len as f64 * 1000.0 / total as f64;
        let r = html! {
            <rect x={format!("{x:.2}")} y="0" width={format!("{w:.2}")} height="20" class={format!("sec sec-{}", i % 8)}>
                <title>{ format!("{}: {} ({:.1}%)", p.name, format_size(p.len), share(p.len)) }</title>
            </rect>
        };
        x += w;
        r
    });
    let mut by_size: Vec<(usize, &FilePart)> = parts.iter().enumerate().collect();
    by_size.sort_by_key(|(_, p)| std::cmp::Reverse(p.len));
    let legend = by_size.iter().map(|&(i, p)| html! {
        <tr>
            <td><svg class="swatch" viewBox="0 0 10 10" aria-hidden="true"><rect width="10" height="10" class={format!("sec sec-{}", i % 8)} /></svg>
                { p.name.clone() }</td>
            <td class="num">{ format!("{:#x}", p.start) }</td>
            <td class="num">{ format_size(p.len) }</td>
            <td class="num">{ format!("{:.1}%", share(p.len)) }</td>
            <td class="num">{ p.count.map_or(String::new(), |c| c.to_string()) }</td>
        </tr>
    });
    html! {
        <section class="card wide" aria-labelledby="ov-sections">
            <h3 id="ov-sections">{ format!("File parts ({} in {})", parts.len(), format_size(file_size)) }</h3>
            <svg class="section-bar" id="file-parts-svg" viewBox="0 0 1000 20" preserveAspectRatio="none" role="img" aria-label="Sizes of the file's parts">{ for rects }</svg>
            <SaveSvg target="file-parts-svg" name="file-parts" />
            <div class="table-wrap">
                <table class="grid compact">
                    <thead><tr>
                        <th scope="col">{ "part" }</th><th scope="col" class="num">{ "offset" }</th>
                        <th scope="col" class="num">{ "size" }</th><th scope="col" class="num">{ "share" }</th>
                        <th scope="col" class="num">{ "count" }</th>
                    </tr></thead>
                    <tbody>{ for legend }</tbody>
                </table>
            </div>
        </section>
    }
}

#[function_component]
pub fn Overview(props: &OverviewProps) -> Html {
    let loaded = use_loaded();
    let c = &*loaded.cache;
    let m = props.module;
    let Some(row) = c.module_row(m) else {
        return html! {};
    };
    let trees = c.trees(m);
    let tables = c.tables(m);
    let parts = c.file_parts(m);
    let live = match row.alive {
        Some(n) => format!("{n} of {} symbols alive", row.syms),
        None => row.live.text(),
    };
    let table_list = tables.iter().map(|t| {
        // ids are unique: a table named like a tree says it is a table
        let id = if trees.iter().any(|x| x.slug == t.slug) { format!("count-table-{}", t.slug) } else { format!("count-{}", t.slug) };
        html! {
            <li>
                <a href={module_href(c, m, table_view(c, m, &t.slug))} title={t.about.clone()}>{ t.title.clone() }</a>
                { " " }<span class="n muted" {id} data-value={t.len.to_string()}>{ t.len }</span>
            </li>
        }
    });
    html! {
        <div class="overview">
            <NotesBanner />
            <div class="counts">
                { count(c, m, "symbols", "symbols", row.syms, ModView::Syms) }
                { count(c, m, "types", "types", row.types, ModView::Types) }
                { for trees.iter().map(|t| count(c, m, &t.slug, &format!("{} nodes", t.title), t.len, tree_view(c, m, t.id, None))) }
                if let Some(n) = row.alive {
                    { count(c, m, "alive", "alive symbols", n, ModView::Syms) }
                }
            </div>
            <div class="ov-grid">
                <section class="card" aria-labelledby="ov-ident">
                    <h3 id="ov-ident">{ "Module" }</h3>
                    <dl>
                        { fact_items(c, &c.module_facts(m), "module") }
                        <dt>{ "Size" }</dt><dd>{ format_size(row.size) }</dd>
                        <dt>{ "Live set" }</dt>
                        <dd id="module-alive">
                            { live }
                            if !matches!(row.live, rod_view::LiveMark::None | rod_view::LiveMark::ComputedOnly) {
                                { " · record " }{ live_mark_html(&row.live) }{ format!(" ({})", row.live.text()) }
                            }
                        </dd>
                    </dl>
                </section>
                <section class="card" aria-labelledby="ov-tables">
                    <h3 id="ov-tables">{ format!("Tables ({})", tables.len()) }</h3>
                    <ul class="plain tables-list">{ for table_list }</ul>
                </section>
                if !parts.is_empty() {
                    { file_map(&parts, row.size) }
                }
                // section size map (issue 9): a tile opens its section in the hex pane
                if c.file_bytes(m).is_some() {
                    <section class="card wide" aria-labelledby="ov-size-map">
                        <h3 id="ov-size-map">{ "Section sizes" }</h3>
                        <SizeMap module={Some(m)} id="module-map" />
                    </section>
                }
                // What is this? (issue 9)
                <section class="card" aria-label="What is this?">
                    <crate::components::what_is_this::WhatIsThis sel={rod_view::glossary::Selection::Target(rod_view::Target::Module(m))} />
                </section>
            </div>
        </div>
    }
}
