//! The packed backend's flat arrays (the packed-array pane) and its "What is this?"
//! entries: every node as the record the file stores, with its operand decoded.

use rod_decoder::graph::ModuleIdx;
use rod_decoder::names::name_or_raw;
use rod_decoder::{Literal, NodeKind, NodePos, Origin22, PackedModule, PackedNode, RodVersion, TreeKind};

use super::rows::{pos_of, sym_id, type_id};
use super::{tree_kind, PackedCache};
use crate::array::{ArrayRow, ArrayStorage, FieldOrigin, Operand};
use crate::glossary::{self, Entry, Selection};
use crate::ids::{Target, TreeId};
use crate::text::{clip, short_path};

/// Longest literal an array row shows.
const LITERAL_MAX: usize = 48;

/// How each version stores a node record.
fn record_about(v: RodVersion) -> &'static str {
    match v {
        RodVersion::V2_2 => "8 bytes per node: kind (low byte) and operand (upper 24 bits) share one 32-bit word, the packed line info is the other; flags and types live in the tree's withFlags and withTypes tables",
        _ => "28 bytes per node: kind, flags, operand, type (a PackedItemId) and line info, all in the record",
    }
}

/// Whether node `pos` is an operand child of an `nkModuleRef`: `Some(0)` the
/// module, `Some(1)` the item.
fn module_ref_child(m: &PackedModule, tree: TreeKind, pos: NodePos) -> Option<usize> {
    let t = m.tree(tree);
    (1..=2u32).find_map(|back| {
        let p = NodePos(pos.0.checked_sub(back)?);
        let n = t.node(p)?;
        (n.kind == NodeKind::MODULE_REF && t.span(p) >= 3 && t.subtree_end(p).0 > pos.0).then_some(back as usize - 1)
    })
}

/// A literal as a row shows it (identifiers quoted, so the text is one value).
fn lit_text(lit: &Literal<'_>) -> String {
    match lit {
        Literal::Ident(s) => format!("\"{}\"", rod_decoder::literal::escape(s, '"')),
        other => clip(other.display(), LITERAL_MAX),
    }
}

impl PackedCache {
    /// How module `mi` stores tree `t`.
    pub(crate) fn packed_array_storage(&self, mi: ModuleIdx, t: TreeId) -> ArrayStorage {
        match (self.module(mi), tree_kind(t)) {
            (Some(m), Some(tree)) => ArrayStorage::Flat {
                record: "PackedNode".into(),
                record_size: m.version.node_size(),
                section: m.version.section_name(tree.section()).into(),
                about: record_about(m.version).into(),
            },
            _ => ArrayStorage::NotFlat("no such tree".into()),
        }
    }

    /// What node `pos`'s stored operand means.
    fn operand_meaning(&self, mi: ModuleIdx, m: &PackedModule, tree: TreeKind, pos: NodePos, n: &PackedNode) -> Operand {
        let op = i64::from(n.operand);
        match module_ref_child(m, tree, pos) {
            Some(0) => {
                let id = n.operand as u32;
                let path = m.strings.text(rod_decoder::LitId(id)).map_or_else(|| "<missing string>".into(), |p| short_path(&p).to_string());
                return Operand::ModulePath { id, path };
            }
            Some(_) => return Operand::Item(op),
            None => {}
        }
        let k = n.kind;
        if !k.is_atom() {
            return Operand::Span { stored: op, nodes: m.tree(tree).span(pos) };
        }
        let within = |a: NodeKind, b: NodeKind| (a..=b).contains(&k);
        match k {
            NodeKind::SYM => Operand::Sym { id: op, link: self.sym_link_of(mi, rod_decoder::SymId(n.operand), false) },
            NodeKind::IDENT => Operand::Lit { table: "strings", id: n.operand as u32, text: lit_text(&m.literal(tree, pos)) },
            _ if within(NodeKind::STR_LIT, NodeKind::TRIPLE_STR_LIT) => {
                Operand::Lit { table: "strings", id: n.operand as u32, text: lit_text(&m.literal(tree, pos)) }
            }
            NodeKind::INT32_LIT if m.version != RodVersion::V2_2 => Operand::Value(op),
            _ if within(NodeKind::CHAR_LIT, NodeKind::FLOAT128_LIT) => {
                Operand::Lit { table: "numbers", id: n.operand as u32, text: lit_text(&m.literal(tree, pos)) }
            }
            _ => Operand::Unused(op),
        }
    }

    /// Where a 2.2 node's flags, type and position came from, in words.
    fn origin_words(&self, m: &PackedModule, tree: TreeKind, pos: NodePos, n: &PackedNode, o: Origin22) -> FieldOrigin {
        let flags = if o.listed_flags {
            "from the tree's withFlags table, which lists this node".to_string()
        } else {
            "none: the tree's withFlags table does not list this node".to_string()
        };
        let own_type = m.item_ref(n.typ) != rod_decoder::ItemRef::Nil;
        let typ = if o.listed_type && own_type {
            "from the tree's withTypes table, which lists this node".to_string()
        } else if n.kind == NodeKind::SYM && m.item_ref(m.node_type(tree, pos)) != rod_decoder::ItemRef::Nil {
            "its symbol's type: withTypes does not list this nkSym node, so it takes the type of the symbol it names".to_string()
        } else {
            "none: the tree's withTypes table does not list this node".to_string()
        };
        let file = |id: rod_decoder::LitId| m.strings.text(id).map_or_else(|| format!("file LitId {}", id.0), |p| short_path(&p).to_string());
        let p = match o.side_index() {
            Some(i) => format!(
                "side channel entry {i} (it does not fit the packed 32 bits): {}:{}:{}",
                file(n.info.file),
                n.info.line,
                n.info.col
            ),
            None if o.info == 0 => "none (NoLineInfo: the info word is 0)".to_string(),
            None => format!(
                "inline in the record's second word: file LitId {} ({}), line {}, col {}",
                n.info.file.0,
                file(n.info.file),
                n.info.line,
                n.info.col
            ),
        };
        FieldOrigin { raw: format!("0x{:08x} 0x{:08x}", o.word, o.info), flags, typ, pos: p }
    }

    /// Node `pos` of tree `t` of module `mi` as a record of the flat array.
    pub(crate) fn packed_array_row(&self, mi: ModuleIdx, t: TreeId, pos: NodePos) -> Option<ArrayRow> {
        let m = self.module(mi)?;
        let tree = tree_kind(t)?;
        let tr = m.tree(tree);
        let n = tr.node(pos)?;
        let names = m.version.names();
        Some(ArrayRow {
            index: pos,
            kind: name_or_raw(names.node_kind, u32::from(n.kind.0)).into_owned(),
            kind_ordinal: u32::from(n.kind.0),
            operand: i64::from(n.operand),
            meaning: self.operand_meaning(mi, m, tree, pos, &n),
            span: tr.span(pos),
            subtree_end: tr.subtree_end(pos),
            typ: self.type_ref_link(mi, m.node_type(tree, pos)),
            flags: rod_decoder::names::flag_names(names.node_flag, u64::from(n.flags)).into_iter().map(|c| c.into_owned()).collect(),
            pos: pos_of(m, &n.info),
            origin: tr.origin22(pos).map(|o| self.origin_words(m, tree, pos, &n, o)),
            bytes: rod_decoder::bytemap::node_range(m, tree, pos),
        })
    }

    /// The "What is this?" entries of a selection.
    pub(crate) fn packed_explain(&self, sel: &Selection) -> Vec<Entry> {
        match sel {
            Selection::Target(Target::Node(mi, t, n)) => self.explain_node(*mi, *t, *n),
            Selection::Target(Target::Sym(mi, s)) => {
                let Some(row) = sym_id(*s).and_then(|id| self.packed_sym_row(*mi, id)) else { return Vec::new() };
                glossary::entries(&glossary::topics_for_sym(&row))
            }
            Selection::Target(Target::Type(mi, k)) => {
                let Some(row) = type_id(*k).and_then(|id| self.packed_type_row(*mi, id)) else { return Vec::new() };
                glossary::entries(&glossary::topics_for_type(&row))
            }
            Selection::Target(Target::Module(mi)) => {
                if self.module(*mi).is_none() {
                    return Vec::new();
                }
                glossary::entries(&glossary::topics_for_module())
            }
            Selection::Table(mi, slug) => {
                let tables = crate::Cache::tables(self, *mi);
                let Some(info) = tables.iter().find(|i| &i.slug == slug) else { return Vec::new() };
                glossary::entries(&glossary::topics_for_table(&info.slug, &info.title))
            }
            Selection::Tree(mi, t) => match (self.module(*mi), tree_kind(*t)) {
                (Some(m), Some(tree)) => glossary::entries(&glossary::topics_for_tree(m.version.section_name(tree.section()))),
                _ => Vec::new(),
            },
        }
    }

    fn explain_node(&self, mi: ModuleIdx, t: TreeId, pos: NodePos) -> Vec<Entry> {
        let (Some(m), Some(tree)) = (self.module(mi), tree_kind(t)) else { return Vec::new() };
        let (Some(row), Some(arr)) = (self.packed_node_row(mi, tree, pos), self.packed_array_row(mi, t, pos)) else {
            return Vec::new();
        };
        let mut topics = glossary::topics_for_node(&row);
        // An operand child of an nkModuleRef is explained by its parent's entry first.
        if matches!(arr.meaning, crate::array::Operand::ModulePath { .. } | crate::array::Operand::Item(_)) {
            topics.insert(0, "nkModuleRef");
        }
        topics.push(arr.meaning.topic());
        topics.push(m.version.section_name(tree.section()));
        topics.push("PackedTree");
        if arr.origin.is_some() {
            topics.extend(["withFlags", "withTypes", "PackedLineInfo"]);
        }
        let mut out = glossary::entries(&topics);
        // This node's own record, in words: where each field came from.
        let mut own = format!(
            "Node {} of {}: a record of {} bytes; kind ordinal {} = {}, operand {} = {}; its subtree is the nodes [{}, {}) ({} node{}).",
            pos.0,
            m.version.section_name(tree.section()),
            m.version.node_size(),
            arr.kind_ordinal,
            arr.kind,
            arr.operand,
            arr.meaning.text(),
            pos.0,
            arr.subtree_end.0,
            arr.span,
            if arr.span == 1 { "" } else { "s" }
        );
        if let Some(o) = &arr.origin {
            own.push_str(&format!(" Stored words {}. Flags: {}. Type: {}. Position: {}.", o.raw, o.flags, o.typ, o.pos));
            if o.pos.starts_with("side channel") {
                out.extend(Entry::of("sideChannel"));
            }
        } else {
            own.push_str(" Flags, type and position are fields of the record itself.");
        }
        let pos_at = out.iter().position(|e| e.name == "PackedNode").unwrap_or(out.len().min(1));
        out.insert(pos_at.min(out.len()), Entry::new(format!("PackedNode #{}", pos.0), own));
        out
    }
}
