//! `dump --json`: everything decoded, names resolved, raw ids kept.
//!
//! The shape (schema 1) is documented in `docs/json-dump.md`. Items (`PackedItemId`)
//! are `{"module": LitId, "item": id}` or `null` for nil; positions are
//! `{"file": LitId, "line": n, "col": n}`; flag sets are arrays of names.

use crate::ids::{ItemRef, PackedItemId, TreeKind};
use crate::literal::Literal;
use crate::module::PackedModule;
use crate::names::{flag_names, name_or_raw};
use crate::tree::LineInfo;
use serde_json::{json, Map, Value};
use std::io::{self, Write};

/// A PackedItemId as JSON (`null` for nil).
pub fn item_json(m: &PackedModule, id: PackedItemId) -> Value {
    match m.item_ref(id) {
        ItemRef::Nil => Value::Null,
        _ => json!({"module": id.module.0, "item": id.item}),
    }
}

fn info_json(i: &LineInfo) -> Value {
    json!({"file": i.file.0, "line": i.line, "col": i.col})
}

fn flags(table: &'static [&'static str], bits: u64) -> Value {
    Value::Array(flag_names(table, bits).into_iter().map(|s| Value::String(s.into_owned())).collect())
}

fn bytes_str(b: &[u8]) -> Value {
    Value::String(String::from_utf8_lossy(b).into_owned())
}

fn literal_json(l: &Literal<'_>) -> Value {
    match l {
        Literal::None | Literal::Sym(_) => Value::Null,
        Literal::Ident(s) | Literal::Str(s) => bytes_str(s),
        Literal::Char(c) => json!(*c),
        Literal::Int(v) => json!(v),
        Literal::UInt(v) => json!(v),
        Literal::Float(f) if f.is_finite() => json!(f),
        Literal::Float(f) => json!(f.to_string()),
        Literal::Missing(id) => json!({"missingLiteral": id.0}),
    }
}

/// The whole module as a JSON value.
pub fn dump_json_value(m: &PackedModule) -> Value {
    let names = m.version.names();
    let item = |id| item_json(m, id);
    let pairs = |v: &[(crate::LitId, i32)]| -> Value {
        v.iter().map(|&(n, id)| json!({"name": m.str(n), "nameId": n.0, "sym": id})).collect()
    };
    let mut trees = Map::new();
    for k in TreeKind::ALL {
        let t = m.tree(k);
        let nodes: Vec<Value> = (0..t.len() as u32)
            .map(crate::NodePos)
            .filter_map(|p| {
                let n = t.node(p)?;
                let mut o = Map::new();
                o.insert("kind".into(), json!(name_or_raw(names.node_kind, n.kind.0 as u32)));
                o.insert("operand".into(), json!(n.operand));
                if n.flags != 0 {
                    o.insert("flags".into(), flags(names.node_flag, n.flags as u64));
                }
                let ty = item(n.typ);
                if !ty.is_null() {
                    o.insert("type".into(), ty);
                }
                o.insert("info".into(), info_json(&n.info));
                let lit = literal_json(&m.literal(k, p));
                if !lit.is_null() {
                    o.insert("value".into(), lit);
                }
                Some(Value::Object(o))
            })
            .collect();
        trees.insert(k.name().into(), Value::Array(nodes));
    }
    let syms: Vec<Value> = m
        .syms
        .iter()
        .map(|(id, s)| {
            if s.is_hole() {
                return json!({"id": id, "hole": true});
            }
            json!({
                "id": id,
                "kind": name_or_raw(names.sym_kind, s.kind as u32),
                "name": m.str(s.name),
                "nameId": s.name.0,
                "type": item(s.typ),
                "flags": flags(names.sym_flag, s.flags),
                "magic": if s.magic == 0 { Value::Null } else { json!(name_or_raw(names.magic, s.magic as u32)) },
                "info": info_json(&s.info),
                "ast": s.ast.0,
                "owner": item(s.owner),
                "guard": item(s.guard),
                "bitsize": s.bitsize,
                "alignment": s.alignment,
                "options": flags(names.option, s.options as u64),
                "position": s.position,
                "offset": s.offset,
                "disamb": s.disamb,
                "externalName": m.str(s.external_name),
                "locFlags": flags(names.loc_flag, s.loc_flags as u64),
                "annex": if s.annex.is_some() {
                    json!({"kind": name_or_raw(names.lib_kind, s.annex.kind as u32), "generated": s.annex.generated,
                           "isOverridden": s.annex.is_overridden, "name": m.str(s.annex.name), "path": s.annex.path.0})
                } else { Value::Null },
                "constraint": s.constraint.0,
                "instantiatedFrom": item(s.instantiated_from),
            })
        })
        .collect();
    let types: Vec<Value> = m
        .types
        .table
        .iter()
        .map(|(id, t)| {
            if t.is_hole() {
                return json!({"id": id, "hole": true});
            }
            json!({
                "id": id,
                "kind": name_or_raw(names.type_kind, t.kind as u32),
                "callConv": name_or_raw(names.call_conv, t.call_conv as u32),
                "flags": flags(names.type_flag, t.flags),
                "sons": m.types.sons_of(t).iter().map(|&x| item(x)).collect::<Vec<_>>(),
                "n": t.n.0,
                "sym": item(t.sym),
                "owner": item(t.owner),
                "size": t.size,
                "align": t.align,
                "paddingAtEnd": t.padding_at_end,
                "lockLevel": t.lock_level,
                "typeInst": item(t.type_inst),
                "nonUniqueId": t.non_unique_id,
            })
        })
        .collect();
    let c = &m.config;
    json!({
        "format": "rodscope-dump",
        "schema": 1,
        "version": m.version.label(),
        "compiler": m.version.compiler(),
        "fileSize": m.file_size,
        "path": m.path(),
        "litBase": m.version.lit_base(),
        "sections": m.sections.iter().map(|s| json!({"name": s.span.name, "tag": s.span.tag, "offset": s.span.start,
            "size": s.span.len(), "count": s.span.count})).collect::<Vec<_>>(),
        "config": {
            "definedSymbols": m.defined_symbols.split(' ').skip(1).collect::<Vec<_>>(),
            "moduleFlags": flags(names.sym_flag, m.module_flags),
            "backend": name_or_raw(names.backend, c.backend as u32),
            "selectedGC": name_or_raw(names.gc_mode, c.selected_gc as u32),
            "cCompiler": name_or_raw(names.system_cc, c.c_compiler as u32),
            "options": flags(names.option, c.options as u64),
            "globalOptions": flags(names.global_option, c.global_options),
        },
        "counts": {
            "symbols": m.syms.count(), "types": m.types.table.count(), "topLevel": m.top_level.len(),
            "bodies": m.bodies.len(), "toReplay": m.to_replay.len(), "strings": m.strings.len(), "numbers": m.numbers.vals.len(),
        },
        "strings": m.strings.iter().map(|(_, s)| bytes_str(s)).collect::<Vec<_>>(),
        "numbers": m.numbers.vals,
        "includes": m.includes.iter().map(|(p, h)| json!({"path": m.str(*p), "pathId": p.0, "sha1": h})).collect::<Vec<_>>(),
        "imports": m.imports.iter().map(|p| json!({"path": m.str(*p), "pathId": p.0})).collect::<Vec<_>>(),
        "exports": pairs(&m.exports),
        "hidden": pairs(&m.hidden),
        "compilerProcs": pairs(&m.compiler_procs),
        "reexports": m.reexports.iter().map(|&(n, it)| json!({"name": m.str(n), "nameId": n.0, "item": item(it)})).collect::<Vec<_>>(),
        "trmacros": m.trmacros, "converters": m.converters, "methods": m.methods, "pureEnums": m.pure_enums,
        "macroUsages": m.macro_usages.iter().map(|(it, i)| json!({"item": item(*it), "info": info_json(i)})).collect::<Vec<_>>(),
        "trees": trees,
        "syms": syms,
        "types": types,
        "typeInstCache": m.type_inst_cache.iter().map(|&(a, b)| json!([item(a), item(b)])).collect::<Vec<_>>(),
        "procInstCache": m.proc_inst_cache.iter().map(|p| json!({"key": item(p.key), "sym": item(p.sym),
            "concreteTypes": p.concrete_types.iter().map(|&x| item(x)).collect::<Vec<_>>()})).collect::<Vec<_>>(),
        "attachedOps": m.attached_ops.iter().map(|a| json!({"op": name_or_raw(names.attached_op, a.op as u32),
            "type": item(a.typ), "proc": item(a.proc_)})).collect::<Vec<_>>(),
        "methodsPerGenericType": m.methods_per_generic_type.iter().map(|&(a, i, b)| json!([item(a), i, item(b)])).collect::<Vec<_>>(),
        "enumToStringProcs": m.enum_to_string_procs.iter().map(|&(a, b)| json!([item(a), item(b)])).collect::<Vec<_>>(),
        "methodsPerType": m.methods_per_type.iter().map(|&(a, b)| json!([item(a), item(b)])).collect::<Vec<_>>(),
        "dispatchers": m.dispatchers.iter().map(|&a| item(a)).collect::<Vec<_>>(),
        "typeInfo": m.type_info,
        "backendFlags": flags(names.backend_flag, m.backend_flags as u64),
        "sideChannel": m.side_channel.len(),
    })
}

/// Writes the JSON dump (pretty-printed, one trailing newline).
pub fn dump_json(m: &PackedModule, out: &mut impl Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &dump_json_value(m))?;
    out.write_all(b"\n")
}
