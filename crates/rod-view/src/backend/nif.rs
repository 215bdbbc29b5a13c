//! The nimony NIF / BIF backend: a [`rod_nif::cache::Cache`] (a nimcache of NIF27
//! text and BIF files) as the view contract.
//!
//! * Modules are the suffixes with a semchecked `.s.nif`, sorted by suffix; the key
//!   is the suffix.
//! * Trees: tree 0 is the semchecked module (`s`), then the module's other files
//!   (`x`, `c`, `dce`, `p`, …), each one flat pre-order node array as decoded.
//! * Symbols are the entries of the semchecked file's index (`SymKey` = the entry's
//!   position); a Symbol node naming another module links through suffix → module
//!   → that module's index, or stays unresolved naming the missing module.
//! * NIF has no type table (types are trees), so `types` is empty.
//! * The live set is recomputed from the `.dce.nif` graphs and checked against the
//!   `.live.nif` record per module.

use std::cell::OnceCell;
use std::collections::BTreeMap;

use rod_nif::cache::{Cache as NifModel, Target as NifTarget};
use rod_nif::dce::{check, LiveFile, ModuleCheck, Reachability};
use rod_nif::symbol::split;
use rod_nif::{Document, NodeId, NodeKind};

use crate::cache::{Cache, Format};
use crate::ids::{ModuleIdx, NodePos, SymKey, Target, TreeId, TypeKey};
use crate::rows::{
    Fact, FileProblem, Link, LiveMark, ModuleRow, NodeRow, NodeValue, Pos, SymHit, SymRow, TableInfo, TreeInfo,
    TypeRow, UsageRow, Why, WhyStep,
};

/// Whether the bytes are nimony NIF text or BIF (by content).
pub fn is_nif(bytes: &[u8]) -> bool {
    rod_nif::detect::sniff(bytes).is_some()
}

/// A nimcache of NIF files, with its recomputed live set.
pub struct NifCache {
    model: NifModel,
    reach: Reachability,
    record: Option<Result<LiveFile, String>>,
    checks: OnceCell<BTreeMap<String, ModuleCheck>>,
    live_counts: OnceCell<BTreeMap<String, usize>>,
    recorded: OnceCell<std::collections::BTreeSet<String>>,
}

impl NifCache {
    /// Loads (path relative to the nimcache, bytes) pairs.
    pub fn load(files: Vec<(String, Vec<u8>)>) -> NifCache {
        Self::from_model(NifModel::from_files(files))
    }

    /// Builds the cache from files read one by one with
    /// [`rod_nif::cache::CacheFile::read`] (see [`crate::open::Step::NifFile`]).
    pub fn from_read(files: Vec<rod_nif::cache::CacheFile>) -> NifCache {
        Self::from_model(NifModel::from_read(files))
    }

    fn from_model(model: NifModel) -> NifCache {
        let reach = model.reachability();
        let record = model.live().map(|r| r.map_err(|e| e.to_string()));
        NifCache { model, reach, record, checks: OnceCell::new(), live_counts: OnceCell::new(), recorded: OnceCell::new() }
    }

    /// The underlying model.
    pub fn model(&self) -> &NifModel {
        &self.model
    }

    fn checks(&self) -> &BTreeMap<String, ModuleCheck> {
        self.checks.get_or_init(|| match &self.record {
            Some(Ok(l)) => check(&self.reach, l).into_iter().map(|c| (c.module.clone(), c)).collect(),
            _ => BTreeMap::new(),
        })
    }

    fn module(&self, m: ModuleIdx) -> Option<&rod_nif::cache::Module> {
        self.model.modules.get(m.0 as usize)
    }

    /// The file index of tree `t` of module `m`.
    fn tree_file(&self, m: ModuleIdx, t: TreeId) -> Option<usize> {
        let md = self.module(m)?;
        if t.0 == 0 {
            Some(md.semchecked)
        } else {
            md.trees.get(t.index() - 1).copied()
        }
    }

    fn tree_doc(&self, m: ModuleIdx, t: TreeId) -> Option<&Document> {
        self.model.files.get(self.tree_file(m, t)?)?.doc.as_ref().ok()
    }

    fn has_live(&self) -> bool {
        !self.reach.graph_modules.is_empty()
    }

    fn symbol_name(&self, m: ModuleIdx, s: SymKey) -> Option<&str> {
        let d = self.module(m)?.decls.get(usize::try_from(s.0).ok()?)?;
        Some(d.symbol.as_str())
    }

    fn pos(&self, m: ModuleIdx, doc: &Document, p: rod_nif::Pos) -> Option<Pos> {
        if !p.file.is_valid() {
            return None;
        }
        let file = String::from_utf8_lossy(doc.file_name(p.file)).into_owned();
        let own = self.module(m).and_then(|x| x.source.as_deref()) == Some(file.as_str());
        Some(Pos { file, line: p.line, col: p.col, own_file: own })
    }

    /// A link to a full symbol name, resolved through the cache.
    fn link_name(&self, name: &str) -> Link {
        let alive = self.has_live().then(|| self.reach.is_live(name));
        let mut l = match self.model.resolve(name) {
            Some(NifTarget::Decl { module, decl }) => {
                Link::to(name, Target::Sym(ModuleIdx(module as u32), SymKey(decl as i64)))
            }
            Some(NifTarget::NotInIndex { module }) => Link::unresolved(
                name,
                format!("not in the index of {}", self.model.modules.get(module).map_or("?", |m| m.suffix.as_str())),
            ),
            Some(NifTarget::MissingModule { suffix }) => Link::unresolved(name, format!("module {suffix} not loaded")),
            None => Link::unresolved(name, "a local symbol"),
        };
        l.alive = alive;
        l
    }

    fn short(&self, m: ModuleIdx) -> String {
        let Some(md) = self.module(m) else { return String::new() };
        md.source.as_deref().map(crate::text::short_path).unwrap_or(&md.suffix).to_owned()
    }

    /// The declaration (first SymbolDef of the top-level compound) containing node `n`.
    fn within(&self, doc: &Document, n: u32) -> Option<String> {
        let root = *doc.roots().first()?;
        let mut cur = root;
        // Descend through (stmts …) wrappers to the child holding n.
        for _ in 0..rod_nif::MAX_DEPTH {
            let child = doc.children(cur).find(|&c| c.0 <= n && doc.node(c).is_some_and(|x| n < x.end))?;
            if doc.is_tag(child, "stmts") && child.0 != n {
                cur = child;
                continue;
            }
            let def = doc.first_symbol_def(child)?;
            return doc.symbol(def).map(|s| s.into_owned());
        }
        None
    }
}

impl Cache for NifCache {
    fn format(&self) -> Format {
        Format::Nif
    }

    fn notes(&self) -> Vec<String> {
        let mut v = Vec::new();
        match &self.model.main {
            Some(m) => v.push(format!("main module: {m}")),
            None => v.push("no .live.nif: the whole-program outputs are missing".into()),
        }
        if let Some(Err(e)) = &self.record {
            v.push(format!(".live.nif: {e}"));
        }
        v
    }

    fn problems(&self) -> Vec<FileProblem> {
        self.model
            .files
            .iter()
            .filter_map(|f| {
                let e = f.doc.as_ref().err()?;
                Some(FileProblem {
                    file: f.path.clone(),
                    size: 0,
                    message: e.to_string(),
                    section: e.section(),
                    offset: e.offset(),
                    compiler: Some("nimony".into()),
                })
            })
            .collect()
    }

    fn module_count(&self) -> usize {
        self.model.modules.len()
    }

    fn module_row(&self, m: ModuleIdx) -> Option<ModuleRow> {
        let md = self.module(m)?;
        let f = self.model.files.get(md.semchecked)?;
        let doc = f.doc.as_ref().ok()?;
        let nodes = (0..=md.trees.len()).filter_map(|t| self.tree_doc(m, TreeId(t as u8))).map(|d| d.nodes().len()).sum();
        let counts = self.live_counts.get_or_init(|| self.reach.live_by_module().into_iter().map(|(k, v)| (k, v.len())).collect());
        let alive = self.has_live().then(|| counts.get(&md.suffix).copied().unwrap_or(0));
        let mut status = Vec::new();
        if self.model.main.as_deref() == Some(md.suffix.as_str()) {
            status.push("main".into());
        }
        Some(ModuleRow {
            module: m,
            file: f.path.clone(),
            path: md.source.clone().unwrap_or_default(),
            short: self.short(m),
            compiler: match doc.encoding() {
                rod_nif::Encoding::Bif { version } => format!("nimony (BIF v{version})"),
                rod_nif::Encoding::Text { version: Some(v) } => format!("nimony (NIF{v})"),
                rod_nif::Encoding::Text { version: None } => "nimony (NIF)".into(),
            },
            size: doc.input_len(),
            syms: md.decls.len(),
            holes: 0,
            types: 0,
            nodes,
            alive,
            live: self.live_mark(m),
            status,
        })
    }

    fn module_key(&self, m: ModuleIdx) -> Option<String> {
        self.module(m).map(|x| x.suffix.clone())
    }

    fn module_by_key(&self, key: &str) -> Option<ModuleIdx> {
        if let Some(i) = self.model.module(key) {
            return Some(ModuleIdx(i as u32));
        }
        self.model
            .modules
            .iter()
            .position(|md| {
                self.model.files.get(md.semchecked).is_some_and(|f| f.path == key) || md.source.as_deref() == Some(key)
            })
            .map(|i| ModuleIdx(i as u32))
    }

    fn module_facts(&self, m: ModuleIdx) -> Vec<Fact> {
        let Some(md) = self.module(m) else { return Vec::new() };
        let mut v = vec![Fact::text("Suffix", md.suffix.clone())];
        if let Some(s) = &md.source {
            v.push(Fact::text("Source", s.clone()));
        }
        let imports = md
            .imports
            .iter()
            .map(|(s, p)| match self.model.module(s) {
                Some(i) => Link::to(p.clone(), Target::Module(ModuleIdx(i as u32))),
                None => Link::unresolved(p.clone(), format!("module {s} not loaded")),
            })
            .collect();
        v.push(Fact::links("Imports", imports));
        let exported = md.decls.iter().filter(|d| d.visibility == rod_nif::Visibility::Exported).count();
        v.push(Fact::text("Index", format!("{} entries: {exported} exported, {} hidden", md.decls.len(), md.decls.len() - exported)));
        let files: Vec<String> = std::iter::once(md.semchecked).chain(md.trees.iter().copied()).filter_map(|i| self.model.files.get(i)).map(|f| f.path.clone()).collect();
        v.push(Fact::text("Files", files.join(", ")));
        v
    }

    fn trees(&self, m: ModuleIdx) -> Vec<TreeInfo> {
        let Some(md) = self.module(m) else { return Vec::new() };
        std::iter::once(md.semchecked)
            .chain(md.trees.iter().copied())
            .take(256)
            .enumerate()
            .filter_map(|(t, fi)| {
                let f = self.model.files.get(fi)?;
                let name = f.path.rsplit('/').next().unwrap_or(&f.path);
                let slug = name.strip_prefix(&format!("{}.", md.suffix)).unwrap_or(name);
                let slug = slug.strip_suffix(".nif").unwrap_or(slug).to_owned();
                Some(TreeInfo {
                    id: TreeId(t as u8),
                    slug: if f.path.contains('/') && slug == "c" { "c".into() } else { slug },
                    title: f.path.clone(),
                    len: f.doc.as_ref().map_or(0, |d| d.nodes().len()),
                })
            })
            .collect()
    }

    fn tree_len(&self, m: ModuleIdx, t: TreeId) -> usize {
        self.tree_doc(m, t).map_or(0, |d| d.nodes().len())
    }

    // The packed-array pane (issue 9): NIF keeps no flat array of records.
    fn array_storage(&self, _m: ModuleIdx, _t: TreeId) -> crate::array::ArrayStorage {
        crate::array::ArrayStorage::NotFlat(
            "A NIF file stores a tree as nested text, S-expressions of tags, symbols and literals in parentheses (BIF: the same tokens in binary). There are no node records and no spans; the rows shown are the decoder's pre-order array of the parsed tokens.".into(),
        )
    }

    fn subtree_end(&self, m: ModuleIdx, t: TreeId, n: NodePos) -> NodePos {
        let Some(doc) = self.tree_doc(m, t) else { return n };
        match doc.node(NodeId(n.0)) {
            Some(x) => NodePos(x.end.clamp(n.0 + 1, doc.nodes().len() as u32)),
            None => n,
        }
    }

    fn node_row(&self, m: ModuleIdx, t: TreeId, n: NodePos) -> Option<NodeRow> {
        let doc = self.tree_doc(m, t)?;
        let id = NodeId(n.0);
        let node = doc.node(id)?;
        let label = rod_nif::print::node_label(doc, id);
        let (kind, value) = match node.kind {
            NodeKind::Tag => (doc.tag_of(id).map(|s| s.into_owned()).unwrap_or_default(), NodeValue::None),
            NodeKind::Symbol | NodeKind::SymbolDef => {
                let name = doc.symbol(id).map(|s| s.into_owned()).unwrap_or_default();
                let link = self.link_name(&name);
                let own = self.module(m).map(|x| x.suffix.as_str());
                let module = rod_nif::symbol::module_of(&name).filter(|x| Some(*x) != own).map(str::to_owned);
                let kind = match link.target {
                    Some(Target::Sym(tm, ts)) => self.module(tm).and_then(|x| x.decls.get(ts.0 as usize)).map_or(String::new(), |d| d.tag.clone()),
                    _ => String::new(),
                };
                let v = if link.target.is_some() {
                    NodeValue::Sym { name: split(&name).ident.to_owned(), kind, module, link }
                } else if rod_nif::symbol::module_of(&name).is_some() {
                    NodeValue::Unresolved(link)
                } else {
                    NodeValue::Lit(name)
                };
                (node.kind.name().to_owned(), v)
            }
            NodeKind::DotToken => (node.kind.name().to_owned(), NodeValue::None),
            _ => {
                let lit = label.split_once(' ').map_or(String::new(), |x| x.1.to_owned());
                (node.kind.name().to_owned(), NodeValue::Lit(lit))
            }
        };
        let hint = (node.kind == NodeKind::Tag)
            .then(|| doc.children(id).next())
            .flatten()
            .filter(|&c| doc.node(c).is_some_and(|x| x.kind == NodeKind::SymbolDef))
            .and_then(|c| doc.symbol(c).map(|s| s.into_owned()));
        Some(NodeRow {
            kind,
            value,
            typ: None,
            flags: Vec::new(),
            pos: self.pos(m, doc, node.pos),
            folds_children: false,
            owner: None,
            hint,
            bytes: None,
        })
    }

    fn symbols(&self, m: ModuleIdx) -> Vec<SymKey> {
        self.module(m).map_or(Vec::new(), |md| (0..md.decls.len() as i64).map(SymKey).collect())
    }

    fn symbol_holes(&self, _m: ModuleIdx) -> usize {
        0
    }

    fn sym_row(&self, m: ModuleIdx, s: SymKey) -> Option<SymRow> {
        let md = self.module(m)?;
        let d = md.decls.get(usize::try_from(s.0).ok()?)?;
        let doc = self.tree_doc(m, TreeId(0))?;
        let parts = split(&d.symbol);
        let mut facts = vec![Fact::text("Symbol", d.symbol.clone()), Fact::text("Visibility", d.visibility.name())];
        if let Some(k) = parts.instance_key {
            facts.push(Fact::text("Generic instance key", k));
        }
        Some(SymRow {
            key: s,
            name: parts.ident.to_owned(),
            kind: d.tag.clone(),
            flags: vec![d.visibility.name().to_owned()],
            typ: None,
            owner: Some(Link::to(md.suffix.clone(), Target::Module(m))),
            pos: self.pos(m, doc, d.pos),
            alive: self.is_alive(m, s),
            definition: d.node.map(|n| (TreeId(0), NodePos(n.0))),
            facts,
        })
    }

    fn types(&self, _m: ModuleIdx) -> Vec<TypeKey> {
        Vec::new()
    }

    fn type_row(&self, _m: ModuleIdx, _t: TypeKey) -> Option<TypeRow> {
        None
    }

    fn sym_link(&self, m: ModuleIdx, s: SymKey, qualified: bool) -> Link {
        let Some(name) = self.symbol_name(m, s) else { return Link::unresolved(format!("#{s}"), "no such symbol") };
        let kind = self.module(m).and_then(|x| x.decls.get(s.0 as usize)).map_or("", |d| d.tag.as_str());
        let ident = split(name).ident;
        let label = if qualified { format!("{ident} ({kind} {name})") } else { format!("{ident} ({kind})") };
        let mut l = Link::to(label, Target::Sym(m, s));
        l.alive = self.is_alive(m, s);
        l
    }

    fn tables(&self, m: ModuleIdx) -> Vec<TableInfo> {
        let Some(md) = self.module(m) else { return Vec::new() };
        vec![
            TableInfo {
                slug: "index".into(),
                title: "(.index)".into(),
                columns: vec!["symbol".into(), "visibility".into(), "declaration".into()],
                len: md.decls.len(),
                about: "The trailing index of the semchecked file: every global SymbolDef and its declaration.".into(),
            },
            TableInfo {
                slug: "imports".into(),
                title: "(import (kv …))".into(),
                columns: vec!["suffix".into(), "path".into()],
                len: md.imports.len(),
                about: "The module's import table: module suffix and source path.".into(),
            },
        ]
    }

    fn table_row(&self, m: ModuleIdx, table: &str, row: usize) -> Option<Vec<Link>> {
        let md = self.module(m)?;
        match table {
            "index" => {
                let d = md.decls.get(row)?;
                let decl = match d.node {
                    Some(n) => Link::to(format!("{} node {}", d.tag, n.0), Target::Node(m, TreeId(0), NodePos(n.0))),
                    None => Link::unresolved("-", "the offset leads to no compound"),
                };
                Some(vec![Link::to(d.symbol.clone(), Target::Sym(m, SymKey(row as i64))), Fact::text("", d.visibility.name()).value.remove(0), decl])
            }
            "imports" => {
                let (s, p) = md.imports.get(row)?;
                let sl = match self.model.module(s) {
                    Some(i) => Link::to(s.clone(), Target::Module(ModuleIdx(i as u32))),
                    None => Link::unresolved(s.clone(), "module not loaded"),
                };
                Some(vec![sl, Fact::text("", p.clone()).value.remove(0)])
            }
            _ => None,
        }
    }

    fn live_mark(&self, m: ModuleIdx) -> LiveMark {
        let Some(md) = self.module(m) else { return LiveMark::None };
        if !self.has_live() {
            return LiveMark::None;
        }
        match &self.record {
            None | Some(Err(_)) => LiveMark::NoRecord,
            Some(Ok(_)) => match self.checks().get(&md.suffix) {
                Some(c) if c.matches() => LiveMark::Match,
                Some(c) => LiveMark::Differ(c.extra.len(), c.missing.len()),
                None => LiveMark::Match,
            },
        }
    }

    fn is_alive(&self, m: ModuleIdx, s: SymKey) -> Option<bool> {
        let name = self.symbol_name(m, s)?;
        self.has_live().then(|| self.reach.is_live(name))
    }

    fn in_record(&self, m: ModuleIdx, s: SymKey) -> Option<bool> {
        let name = self.symbol_name(m, s)?;
        match &self.record {
            Some(Ok(l)) => {
                let set = self.recorded.get_or_init(|| l.modules.iter().flat_map(|(_, s)| s.iter().cloned()).collect());
                Some(set.contains(name))
            }
            _ => None,
        }
    }

    fn why(&self, m: ModuleIdx, s: SymKey) -> Why {
        let Some(name) = self.symbol_name(m, s) else { return Why::Unknown("no such symbol".into()) };
        if !self.has_live() {
            return Why::Unknown("no .dce.nif graphs in this nimcache".into());
        }
        match self.reach.why(name) {
            Some(chain) => {
                let mut steps = Vec::new();
                let mut prev: Option<&String> = None;
                for sym in &chain {
                    let (site, rule) = match prev {
                        None => {
                            let (_, roots) = self.reach.usages(sym);
                            let m = roots.first().cloned().unwrap_or_default();
                            (Link::unresolved(format!("(roots …) of {m}.dce.nif"), "a DCE root"), "is a root".to_owned())
                        }
                        Some(p) => (self.link_name(p), "uses".to_owned()),
                    };
                    steps.push(WhyStep { site, rule, sym: self.link_name(sym) });
                    prev = Some(sym);
                }
                Why::Alive(steps)
            }
            None => {
                let (owners, _) = self.reach.usages(name);
                let mentions = owners
                    .iter()
                    .map(|o| {
                        let st = if self.reach.is_live(o) { "its user is live but the use is of another copy" } else { "its user is not live" };
                        (self.link_name(o), st.to_owned())
                    })
                    .collect();
                Why::Dead { reason: "not reachable from any root of the .dce.nif graphs".into(), mentions }
            }
        }
    }

    fn usages(&self, m: ModuleIdx, s: SymKey) -> Vec<UsageRow> {
        let Some(name) = self.symbol_name(m, s) else { return Vec::new() };
        let mut out = Vec::new();
        let mut buf = Vec::new();
        for mi in 0..self.model.modules.len() {
            let mm = ModuleIdx(mi as u32);
            for t in self.trees(mm) {
                let Some(doc) = self.tree_doc(mm, t.id) else { continue };
                for (i, n) in doc.nodes().iter().enumerate() {
                    if n.kind != NodeKind::Symbol {
                        continue;
                    }
                    buf.clear();
                    doc.symbol_bytes_into(NodeId(i as u32), &mut buf);
                    if buf != name.as_bytes() {
                        continue;
                    }
                    let within = self.within(doc, i as u32).map(|w| vec![self.link_name(&w)]).unwrap_or_default();
                    out.push(UsageRow {
                        node: Link::to(format!("{}, node {i}", t.title), Target::Node(mm, t.id, NodePos(i as u32))),
                        pos: self.pos(mm, doc, n.pos),
                        within,
                    });
                }
            }
        }
        out
    }

    fn search(&self, query: &str, cap: usize) -> (Vec<SymHit>, usize) {
        let (q, module) = match query.split_once('@') {
            Some((a, b)) => (a.to_ascii_lowercase(), Some(b)),
            None => (query.to_ascii_lowercase(), None),
        };
        let mut hits = Vec::new();
        for (mi, md) in self.model.modules.iter().enumerate() {
            if let Some(want) = module {
                if !md.suffix.contains(want) && !md.source.as_deref().is_some_and(|s| s.contains(want)) {
                    continue;
                }
            }
            for (k, d) in md.decls.iter().enumerate() {
                let ident = split(&d.symbol).ident.to_ascii_lowercase();
                let rank = if ident == q {
                    0
                } else if ident.starts_with(&q) {
                    1
                } else if ident.contains(&q) {
                    2
                } else {
                    continue;
                };
                hits.push(SymHit { module: ModuleIdx(mi as u32), sym: SymKey(k as i64), rank });
            }
        }
        hits.sort_by_key(|h| (h.rank, h.module, h.sym));
        let n = hits.len();
        hits.truncate(cap);
        (hits, n)
    }

    fn find_symbols(&self, query: &str) -> Vec<(ModuleIdx, SymKey)> {
        if let Some(NifTarget::Decl { module, decl }) = self.model.resolve(query) {
            return vec![(ModuleIdx(module as u32), SymKey(decl as i64))];
        }
        let (ident, module) = match query.split_once('@') {
            Some((a, b)) => (a, Some(b)),
            None => (query, None),
        };
        let mut out = Vec::new();
        for (mi, md) in self.model.modules.iter().enumerate() {
            if let Some(want) = module {
                let src = md.source.as_deref().unwrap_or("");
                let base = src.rsplit('/').next().unwrap_or(src);
                if md.suffix != want && base != want && base.strip_suffix(".nim") != Some(want) {
                    continue;
                }
            }
            for (k, d) in md.decls.iter().enumerate() {
                if ident == "*" || split(&d.symbol).ident == ident {
                    out.push((ModuleIdx(mi as u32), SymKey(k as i64)));
                }
            }
        }
        out
    }

    // builds: graph and integrity
    fn graph_layout(&self) -> Option<crate::layout::GraphLayout> {
        use crate::layout::{GraphLayout, LayoutEdge, LayoutModule};
        let mut modules = Vec::with_capacity(self.model.modules.len());
        let mut edges = Vec::new();
        for (i, md) in self.model.modules.iter().enumerate().take(crate::layout::MAX_LAYOUT_MODULES) {
            let m = ModuleIdx(i as u32);
            let row = self.module_row(m);
            let alive_share = row.as_ref().and_then(|r| Some(r.alive? as f64 / r.syms as f64).filter(|_| r.syms > 0));
            modules.push(LayoutModule {
                module: m,
                label: self.short(m),
                path: md.source.clone().unwrap_or_else(|| md.suffix.clone()),
                bytes: row.as_ref().map_or(0, |r| r.size),
                alive_share,
                is_main: self.model.main.as_deref() == Some(md.suffix.as_str()),
                is_system: false,
                in_build: true,
            });
            let mut seen = std::collections::BTreeSet::new();
            for (suffix, _) in &md.imports {
                // one edge per imported module; NIF counts no references per edge
                if let Some(t) = self.model.module(suffix).filter(|&t| t != i && seen.insert(t)) {
                    edges.push(LayoutEdge { from: i, to: t, refs: 1, imported: true });
                }
            }
        }
        Some(GraphLayout::from_parts(modules, edges))
    }
}
