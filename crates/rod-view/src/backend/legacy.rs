//! The legacy backend: the text `.rod` symbol files of Nimrod 0.9.0 / Nim 0.17.2 and
//! the sqlite `rodfiles.db` of Nim 0.19 – 1.4.8, decoded by `rod-legacy`.
//!
//! Each module shows two trees: `toplevel` (the INIT statements / toplevelstmts rows,
//! one root each, concatenated) and `asts` (every symbol's AST of the module, one root
//! each). Symbol references resolve as the compilers resolve them: through IMPORTS
//! to the owning module's `.rod` (text), or by global id (sqlite). The live set is
//! computed for a rodfiles.db from its top-level statements (no compiler record to
//! check against); a text cache has none.

use crate::cache::{Cache, Format};
use crate::ids::{ModuleIdx, NodePos, SymKey, Target, TreeId, TypeKey};
use crate::rows::{Fact, FileProblem, Link, LiveMark, ModuleRow, NodeRow, NodeValue, Pos, SymHit, SymRow, TableInfo, TreeInfo, TypeRow, UsageRow, Why, WhyStep};
use crate::text::short_path;
use rod_legacy::cache::{Cache as Legacy, ModuleSummary};
use rod_legacy::model::{Literal, Node, Tree};
use rod_legacy::names::Names;
use rod_legacy::reach::{self, Live};
use rod_legacy::{SymId, TypeId};
use std::collections::HashMap;

const TOPLEVEL: TreeId = TreeId(0);
const ASTS: TreeId = TreeId(1);

struct ModuleView {
    summary: ModuleSummary,
    /// The two trees, concatenated roots.
    trees: [Vec<Node>; 2],
    /// For `asts`: symbol id -> root position.
    ast_root: HashMap<i64, u32>,
    /// For `asts`: (root position, symbol id), ascending.
    ast_owner: Vec<(u32, i64)>,
    syms: Vec<i64>,
    types: Vec<i64>,
}

/// A loaded legacy cache behind the view contract.
pub struct LegacyCache {
    cache: Legacy,
    modules: Vec<ModuleView>,
    live: Option<HashMap<SymId, (rod_legacy::ModuleIdx, Option<SymId>)>>,
    live_note: String,
    problems: Vec<FileProblem>,
}

fn append(dst: &mut Vec<Node>, t: &Tree) -> u32 {
    let base = dst.len() as u32;
    dst.extend(t.nodes.iter().map(|n| Node { end: n.end.saturating_add(base), ..n.clone() }));
    base
}

/// A file that did not decode, as a problem row.
fn problem(file: &str, size: usize, e: &rod_format::Error) -> FileProblem {
    FileProblem {
        file: file.to_string(),
        size,
        message: e.to_string(),
        section: e.section(),
        offset: e.offset(),
        compiler: None,
    }
}

/// Decodes one text `.rod` file (Nimrod 0.9.0 / Nim 0.17.2): its module, or the
/// problem row naming the file, the section and the offset.
pub fn decode_text_file(name: &str, bytes: &[u8]) -> Result<(String, rod_legacy::text::TextModule), FileProblem> {
    rod_legacy::text::decode(bytes)
        .map(|m| (name.to_string(), m))
        .map_err(|e| problem(name, bytes.len(), &rod_legacy::open::with_file(e, name)))
}

fn lm(m: ModuleIdx) -> rod_legacy::ModuleIdx {
    rod_legacy::ModuleIdx(m.0)
}

fn vm(m: rod_legacy::ModuleIdx) -> ModuleIdx {
    ModuleIdx(m.0)
}

impl LegacyCache {
    /// Loads a cache from its files: one `rodfiles.db`, or the text `.rod` files of one
    /// nimcache. Files that do not decode are listed by [`Cache::problems`]; the other
    /// text files still load.
    pub fn load(files: Vec<(String, Vec<u8>)>) -> LegacyCache {
        let db = files.iter().find(|(_, b)| rod_legacy::detect(b).era().is_some_and(|e| !e.is_text()));
        if let Some((name, bytes)) = db {
            return match rod_legacy::open_db(bytes) {
                Ok(cache) => Self::new(cache, Vec::new()),
                Err(e) => Self::new(Legacy::Text(rod_legacy::cache::TextCache::new(Vec::new())), vec![problem(name, bytes.len(), &e)]),
            };
        }
        let mut decoded = Vec::new();
        let mut problems = Vec::new();
        for (name, bytes) in files.iter().filter(|(_, b)| rod_legacy::detect(b).era().is_some_and(|e| e.is_text())) {
            match decode_text_file(name, bytes) {
                Ok(m) => decoded.push(m),
                Err(p) => problems.push(p),
            }
        }
        Self::from_text(decoded, problems)
    }

    /// A text `.rod` cache of the files decoded one by one ([`decode_text_file`]), with
    /// the problems of those that did not decode.
    pub fn from_text(decoded: Vec<(String, rod_legacy::text::TextModule)>, problems: Vec<FileProblem>) -> LegacyCache {
        Self::new(Legacy::Text(rod_legacy::cache::TextCache::new(decoded)), problems)
    }

    fn new(cache: Legacy, problems: Vec<FileProblem>) -> LegacyCache {
        let summaries = cache.modules();
        let mut modules = Vec::with_capacity(summaries.len());
        for (i, summary) in summaries.into_iter().enumerate() {
            let mi = rod_legacy::ModuleIdx(i as u32);
            let mut top = Vec::new();
            for t in cache.toplevel_of(mi) {
                append(&mut top, t);
            }
            let mut asts = Vec::new();
            let mut ast_root = HashMap::new();
            let mut ast_owner = Vec::new();
            let mut syms = Vec::new();
            for s in cache.syms_of(mi) {
                syms.push(s.id.0);
                if let Some(a) = &s.ast {
                    let at = append(&mut asts, a);
                    ast_root.insert(s.id.0, at);
                    ast_owner.push((at, s.id.0));
                }
            }
            syms.sort_unstable();
            syms.dedup();
            let mut types: Vec<i64> = cache.types_of(mi).iter().map(|t| t.id.0).collect();
            types.sort_unstable();
            types.dedup();
            modules.push(ModuleView { summary, trees: [top, asts], ast_root, ast_owner, syms, types });
        }
        let (live, live_note) = match reach::compute(&cache) {
            Live::Computed(r) => (Some(r.live), "computed; no compiler record to check against".to_string()),
            Live::None(why) => (None, format!("no live set: {why}")),
        };
        LegacyCache { cache, modules, live, live_note, problems }
    }

    fn names(&self) -> &'static Names {
        self.cache.era().names()
    }

    fn tree(&self, m: ModuleIdx, t: TreeId) -> Option<&[Node]> {
        self.modules.get(m.0 as usize)?.trees.get(t.index()).map(Vec::as_slice)
    }

    fn pos(&self, m: ModuleIdx, info: rod_legacy::model::LineInfo) -> Pos {
        let file = self.cache.file_of(lm(m), info).unwrap_or_default();
        let own = self.modules.get(m.0 as usize).is_some_and(|v| v.summary.path == file);
        Pos { file, line: info.line, col: info.col, own_file: own }
    }

    fn alive(&self, s: SymId) -> Option<bool> {
        self.live.as_ref().map(|l| l.contains_key(&s))
    }

    fn type_link(&self, m: ModuleIdx, t: TypeId) -> Link {
        match self.cache.typ(lm(m), t) {
            Some(ty) => {
                let kind = Names::name(self.names().type_kind, i64::from(ty.kind)).unwrap_or("?");
                let name = ty.sym.and_then(|s| self.cache.sym(lm(m), s)).map(|(_, s)| s.name.clone());
                let label = match name {
                    Some(n) => format!("{n} ({kind} #{})", t.0),
                    None => format!("{kind} #{}", t.0),
                };
                let home = match &self.cache {
                    Legacy::Db(d) => d.typ(t).and_then(|r| d.modules.iter().position(|x| x.nimid == r.module)).map_or(m, |i| ModuleIdx(i as u32)),
                    Legacy::Text(_) => m,
                };
                Link::to(label, Target::Type(home, TypeKey(t.0)))
            }
            None => Link::unresolved(format!("type #{}", t.0), "no type with this id in the module's file"),
        }
    }

    fn why_unresolved(&self, m: ModuleIdx, s: SymId) -> String {
        if let Legacy::Text(t) = &self.cache {
            if let Some((_, tm)) = t.modules.get(m.0 as usize) {
                if let Some(&(_, owner)) = tm.imports.iter().find(|(x, _)| *x == s) {
                    return match t.module_by_id(owner) {
                        Some(o) => format!(
                            "IMPORTS names module {} ({}), whose .rod file does not hold it",
                            owner.0,
                            t.modules.get(o.get()).map_or("", |(f, _)| f.as_str())
                        ),
                        None => format!("IMPORTS names module {}, which is not loaded", owner.0),
                    };
                }
            }
            return "neither in this file's INDEX nor in its IMPORTS".into();
        }
        "no syms row has this id".into()
    }
}

impl Cache for LegacyCache {
    fn format(&self) -> Format {
        if self.cache.era().is_text() {
            Format::LegacyText
        } else {
            Format::LegacySqlite
        }
    }

    fn notes(&self) -> Vec<String> {
        let mut out = vec![format!("{}; live set: {}", self.cache.era().describe(), self.live_note)];
        out.extend(rod_legacy::print::check_findings(&self.cache));
        out
    }

    fn problems(&self) -> Vec<FileProblem> {
        self.problems.clone()
    }

    fn module_count(&self) -> usize {
        self.modules.len()
    }

    fn module_row(&self, m: ModuleIdx) -> Option<ModuleRow> {
        let v = self.modules.get(m.0 as usize)?;
        let s = &v.summary;
        let alive = self.live.as_ref().map(|l| v.syms.iter().filter(|id| l.contains_key(&SymId(**id))).count());
        Some(ModuleRow {
            module: m,
            file: s.source.clone(),
            path: s.path.clone(),
            short: short_path(&s.path).to_string(),
            compiler: self.cache.era().compiler().to_string(),
            size: 0,
            syms: s.syms,
            holes: 0,
            types: s.types,
            nodes: v.trees.iter().map(Vec::len).sum(),
            alive,
            live: if self.live.is_some() { LiveMark::ComputedOnly } else { LiveMark::None },
            status: Vec::new(),
        })
    }

    fn module_key(&self, m: ModuleIdx) -> Option<String> {
        self.modules.get(m.0 as usize).map(|v| v.summary.name.clone())
    }

    fn module_by_key(&self, key: &str) -> Option<ModuleIdx> {
        self.modules.iter().position(|v| v.summary.name == key || v.summary.source == key).map(|i| ModuleIdx(i as u32))
    }

    fn module_facts(&self, m: ModuleIdx) -> Vec<Fact> {
        let Some(v) = self.modules.get(m.0 as usize) else { return Vec::new() };
        vec![
            Fact::text("Path", v.summary.path.clone()),
            Fact::text("Compiler", self.cache.era().describe()),
            Fact::text("Module id", v.summary.id.0.to_string()),
            Fact::text("Read from", v.summary.source.clone()),
            Fact::text("Live set", self.live_note.clone()),
        ]
    }

    fn trees(&self, m: ModuleIdx) -> Vec<TreeInfo> {
        let Some(v) = self.modules.get(m.0 as usize) else { return Vec::new() };
        let title = if self.cache.era().is_text() { "INIT" } else { "toplevelstmts" };
        vec![
            TreeInfo { id: TOPLEVEL, slug: "toplevel".into(), title: title.into(), len: v.trees[0].len() },
            TreeInfo { id: ASTS, slug: "asts".into(), title: "symbol ASTs".into(), len: v.trees[1].len() },
        ]
    }

    fn tree_len(&self, m: ModuleIdx, t: TreeId) -> usize {
        self.tree(m, t).map_or(0, <[Node]>::len)
    }

    // The packed-array pane (issue 9): these formats keep no flat array.
    fn array_storage(&self, _m: ModuleIdx, _t: TreeId) -> crate::array::ArrayStorage {
        crate::array::ArrayStorage::NotFlat(if self.cache.era().is_text() {
            "A text .rod file stores each tree as nested text: a node is '(' kind, its info, flags, type and literal, then its sons, then ')'. There are no node records and no spans; the rows shown are rodscope's own pre-order array, built while reading the parentheses.".into()
        } else {
            "A rodfiles.db stores each top-level statement and symbol AST as one text cell of its sqlite tables, the nodes nested in parentheses. There are no node records and no spans; the rows shown are rodscope's own pre-order array, built while reading the text.".into()
        })
    }

    fn subtree_end(&self, m: ModuleIdx, t: TreeId, n: NodePos) -> NodePos {
        let Some(nodes) = self.tree(m, t) else { return n };
        match nodes.get(n.0 as usize) {
            Some(x) => NodePos(x.end.clamp(n.0.saturating_add(1), nodes.len() as u32)),
            None => n,
        }
    }

    fn node_row(&self, m: ModuleIdx, t: TreeId, n: NodePos) -> Option<NodeRow> {
        let node = self.tree(m, t)?.get(n.0 as usize)?;
        let names = self.names();
        let Some(kind) = node.kind else {
            return Some(NodeRow {
                kind: "nil".into(),
                value: NodeValue::None,
                typ: None,
                flags: Vec::new(),
                pos: None,
                folds_children: false,
                owner: None,
                hint: None,
                bytes: None,
            });
        };
        let value = match &node.lit {
            Literal::None => NodeValue::None,
            Literal::Int(v) => NodeValue::Lit(v.to_string()),
            Literal::Float(v) => NodeValue::Lit(if v.is_empty() { "0.0".into() } else { v.clone() }),
            Literal::Str(v) => NodeValue::Lit(format!("{v:?}")),
            Literal::Ident(v) => NodeValue::Lit(v.clone()),
            Literal::Sym(s) => {
                let link = self.sym_link(m, SymKey(s.0), false);
                match (link.target, self.cache.sym(lm(m), *s)) {
                    (Some(target), Some((_, sym))) => {
                        let other = target.module() != m;
                        NodeValue::Sym {
                            name: sym.name.clone(),
                            kind: Names::name(names.sym_kind, i64::from(sym.kind)).unwrap_or("?").to_string(),
                            module: if other { self.modules.get(target.module().0 as usize).map(|v| v.summary.name.clone()) } else { None },
                            link,
                        }
                    }
                    _ => NodeValue::Unresolved(link),
                }
            }
        };
        let owner = if t == ASTS {
            self.modules.get(m.0 as usize).and_then(|v| v.ast_owner.binary_search_by_key(&n.0, |x| x.0).ok().and_then(|i| v.ast_owner.get(i))).map(|&(_, s)| self.sym_link(m, SymKey(s), false))
        } else {
            None
        };
        Some(NodeRow {
            kind: Names::name(names.node_kind, i64::from(kind)).map_or_else(|| format!("#{kind}"), str::to_string),
            value,
            typ: node.typ.map(|ty| self.type_link(m, ty)),
            flags: Names::set_names(names.node_flag, node.flags as u64),
            pos: Some(self.pos(m, node.info)),
            folds_children: false,
            owner,
            hint: None,
            bytes: None,
        })
    }

    fn symbols(&self, m: ModuleIdx) -> Vec<SymKey> {
        self.modules.get(m.0 as usize).map(|v| v.syms.iter().map(|&s| SymKey(s)).collect()).unwrap_or_default()
    }

    fn symbol_holes(&self, _m: ModuleIdx) -> usize {
        0
    }

    fn sym_row(&self, m: ModuleIdx, s: SymKey) -> Option<SymRow> {
        let (home, sym) = self.cache.sym(lm(m), SymId(s.0))?;
        let home = vm(home);
        let names = self.names();
        let mut facts = Vec::new();
        if let Some(x) = sym.magic {
            facts.push(Fact::text("Magic", Names::name(names.magic, x).map_or_else(|| x.to_string(), str::to_string)));
        }
        if let Some(x) = sym.options {
            facts.push(Fact::text("Options", Names::set_names(names.option, x as u64).join(", ")));
        }
        if let Some(x) = sym.position {
            facts.push(Fact::text("Position", x.to_string()));
        }
        if let Some(r) = sym.loc.as_ref().and_then(|l| l.r.clone()) {
            facts.push(Fact::text("C name", r));
        }
        let definition = self.modules.get(home.0 as usize).and_then(|v| v.ast_root.get(&s.0)).map(|&p| (ASTS, NodePos(p)));
        Some(SymRow {
            key: s,
            name: sym.name.clone(),
            kind: Names::name(names.sym_kind, i64::from(sym.kind)).unwrap_or("?").to_string(),
            flags: Names::set_names(names.sym_flag, sym.flags),
            typ: sym.typ.map(|t| self.type_link(home, t)),
            owner: sym.owner.map(|o| self.sym_link(home, SymKey(o.0), true)),
            pos: Some(self.pos(home, sym.info)),
            alive: self.alive(sym.id),
            definition,
            facts,
        })
    }

    fn types(&self, m: ModuleIdx) -> Vec<TypeKey> {
        self.modules.get(m.0 as usize).map(|v| v.types.iter().map(|&t| TypeKey(t)).collect()).unwrap_or_default()
    }

    fn type_row(&self, m: ModuleIdx, t: TypeKey) -> Option<TypeRow> {
        let ty = self.cache.typ(lm(m), TypeId(t.0))?;
        let names = self.names();
        let kind = Names::name(names.type_kind, i64::from(ty.kind)).unwrap_or("?").to_string();
        let sym = ty.sym.map(|s| self.sym_link(m, SymKey(s.0), true));
        let expr = sym.as_ref().map_or_else(|| kind.clone(), |l| l.label.split(' ').next().unwrap_or("").to_string());
        let mut facts = vec![Fact::text("Size", ty.size.to_string()), Fact::text("Align", ty.align.to_string())];
        if let Some(o) = ty.owner {
            facts.push(Fact::links("Owner", vec![self.sym_link(m, SymKey(o.0), true)]));
        }
        if let Some(cc) = ty.call_conv {
            facts.push(Fact::text("Calling convention", Names::name(names.calling_convention, cc).unwrap_or("?")));
        }
        Some(TypeRow {
            key: t,
            kind,
            expr,
            sym,
            flags: Names::set_names(names.type_flag, ty.flags),
            sons: ty.sons.iter().map(|s| s.map_or_else(|| Link::unresolved("nil", "nil son"), |x| self.type_link(m, x))).collect(),
            node: None,
            facts,
        })
    }

    fn sym_link(&self, m: ModuleIdx, s: SymKey, qualified: bool) -> Link {
        match self.cache.sym(lm(m), SymId(s.0)) {
            Some((home, sym)) => {
                let home = vm(home);
                let kind = Names::name(self.names().sym_kind, i64::from(sym.kind)).unwrap_or("?");
                let q = if qualified || home != m {
                    self.modules.get(home.0 as usize).map_or(String::new(), |v| format!("{}.", v.summary.name))
                } else {
                    String::new()
                };
                let mut l = Link::to(format!("{q}{} ({kind} #{})", sym.name, s.0), Target::Sym(home, s));
                l.alive = self.alive(sym.id);
                l
            }
            None => Link::unresolved(format!("#{}", s.0), self.why_unresolved(m, SymId(s.0))),
        }
    }

    fn tables(&self, m: ModuleIdx) -> Vec<TableInfo> {
        match &self.cache {
            Legacy::Text(t) => {
                let n = t.modules.get(m.0 as usize).map_or(0, |(_, x)| x.imports.len());
                vec![TableInfo {
                    slug: "imports".into(),
                    title: "IMPORTS".into(),
                    columns: vec!["symbol".into(), "owner module id".into()],
                    len: n,
                    about: "Symbols this module references but does not own, with the id of the module that owns each.".into(),
                }]
            }
            Legacy::Db(_) => Vec::new(),
        }
    }

    fn table_row(&self, m: ModuleIdx, table: &str, row: usize) -> Option<Vec<Link>> {
        let Legacy::Text(t) = &self.cache else { return None };
        if table != "imports" {
            return None;
        }
        let &(s, owner) = t.modules.get(m.0 as usize)?.1.imports.get(row)?;
        let owner_link = match t.module_by_id(owner) {
            Some(o) => Link::to(format!("{}", owner.0), Target::Module(vm(o))),
            None => Link::unresolved(format!("{}", owner.0), "module not loaded"),
        };
        Some(vec![self.sym_link(m, SymKey(s.0), true), owner_link])
    }

    fn live_mark(&self, _m: ModuleIdx) -> LiveMark {
        if self.live.is_some() {
            LiveMark::ComputedOnly
        } else {
            LiveMark::None
        }
    }

    fn is_alive(&self, _m: ModuleIdx, s: SymKey) -> Option<bool> {
        self.alive(SymId(s.0))
    }

    fn in_record(&self, _m: ModuleIdx, _s: SymKey) -> Option<bool> {
        None
    }

    fn why(&self, m: ModuleIdx, s: SymKey) -> Why {
        let Some(live) = &self.live else { return Why::Unknown(self.live_note.clone()) };
        let mut chain = Vec::new();
        let mut cur = SymId(s.0);
        // Each step goes to the symbol that reached `cur`; bounded by the set's size.
        for _ in 0..=live.len() {
            let Some(&(site_module, by)) = live.get(&cur) else { break };
            let site_module = vm(site_module);
            let site = match by {
                Some(b) => self.sym_link(site_module, SymKey(b.0), true),
                None => Link::to(
                    format!("top level of {}", self.modules.get(site_module.0 as usize).map_or("", |v| v.summary.name.as_str())),
                    Target::Module(site_module),
                ),
            };
            chain.push(WhyStep { site, rule: "mentions".into(), sym: self.sym_link(m, SymKey(cur.0), true) });
            match by {
                Some(b) if b != cur => cur = b,
                _ => break,
            }
        }
        if chain.is_empty() {
            Why::Dead { reason: "not reachable from any top-level statement".into(), mentions: Vec::new() }
        } else {
            chain.reverse();
            Why::Alive(chain)
        }
    }

    fn usages(&self, _m: ModuleIdx, s: SymKey) -> Vec<UsageRow> {
        let mut out = Vec::new();
        for (i, v) in self.modules.iter().enumerate() {
            let mi = ModuleIdx(i as u32);
            for (ti, nodes) in v.trees.iter().enumerate() {
                for (p, n) in nodes.iter().enumerate() {
                    if n.lit != Literal::Sym(SymId(s.0)) {
                        continue;
                    }
                    let tid = TreeId(ti as u8);
                    let within = if tid == ASTS {
                        let k = v.ast_owner.partition_point(|x| x.0 as usize <= p);
                        k.checked_sub(1).and_then(|k| v.ast_owner.get(k)).map(|&(_, o)| vec![self.sym_link(mi, SymKey(o), true)]).unwrap_or_default()
                    } else {
                        Vec::new()
                    };
                    let slug = if tid == ASTS { "asts" } else { "toplevel" };
                    out.push(UsageRow {
                        node: Link::to(format!("{}, {slug} node {p}", v.summary.name), Target::Node(mi, tid, NodePos(p as u32))),
                        pos: Some(self.pos(mi, n.info)),
                        within,
                    });
                }
            }
        }
        out
    }

    fn search(&self, query: &str, cap: usize) -> (Vec<SymHit>, usize) {
        let (name, module) = query.split_once('@').map_or((query, None), |(a, b)| (a, Some(b)));
        let q = name.to_ascii_lowercase();
        let mut hits = Vec::new();
        for (i, v) in self.modules.iter().enumerate() {
            if module.is_some_and(|mm| !v.summary.name.to_ascii_lowercase().contains(&mm.to_ascii_lowercase())) {
                continue;
            }
            for s in self.cache.syms_of(rod_legacy::ModuleIdx(i as u32)) {
                let n = s.name.to_ascii_lowercase();
                let rank = if n == q {
                    0
                } else if n.starts_with(&q) {
                    1
                } else if n.contains(&q) {
                    2
                } else {
                    continue;
                };
                hits.push(SymHit { module: ModuleIdx(i as u32), sym: SymKey(s.id.0), rank });
            }
        }
        hits.sort_by_key(|h| (h.rank, h.module, h.sym));
        let total = hits.len();
        hits.truncate(cap);
        (hits, total)
    }

    fn find_symbols(&self, query: &str) -> Vec<(ModuleIdx, SymKey)> {
        let (name, module) = query.split_once('@').map_or((query, None), |(a, b)| (a, Some(b)));
        let mut out = Vec::new();
        for (i, v) in self.modules.iter().enumerate() {
            if module.is_some_and(|mm| v.summary.name != mm) {
                continue;
            }
            for s in self.cache.syms_of(rod_legacy::ModuleIdx(i as u32)) {
                if name == "*" || s.name == name {
                    out.push((ModuleIdx(i as u32), SymKey(s.id.0)));
                }
            }
        }
        out
    }
}
