//! The packed module's other tables (strings, numbers, the symbol lists, the
//! instantiation caches, replay actions, includes, imports, sections), as generic
//! rows of cells.

use rod_decoder::graph::ModuleIdx;
use rod_decoder::names::name_or_raw;
use rod_decoder::{
    LitId, Literal, NodePos, PackedItemId, PackedModule, SectionKind, SymId, SymRef, TreeKind,
};

use super::rows::pos_of;
use super::{tree_id, PackedCache};
use crate::ids::Target;
use crate::rows::{Link, TableInfo};
use crate::text::clip;

fn text(s: impl Into<String>) -> Link {
    Link {
        label: s.into(),
        target: None,
        note: None,
        alive: None,
    }
}

/// Bytes as a quoted, escaped Nim string.
pub fn quoted(bytes: &[u8]) -> String {
    format!("\"{}\"", rod_decoder::literal::escape(bytes, '"'))
}

struct Spec {
    slug: &'static str,
    title: &'static str,
    columns: &'static [&'static str],
    about: &'static str,
}

/// How many earlier imports a row of the imports table is compared with (repeats).
const MAX_IMPORT_LOOKBACK: usize = 4096;

const SPECS: &[Spec] = &[
    Spec { slug: "strings", title: "strings", columns: &["LitId", "bytes", "value"], about: "The module's string table: identifiers, string literals and paths; nodes refer to it by LitId." },
    Spec { slug: "numbers", title: "numbers", columns: &["LitId", "int64", "hex", "as float64"], about: "The module's number table: integer literals and the bit patterns of float literals." },
    Spec { slug: "exports", title: "exports", columns: &["name", "symbol"], about: "Top-level symbols other modules may import." },
    Spec { slug: "hidden", title: "hidden", columns: &["name", "symbol"], about: "Top-level symbols that are not exported." },
    Spec { slug: "reexports", title: "reexports", columns: &["name", "symbol"], about: "Symbols of other modules this module exports again." },
    Spec { slug: "compilerprocs", title: "compilerProcs", columns: &["name", "symbol"], about: "Procs the compiler itself calls by name." },
    Spec { slug: "converters", title: "converters", columns: &["symbol"], about: "Converters, applied implicitly where types mismatch." },
    Spec { slug: "methods", title: "methods", columns: &["symbol"], about: "Methods (dynamically dispatched)." },
    Spec { slug: "pureenums", title: "pureEnums", columns: &["symbol"], about: "Enums whose fields must be qualified." },
    Spec { slug: "trmacros", title: "trmacros", columns: &["symbol"], about: "Term-rewriting macros and templates." },
    Spec { slug: "typeinstcache", title: "typeInstCache", columns: &["generic type symbol", "instance"], about: "Generic types instantiated in this module." },
    Spec { slug: "procinstcache", title: "procInstCache", columns: &["generic", "instance", "concrete types"], about: "Generic routines instantiated in this module, with the types they were instantiated with." },
    Spec { slug: "attachedops", title: "attachedOps", columns: &["type", "op", "hook"], about: "Type-bound operations (=destroy, =copy, =sink, ...) attached to types." },
    Spec { slug: "enumtostring", title: "enumToStringProcs", columns: &["enum type", "$ proc"], about: "The generated `$` procs of enums." },
    Spec { slug: "methodspertype", title: "methodsPerType", columns: &["type", "index", "method"], about: "The dispatch table entries of methods per object type." },
    Spec { slug: "replay", title: "replay actions", columns: &["node", "action", "position"], about: "What the compiler replays when it loads this module from the cache: pragmas such as passc, compile, link, and macrocache operations." },
    Spec { slug: "includes", title: "checkSums and includes", columns: &["file", "SHA-1"], about: "The module's own file and every included file with its SHA-1, as recorded when compiled; entry 0 is the module itself." },
    Spec { slug: "imports", title: "imports", columns: &["module"], about: "The modules this one imports directly (its deps)." },
    Spec { slug: "sections", title: "sections", columns: &["section", "offset", "size", "count"], about: "Every section of the file with its byte range." },
];

impl PackedCache {
    fn table_len(m: &PackedModule, slug: &str) -> usize {
        match slug {
            "strings" => m.strings.len(),
            "numbers" => m.numbers.vals.len(),
            "exports" => m.exports.len(),
            "hidden" => m.hidden.len(),
            "reexports" => m.reexports.len(),
            "compilerprocs" => m.compiler_procs.len(),
            "converters" => m.converters.len(),
            "methods" => m.methods.len(),
            "pureenums" => m.pure_enums.len(),
            "trmacros" => m.trmacros.len(),
            "typeinstcache" => m.type_inst_cache.len(),
            "procinstcache" => m.proc_inst_cache.len(),
            "attachedops" => m.attached_ops.len(),
            "enumtostring" => m.enum_to_string_procs.len(),
            "methodspertype" => m.methods_per_generic_type.len(),
            "replay" => m.to_replay.roots().count(),
            "includes" => m.includes.len(),
            "imports" => m.imports.len(),
            "sections" => m.sections.len(),
            _ => 0,
        }
    }

    pub(crate) fn packed_tables(&self, mi: ModuleIdx) -> Vec<TableInfo> {
        let Some(m) = self.module(mi) else {
            return Vec::new();
        };
        SPECS
            .iter()
            .map(|s| TableInfo {
                slug: s.slug.to_string(),
                title: if s.slug == "methodspertype" {
                    m.version
                        .section_name(SectionKind::MethodsPerGenericType)
                        .to_string()
                } else {
                    s.title.to_string()
                },
                columns: s.columns.iter().map(|c| c.to_string()).collect(),
                len: Self::table_len(m, s.slug),
                about: s.about.to_string(),
            })
            .collect()
    }

    fn local(&self, mi: ModuleIdx, id: SymId) -> Link {
        self.sym_link_of(mi, id, false)
    }
    fn item_sym(&self, mi: ModuleIdx, id: PackedItemId) -> Link {
        self.sym_ref_link(mi, id).unwrap_or_else(|| text("nil"))
    }
    fn item_type(&self, mi: ModuleIdx, id: PackedItemId) -> Link {
        self.type_ref_link(mi, id).unwrap_or_else(|| text("nil"))
    }

    pub(crate) fn packed_table_row(
        &self,
        mi: ModuleIdx,
        slug: &str,
        i: usize,
    ) -> Option<Vec<Link>> {
        let m = self.module(mi)?;
        let named = |v: &[(LitId, SymId)]| {
            v.get(i)
                .map(|&(n, id)| vec![text(m.str(n)), self.local(mi, id)])
        };
        let ids = |v: &[SymId]| v.get(i).map(|&id| vec![self.local(mi, id)]);
        match slug {
            "strings" => {
                let s = m.strings.at(i)?;
                Some(vec![
                    text(m.strings.lit_id(i).0.to_string()),
                    text(s.len().to_string()),
                    text(clip(quoted(s), 400)),
                ])
            }
            "numbers" => {
                let v = *m.numbers.vals.get(i)?;
                Some(vec![
                    text(m.numbers.lit_id(i).0.to_string()),
                    text(v.to_string()),
                    text(format!("{v:#x}")),
                    text(rod_decoder::literal::format_float(f64::from_bits(v as u64))),
                ])
            }
            "exports" => named(&m.exports),
            "hidden" => named(&m.hidden),
            "compilerprocs" => named(&m.compiler_procs),
            "reexports" => m
                .reexports
                .get(i)
                .map(|&(n, it)| vec![text(m.str(n)), self.item_sym(mi, it)]),
            "converters" => ids(&m.converters),
            "methods" => ids(&m.methods),
            "pureenums" => ids(&m.pure_enums),
            "trmacros" => ids(&m.trmacros),
            "typeinstcache" => m
                .type_inst_cache
                .get(i)
                .map(|&(a, b)| vec![self.item_sym(mi, a), self.item_type(mi, b)]),
            "procinstcache" => m.proc_inst_cache.get(i).map(|p| {
                let types: Vec<String> = p
                    .concrete_types
                    .iter()
                    .map(|&t| self.item_type(mi, t).label)
                    .collect();
                vec![
                    self.item_sym(mi, p.key),
                    self.item_sym(mi, p.sym),
                    text(types.join(", ")),
                ]
            }),
            "attachedops" => m.attached_ops.get(i).map(|a| {
                vec![
                    self.item_type(mi, a.typ),
                    text(name_or_raw(m.version.names().attached_op, a.op as u32)),
                    self.item_sym(mi, a.proc_),
                ]
            }),
            "enumtostring" => m
                .enum_to_string_procs
                .get(i)
                .map(|&(a, b)| vec![self.item_type(mi, a), self.item_sym(mi, b)]),
            "methodspertype" => m.methods_per_generic_type.get(i).map(|&(a, k, b)| {
                vec![
                    self.item_type(mi, a),
                    text(k.to_string()),
                    self.item_sym(mi, b),
                ]
            }),
            "replay" => {
                let p = m.to_replay.roots().nth(i)?;
                let info = m.to_replay.node(p).map(|n| n.info).unwrap_or_default();
                Some(vec![
                    Link::to(
                        p.0.to_string(),
                        Target::Node(mi, tree_id(TreeKind::ToReplay), p),
                    ),
                    text(replay_action_text(m, p)),
                    text(pos_of(m, &info).map(|p| p.text()).unwrap_or_default()),
                ])
            }
            "includes" => {
                let (p, h) = m.includes.get(i)?;
                // One entry's check is linear; a view asks only for the rows it shows.
                let stale = m
                    .includes
                    .get(i + 1..)
                    .is_some_and(|later| later.iter().any(|(q, g)| q == p && g != h));
                let mut l = text(m.str(*p));
                if stale {
                    l.note = Some("stale: a later entry records a newer hash".into());
                }
                Some(vec![l, text(h.clone())])
            }
            "imports" => {
                let &dep = m.imports.get(i)?;
                let mut l = match self.graph.resolve_path(mi, dep) {
                    Ok(t) => Link::to(m.str(dep), Target::Module(t)),
                    Err(f) => Link::unresolved(m.str(dep), self.failure_note(f)),
                };
                // Earlier rows are searched up to a cap (one row's cost stays bounded).
                let before = m.imports.get(i.saturating_sub(MAX_IMPORT_LOOKBACK)..i).unwrap_or_default();
                if let Some(first) = before.iter().position(|d| *d == dep) {
                    let first = first + i.saturating_sub(MAX_IMPORT_LOOKBACK);
                    l.note = Some(format!("recorded again: the same import as row {first}"));
                }
                Some(vec![l])
            }
            "sections" => {
                let s = m.sections.get(i)?;
                Some(vec![
                    text(s.span.name),
                    text(format!("{:#x}", s.span.start)),
                    text((s.span.end - s.span.start).to_string()),
                    text(s.span.count.map(|c| c.to_string()).unwrap_or_default()),
                ])
            }
            _ => None,
        }
    }
}

/// A replay action as one readable line: the pragma and its arguments
/// (`passc "-DX"`, `add "names" "square"`).
pub fn replay_action_text(m: &PackedModule, pos: NodePos) -> String {
    let t = &m.to_replay;
    let names = m.version.names();
    let mut parts: Vec<String> = Vec::new();
    for (i, c) in t.children(pos).enumerate() {
        let lit = m.literal(TreeKind::ToReplay, c);
        let s = match (&lit, i) {
            (Literal::Str(b), 0) | (Literal::Ident(b), _) => {
                String::from_utf8_lossy(b).into_owned()
            }
            (Literal::None, _) => match t.node(c) {
                Some(n) => {
                    let k = name_or_raw(names.node_kind, n.kind.0 as u32).into_owned();
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
        if parts.len() > 64 {
            break;
        }
    }
    if parts.is_empty() {
        return name_or_raw(names.node_kind, t.node(pos).map_or(0, |n| n.kind.0 as u32))
            .into_owned();
    }
    clip(parts.join(" "), 400)
}
