//! Printers for the command line: detect lines, check reports, trees, a JSON
//! dump, live-set checks, why-chains and usages. All write to `impl Write`.

use crate::cache::{Cache, Target};
use crate::dce::{check, Reachability};
use crate::detect::Detected;
use crate::model::{Document, Encoding, NodeId, NodeKind, Pos};
use crate::symbol::split;
use std::io::{self, Write};

fn encoding_label(e: Option<Encoding>) -> (&'static str, String) {
    match e {
        Some(Encoding::Bif { version }) => ("bif", format!("v{version}")),
        Some(Encoding::Text { version: Some(v) }) => ("nif", format!("nif{v}")),
        Some(Encoding::Text { version: None }) => ("nif", "-".into()),
        None => ("unknown", "-".into()),
    }
}

/// One tab-separated `detect` line: path, encoding, version, role, status, reason.
pub fn detect_line(path: &str, d: &Detected, out: &mut impl Write) -> io::Result<()> {
    let (enc, v) = encoding_label(d.encoding);
    let role = d.role.map_or("-", |r| r.name());
    let status = if d.confirmed { "ok" } else { "damaged" };
    writeln!(out, "{path}\t{enc}\t{v}\t{role}\t{status}\t{}", d.reason)
}

/// Problems of a decoded document: index entries that do not lead to a
/// compound whose first SymbolDef is the indexed symbol.
pub fn findings(doc: &Document) -> Vec<String> {
    let mut v = Vec::new();
    for e in doc.index().unwrap_or(&[]) {
        match e.decl {
            None => v.push(format!("index entry {} (offset {}) leads to no compound", e.symbol, e.offset)),
            Some(d) => {
                let first = doc.first_symbol_def(d).and_then(|s| doc.symbol(s));
                if first.as_deref() != Some(e.symbol.as_str()) {
                    v.push(format!("index entry {} leads to a compound defining {}", e.symbol, first.unwrap_or_default()));
                }
            }
        }
    }
    v
}

/// The `check` report of one file; returns whether it is clean.
pub fn check_file(path: &str, doc: &crate::Result<Document>, out: &mut impl Write) -> io::Result<bool> {
    match doc {
        Err(e) => {
            writeln!(out, "{path}: error: {e}")?;
            Ok(false)
        }
        Ok(d) => {
            let f = findings(d);
            if f.is_empty() {
                let (enc, v) = encoding_label(Some(d.encoding()));
                let ix = d.index().map_or(String::new(), |i| format!(", index {} entries", i.len()));
                writeln!(out, "{path}: ok ({enc} {v}, {}, {} nodes{ix})", crate::detect::role_of(d).name(), d.nodes().len())?;
            }
            for x in &f {
                writeln!(out, "{path}: {x}")?;
            }
            Ok(f.is_empty())
        }
    }
}

fn pos_text(doc: &Document, p: Pos) -> String {
    if !p.file.is_valid() {
        return String::new();
    }
    format!("{}:{}:{}", String::from_utf8_lossy(doc.file_name(p.file)), p.line, p.col)
}

/// One node as a short line: tag name or atom, with its value.
pub fn node_label(doc: &Document, id: NodeId) -> String {
    let Some(n) = doc.node(id) else { return String::new() };
    match n.kind {
        NodeKind::Tag => format!("({}", doc.tag_of(id).unwrap_or_default()),
        NodeKind::DotToken => ".".into(),
        NodeKind::Ident => format!("ident {}", doc.text(id).unwrap_or_default()),
        NodeKind::Symbol => format!("sym {}", doc.symbol(id).unwrap_or_default()),
        NodeKind::SymbolDef => format!("symdef {}", doc.symbol(id).unwrap_or_default()),
        NodeKind::StrLit => format!("str {:?}", doc.text(id).unwrap_or_default()),
        NodeKind::CharLit => format!("char {:?}", doc.char(id).map(char::from).unwrap_or_default()),
        NodeKind::IntLit => format!("int {}", doc.int(id).unwrap_or_default()),
        NodeKind::UIntLit => format!("uint {}u", doc.uint(id).unwrap_or_default()),
        NodeKind::FloatLit => format!("float {:?}", doc.float(id).unwrap_or_default()),
    }
}

/// An indented tree: node id, label, position. `root` limits it to one subtree,
/// `depth` to that many levels below the roots.
pub fn tree(doc: &Document, root: Option<NodeId>, depth: Option<u32>, out: &mut impl Write) -> io::Result<()> {
    let (start, end) = match root.and_then(|r| doc.node(r).map(|n| (r.0, n.end))) {
        Some(x) => x,
        None => (0, doc.nodes().len() as u32),
    };
    let mut stack: Vec<u32> = Vec::new();
    for i in start..end {
        while stack.last().is_some_and(|&e| e <= i) {
            stack.pop();
        }
        let Some(n) = doc.node(NodeId(i)) else { break };
        let level = stack.len() as u32;
        if depth.is_none_or(|d| level <= d) {
            let indent = "  ".repeat(stack.len());
            let p = pos_text(doc, n.pos);
            let own = if n.has_own_pos() { "" } else { " (inherited)" };
            let p = if p.is_empty() { String::new() } else { format!("  @{p}{own}") };
            writeln!(out, "{i:>7} {indent}{}{p}", node_label(doc, NodeId(i)))?;
        }
        if n.kind == NodeKind::Tag {
            stack.push(n.end);
        }
    }
    Ok(())
}

fn json_str(out: &mut impl Write, s: &[u8]) -> io::Result<()> {
    out.write_all(b"\"")?;
    for ch in String::from_utf8_lossy(s).chars() {
        match ch {
            '"' => out.write_all(b"\\\"")?,
            '\\' => out.write_all(b"\\\\")?,
            c if (c as u32) < 0x20 => write!(out, "\\u{:04x}", c as u32)?,
            c => write!(out, "{c}")?,
        }
    }
    out.write_all(b"\"")
}

/// Everything decoded, as JSON: encoding, directives, file names, every node
/// (kind, tag or value, subtree end, position) and the index.
pub fn dump_json(doc: &Document, out: &mut impl Write) -> io::Result<()> {
    let (enc, v) = encoding_label(Some(doc.encoding()));
    write!(out, "{{\"encoding\":\"{enc}\",\"version\":\"{v}\",\"suffix\":")?;
    json_str(out, doc.suffix().as_bytes())?;
    write!(out, ",\"role\":\"{}\",\"indexat\":{},\"directives\":[", crate::detect::role_of(doc).name(), doc.indexat().map_or("null".into(), |x| x.to_string()))?;
    for (k, d) in doc.directives().iter().enumerate() {
        out.write_all(if k > 0 { b",{\"name\":" } else { b"{\"name\":" })?;
        json_str(out, d.name.as_bytes())?;
        out.write_all(b",\"arg\":")?;
        match &d.arg {
            Some(a) => json_str(out, a.as_bytes())?,
            None => out.write_all(b"null")?,
        }
        out.write_all(b"}")?;
    }
    out.write_all(b"],\"files\":[")?;
    for f in 1..=doc.file_count() as u32 {
        if f > 1 {
            out.write_all(b",")?;
        }
        json_str(out, doc.file_name(crate::FileId(f)))?;
    }
    out.write_all(b"],\"nodes\":[")?;
    for (i, n) in doc.nodes().iter().enumerate() {
        let id = NodeId(i as u32);
        out.write_all(if i > 0 { b",\n{" } else { b"\n{" })?;
        write!(out, "\"kind\":\"{}\",\"end\":{}", n.kind.name(), n.end)?;
        match n.kind {
            NodeKind::Tag => {
                out.write_all(b",\"tag\":")?;
                json_str(out, n.tag().map_or(&[][..], |t| doc.tag_name(t)))?;
            }
            NodeKind::Symbol | NodeKind::SymbolDef => {
                out.write_all(b",\"value\":")?;
                json_str(out, doc.symbol(id).unwrap_or_default().as_bytes())?;
            }
            NodeKind::StrLit | NodeKind::Ident => {
                out.write_all(b",\"value\":")?;
                json_str(out, doc.atom_bytes(id))?;
            }
            NodeKind::IntLit => write!(out, ",\"value\":{}", doc.int(id).unwrap_or_default())?,
            NodeKind::UIntLit => write!(out, ",\"value\":{}", doc.uint(id).unwrap_or_default())?,
            NodeKind::CharLit => write!(out, ",\"value\":{}", doc.char(id).unwrap_or_default())?,
            NodeKind::FloatLit => {
                let f = doc.float(id).unwrap_or_default();
                if f.is_finite() {
                    write!(out, ",\"value\":{f:?}")?;
                } else {
                    write!(out, ",\"value\":\"{f}\"")?;
                }
            }
            NodeKind::DotToken => {}
        }
        if n.pos.file.is_valid() {
            write!(out, ",\"pos\":[{},{},{}]", n.pos.file.0, n.pos.line, n.pos.col)?;
        }
        if let Some(c) = doc.comment(id) {
            out.write_all(b",\"comment\":")?;
            json_str(out, c)?;
        }
        out.write_all(b"}")?;
    }
    out.write_all(b"],\"index\":")?;
    match doc.index() {
        None => out.write_all(b"null")?,
        Some(ix) => {
            out.write_all(b"[")?;
            for (k, e) in ix.iter().enumerate() {
                out.write_all(if k > 0 { b",\n{\"symbol\":" } else { b"\n{\"symbol\":" })?;
                json_str(out, e.symbol.as_bytes())?;
                write!(out, ",\"visibility\":\"{}\",\"offset\":{},\"decl\":{}}}", e.visibility.name(), e.offset, e.decl.map_or("null".into(), |d| d.0.to_string()))?;
            }
            out.write_all(b"]")?;
        }
    }
    out.write_all(b"}\n")
}

/// `alive --check`: the recomputed live set against `.live.nif`, per module.
/// Returns whether every module matches.
pub fn alive_check(cache: &Cache, reach: &Reachability, out: &mut impl Write) -> io::Result<bool> {
    let Some(live) = cache.live() else {
        writeln!(out, "no .live.nif in this nimcache")?;
        return Ok(false);
    };
    let live = match live {
        Ok(l) => l,
        Err(e) => {
            writeln!(out, ".live.nif: error: {e}")?;
            return Ok(false);
        }
    };
    let checks = check(reach, &live);
    let mut all = true;
    for c in &checks {
        let status = if c.matches() { "match" } else { "differ" };
        all &= c.matches();
        writeln!(out, "{}: computed {}, recorded {}: {status}", c.module, c.computed, c.recorded)?;
        for s in &c.missing {
            writeln!(out, "  recorded, not computed: {s}")?;
        }
        for s in &c.extra {
            writeln!(out, "  computed, not recorded: {s}")?;
        }
    }
    let winners_ok = live.resolved.iter().filter(|(k, w)| reach.resolved.get(k) == Some(w)).count();
    writeln!(out, "resolved instances: {winners_ok}/{} winners agree", live.resolved.len())?;
    all &= winners_ok == live.resolved.len();
    writeln!(out, "{} modules, {} live symbols: {}", checks.len(), reach.live_count(), if all { "all match" } else { "DIFFER" })?;
    Ok(all)
}

/// The live symbols per module (the summary `alive` prints).
pub fn alive_summary(reach: &Reachability, out: &mut impl Write) -> io::Result<()> {
    let by = reach.live_by_module();
    for (m, syms) in &by {
        writeln!(out, "{m}: {} live", syms.len())?;
    }
    writeln!(out, "{} modules, {} live symbols", by.len(), reach.live_count())
}

/// The full names a query means: a full name, `IDENT`, or `IDENT@SUFFIX` /
/// `IDENT@source.nim`, looked up in the modules' declarations and the DCE graphs.
pub fn find_symbols(cache: &Cache, reach: &Reachability, query: &str) -> Vec<String> {
    if reach.id(query).is_some() || cache.resolve(query).is_some_and(|t| matches!(t, Target::Decl { .. })) {
        return vec![query.to_owned()];
    }
    let (ident, module) = match query.split_once('@') {
        Some((i, m)) => (i, Some(m)),
        None => (query, None),
    };
    let mut out = Vec::new();
    for m in &cache.modules {
        if let Some(q) = module {
            let src = m.source.as_deref().unwrap_or("");
            let stem = src.rsplit('/').next().unwrap_or(src);
            if m.suffix != q && stem != q && stem.strip_suffix(".nim") != Some(q) && !src.ends_with(q) {
                continue;
            }
        }
        for d in &m.decls {
            if split(&d.symbol).ident == ident {
                out.push(d.symbol.clone());
            }
        }
    }
    out
}

fn decl_where(cache: &Cache, symbol: &str) -> String {
    match cache.resolve(symbol) {
        Some(Target::Decl { module, decl }) => {
            let (Some(d), Some(doc)) = (cache.modules.get(module).and_then(|m| m.decls.get(decl)), cache.doc(module)) else {
                return String::new();
            };
            format!("  ({} {} at {})", d.visibility.name(), d.tag, pos_text(doc, d.pos))
        }
        Some(Target::NotInIndex { .. }) => "  (not in its module's index)".into(),
        Some(Target::MissingModule { suffix }) => format!("  (module {suffix} is not in this nimcache)"),
        None => String::new(),
    }
}

/// Why a symbol is live (the chain from a root), or who would make it live.
pub fn why(cache: &Cache, reach: &Reachability, symbol: &str, out: &mut impl Write) -> io::Result<()> {
    match reach.why(symbol) {
        Some(chain) => {
            writeln!(out, "{symbol} is live:")?;
            for (k, s) in chain.iter().enumerate() {
                let how = if k == 0 { "root" } else { "used by the above" };
                writeln!(out, "  {}{s}  [{how}]{}", "  ".repeat(k), decl_where(cache, s))?;
            }
        }
        None => {
            writeln!(out, "{symbol} is not live{}", decl_where(cache, symbol))?;
            let (owners, roots) = reach.usages(symbol);
            if owners.is_empty() && roots.is_empty() {
                writeln!(out, "  no DCE graph uses it")?;
            }
            for o in owners {
                let st = if reach.is_live(&o) { "live" } else { "not live" };
                writeln!(out, "  used by {o} ({st})")?;
            }
        }
    }
    Ok(())
}

/// Every node naming a symbol in every decoded tree of the cache, then the DCE
/// graph entries that use it.
pub fn refs(cache: &Cache, reach: &Reachability, symbol: &str, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "{symbol}{}", decl_where(cache, symbol))?;
    let mut n = 0;
    let mut buf = Vec::new();
    for f in &cache.files {
        let Ok(doc) = &f.doc else { continue };
        let mut stack: Vec<(u32, NodeId)> = Vec::new();
        for (i, node) in doc.nodes().iter().enumerate() {
            let i = i as u32;
            while stack.last().is_some_and(|s| s.0 <= i) {
                stack.pop();
            }
            if node.kind == NodeKind::Tag {
                stack.push((node.end, NodeId(i)));
                continue;
            }
            if !matches!(node.kind, NodeKind::Symbol | NodeKind::SymbolDef) {
                continue;
            }
            buf.clear();
            doc.symbol_bytes_into(NodeId(i), &mut buf);
            if buf != symbol.as_bytes() {
                continue;
            }
            n += 1;
            let what = if node.kind == NodeKind::SymbolDef { "defines" } else { "uses" };
            let parent = stack.last().and_then(|s| doc.tag_of(s.1)).unwrap_or_default();
            writeln!(out, "  {} node {i} ({parent} …) {what} it {}", f.path, pos_text(doc, node.pos))?;
        }
    }
    let (owners, roots) = reach.usages(symbol);
    for o in &owners {
        writeln!(out, "  dce: used by {o}")?;
    }
    for m in &roots {
        writeln!(out, "  dce: a root of {m}")?;
    }
    writeln!(out, "{n} nodes, {} DCE uses, {} DCE roots", owners.len(), roots.len())
}
