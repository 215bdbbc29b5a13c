//! A symbol (its record decoded by name, its definition tree, why it is alive or not, its
//! usages) and a type.

use std::rc::Rc;

use rod_decoder::graph::{DeadReason, MentionContext, ModuleIdx, ModuleStatus, Owner};
use rod_decoder::names::flag_names;
use rod_decoder::TreeKind;
use yew::prelude::*;

use crate::components::tree_panel::{link_html, TreePanel};
use crate::model::{
    self, full_pos_text, href, kind_name, names, node_href, plural, rule_text, short_pos_text,
    site_text, sym_label, sym_link, type_link,
};
use crate::packed_rows::PackedRows;
use crate::route::{ModView, Nav};
use crate::workspace::Workspace;

/// Most usages / mentions listed.
const USAGE_CAP: usize = 200;

fn chips(items: Vec<String>) -> Html {
    if items.is_empty() {
        return html! { <span class="muted">{ "none" }</span> };
    }
    html! { <span class="chips">{ for items.into_iter().map(|s| html! { <span class="chip">{ s }</span> }) }</span> }
}

#[derive(Properties, PartialEq)]
pub struct SymbolPageProps {
    pub ws: Rc<Workspace>,
    pub module: u32,
    pub sym: i32,
    pub packed: Option<Rc<PackedRows>>,
    pub selected: Option<u32>,
    pub on_select: Callback<(u32, Nav)>,
    pub on_toggle: Callback<(u32, Option<bool>)>,
    pub on_expand_all: Callback<bool>,
    pub on_expand_subtree: Callback<u32>,
}

#[function_component]
pub fn SymbolPage(props: &SymbolPageProps) -> Html {
    let ws = &props.ws;
    let mi = ModuleIdx(props.module);
    let id = props.sym;
    let Some(m) = ws.module(mi) else {
        return html! {};
    };
    let Some(s) = m.sym(id) else {
        return html! {
            <div class="page-body">
                <p class="notice">{ format!("{} holds no symbol #{id}.", ws.short(mi)) }</p>
            </div>
        };
    };
    let nm = names(m);
    let flags = |t, b| {
        flag_names(t, b)
            .into_iter()
            .map(|x| x.into_owned())
            .collect::<Vec<_>>()
    };
    let alive = ws.is_alive(mi, id);
    let in_file = ws.in_alive_file(mi, id);
    let ast = model::sym_ast(m, s);
    let name = m.sym_name(s).into_owned();
    let kind = kind_name(nm.sym_kind, s.kind as u32).into_owned();
    let opt_link = |l: Option<model::Link>| match l {
        Some(l) => link_html(&l, "sym"),
        None => html! { <span class="muted">{ "nil" }</span> },
    };
    let node_link = |id: rod_decoder::NodeId| match id.pos().filter(|p| p.index() < m.bodies.len())
    {
        Some(p) => {
            html! { <a href={node_href(ws, mi, TreeKind::Bodies, p)}>{ format!("bodies node {}", p.0) }</a> }
        }
        None => html! { <span class="muted">{ "none" }</span> },
    };

    let info = html! {
        <dl>
            <dt>{ "Module" }</dt><dd><a href={href(ws, mi, ModView::Overview)}>{ ws.short(mi).to_string() }</a></dd>
            <dt>{ "Id" }</dt><dd>{ id }</dd>
            <dt>{ "Kind" }</dt><dd id="sym-kind">{ kind.clone() }</dd>
            <dt>{ "Flags" }</dt><dd id="sym-flags">{ chips(flags(nm.sym_flag, s.flags)) }</dd>
            if s.magic != 0 {
                <dt>{ "Magic" }</dt><dd>{ kind_name(nm.magic, s.magic as u32) }</dd>
            }
            <dt>{ "Type" }</dt><dd id="sym-type">{ match type_link(ws, mi, s.typ) { Some(l) => link_html(&l, "type"), None => html! { <span class="muted">{ "nil" }</span> } } }</dd>
            <dt>{ "Owner" }</dt><dd id="sym-owner">{ opt_link(sym_link(ws, mi, s.owner)) }</dd>
            <dt>{ "Position" }</dt><dd id="sym-pos">{ full_pos_text(m, &s.info) }</dd>
            <dt>{ "Options" }</dt><dd>{ chips(flags(nm.option, s.options as u64)) }</dd>
            if s.annex.is_some() {
                <dt>{ "Library" }</dt>
                <dd>
                    { format!("{} {}", kind_name(nm.lib_kind, s.annex.kind as u32), model::quoted(m.strings.get(s.annex.name).unwrap_or(b""))) }
                    if s.annex.generated { { " (generated)" } }
                    { " · path " }{ node_link(s.annex.path) }
                </dd>
            }
            <dt>{ "C name" }</dt>
            <dd id="sym-cname">
                if m.str(s.external_name).is_empty() { <span class="muted">{ "none" }</span> }
                else { <code>{ m.str(s.external_name).into_owned() }</code> }
            </dd>
            if s.loc_flags != 0 {
                <dt>{ "Loc flags" }</dt><dd>{ chips(flags(nm.loc_flag, s.loc_flags as u64)) }</dd>
            }
            <dt>{ "Position field" }</dt><dd>{ s.position }</dd>
            if s.offset != -1 && s.offset != 0 { <dt>{ "Offset" }</dt><dd>{ s.offset }</dd> }
            if s.bitsize != 0 { <dt>{ "Bit size" }</dt><dd>{ s.bitsize }</dd> }
            if s.alignment != 0 { <dt>{ "Alignment" }</dt><dd>{ s.alignment }</dd> }
            if s.disamb != 0 { <dt>{ "Disamb" }</dt><dd>{ s.disamb }</dd> }
            if let Some(g) = sym_link(ws, mi, s.guard) { <dt>{ "Guard" }</dt><dd>{ link_html(&g, "sym") }</dd> }
            if s.constraint.0 >= 0 { <dt>{ "Constraint" }</dt><dd>{ node_link(s.constraint) }</dd> }
            if let Some(g) = sym_link(ws, mi, s.instantiated_from) { <dt>{ "Instance of" }</dt><dd>{ link_html(&g, "sym") }</dd> }
            <dt>{ "Definition" }</dt>
            <dd id="sym-ast">
                if ast.is_some() { { node_link(s.ast) } }
                else { <span class="muted">{ "none (sym.ast is empty)" }</span> }
            </dd>
        </dl>
    };

    let file_note = match in_file {
        None => html! {},
        Some(f) if f == alive => {
            html! { <span class="ok" id="sym-file-check" title="the .alivesyms file agrees">{ " ✓ .alivesyms agrees" }</span> }
        }
        Some(f) => {
            html! { <span class="bad" id="sym-file-check">{ if f { " ✗ the .alivesyms file has it alive" } else { " ✗ not in the .alivesyms file" } }</span> }
        }
    };

    // Why alive: the chain from a root, each step clickable.
    let why = if alive {
        match ws.live.why_alive(mi, id) {
            Some(steps) => html! {
                <ol class="why" id="why-chain">
                    { for steps.iter().map(|st| {
                        let (site, site_href) = site_text(ws, st.cause.site);
                        html! {
                            <li>
                                <a href={site_href} class="site">{ site }</a>{ " " }
                                <span class="rule">{ rule_text(&st.cause.rule) }</span>{ " " }
                                <a href={model::sym_href(ws, st.module, st.sym)} class="sym">{ sym_label(ws, st.module, st.sym, true) }</a>
                            </li>
                        }
                    }) }
                </ol>
            },
            None => html! { <p class="muted">{ "No recorded cause." }</p> },
        }
    } else {
        let usages = ws.usages();
        match ws.with_contexts(|ctx| ws.live.why_dead_in(&ws.graph, usages, mi, id, ctx)) {
            Some(w) => {
                let reason = match w.reason {
                    DeadReason::NotReachable => "not reachable from any root".to_string(),
                    DeadReason::NotInBuild(ModuleStatus::Duplicate(_)) => {
                        "its module is a duplicate (ignored)".into()
                    }
                    DeadReason::NotInBuild(ModuleStatus::NoPath) => {
                        "its module has no own path".into()
                    }
                    DeadReason::NotInBuild(_) => {
                        "its module is not part of the current build".into()
                    }
                };
                let shown = w.mentions.len().min(USAGE_CAP);
                html! {
                    <>
                        <p id="why-dead">{ format!("Not alive: {reason}.") }
                            if w.mentions.is_empty() { { " It is never mentioned." } }
                            else { { format!(" Mentioned {}, never where the DCE looks:", plural(w.mentions.len(), "time", "times")) } }
                        </p>
                        <ul class="mentions">
                            { for w.mentions[..shown].iter().map(|mn| {
                                let u = mn.usage;
                                let um = ws.module(u.module);
                                let kname = |k: rod_decoder::NodeKind| um.map_or(String::new(), |x| kind_name(names(x).node_kind, k.0 as u32).into_owned());
                                let why = match mn.context {
                                    MentionContext::ToReplay => "in toReplay, which the DCE never scans".to_string(),
                                    MentionContext::NotInBuild => "in a module outside the current build".into(),
                                    MentionContext::Skipped { kind, node } => format!("inside {} (node {}), which the DCE does not enter", kname(kind), node.0),
                                    MentionContext::DeadOwner { owner } => format!("in {}, which is not alive", sym_label(ws, u.module, owner, false)),
                                    MentionContext::OutsideBody { owner } => format!("in {} outside its body", sym_label(ws, u.module, owner, false)),
                                    MentionContext::TypeNode { type_id } => format!("in the node of type #{type_id}; types are never followed"),
                                    MentionContext::UnownedRoot => "in an expansion record (a bodies root nothing points at)".into(),
                                    MentionContext::Scanned => "on a scanned path (inconsistent)".into(),
                                };
                                let pos = um.map_or(String::new(), |x| short_pos_text(x, &u.info));
                                html! {
                                    <li><a href={node_href(ws, u.module, u.tree, u.node)}>{ format!("{}, {} node {} ({pos})", ws.short(u.module), u.tree.name(), u.node.0) }</a>
                                        { format!(": {why}") }</li>
                                }
                            }) }
                        </ul>
                    </>
                }
            }
            None => html! {},
        }
    };

    // Usages across all loaded modules.
    let usages = ws.usages().of(mi, id);
    let usage_list = usages.iter().take(USAGE_CAP).map(|u| {
        let um = ws.module(u.module);
        let pos = um.map_or(String::new(), |x| short_pos_text(x, &u.info));
        // a bodies node belongs to the definition (or type) whose tree it is in
        let owners = if u.tree == TreeKind::Bodies {
            ws.with_contexts(|ctx| ctx.owners_of(&ws.graph, u.module, u.node))
        } else {
            Vec::new()
        };
        html! {
            <li>
                <a href={node_href(ws, u.module, u.tree, u.node)}>{ format!("{}: {} node {}", ws.short(u.module), u.tree.name(), u.node.0) }</a>
                <span class="muted">{ format!(" {pos}") }</span>
                { for owners.iter().enumerate().map(|(i, o)| {
                    let sep = if i == 0 { " in " } else { " / " };
                    let link = match *o {
                        Owner::Ast(s) | Owner::Extra(s) => html! {
                            <a href={model::sym_href(ws, u.module, s)} class="sym">{ sym_label(ws, u.module, s, false) }</a>
                        },
                        Owner::Type(t) => html! {
                            <a href={model::type_href(ws, u.module, t)} class="type">{ format!("type #{t}") }</a>
                        },
                    };
                    html! { <><span class="muted">{ sep }</span>{ link }</> }
                }) }
            </li>
        }
    });

    let tree = match (&props.packed, ast) {
        (Some(p), Some(a)) if p.id.root == Some(a.0) => html! {
            <TreePanel
                ws={ws.clone()}
                packed={p.clone()}
                selected={props.selected}
                caption={AttrValue::from(format!("definition of {name} · bodies node {} · {} nodes", a.0, p.node_count()))}
                detail={false}
                on_select={props.on_select.clone()}
                on_toggle={props.on_toggle.clone()}
                on_expand_all={props.on_expand_all.clone()}
                on_expand_subtree={props.on_expand_subtree.clone()}
            />
        },
        _ => html! {},
    };

    html! {
        <div class={classes!("split", "sym-page", ast.is_none().then_some("no-tree"))}>
            <aside class="detail sym-detail" aria-label="Symbol" id="symbol-detail">
                <h2 id="sym-title">
                    if alive { <span class="mark alive" title="alive">{ "●" }</span> } else { <span class="mark dead" title="dead">{ "○" }</span> }
                    { " " }<span id="sym-name">{ name.clone() }</span>{ " " }<span class="skind">{ kind.clone() }</span>
                </h2>
                <p class="alive-line" id="sym-alive">
                    { if alive { "alive (computed live set)" } else { "dead (computed live set)" } }
                    { file_note }
                </p>
                { info }
                <h3>{ if alive { "Why alive" } else { "Why not alive" } }</h3>
                { why }
                <h3>{ format!("Usages ({})", usages.len()) }</h3>
                if usages.is_empty() {
                    <p class="muted">{ "No node of any loaded module names this symbol." }</p>
                } else {
                    <ul class="usages" id="usages">{ for usage_list }</ul>
                    if usages.len() > USAGE_CAP { <p class="muted">{ format!("… and {} more", usages.len() - USAGE_CAP) }</p> }
                }
            </aside>
            { tree }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct TypePageProps {
    pub ws: Rc<Workspace>,
    pub module: u32,
    pub type_id: i32,
}

#[function_component]
pub fn TypePage(props: &TypePageProps) -> Html {
    let ws = &props.ws;
    let mi = ModuleIdx(props.module);
    let Some(m) = ws.module(mi) else {
        return html! {};
    };
    let Some(t) = m.typ(props.type_id) else {
        return html! { <div class="page-body"><p class="notice">{ format!("{} holds no type #{}.", ws.short(mi), props.type_id) }</p></div> };
    };
    let nm = names(m);
    let flags = flag_names(nm.type_flag, t.flags)
        .into_iter()
        .map(|x| x.into_owned())
        .collect::<Vec<_>>();
    let sons = m.types.sons_of(t);
    let opt = |l: Option<model::Link>, class: &'static str| match l {
        Some(l) => link_html(&l, class),
        None => html! { <span class="muted">{ "nil" }</span> },
    };
    let label = type_link(
        ws,
        mi,
        rod_decoder::PackedItemId {
            module: rod_decoder::LitId::NONE,
            item: props.type_id,
        },
    )
    .map(|l| l.label)
    .unwrap_or_default();
    html! {
        <div class="page-body type-page">
            <h2 id="type-title">{ format!("type #{} · {label}", props.type_id) }</h2>
            <dl class="wide-dl">
                <dt>{ "Kind" }</dt><dd id="type-kind">{ kind_name(nm.type_kind, t.kind as u32) }</dd>
                <dt>{ "Symbol" }</dt><dd>{ opt(sym_link(ws, mi, t.sym), "sym") }</dd>
                <dt>{ "Owner" }</dt><dd>{ opt(sym_link(ws, mi, t.owner), "sym") }</dd>
                <dt>{ "Flags" }</dt><dd>{ chips(flags) }</dd>
                <dt>{ "Calling convention" }</dt><dd>{ kind_name(nm.call_conv, t.call_conv as u32) }</dd>
                <dt>{ "Size" }</dt><dd>{ t.size }</dd>
                <dt>{ "Alignment" }</dt><dd>{ t.align }</dd>
                <dt>{ "Padding at end" }</dt><dd>{ t.padding_at_end }</dd>
                if let Some(l) = t.lock_level { <dt>{ "Lock level" }</dt><dd>{ l }</dd> }
                <dt>{ "Node (n)" }</dt>
                <dd>{ match t.n.pos().filter(|p| p.index() < m.bodies.len()) {
                    Some(p) => html! { <a href={node_href(ws, mi, TreeKind::Bodies, p)}>{ format!("bodies node {}", p.0) }</a> },
                    None => html! { <span class="muted">{ "none" }</span> },
                } }</dd>
                <dt>{ "Instance of" }</dt><dd>{ opt(type_link(ws, mi, t.type_inst), "type") }</dd>
                <dt>{ "Item id" }</dt><dd>{ t.non_unique_id }</dd>
                <dt>{ format!("Sons ({})", sons.len()) }</dt>
                <dd>
                    if sons.is_empty() { <span class="muted">{ "none" }</span> }
                    else {
                        <ol class="sons" start="0">{ for sons.iter().map(|&s| html! { <li>{ opt(type_link(ws, mi, s), "type") }</li> }) }</ol>
                    }
                </dd>
            </dl>
        </div>
    }
}
