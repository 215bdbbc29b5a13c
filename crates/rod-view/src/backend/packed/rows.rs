//! Rows of the packed backend: nodes, symbols, types and the links between them.

use std::collections::HashMap;
use std::rc::Rc;

use rod_decoder::graph::{LinkFailure, ModuleIdx, Owner, Resolution, UnresolvedLink};
use rod_decoder::names::ordinals::is_definition;
use rod_decoder::names::ordinals::{nk, sk};
use rod_decoder::names::{flag_names, name_or_raw};
use rod_decoder::{
    LineInfo, LitId, Literal, NodeKind, NodePos, PackedItemId, PackedModule, SymId, SymRef, TreeKind,
    TypeId,
};

use super::typexpr::{type_expr, type_expr_of};
use super::{tree_id, PackedCache};
use crate::ids::{SymKey, Target, TypeKey};
use crate::rows::{Fact, Link, NodeRow, NodeValue, Pos, SymRow, TypeRow};
use crate::text::{clip, short_path, MAX_NAME};

/// Longest literal shown in a row.
pub const ROW_LITERAL_MAX: usize = 160;

/// What points at a bodies root: a symbol's ast or a type's node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RootOwner {
    Sym(SymId),
    Type(TypeId),
}

/// The symbol key of a packed symbol id.
pub fn sym_key(id: SymId) -> SymKey {
    SymKey(i64::from(id.0))
}

/// The type key of a packed type id.
pub fn type_key(id: TypeId) -> TypeKey {
    TypeKey(i64::from(id.0))
}

/// The packed symbol id of a key (`None` when out of `i32` range).
pub fn sym_id(k: SymKey) -> Option<SymId> {
    i32::try_from(k.0).ok().map(SymId)
}

/// The packed type id of a key (`None` when out of `i32` range).
pub fn type_id(k: TypeKey) -> Option<TypeId> {
    i32::try_from(k.0).ok().map(TypeId)
}

fn flags(table: &'static [&'static str], bits: u64) -> Vec<String> {
    flag_names(table, bits)
        .into_iter()
        .map(|c| c.into_owned())
        .collect()
}

/// A packed position as a view position (`None` for "no position").
pub(crate) fn pos_of(m: &PackedModule, info: &LineInfo) -> Option<Pos> {
    // Lines are 1-based: line 0 is the compiler's "unknown position" (`???:0:-1`).
    if info.line <= 0 {
        return None;
    }
    let own = info.file.is_none() || Some(info.file) == m.path_id();
    let file = if info.file.is_none() {
        m.path().map(|p| p.into_owned()).unwrap_or_default()
    } else {
        m.str(info.file).into_owned()
    };
    Some(Pos {
        file,
        line: info.line,
        col: info.col,
        own_file: own,
    })
}

impl PackedCache {
    /// Why a reference does not resolve, in words.
    pub(crate) fn failure_note(&self, failure: LinkFailure) -> String {
        match failure {
            LinkFailure::NotLoaded => "module not loaded".into(),
            LinkFailure::OtherVersion(t) => format!(
                "only loaded for {} (not linked across versions)",
                self.module(t)
                    .map_or("another compiler", |m| m.version.compiler())
            ),
        }
    }

    fn unresolved(&self, m: ModuleIdx, u: &UnresolvedLink, label: impl Fn(&str) -> String) -> Link {
        let path = self
            .module(m)
            .map(|x| x.str(u.path).into_owned())
            .unwrap_or_default();
        Link::unresolved(label(&path), self.failure_note(u.reason))
    }

    /// `name (skKind #id)`, prefixed by `module.nim: ` when `qualified`.
    pub(crate) fn sym_label(&self, m: ModuleIdx, id: SymId, qualified: bool) -> String {
        let base = clip(self.graph.sym_label(m, id), MAX_NAME);
        if qualified {
            clip(format!("{}: {base}", self.short(m)), 2 * MAX_NAME)
        } else {
            base
        }
    }

    /// A link to symbol `id` of module `m`, with its alive mark.
    pub(crate) fn sym_link_of(&self, m: ModuleIdx, id: SymId, qualified: bool) -> Link {
        Link {
            label: self.sym_label(m, id, qualified),
            target: Some(Target::Sym(m, sym_key(id))),
            note: None,
            alive: self.live.as_ref().map(|l| l.is_alive(m, id)),
        }
    }

    /// A symbol reference (`PackedItemId`) of module `m` as a link.
    pub(crate) fn sym_ref_link(&self, m: ModuleIdx, id: PackedItemId) -> Option<Link> {
        match self.graph.resolve_item(m, id) {
            Resolution::Nil => None,
            Resolution::Resolved(t, item) => Some(self.sym_link_of(t, SymId(item), t != m)),
            Resolution::Unresolved(u) => {
                Some(self.unresolved(m, &u, |p| format!("{p} #{}", u.item)))
            }
        }
    }

    /// A type reference of module `m` as a link labelled with its type expression.
    pub(crate) fn type_ref_link(&self, m: ModuleIdx, id: PackedItemId) -> Option<Link> {
        match self.graph.resolve_item(m, id) {
            Resolution::Nil => None,
            Resolution::Resolved(t, item) => {
                let label =
                    type_expr(&self.graph, m, id).unwrap_or_else(|| format!("type #{item}"));
                Some(Link::to(label, Target::Type(t, TypeKey(item as i64))))
            }
            Resolution::Unresolved(u) => {
                Some(self.unresolved(m, &u, |p| format!("{}#type{}", short_path(p), u.item)))
            }
        }
    }

    /// Which symbol (ast) or type (n) points at each bodies node of module `m`.
    pub(crate) fn bodies_owners(&self, m: ModuleIdx) -> Rc<HashMap<u32, RootOwner>> {
        if let Some(o) = self.owners.borrow().get(&m) {
            return o.clone();
        }
        // The graph layer's owner table; a row names the symbol whose ast the root is
        // (the first, by id), else the type whose node it is.
        let map: HashMap<u32, RootOwner> = rod_decoder::graph::bodies_owners(&self.graph, m)
            .into_iter()
            .filter_map(|(root, owners)| {
                let sym = owners.iter().find_map(|o| match *o {
                    Owner::Ast(s) => Some(RootOwner::Sym(s)),
                    _ => None,
                });
                let typ = owners.iter().rev().find_map(|o| match *o {
                    Owner::Type(t) => Some(RootOwner::Type(t)),
                    _ => None,
                });
                Some((root, sym.or(typ)?))
            })
            .collect();
        let map = Rc::new(map);
        self.owners.borrow_mut().insert(m, map.clone());
        map
    }

    /// The row of node `pos` of tree `tree` of module `mi`.
    pub(crate) fn packed_node_row(
        &self,
        mi: ModuleIdx,
        tree: TreeKind,
        pos: NodePos,
    ) -> Option<NodeRow> {
        let m = self.module(mi)?;
        let n = m.tree(tree).node(pos)?;
        let names = m.version.names();
        let value = match m.sym_ref(tree, pos) {
            Some(SymRef::Local(id)) => match m.sym(id) {
                Some(s) => NodeValue::Sym {
                    name: clip(m.sym_name(s).into_owned(), MAX_NAME),
                    kind: name_or_raw(names.sym_kind, s.kind as u32).into_owned(),
                    module: None,
                    link: self.sym_link_of(mi, id, false),
                },
                None => NodeValue::Unresolved(Link::unresolved(
                    format!("<missing symbol {id}>"),
                    "the module holds no such symbol",
                )),
            },
            Some(SymRef::Remote(r)) => match self.graph.resolve_ref(mi, r) {
                Resolution::Resolved(t, item) => {
                    match self.module(t).and_then(|tm| tm.sym(SymId(item)).map(|s| (tm, s))) {
                        Some((tm, s)) => NodeValue::Sym {
                            name: clip(tm.sym_name(s).into_owned(), MAX_NAME),
                            kind: name_or_raw(tm.version.names().sym_kind, s.kind as u32)
                                .into_owned(),
                            module: Some(clip(self.short(t).to_string(), MAX_NAME)),
                            link: self.sym_link_of(t, SymId(item), true),
                        },
                        None => NodeValue::Unresolved(Link::unresolved(
                            format!("{}: <missing symbol {item}>", self.short(t)),
                            "the module does not hold this symbol",
                        )),
                    }
                }
                Resolution::Unresolved(u) => {
                    NodeValue::Unresolved(self.unresolved(mi, &u, |p| format!("{p} #{}", u.item)))
                }
                Resolution::Nil => NodeValue::None,
            },
            None => match m.literal(tree, pos) {
                Literal::None => NodeValue::None,
                lit => NodeValue::Lit(clip(lit.display(), ROW_LITERAL_MAX)),
            },
        };
        let owner = match tree {
            TreeKind::Bodies => self.bodies_owners(mi).get(&pos.0).map(|o| match *o {
                RootOwner::Sym(id) => Link {
                    label: m
                        .sym(id)
                        .map(|s| {
                            format!(
                                "{} {}",
                                m.sym_name(s),
                                name_or_raw(names.sym_kind, s.kind as u32)
                            )
                        })
                        .unwrap_or_else(|| format!("#{id}")),
                    target: Some(Target::Sym(mi, sym_key(id))),
                    note: None,
                    alive: self.live.as_ref().map(|l| l.is_alive(mi, id)),
                },
                RootOwner::Type(id) => {
                    Link::to(format!("type #{id}"), Target::Type(mi, type_key(id)))
                }
            }),
            _ => None,
        };
        let hint = if owner.is_none() && !n.kind.is_atom() && is_definition(n.kind.0) {
            def_name(m, tree, pos)
        } else {
            None
        };
        Some(NodeRow {
            kind: name_or_raw(names.node_kind, n.kind.0 as u32).into_owned(),
            value,
            typ: self.type_ref_link(mi, m.node_type(tree, pos)),
            flags: flags(names.node_flag, n.flags as u64),
            pos: pos_of(m, &n.info),
            folds_children: n.kind == NodeKind::MODULE_REF,
            owner,
            hint,
            bytes: rod_decoder::bytemap::node_range(m, tree, pos),
        })
    }

    /// The row of symbol `id` of module `mi`.
    pub(crate) fn packed_sym_row(&self, mi: ModuleIdx, id: SymId) -> Option<SymRow> {
        let m = self.module(mi)?;
        let s = m.sym(id)?;
        let names = m.version.names();
        let mut facts = Vec::new();
        if s.magic != 0 {
            facts.push(Fact::text(
                "Magic",
                name_or_raw(names.magic, s.magic as u32),
            ));
        }
        if s.options != 0 {
            facts.push(Fact::text(
                "Options",
                flags(names.option, s.options as u64).join(", "),
            ));
        }
        facts.push(Fact::text("Position", s.position.to_string()));
        if s.offset != -1 && s.kind == sk::FIELD {
            facts.push(Fact::text("Offset", s.offset.to_string()));
        }
        if s.bitsize != 0 {
            facts.push(Fact::text("Bit size", s.bitsize.to_string()));
        }
        if s.alignment != 0 {
            facts.push(Fact::text("Alignment", s.alignment.to_string()));
        }
        if s.disamb != 0 {
            facts.push(Fact::text("Disambiguation", s.disamb.to_string()));
        }
        if !s.external_name.is_none() {
            facts.push(Fact::text("C name", m.str(s.external_name)));
        }
        if s.loc_flags != 0 {
            facts.push(Fact::text(
                "Location flags",
                flags(names.loc_flag, s.loc_flags as u64).join(", "),
            ));
        }
        if s.annex.is_some() {
            facts.push(Fact::text(
                "Library",
                format!(
                    "{} \"{}\"",
                    name_or_raw(names.lib_kind, s.annex.kind as u32),
                    rod_decoder::literal::escape(m.strings.get(s.annex.name).unwrap_or(b""), '"')
                ),
            ));
        }
        if let Some(g) = self.sym_ref_link(mi, s.guard) {
            facts.push(Fact::links("Guard", vec![g]));
        }
        if let Some(p) = s.constraint.pos() {
            facts.push(Fact::links(
                "Constraint",
                vec![Link::to(
                    format!("bodies node {}", p.0),
                    Target::Node(mi, tree_id(TreeKind::Bodies), p),
                )],
            ));
        }
        if let Some(g) = self.sym_ref_link(mi, s.instantiated_from) {
            facts.push(Fact::links("Instance of", vec![g]));
        }
        Some(SymRow {
            key: sym_key(id),
            name: m.sym_name(s).into_owned(),
            kind: name_or_raw(names.sym_kind, s.kind as u32).into_owned(),
            flags: flags(names.sym_flag, s.flags),
            typ: self.type_ref_link(mi, s.typ),
            owner: self.sym_ref_link(mi, s.owner),
            pos: pos_of(m, &s.info),
            alive: self.live.as_ref().map(|l| l.is_alive(mi, id)),
            definition: s
                .ast
                .pos()
                .filter(|p| p.index() < m.bodies.len())
                .map(|p| (tree_id(TreeKind::Bodies), p)),
            facts,
        })
    }

    /// The row of type `id` of module `mi`.
    pub(crate) fn packed_type_row(&self, mi: ModuleIdx, id: TypeId) -> Option<TypeRow> {
        let m = self.module(mi)?;
        let t = m.typ(id)?;
        let names = m.version.names();
        let mut facts = vec![
            Fact::text(
                "Calling convention",
                name_or_raw(names.call_conv, t.call_conv as u32),
            ),
            Fact::text("Size", t.size.to_string()),
            Fact::text("Alignment", t.align.to_string()),
        ];
        if t.padding_at_end != 0 {
            facts.push(Fact::text("Padding at end", t.padding_at_end.to_string()));
        }
        if let Some(l) = t.lock_level {
            facts.push(Fact::text("Lock level", l.to_string()));
        }
        if let Some(o) = self.sym_ref_link(mi, t.owner) {
            facts.push(Fact::links("Owner", vec![o]));
        }
        if let Some(i) = self.type_ref_link(mi, t.type_inst) {
            facts.push(Fact::links("Instance of", vec![i]));
        }
        if t.non_unique_id != t.id.0 {
            facts.push(Fact::text("Item id", t.non_unique_id.to_string()));
        }
        Some(TypeRow {
            key: type_key(id),
            kind: name_or_raw(names.type_kind, t.kind as u32).into_owned(),
            expr: type_expr_of(&self.graph, mi, id),
            sym: self.sym_ref_link(mi, t.sym),
            flags: flags(names.type_flag, t.flags),
            sons: m
                .types
                .sons_of(t)
                .iter()
                .map(|&s| {
                    self.type_ref_link(mi, s)
                        .unwrap_or_else(|| Link::unresolved("nil", "no type"))
                })
                .collect(),
            node: t
                .n
                .pos()
                .filter(|p| p.index() < m.bodies.len())
                .map(|p| (tree_id(TreeKind::Bodies), p)),
            facts,
        })
    }
}

/// The name a definition node defines: its first child's symbol or identifier
/// (through `nkPostfix` / `nkPragmaExpr` / `nkAccQuoted`).
pub(crate) fn def_name(m: &PackedModule, tree: TreeKind, pos: NodePos) -> Option<String> {
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
                .text(LitId(n.operand as u32))
                .map(|s| s.into_owned());
        }
        c = match n.kind.0 {
            nk::POSTFIX => t.child(c, 1)?,
            nk::PRAGMA_EXPR | nk::ACC_QUOTED => t.child(c, 0)?,
            _ => return None,
        };
    }
    None
}
