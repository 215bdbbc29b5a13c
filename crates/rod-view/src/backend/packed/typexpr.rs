//! Readable type expressions of packed types, as Nim spells them: `seq[int]`,
//! `Table[string, int]`, `proc (x: int): string {.nimcall.}`, `ref Node`,
//! `array[0..3, char]`. Bounded: nesting stops after [`MAX_DEPTH`] levels (`…`) and the
//! text after [`MAX_LEN`] characters, so cyclic or hostile type graphs end.

use rod_decoder::graph::{ModuleGraph, ModuleIdx, Resolution};
use rod_decoder::names::name_or_raw;
use rod_decoder::names::ordinals::{nk, ty};
use rod_decoder::{Literal, NodeKind, PackedItemId, PackedModule, PackedType, SymId, TreeKind, TypeId};

/// Deepest nesting of type constructors spelled out.
pub const MAX_DEPTH: u32 = 6;
/// Longest expression, in bytes, before it is cut with `…`.
pub const MAX_LEN: usize = 200;

/// The expression of type `id` of module `m` (resolved across modules).
pub fn type_expr(g: &ModuleGraph, m: ModuleIdx, id: PackedItemId) -> Option<String> {
    let mut out = String::new();
    write_ref(g, m, id, 0, &mut out)?;
    if out.len() > MAX_LEN {
        let mut cut = MAX_LEN;
        while !out.is_char_boundary(cut) {
            cut -= 1;
        }
        out.truncate(cut);
        out.push('…');
    }
    Some(out)
}

/// The expression of a type given by its module and id.
pub fn type_expr_of(g: &ModuleGraph, m: ModuleIdx, id: TypeId) -> String {
    let mut out = String::new();
    write_type(g, m, id, 0, &mut out);
    out
}

fn write_ref(
    g: &ModuleGraph,
    m: ModuleIdx,
    id: PackedItemId,
    depth: u32,
    out: &mut String,
) -> Option<()> {
    match g.resolve_item(m, id) {
        Resolution::Nil => None,
        Resolution::Resolved(t, item) => {
            write_type(g, t, TypeId(item), depth, out);
            Some(())
        }
        Resolution::Unresolved(u) => {
            let path = g
                .get(m)
                .map(|x| x.module.str(u.path).into_owned())
                .unwrap_or_default();
            out.push_str(&format!(
                "{}#type{}",
                crate::text::short_path(&path),
                u.item
            ));
            Some(())
        }
    }
}

fn sym_name(g: &ModuleGraph, m: ModuleIdx, id: PackedItemId) -> Option<String> {
    let (sm, sid) = g.resolve_item(m, id).target()?;
    let gm = g.get(sm)?;
    gm.module
        .sym(SymId(sid))
        .map(|s| gm.module.sym_name(s).into_owned())
}

/// The spelling of a built-in type kind, if it is one.
fn builtin(kind: u8) -> Option<&'static str> {
    Some(match kind {
        ty::BOOL => "bool",
        ty::CHAR => "char",
        ty::NIL => "nil",
        ty::UNTYPED => "untyped",
        ty::TYPED => "typed",
        ty::POINTER => "pointer",
        ty::STRING => "string",
        ty::CSTRING => "cstring",
        ty::INT => "int",
        ty::INT8 => "int8",
        ty::INT16 => "int16",
        ty::INT32 => "int32",
        ty::INT64 => "int64",
        ty::FLOAT => "float",
        ty::FLOAT32 => "float32",
        ty::FLOAT64 => "float64",
        ty::FLOAT128 => "float128",
        ty::UINT => "uint",
        ty::UINT8 => "uint8",
        ty::UINT16 => "uint16",
        ty::UINT32 => "uint32",
        ty::UINT64 => "uint64",
        ty::VOID => "void",
        ty::EMPTY => "empty",
        _ => return None,
    })
}

/// The prefix word of a one-son type constructor (`ref X`).
fn prefix_word(kind: u8) -> Option<&'static str> {
    Some(match kind {
        ty::REF => "ref",
        ty::PTR => "ptr",
        ty::VAR => "var",
        ty::LENT => "lent",
        ty::SINK => "sink",
        ty::OWNED => "owned",
        ty::DISTINCT => "distinct",
        _ => return None,
    })
}

/// The name of a one-son generic container (`seq[X]`).
fn container_word(kind: u8) -> Option<&'static str> {
    Some(match kind {
        ty::SEQUENCE => "seq",
        ty::SET => "set",
        ty::OPEN_ARRAY => "openArray",
        ty::VARARGS => "varargs",
        ty::UNCHECKED_ARRAY => "UncheckedArray",
        ty::TYPE_DESC => "typedesc",
        ty::STATIC => "static",
        ty::ITERABLE => "iterable",
        _ => return None,
    })
}

fn write_type(g: &ModuleGraph, m: ModuleIdx, id: TypeId, depth: u32, out: &mut String) {
    if out.len() > MAX_LEN {
        return;
    }
    let Some(gm) = g.get(m) else {
        return out.push('?');
    };
    let pm = &gm.module;
    let Some(t) = pm.typ(id) else {
        return out.push_str(&format!("<missing type #{id}>"));
    };
    if depth > MAX_DEPTH {
        return out.push('…');
    }
    let sons = pm.types.sons_of(t);
    let son = |i: usize, out: &mut String| -> bool {
        match sons.get(i) {
            Some(&s) => write_ref(g, m, s, depth + 1, out).is_some(),
            None => false,
        }
    };
    if let Some(b) = builtin(t.kind) {
        return out.push_str(b);
    }
    match t.kind {
        ty::GENERIC_INST | ty::GENERIC_INVOCATION => {
            // son 0: the generic body (named); then the arguments; an instance's last son is
            // the concrete type it stands for.
            let name = sons
                .first()
                .and_then(|&b| generic_name(g, m, b))
                .or_else(|| sym_name(g, m, t.sym));
            out.push_str(name.as_deref().unwrap_or("?"));
            let last = if t.kind == ty::GENERIC_INST {
                sons.len().saturating_sub(1)
            } else {
                sons.len()
            };
            write_list(
                out,
                '[',
                ']',
                (1..last).map(|i| move |o: &mut String| son(i, o)),
            );
            return;
        }
        _ => {}
    }
    if let Some(n) = sym_name(g, m, t.sym) {
        return out.push_str(&n);
    }
    if let Some(w) = prefix_word(t.kind) {
        out.push_str(w);
        out.push(' ');
        if !son(0, out) {
            out.push('?');
        }
        return;
    }
    if let Some(w) = container_word(t.kind) {
        out.push_str(w);
        out.push('[');
        if !son(0, out) {
            out.push('?');
        }
        out.push(']');
        return;
    }
    match t.kind {
        ty::ALIAS | ty::ORDINAL => {
            if !son(0, out) {
                out.push('?');
            }
        }
        ty::ARRAY => {
            out.push_str("array[");
            if !son(0, out) {
                out.push('?');
            }
            out.push_str(", ");
            if !son(1, out) {
                out.push('?');
            }
            out.push(']');
        }
        ty::RANGE => match range_bounds(pm, t) {
            Some((lo, hi)) => out.push_str(&format!("{lo}..{hi}")),
            None => {
                out.push_str("range[");
                if !son(0, out) {
                    out.push('?');
                }
                out.push(']');
            }
        },
        ty::TUPLE => {
            let names = field_names(pm, t);
            out.push_str(if names.is_empty() { "(" } else { "tuple[" });
            for i in 0..sons.len() {
                if i > 0 {
                    out.push_str(", ");
                }
                if let Some(n) = names.get(i) {
                    out.push_str(n);
                    out.push_str(": ");
                }
                if !son(i, out) {
                    out.push('?');
                }
                if out.len() > MAX_LEN {
                    break;
                }
            }
            out.push(if names.is_empty() { ')' } else { ']' });
        }
        ty::PROC => {
            out.push_str("proc (");
            let names = param_names(pm, t);
            for i in 1..sons.len() {
                if i > 1 {
                    out.push_str(", ");
                }
                if let Some(n) = names.get(i - 1) {
                    out.push_str(n);
                    out.push_str(": ");
                }
                if !son(i, out) {
                    out.push('?');
                }
                if out.len() > MAX_LEN {
                    break;
                }
            }
            out.push(')');
            let mut ret = String::new();
            if son(0, &mut ret) && !ret.is_empty() && ret != "void" {
                out.push_str(": ");
                out.push_str(&ret);
            }
            let cc = name_or_raw(pm.version.names().call_conv, t.call_conv as u32);
            let cc = cc.strip_prefix("cc").unwrap_or(&cc).to_ascii_lowercase();
            out.push_str(&format!(" {{.{cc}.}}"));
        }
        _ => {
            let k = name_or_raw(pm.version.names().type_kind, t.kind as u32);
            let word = k.strip_prefix("ty").unwrap_or(&k);
            let mut c = word.chars();
            if let Some(f) = c.next() {
                out.push(f.to_ascii_lowercase());
                out.push_str(c.as_str());
            }
        }
    }
}

/// Writes `open item, item, ... close` (nothing when there are no items).
fn write_list<F: Fn(&mut String) -> bool>(
    out: &mut String,
    open: char,
    close: char,
    items: impl Iterator<Item = F>,
) {
    let mut first = true;
    for f in items {
        out.push(if first { open } else { ',' });
        if !first {
            out.push(' ');
        }
        first = false;
        if !f(out) {
            out.push('?');
        }
        if out.len() > MAX_LEN {
            break;
        }
    }
    if !first {
        out.push(close);
    }
}

/// The name of a generic body type (`Table`).
fn generic_name(g: &ModuleGraph, m: ModuleIdx, body: PackedItemId) -> Option<String> {
    let (bm, bid) = g.resolve_item(m, body).target()?;
    let gm = g.get(bm)?;
    let t = gm.module.typ(TypeId(bid))?;
    sym_name(g, bm, t.sym)
}

/// `lo` and `hi` of a range type, from its node (`nkRange` of two literals).
fn range_bounds(pm: &PackedModule, t: &PackedType) -> Option<(String, String)> {
    let n = t.n.pos()?;
    let b = &pm.bodies;
    if b.node(n)?.kind.0 != nk::RANGE {
        return None;
    }
    let lo = b.child(n, 0)?;
    let hi = b.child(n, 1)?;
    let text = |p| match pm.literal(TreeKind::Bodies, p) {
        Literal::None | Literal::Missing(_) => None,
        l => Some(l.display()),
    };
    Some((text(lo)?, text(hi)?))
}

/// Names of a tuple's fields, from its node (`nkRecList` of `nkSym`).
fn field_names(pm: &PackedModule, t: &PackedType) -> Vec<String> {
    let Some(n) = t.n.pos() else {
        return Vec::new();
    };
    let b = &pm.bodies;
    if b.node(n).map(|x| x.kind.0) != Some(nk::REC_LIST) {
        return Vec::new();
    }
    b.children(n).map_while(|c| local_sym_name(pm, c)).collect()
}

/// Names of a proc type's parameters, from its node (`nkFormalParams`: son 0 the
/// result, then one `nkSym` per parameter).
fn param_names(pm: &PackedModule, t: &PackedType) -> Vec<String> {
    let Some(n) = t.n.pos() else {
        return Vec::new();
    };
    let b = &pm.bodies;
    if b.node(n).map(|x| x.kind.0) != Some(nk::FORMAL_PARAMS) {
        return Vec::new();
    }
    b.children(n)
        .skip(1)
        .map_while(|c| local_sym_name(pm, c))
        .collect()
}

fn local_sym_name(pm: &PackedModule, p: rod_decoder::NodePos) -> Option<String> {
    let n = pm.bodies.node(p)?;
    if n.kind != NodeKind::SYM {
        return None;
    }
    pm.sym(SymId(n.operand)).map(|s| pm.sym_name(s).into_owned())
}
