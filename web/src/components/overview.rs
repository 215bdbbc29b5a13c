//! A module's overview: identity, compiler, counts, config decoded by name, checksums,
//! imports (linked to the loaded modules), the live set and a bar of section sizes.

use std::rc::Rc;

use rod_decoder::graph::{LinkFailure, ModuleIdx, ModuleStatus};
use rod_decoder::names::flag_names;
use yew::prelude::*;

use crate::components::module_list::check_cell;
use crate::model::{format_size, href, kind_name, names, plural};
use crate::route::ModView;
use crate::workspace::{AliveMark, Workspace};

#[derive(Properties, PartialEq)]
pub struct BannerProps {
    pub ws: Rc<Workspace>,
}

/// A folder that mixes compiler versions: say so (modules are never linked across them).
#[function_component]
pub fn VersionBanner(props: &BannerProps) -> Html {
    let Some(mix) = props.ws.mixed_versions() else {
        return html! {};
    };
    let parts: Vec<String> = mix
        .iter()
        .map(|(v, n)| format!("{} ({})", v.compiler(), plural(*n, "module", "modules")))
        .collect();
    html! {
        <p class="banner warn" role="alert" id="version-banner">
            <strong>{ "Mixed compiler versions: " }</strong>
            { parts.join(", ") }
            { ". Modules are linked only to modules written by the same compiler; references \
               across versions are shown as unresolved, and each version has its own live set." }
        </p>
    }
}

#[derive(Properties, PartialEq)]
pub struct OverviewProps {
    pub ws: Rc<Workspace>,
    pub module: u32,
}

fn chips(items: Vec<String>) -> Html {
    if items.is_empty() {
        return html! { <span class="muted">{ "none" }</span> };
    }
    html! {
        <span class="chips">{ for items.into_iter().map(|s| html! { <span class="chip">{ s }</span> }) }</span>
    }
}

#[function_component]
pub fn Overview(props: &OverviewProps) -> Html {
    let ws = &props.ws;
    let mi = ModuleIdx(props.module);
    let Some(gm) = ws.graph.get(mi) else {
        return html! {};
    };
    let m = &gm.module;
    let nm = names(m);
    let c = &m.config;
    let file = ws
        .entries
        .iter()
        .find(|e| e.result == Ok(mi))
        .map(|e| e.file.clone())
        .unwrap_or_else(|| gm.name.clone());

    let status = match gm.status {
        ModuleStatus::InBuild => "in the current build".to_string(),
        ModuleStatus::Stale => "not in the current build (left over by an earlier build)".into(),
        ModuleStatus::Duplicate(o) => format!("duplicate of {} (ignored)", ws.short(o)),
        ModuleStatus::NoPath => "no own path: nothing can link to it".into(),
    };

    let defined: Vec<String> = m
        .defined_symbols
        .split(' ')
        .skip(1)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect();
    let flags = |t, b| {
        flag_names(t, b)
            .into_iter()
            .map(|x| x.into_owned())
            .collect::<Vec<_>>()
    };

    // Imports, linked to loaded modules.
    let imports = m.imports.iter().map(|&lit| {
        let path = m.str(lit).into_owned();
        let target = match ws.graph.resolve_path(mi, lit) {
            Ok(t) => html! {
                <a href={href(ws, t, ModView::Overview)} class="import">{ ws.short(t).to_string() }</a>
            },
            Err(LinkFailure::NotLoaded) => html! {
                <span class="unresolved">{ rod_decoder::print::short_path(&path).to_string() }<span class="note">{ " (not loaded)" }</span></span>
            },
            Err(LinkFailure::OtherVersion(t)) => html! {
                <span class="unresolved">{ rod_decoder::print::short_path(&path).to_string() }
                    <span class="note">{ format!(" (loaded only for {}: not linked)", ws.module(t).map_or("?", |x| x.version.compiler())) }</span>
                </span>
            },
        };
        html! { <li title={path}>{ target }</li> }
    });

    // Checksums: entry 0 is the module itself.
    let stale = m.stale_includes();
    let includes = m.includes.iter().enumerate().map(|(i, (p, sha))| {
        html! {
            <tr class={classes!(stale.contains(&i).then_some("stale"))}>
                <td><code class="wrap">{ m.str(*p).into_owned() }</code>
                    if i == 0 { <span class="badge">{ "self" }</span> }
                    if stale.contains(&i) { <span class="badge warn">{ "stale" }</span> }
                </td>
                <td><code>{ sha.clone() }</code></td>
            </tr>
        }
    });

    // Section sizes as an SVG bar (attributes, not styles: fine under the CSP).
    let total: usize = m
        .sections
        .iter()
        .map(|s| s.span.end.saturating_sub(s.span.start))
        .sum::<usize>()
        .max(1);
    let mut x = 0.0f64;
    let rects = m.sections.iter().enumerate().map(|(i, s)| {
        let len = s.span.end.saturating_sub(s.span.start);
        let w = len as f64 * 1000.0 / total as f64;
        let r = html! {
            <rect x={format!("{x:.2}")} y="0" width={format!("{w:.2}")} height="20" class={format!("sec sec-{}", i % 8)}>
                <title>{ format!("{}: {} ({:.1}%)", s.span.name, format_size(len), len as f64 * 100.0 / total as f64) }</title>
            </rect>
        };
        x += w;
        r
    });
    let mut by_size: Vec<usize> = (0..m.sections.len()).collect();
    by_size.sort_by_key(|&i| {
        std::cmp::Reverse(
            m.sections[i]
                .span
                .end
                .saturating_sub(m.sections[i].span.start),
        )
    });
    let legend = by_size.iter().map(|&i| {
        let s = &m.sections[i];
        let len = s.span.end.saturating_sub(s.span.start);
        html! {
            <tr>
                <td><svg class="swatch" viewBox="0 0 10 10" aria-hidden="true"><rect width="10" height="10" class={format!("sec sec-{}", i % 8)} /></svg>
                    { s.span.name }</td>
                <td class="num">{ s.span.tag }</td>
                <td class="num">{ format!("{:#x}", s.span.start) }</td>
                <td class="num">{ format_size(len) }</td>
                <td class="num">{ format!("{:.1}%", len as f64 * 100.0 / total as f64) }</td>
                <td class="num">{ s.span.count.map_or(String::new(), |c| c.to_string()) }</td>
            </tr>
        }
    });

    let alive = ws.live.alive(mi).len();
    let mark = ws.alive_mark(mi);
    let count = |id: &str, label: &str, n: usize, view: Option<ModView>| {
        let value = match view {
            Some(v) => html! { <a href={href(ws, mi, v)}>{ n }</a> },
            None => html! { { n } },
        };
        html! {
            <div class="count"><span class="n" id={format!("count-{id}")} data-value={n.to_string()}>{ value }</span><span class="what">{ label.to_string() }</span></div>
        }
    };
    use rod_decoder::TreeKind;

    html! {
        <div class="overview">
            <VersionBanner ws={ws.clone()} />
            <div class="counts">
                { count("symbols", "symbols", m.syms.count(), Some(ModView::Syms)) }
                { count("types", "types", m.types.table.count(), Some(ModView::Types)) }
                { count("toplevel", "top-level nodes", m.top_level.len(), Some(ModView::Tree(TreeKind::TopLevel, None))) }
                { count("bodies", "bodies nodes", m.bodies.len(), Some(ModView::Tree(TreeKind::Bodies, None))) }
                { count("replay", "replay nodes", m.to_replay.len(), Some(ModView::Actions)) }
                { count("strings", "strings", m.strings.len(), Some(ModView::Strings)) }
                { count("numbers", "numbers", m.numbers.vals.len(), Some(ModView::Numbers)) }
                { count("alive", "alive symbols", alive, Some(ModView::Syms)) }
            </div>
            <div class="ov-grid">
                <section class="card" aria-labelledby="ov-ident">
                    <h3 id="ov-ident">{ "Module" }</h3>
                    <dl>
                        <dt>{ "Path" }</dt><dd><code class="wrap" id="module-path">{ gm.path.clone() }</code></dd>
                        <dt>{ "File" }</dt><dd><code class="wrap">{ file }</code>{ format!(" · {}", format_size(m.file_size)) }</dd>
                        <dt>{ "Compiler" }</dt><dd id="module-compiler">{ format!("{} layout (RodVersion {})", m.version.compiler(), m.version.rod_version_byte()) }</dd>
                        <dt>{ "Status" }</dt><dd>{ status }</dd>
                        <dt>{ "Module flags" }</dt><dd>{ chips(flags(nm.sym_flag, m.module_flags)) }</dd>
                        <dt>{ "Live set" }</dt>
                        <dd id="module-alive">
                            { format!("{alive} of {} symbols alive", m.syms.count()) }
                            if mark != AliveMark::NoFile {
                                { " · .alivesyms " }{ check_cell(Some(mark)) }
                            }
                        </dd>
                        <dt>{ "Backend flags" }</dt><dd>{ chips(flags(nm.backend_flag, m.backend_flags as u64)) }</dd>
                        <dt>{ "Type info" }</dt><dd>{ plural(m.type_info.len(), "entry", "entries") }</dd>
                    </dl>
                </section>
                <section class="card" aria-labelledby="ov-config">
                    <h3 id="ov-config">{ "Config" }</h3>
                    <dl>
                        <dt>{ "Backend" }</dt><dd>{ kind_name(nm.backend, c.backend as u32) }</dd>
                        <dt>{ "GC" }</dt><dd>{ kind_name(nm.gc_mode, c.selected_gc as u32) }</dd>
                        <dt>{ "C compiler" }</dt><dd>{ kind_name(nm.system_cc, c.c_compiler as u32) }</dd>
                        <dt>{ "Options" }</dt><dd>{ chips(flags(nm.option, c.options as u64)) }</dd>
                        <dt>{ "Global options" }</dt><dd>{ chips(flags(nm.global_option, c.global_options)) }</dd>
                    </dl>
                </section>
                <section class="card" aria-labelledby="ov-imports">
                    <h3 id="ov-imports">{ format!("Imports ({})", m.imports.len()) }</h3>
                    if m.imports.is_empty() {
                        <p class="muted">{ "none" }</p>
                    } else {
                        <ul class="imports" id="imports">{ for imports }</ul>
                    }
                </section>
                <section class="card wide" aria-labelledby="ov-defined">
                    <details>
                        <summary><h3 id="ov-defined" class="inline">{ format!("Defined symbols ({})", defined.len()) }</h3></summary>
                        { chips(defined) }
                    </details>
                </section>
                <section class="card wide" aria-labelledby="ov-checksums">
                    <h3 id="ov-checksums">{ format!("Checksums and includes ({})", m.includes.len()) }</h3>
                    <table class="grid compact">
                        <thead><tr><th scope="col">{ "file" }</th><th scope="col">{ "SHA-1" }</th></tr></thead>
                        <tbody>{ for includes }</tbody>
                    </table>
                </section>
                <section class="card wide" aria-labelledby="ov-sections">
                    <h3 id="ov-sections">{ format!("Sections ({} in {})", m.sections.len(), format_size(m.file_size)) }</h3>
                    <svg class="section-bar" viewBox="0 0 1000 20" preserveAspectRatio="none" role="img"
                        aria-label="Section sizes">{ for rects }</svg>
                    <table class="grid compact">
                        <thead><tr>
                            <th scope="col">{ "section" }</th><th scope="col" class="num">{ "tag" }</th>
                            <th scope="col" class="num">{ "offset" }</th><th scope="col" class="num">{ "size" }</th>
                            <th scope="col" class="num">{ "share" }</th><th scope="col" class="num">{ "count" }</th>
                        </tr></thead>
                        <tbody>{ for legend }</tbody>
                    </table>
                </section>
            </div>
        </div>
    }
}
