//! Printers of legacy caches, writing to any `std::io::Write`: tree lines, sections,
//! module lists, the check report and the JSON dump (docs/legacy-json.md).

use crate::cache::{Cache, ModuleSummary};
use crate::ids::ModuleIdx;
use crate::model::{Literal, Symbol, Tree, Type};
use crate::names::Names;
use crate::reach::{self, Live};
use serde_json::{json, Map, Value};
use std::io::{self, Write};

fn kind_name(list: &'static [&'static str], k: i64) -> String {
    Names::name(list, k).map_or_else(|| format!("#{k}"), str::to_string)
}

fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// Prints a tree as indented lines, two spaces per level:
/// `KIND @line:col [file=".."] [typ=ID] [flags=N] [ident=X|sym=ID|int=N|float=S|str=".."]`
/// (`file` only where it differs from the parent's; the root's parent has none), and
/// `nil` for a nil son. Iterative.
pub fn tree_lines(cache: &Cache, m: ModuleIdx, tree: &Tree, out: &mut impl Write) -> io::Result<()> {
    let names = cache.era().names();
    // (subtree end, file of that node)
    let mut stack: Vec<(u32, Option<String>)> = Vec::new();
    for (i, n) in tree.nodes.iter().enumerate() {
        while stack.last().is_some_and(|(end, _)| i as u32 >= *end) {
            stack.pop();
        }
        let indent = "  ".repeat(stack.len());
        let parent_file = stack.last().and_then(|(_, f)| f.clone());
        let Some(kind) = n.kind else {
            writeln!(out, "{indent}nil")?;
            stack.push((n.end, parent_file));
            continue;
        };
        let file = cache.file_of(m, n.info);
        let mut line = format!("{indent}{} @{}:{}", kind_name(names.node_kind, i64::from(kind)), n.info.line, n.info.col);
        if file != parent_file {
            match &file {
                Some(f) => line.push_str(&format!(" file={}", quoted(f))),
                None => line.push_str(" file=null"),
            }
        }
        if let Some(t) = n.typ {
            line.push_str(&format!(" typ={t}"));
        }
        if n.flags != 0 {
            line.push_str(&format!(" flags={}", n.flags));
        }
        match &n.lit {
            Literal::None => {}
            Literal::Int(v) => line.push_str(&format!(" int={v}")),
            Literal::Float(v) => line.push_str(&format!(" float={v}")),
            Literal::Str(v) => line.push_str(&format!(" str={}", quoted(v))),
            Literal::Ident(v) => line.push_str(&format!(" ident={v}")),
            Literal::Sym(v) => line.push_str(&format!(" sym={v}")),
        }
        writeln!(out, "{line}")?;
        stack.push((n.end, file));
    }
    Ok(())
}

/// A symbol as a flat JSON object (the fields of docs/legacy-json.md).
pub fn sym_json(cache: &Cache, m: ModuleIdx, s: &Symbol) -> Map<String, Value> {
    let names = cache.era().names();
    let mut o = Map::new();
    o.insert("id".into(), json!(s.id.0));
    o.insert("kind".into(), json!(kind_name(names.sym_kind, i64::from(s.kind))));
    o.insert("name".into(), json!(s.name));
    if let Some(x) = s.owner {
        o.insert("owner".into(), json!(x.0));
    }
    if let Some(x) = s.typ {
        o.insert("typ".into(), json!(x.0));
    }
    if s.flags != 0 {
        o.insert("flags".into(), json!(s.flags));
    }
    if let Some(x) = s.magic {
        o.insert("magic".into(), json!(x));
    }
    if let Some(x) = s.options {
        o.insert("options".into(), json!(x));
    }
    if let Some(x) = s.position {
        o.insert("position".into(), json!(x));
    }
    o.insert("line".into(), json!(s.info.line));
    o.insert("col".into(), json!(s.info.col));
    o.insert("file_ref".into(), json!(s.info.file));
    o.insert("file".into(), json!(cache.file_of(m, s.info)));
    o
}

fn type_json(cache: &Cache, t: &Type) -> Map<String, Value> {
    let names = cache.era().names();
    let mut o = Map::new();
    o.insert("id".into(), json!(t.id.0));
    o.insert("kind".into(), json!(kind_name(names.type_kind, i64::from(t.kind))));
    if t.flags != 0 {
        o.insert("flags".into(), json!(t.flags));
    }
    if let Some(x) = t.owner {
        o.insert("owner".into(), json!(x.0));
    }
    if let Some(x) = t.sym {
        o.insert("sym".into(), json!(x.0));
    }
    o.insert("size".into(), json!(t.size));
    o.insert("align".into(), json!(t.align));
    o.insert("sons".into(), json!(t.sons.iter().map(|s| s.map(|x| x.0)).collect::<Vec<_>>()));
    o
}

/// A tree as a flat JSON array of nodes in pre-order, each with `end` (one past its
/// subtree); nil sons are `{"kind": null, "end": ..}`.
fn tree_json(cache: &Cache, m: ModuleIdx, t: &Tree) -> Value {
    let names = cache.era().names();
    let nodes: Vec<Value> = t
        .nodes
        .iter()
        .map(|n| {
            let mut o = Map::new();
            o.insert("kind".into(), json!(n.kind.map(|k| kind_name(names.node_kind, i64::from(k)))));
            o.insert("end".into(), json!(n.end));
            if n.kind.is_some() {
                o.insert("line".into(), json!(n.info.line));
                o.insert("col".into(), json!(n.info.col));
                o.insert("file".into(), json!(cache.file_of(m, n.info)));
                if let Some(ty) = n.typ {
                    o.insert("typ".into(), json!(ty.0));
                }
                if n.flags != 0 {
                    o.insert("flags".into(), json!(n.flags));
                }
                match &n.lit {
                    Literal::None => {}
                    Literal::Int(v) => drop(o.insert("int".into(), json!(v))),
                    Literal::Float(v) => drop(o.insert("float".into(), json!(v))),
                    Literal::Str(v) => drop(o.insert("str".into(), json!(v))),
                    Literal::Ident(v) => drop(o.insert("ident".into(), json!(v))),
                    Literal::Sym(v) => drop(o.insert("sym".into(), json!(v.0))),
                }
            }
            Value::Object(o)
        })
        .collect();
    Value::Array(nodes)
}

fn module_head(s: &ModuleSummary) -> Map<String, Value> {
    let mut o = Map::new();
    o.insert("name".into(), json!(s.name));
    o.insert("path".into(), json!(s.path));
    o.insert("id".into(), json!(s.id.0));
    o.insert("source".into(), json!(s.source));
    o.insert("counts".into(), json!({"syms": s.syms, "types": s.types, "toplevel": s.toplevel}));
    o
}

/// The JSON dump of a cache (docs/legacy-json.md), one module at a time; with
/// `only`, just that module (its references still resolve through the others).
pub fn dump_json(cache: &Cache, only: Option<ModuleIdx>, out: &mut impl Write) -> io::Result<()> {
    let era = cache.era();
    let version = match cache {
        Cache::Text(t) => t.modules.first().map(|(_, m)| m.version.clone()),
        Cache::Db(d) => d.version.clone(),
    };
    write!(
        out,
        "{{\"format\":{},\"compiler\":{},\"rod_file_version\":{},",
        quoted(era.format()),
        quoted(era.compiler()),
        serde_json::to_string(&version).unwrap_or_default()
    )?;
    let live = match reach::compute(cache) {
        Live::Computed(r) => json!({"status": "computed; no compiler record to check against", "count": r.live.len()}),
        Live::None(why) => json!({"status": why}),
    };
    write!(out, "\"live\":{live},")?;
    match cache {
        Cache::Text(t) => {
            let links: Vec<_> = t.imports().into_iter().filter(|l| only.is_none_or(|o| o == l.from)).collect();
            let resolved = links.iter().filter(|l| l.resolved).count();
            let unresolved: Vec<Value> = links
                .iter()
                .filter(|l| !l.resolved)
                .map(|l| {
                    let from = t.modules.get(l.from.get()).map(|(f, _)| f.clone());
                    json!({"in": from, "id": l.sym.0, "owner_module_id": l.owner.0})
                })
                .collect();
            write!(
                out,
                "\"cross_module_refs\":{},",
                json!({"what": "IMPORTS entries", "total": links.len(), "resolved": resolved, "unresolved": unresolved})
            )?;
        }
        Cache::Db(d) => {
            let t = cache.db_ref_totals().unwrap_or_default();
            write!(
                out,
                "\"cross_module_refs\":{},",
                json!({"what": "every id reference in syms, types and toplevelstmts data", "total": t.total, "to_syms": t.to_syms,
                       "to_types": t.to_types, "same_module": t.same_module, "cross_module": t.cross_module,
                       "cross_module_resolved": t.cross_module_resolved, "to_module_0": t.to_module_0, "unresolved": t.unresolved})
            )?;
            let tables: Map<String, Value> = d.sizes.iter().map(|s| (s.name.clone(), json!(s.rows))).collect();
            write!(out, "\"tables\":{},\"config\":{},\"controlblock_idgen\":{},", Value::Object(tables), json!(d.config), json!(d.idgen))?;
        }
    }
    out.write_all(b"\"modules\":[")?;
    let mut first = true;
    for (i, s) in cache.modules().iter().enumerate() {
        let mi = ModuleIdx(i as u32);
        if only.is_some_and(|o| o != mi) {
            continue;
        }
        if !std::mem::take(&mut first) {
            out.write_all(b",")?;
        }
        let mut o = module_head(s);
        match cache {
            Cache::Text(t) => {
                if let Some((_, m)) = t.modules.get(i) {
                    o.insert("files".into(), json!(m.files));
                    o.insert("deps".into(), json!(m.deps.iter().map(|&d| usize::try_from(d).ok().and_then(|d| m.files.get(d))).collect::<Vec<_>>()));
                    o.insert("includes".into(), json!(m.includes.iter().map(|(f, h)| json!([usize::try_from(*f).ok().and_then(|d| m.files.get(d)), h])).collect::<Vec<_>>()));
                    o.insert("defines".into(), json!(m.defines));
                    o.insert("options".into(), json!(m.options));
                    o.insert("goptions".into(), json!(m.goptions));
                    o.insert("cmd".into(), json!(m.cmd));
                }
            }
            Cache::Db(d) => {
                if let Some(row) = d.modules.get(i) {
                    let fid = d.file_id(&row.fullpath);
                    let mine: Vec<_> = d.deps.iter().filter(|r| Some(r.module) == fid).collect();
                    let path = |id: i64| d.filenames.iter().find(|f| f.id == id).map(|f| f.fullpath.clone());
                    o.insert("deps".into(), json!(mine.iter().filter(|r| !r.is_include).map(|r| path(r.dependency)).collect::<Vec<_>>()));
                    o.insert("includes".into(), json!(mine.iter().filter(|r| r.is_include).map(|r| path(r.dependency)).collect::<Vec<_>>()));
                    o.insert("fullHash".into(), json!(row.full_hash));
                }
            }
        }
        let syms: Vec<Value> = cache.syms_of(mi).into_iter().map(|x| Value::Object(sym_json(cache, mi, x))).collect();
        o.insert("symbols".into(), Value::Array(syms));
        let types: Vec<Value> = cache.types_of(mi).into_iter().map(|x| Value::Object(type_json(cache, x))).collect();
        o.insert("types".into(), Value::Array(types));
        let top: Vec<Value> = cache.toplevel_of(mi).into_iter().map(|x| tree_json(cache, mi, x)).collect();
        o.insert("toplevel".into(), Value::Array(top));
        serde_json::to_writer(&mut *out, &Value::Object(o)).map_err(io::Error::other)?;
    }
    out.write_all(b"]}\n")
}

/// The module table: name, path, id and counts.
pub fn modules(cache: &Cache, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "# {} ({}): {} modules", cache.era().describe(), cache.era().format(), cache.module_count())?;
    writeln!(out, "{:<4} {:<14} {:>10} {:>6} {:>6} {:>5}  path", "#", "module", "id", "syms", "types", "top")?;
    for (i, s) in cache.modules().iter().enumerate() {
        writeln!(out, "{:<4} {:<14} {:>10} {:>6} {:>6} {:>5}  {}", i, s.name, s.id.0, s.syms, s.types, s.toplevel, s.path)?;
    }
    Ok(())
}

/// Sections of a text file (name, offset, size, entries) or tables of a DB (rows, bytes).
pub fn sections(cache: &Cache, out: &mut impl Write) -> io::Result<()> {
    match cache {
        Cache::Text(t) => {
            for (file, m) in &t.modules {
                writeln!(out, "# {file} ({})", m.era.describe())?;
                writeln!(out, "{:<14} {:>10} {:>10} {:>8}", "section", "offset", "size", "entries")?;
                for s in &m.sections {
                    writeln!(out, "{:<14} {:>#10x} {:>10} {:>8}", s.name, s.offset, s.len, s.count)?;
                }
            }
        }
        Cache::Db(d) => {
            writeln!(out, "# {} ({} pages of {} bytes)", d.era.describe(), d.pages.1, d.pages.0)?;
            writeln!(out, "{:<14} {:>6} {:>8} {:>10}", "table", "root", "rows", "bytes")?;
            for s in &d.sizes {
                writeln!(out, "{:<14} {:>6} {:>8} {:>10}", s.name, s.root, s.rows, s.bytes)?;
            }
        }
    }
    Ok(())
}

/// Findings of a check (decoding already succeeded): references that do not resolve.
pub fn check_findings(cache: &Cache) -> Vec<String> {
    let mut f = Vec::new();
    match cache {
        Cache::Text(t) => {
            for (file, m) in &t.modules {
                if !m.dangling_syms.is_empty() {
                    f.push(format!("{file}: {} symbol references in neither INDEX nor IMPORTS", m.dangling_syms.len()));
                }
                if !m.dangling_types.is_empty() {
                    f.push(format!("{file}: {} type references not in INDEX", m.dangling_types.len()));
                }
            }
            let links = t.imports();
            let bad = links.iter().filter(|l| !l.resolved).count();
            if bad > 0 {
                f.push(format!("{bad} of {} IMPORTS entries name an id that the owner module's .rod file does not hold (unresolved, kept)", links.len()));
            }
        }
        Cache::Db(_) => {
            let t = cache.db_ref_totals().unwrap_or_default();
            if t.unresolved > 0 {
                f.push(format!("{} of {} id references have no syms/types row", t.unresolved, t.total));
            }
        }
    }
    f
}

/// A readable overview (`view`): the modules, then each module's header facts and
/// first top-level statement.
pub fn view(cache: &Cache, out: &mut impl Write) -> io::Result<()> {
    modules(cache, out)?;
    match reach::compute(cache) {
        Live::Computed(r) => writeln!(out, "live symbols: {} (computed; no compiler record to check against)", r.live.len())?,
        Live::None(why) => writeln!(out, "live symbols: {why}")?,
    }
    for f in check_findings(cache) {
        writeln!(out, "note: {f}")?;
    }
    Ok(())
}
