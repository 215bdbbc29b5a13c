//! View-model helpers: what the components show for nodes, symbols, types and links,
//! computed on demand from the packed data (nothing here materializes a tree).
//!
//! Every string that comes from a file stays a Rust `String` and is rendered as text by
//! Yew; nothing is ever given to `inner_html`.

use std::borrow::Cow;

use rod_decoder::graph::{LinkFailure, ModuleIdx, Resolution, Rule, Site, UnresolvedLink};
use rod_decoder::names::{flag_names, name_or_raw, Names};
use rod_decoder::print::short_path;
use rod_decoder::{
    LineInfo, Literal, NodeKind, NodePos, PackedItemId, PackedModule, PackedSym, SymRef, TreeKind,
};

use crate::route::{ModView, Route};
use crate::workspace::{RootOwner, Workspace};

/// Longest literal shown in a row (the detail pane shows it whole).
const ROW_LITERAL_MAX: usize = 160;

pub fn names(m: &PackedModule) -> &'static Names {
    m.version.names()
}

pub fn href(ws: &Workspace, m: ModuleIdx, view: ModView) -> String {
    Route::module(ws.key(m), view).to_hash()
}

pub fn sym_href(ws: &Workspace, m: ModuleIdx, id: i32) -> String {
    href(ws, m, ModView::Sym(id, None))
}

pub fn type_href(ws: &Workspace, m: ModuleIdx, id: i32) -> String {
    href(ws, m, ModView::Type(id))
}

pub fn node_href(ws: &Workspace, m: ModuleIdx, tree: TreeKind, node: NodePos) -> String {
    href(ws, m, ModView::Tree(tree, Some(node.0)))
}

/// Joined flag names, or empty.
pub fn flags_text(table: &'static [&'static str], bits: u64) -> String {
    flag_names(table, bits).join(", ")
}

pub fn kind_name(table: &'static [&'static str], ord: u32) -> Cow<'static, str> {
    name_or_raw(table, ord)
}

/// `12:4`, or `other.nim:12:4` when the position is in another file than the module's.
pub fn pos_text(m: &PackedModule, info: &LineInfo) -> String {
    if info.line == 0 && info.col < 0 {
        return String::new();
    }
    if info.file.is_none() || Some(info.file) == m.path_id() {
        format!("{}:{}", info.line, info.col)
    } else {
        format!(
            "{}:{}:{}",
            short_path(&m.str(info.file)),
            info.line,
            info.col
        )
    }
}

/// `file.nim:12:4` with the file's last path component.
pub fn short_pos_text(m: &PackedModule, info: &LineInfo) -> String {
    let file = if info.file.is_none() {
        Cow::Borrowed("?")
    } else {
        m.str(info.file)
    };
    format!("{}:{}:{}", short_path(&file), info.line, info.col)
}

/// `file.nim:12:4` always with the file.
pub fn full_pos_text(m: &PackedModule, info: &LineInfo) -> String {
    let file = if info.file.is_none() {
        Cow::Borrowed("?")
    } else {
        m.str(info.file)
    };
    format!("{}:{}:{}", file, info.line, info.col)
}

/// A link with a label; `href` is `None` when the target is not loaded.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    pub label: String,
    pub href: Option<String>,
    /// Why there is no link (e.g. "not loaded").
    pub note: Option<String>,
}

/// Explains an unresolved reference.
pub fn unresolved_note(ws: &Workspace, failure: LinkFailure) -> String {
    match failure {
        LinkFailure::NotLoaded => "module not loaded".into(),
        LinkFailure::OtherVersion(t) => format!(
            "only loaded for {} (not linked across versions)",
            ws.module(t)
                .map_or("another compiler", |m| m.version.compiler())
        ),
    }
}

/// Resolves an item id of module `m` to (module, item), or why not.
pub fn resolve(ws: &Workspace, m: ModuleIdx, id: PackedItemId) -> Resolution {
    ws.graph.resolve_item(m, id)
}

/// A reference of module `m` into a module that is not loaded: no target, a note saying
/// why, and a label made from the missing module's path.
fn unresolved_link(ws: &Workspace, m: ModuleIdx, u: &UnresolvedLink, label: impl Fn(&str) -> String) -> Link {
    let path = ws.module(m).map(|x| x.str(u.path).into_owned()).unwrap_or_default();
    Link { label: label(&path), href: None, note: Some(unresolved_note(ws, u.reason)) }
}

/// `name (skKind #id)` with its link, for a symbol reference of module `m`.
pub fn sym_link(ws: &Workspace, m: ModuleIdx, id: PackedItemId) -> Option<Link> {
    match resolve(ws, m, id) {
        Resolution::Nil => None,
        Resolution::Resolved(t, item) => Some(Link {
            label: sym_label(ws, t, item, t != m),
            href: Some(sym_href(ws, t, item)),
            note: None,
        }),
        Resolution::Unresolved(u) => Some(unresolved_link(ws, m, &u, |path| format!("{path} #{}", u.item))),
    }
}

/// `name (skKind #id)`, prefixed by `module: ` when `qualified`.
pub fn sym_label(ws: &Workspace, m: ModuleIdx, id: i32, qualified: bool) -> String {
    let Some(pm) = ws.module(m) else {
        return format!("#{id}");
    };
    let base = match pm.sym(id) {
        Some(s) => format!(
            "{} ({} #{id})",
            pm.sym_name(s),
            kind_name(names(pm).sym_kind, s.kind as u32)
        ),
        None => format!("<missing symbol #{id}>"),
    };
    if qualified {
        format!("{}: {base}", ws.short(m))
    } else {
        base
    }
}

/// A type reference of module `m`: kind and, when the type has a symbol, its name.
pub fn type_link(ws: &Workspace, m: ModuleIdx, id: PackedItemId) -> Option<Link> {
    match resolve(ws, m, id) {
        Resolution::Nil => None,
        Resolution::Resolved(t, item) => {
            let tm = ws.module(t)?;
            let label = match tm.typ(item) {
                Some(ty) => {
                    let mut s = kind_name(names(tm).type_kind, ty.kind as u32).into_owned();
                    if let Resolution::Resolved(sm, sid) = resolve(ws, t, ty.sym) {
                        if let Some(sym) = ws.module(sm).and_then(|x| x.sym(sid)) {
                            s.push(' ');
                            s.push_str(
                                &ws.module(sm)
                                    .map(|x| x.sym_name(sym).into_owned())
                                    .unwrap_or_default(),
                            );
                        }
                    }
                    s
                }
                None => format!("<missing type #{item}>"),
            };
            Some(Link {
                label,
                href: Some(type_href(ws, t, item)),
                note: None,
            })
        }
        Resolution::Unresolved(u) => {
            Some(unresolved_link(ws, m, &u, |path| format!("{}#type{}", short_path(path), u.item)))
        }
    }
}

/// What a tree row shows besides its kind.
#[derive(Clone, Debug, PartialEq)]
pub enum RowValue {
    None,
    /// A literal, as Nim would spell it.
    Lit(String),
    /// A symbol (local or in another loaded module).
    Sym {
        name: String,
        kind: String,
        /// The other module's short name, for an nkModuleRef.
        module: Option<String>,
        href: String,
        alive: bool,
    },
    /// An nkModuleRef into a module that is not (usably) loaded.
    Unresolved {
        path: String,
        item: i32,
        note: String,
    },
    /// An nkSym naming an id the module does not hold.
    Missing(i32),
}

/// Everything a tree row shows.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeRow {
    pub kind: String,
    pub value: RowValue,
    pub typ: Option<Link>,
    pub flags: String,
    pub pos: String,
    /// Rows never show the children of an nkModuleRef (its two operand nodes).
    pub is_module_ref: bool,
    /// For a bodies node that a symbol's ast or a type's node points at: that owner.
    pub owner: Option<Link>,
    /// For a definition (`nkProcDef`, `nkTypeDef`, `nkIdentDefs`, ...): the name it
    /// defines, so collapsed rows say what they are.
    pub hint: Option<String>,
}

impl NodeRow {
    /// Where Enter / "open" goes: the symbol.
    pub fn link(&self) -> Option<&str> {
        match &self.value {
            RowValue::Sym { href, .. } => Some(href),
            _ => None,
        }
    }
}

/// Truncates a display string to `max` characters (with an ellipsis).
pub fn clip(s: String, max: usize) -> String {
    if s.chars().count() <= max {
        s
    } else {
        let mut t: String = s.chars().take(max).collect();
        t.push('…');
        t
    }
}

/// The row of node `pos` of tree `tree` of module `mi`.
pub fn node_row(ws: &Workspace, mi: ModuleIdx, tree: TreeKind, pos: NodePos) -> Option<NodeRow> {
    let m = ws.module(mi)?;
    let n = m.tree(tree).node(pos)?;
    let nm = names(m);
    let value = match m.sym_ref(tree, pos) {
        Some(SymRef::Local(id)) => match m.sym(id) {
            Some(s) => RowValue::Sym {
                name: m.sym_name(s).into_owned(),
                kind: kind_name(nm.sym_kind, s.kind as u32).into_owned(),
                module: None,
                href: sym_href(ws, mi, id),
                alive: ws.is_alive(mi, id),
            },
            None => RowValue::Missing(id),
        },
        Some(SymRef::Remote(r)) => match ws.graph.resolve_ref(mi, r) {
            Resolution::Resolved(t, item) => {
                let tm = ws.module(t)?;
                match tm.sym(item) {
                    Some(s) => RowValue::Sym {
                        name: tm.sym_name(s).into_owned(),
                        kind: kind_name(names(tm).sym_kind, s.kind as u32).into_owned(),
                        module: Some(ws.short(t).to_string()),
                        href: sym_href(ws, t, item),
                        alive: ws.is_alive(t, item),
                    },
                    None => RowValue::Unresolved {
                        path: ws.short(t).to_string(),
                        item,
                        note: "the module does not hold this symbol".into(),
                    },
                }
            }
            Resolution::Unresolved(u) => RowValue::Unresolved {
                path: m.str(u.path).into_owned(),
                item: u.item,
                note: unresolved_note(ws, u.reason),
            },
            Resolution::Nil => RowValue::None,
        },
        None => match m.literal(tree, pos) {
            Literal::None => RowValue::None,
            lit => RowValue::Lit(clip(lit.display(), ROW_LITERAL_MAX)),
        },
    };
    let owner = match tree {
        TreeKind::Bodies => ws.bodies_owners(mi).get(&pos.0).map(|o| match *o {
            RootOwner::Sym(id) => Link {
                label: m
                    .sym(id)
                    .map(|s| {
                        format!(
                            "{} {}",
                            m.sym_name(s),
                            kind_name(nm.sym_kind, s.kind as u32)
                        )
                    })
                    .unwrap_or_else(|| format!("#{id}")),
                href: Some(sym_href(ws, mi, id)),
                note: None,
            },
            RootOwner::Type(id) => Link {
                label: format!("type #{id}"),
                href: Some(type_href(ws, mi, id)),
                note: None,
            },
        }),
        _ => None,
    };
    let kname = kind_name(nm.node_kind, n.kind.0 as u32);
    let hint = if owner.is_none()
        && !n.kind.is_atom()
        && (n.kind.is_routine_def() || kname.ends_with("Def") || kname.ends_with("Defs"))
    {
        def_name(m, tree, pos)
    } else {
        None
    };
    Some(NodeRow {
        owner,
        hint,
        kind: kind_name(nm.node_kind, n.kind.0 as u32).into_owned(),
        value,
        typ: type_link(ws, mi, m.node_type(tree, pos)),
        flags: flags_text(nm.node_flag, n.flags as u64),
        pos: pos_text(m, &n.info),
        is_module_ref: n.kind == NodeKind::MODULE_REF,
    })
}

/// The name a definition node defines: its first child's symbol or identifier (through
/// `nkPostfix` / `nkPragmaExpr` / `nkAccQuoted`).
fn def_name(m: &PackedModule, tree: TreeKind, pos: NodePos) -> Option<String> {
    let t = m.tree(tree);
    let mut c = t.child(pos, 0)?;
    for _ in 0..4 {
        let n = t.node(c)?;
        match m.sym_ref(tree, c) {
            Some(SymRef::Local(id)) => return m.sym(id).map(|s| m.sym_name(s).into_owned()),
            Some(SymRef::Remote(_)) => return None,
            None => {}
        }
        if n.kind == NodeKind::IDENT {
            return m
                .strings
                .text(rod_decoder::LitId(n.operand as u32))
                .map(|s| s.into_owned());
        }
        let k = kind_name(names(m).node_kind, n.kind.0 as u32);
        c = match k.as_ref() {
            "nkPostfix" => t.child(c, 1)?,
            "nkPragmaExpr" | "nkAccQuoted" => t.child(c, 0)?,
            _ => return None,
        };
    }
    None
}

/// A replay action as one readable line: the pragma and its arguments
/// (`passc "-DX"`, `add "names" "square"`).
pub fn replay_action_text(m: &PackedModule, pos: NodePos) -> String {
    let t = &m.to_replay;
    let mut parts: Vec<String> = Vec::new();
    for (i, c) in t.children(pos).enumerate() {
        let lit = m.literal(TreeKind::ToReplay, c);
        let s = match (&lit, i) {
            (Literal::Str(b), 0) | (Literal::Ident(b), _) => {
                String::from_utf8_lossy(b).into_owned()
            }
            (Literal::None, _) => match t.node(c) {
                Some(n) => {
                    let k = kind_name(names(m).node_kind, n.kind.0 as u32).into_owned();
                    match m.sym_ref(TreeKind::ToReplay, c) {
                        Some(SymRef::Local(id)) => {
                            m.sym(id).map(|s| m.sym_name(s).into_owned()).unwrap_or(k)
                        }
                        _ => k,
                    }
                }
                None => String::new(),
            },
            _ => lit.display(),
        };
        parts.push(s);
    }
    if parts.is_empty() {
        return kind_name(
            names(m).node_kind,
            t.node(pos).map_or(0, |n| n.kind.0 as u32),
        )
        .into_owned();
    }
    clip(parts.join(" "), 400)
}

/// How a why-alive step's node made the symbol alive.
pub fn rule_text(rule: &Rule) -> String {
    match rule {
        Rule::Mention => "mentions".to_string(),
        Rule::ExportedToC(r) => format!("defines the {} root", r.word()),
        Rule::RangeCheck(name) => format!("range check requests compilerproc {name}:"),
    }
}

/// `top level of main.nim` or `body of main.nim: main (skProc #3)`, and the node's link.
pub fn site_text(ws: &Workspace, site: Site) -> (String, String) {
    let (tree, node) = site.node();
    let m = site.module();
    let pos = ws
        .module(m)
        .and_then(|pm| {
            pm.tree(tree)
                .node(node)
                .map(|n| short_pos_text(pm, &n.info))
        })
        .unwrap_or_default();
    let text = match site {
        Site::TopLevel { module, .. } => format!("top level of {} ({pos})", ws.short(module)),
        Site::Body { module, owner, .. } => {
            let routine = ws
                .module(module)
                .and_then(|pm| pm.sym(owner).map(|s| pm.is_routine(s)))
                .unwrap_or(false);
            format!(
                "{} of {} ({pos})",
                if routine { "body" } else { "ast" },
                sym_label(ws, module, owner, true)
            )
        }
    };
    (text, node_href(ws, m, tree, node))
}

/// Where a symbol's definition is in bodies, if it has one.
pub fn sym_ast(m: &PackedModule, s: &PackedSym) -> Option<NodePos> {
    s.ast.pos().filter(|p| p.index() < m.bodies.len())
}

/// Bytes as a quoted, escaped Nim string.
pub fn quoted(bytes: &[u8]) -> String {
    format!("\"{}\"", rod_decoder::literal::escape(bytes, '"'))
}

pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn format_size(n: usize) -> String {
    crate::tree::format_size(n)
}
