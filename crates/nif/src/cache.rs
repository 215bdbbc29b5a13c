//! A nimony nimcache as one model.
//!
//! Files are given as (path relative to the nimcache, bytes) pairs — the library
//! does no I/O. Each file is decoded by content; its module is the file name's
//! suffix (nimony names every pipeline file `<suffix>.<role>.nif`). A module is a
//! suffix with a semchecked `.s.nif`; its source path comes from the root's line
//! info and from importers' `(import (kv SUFFIX "path"))` tables. Declarations
//! come from the semchecked file's index; a cross-module reference (a Symbol
//! whose module segment is another suffix) resolves through suffix → module →
//! that module's index, or stays unresolved naming the missing module.

use crate::dce::{self, DceGraph, LiveFile, Reachability};
use crate::detect::{role_of, Role};
use crate::model::{suffix_of_file_name, Document, NodeId, NodeKind, Pos, Visibility};
use crate::symbol::module_of;
use crate::{Error, Result};
use std::collections::BTreeMap;

/// One file of the nimcache.
#[derive(Debug)]
pub struct CacheFile {
    /// Path relative to the nimcache root (`/`-separated).
    pub path: String,
    /// The suffix its name gives.
    pub suffix: String,
    /// The decoded document, or why it could not be decoded.
    pub doc: std::result::Result<Document, Error>,
    /// Its role, when it decoded.
    pub role: Option<Role>,
}

/// A declaration of a module (an index entry of its semchecked file).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decl {
    /// Full symbol name.
    pub symbol: String,
    /// Exported or hidden.
    pub visibility: Visibility,
    /// The declaration's compound in the semchecked document.
    pub node: Option<NodeId>,
    /// Its tag (`proc`, `type`, …).
    pub tag: String,
    /// Its position.
    pub pos: Pos,
}

/// A module: a suffix with a semchecked file.
#[derive(Debug)]
pub struct Module {
    /// The module suffix (`matk5honb`).
    pub suffix: String,
    /// The source path as the compiler wrote it (root line info or import tables).
    pub source: Option<String>,
    /// Index into [`Cache::files`] of the `.s.nif`.
    pub semchecked: usize,
    /// Further trees of the module (`.x.nif`, `.c.nif`, `.dce.nif`, `.p.nif`, …), by file index.
    pub trees: Vec<usize>,
    /// The `(import (kv SUFFIX "path"))` table.
    pub imports: Vec<(String, String)>,
    /// Declarations from the index, in index order.
    pub decls: Vec<Decl>,
    by_symbol: BTreeMap<String, usize>,
}

impl Module {
    /// The declaration of a full symbol name.
    pub fn decl(&self, symbol: &str) -> Option<&Decl> {
        self.by_symbol.get(symbol).and_then(|&i| self.decls.get(i))
    }
}

/// Where a cross-module reference leads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// To a declaration of a module of the cache.
    Decl {
        /// Index into [`Cache::modules`].
        module: usize,
        /// Index into that module's [`Module::decls`].
        decl: usize,
    },
    /// The module is in the cache but its index has no such symbol.
    NotInIndex {
        /// Index into [`Cache::modules`].
        module: usize,
    },
    /// No module of the cache has this suffix.
    MissingModule {
        /// The suffix.
        suffix: String,
    },
}

/// A Symbol atom naming another module's symbol.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CrossRef {
    /// The node in the referencing module's semchecked document.
    pub node: NodeId,
    /// The full name.
    pub symbol: String,
    /// The resolution.
    pub target: Target,
}

/// A nimcache.
#[derive(Debug)]
pub struct Cache {
    /// Every file, sorted by path.
    pub files: Vec<CacheFile>,
    /// The modules, sorted by suffix.
    pub modules: Vec<Module>,
    /// The main module's suffix (the one with a `.live.nif`).
    pub main: Option<String>,
    /// The `.live.nif` file index.
    pub live_file: Option<usize>,
}

fn tag_name(doc: &Document, id: NodeId) -> String {
    doc.tag_of(id).map(|t| t.into_owned()).unwrap_or_default()
}

impl CacheFile {
    /// Reads one file of the nimcache (path relative to it): decoded by content,
    /// its module suffix from its name. `None` for a name that is not a NIF/BIF
    /// pipeline file (`.nif`/`.bif`), which the model ignores.
    pub fn read(path: String, bytes: Vec<u8>) -> Option<CacheFile> {
        let name = path.rsplit('/').next().unwrap_or(&path).to_owned();
        if !name.ends_with(".nif") && !name.ends_with(".bif") {
            return None;
        }
        let suffix = suffix_of_file_name(&name).to_owned();
        let doc = crate::read_owned(bytes, &suffix);
        let role = doc.as_ref().ok().map(role_of);
        Some(CacheFile { path, suffix, doc, role })
    }
}

impl Cache {
    /// Builds the model from (relative path, bytes) pairs.
    pub fn from_files(input: Vec<(String, Vec<u8>)>) -> Cache {
        Cache::from_read(input.into_iter().filter_map(|(path, bytes)| CacheFile::read(path, bytes)).collect())
    }

    /// Builds the model from files already read one by one with [`CacheFile::read`]
    /// (a caller that yields between files); the same model as
    /// [`Cache::from_files`] on the same files.
    pub fn from_read(mut files: Vec<CacheFile>) -> Cache {
        files.sort_by(|a, b| a.path.cmp(&b.path));
        let mut modules: Vec<Module> = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        for (i, f) in files.iter().enumerate() {
            let (Ok(doc), Some(Role::Semchecked)) = (&f.doc, f.role) else { continue };
            if !f.path.ends_with(".s.nif") && !f.path.ends_with(".s.bif") {
                continue;
            }
            if !seen.insert(f.suffix.clone()) {
                continue;
            }
            let root = doc.roots().first().copied();
            let source = root
                .and_then(|r| doc.node(r))
                .filter(|n| n.pos.file.is_valid())
                .map(|n| String::from_utf8_lossy(doc.file_name(n.pos.file)).into_owned());
            let mut imports = Vec::new();
            if let Some(imp) = root.and_then(|r| doc.children(r).next()).filter(|&c| doc.is_tag(c, "import")) {
                for kv in doc.children(imp) {
                    let mut it = doc.children(kv);
                    if let (Some(s), Some(p)) = (it.next(), it.next()) {
                        let s = doc.text(s).or_else(|| doc.symbol(s)).map(|x| x.into_owned()).unwrap_or_default();
                        let p = doc.text(p).map(|x| x.into_owned()).unwrap_or_default();
                        imports.push((s, p));
                    }
                }
            }
            let mut decls = Vec::new();
            let mut by_symbol = BTreeMap::new();
            for e in doc.index().unwrap_or(&[]) {
                let (tag, pos) = e.decl.map_or((String::new(), Pos::NONE), |d| (tag_name(doc, d), doc.node(d).map_or(Pos::NONE, |n| n.pos)));
                by_symbol.entry(e.symbol.clone()).or_insert(decls.len());
                decls.push(Decl { symbol: e.symbol.clone(), visibility: e.visibility, node: e.decl, tag, pos });
            }
            modules.push(Module { suffix: f.suffix.clone(), source, semchecked: i, trees: Vec::new(), imports, decls, by_symbol });
        }
        modules.sort_by(|a, b| a.suffix.cmp(&b.suffix));
        for (i, f) in files.iter().enumerate() {
            if let Ok(k) = modules.binary_search_by(|m| m.suffix.as_str().cmp(&f.suffix)) {
                if let Some(m) = modules.get_mut(k).filter(|m| m.semchecked != i) {
                    m.trees.push(i);
                }
            }
        }
        // Source paths the importers name, for modules without a root line info.
        let mut named: BTreeMap<String, String> = BTreeMap::new();
        for (s, p) in modules.iter().flat_map(|m| m.imports.iter()) {
            named.entry(s.clone()).or_insert_with(|| p.clone());
        }
        for m in &mut modules {
            if m.source.is_none() {
                m.source = named.get(&m.suffix).cloned();
            }
        }
        let live_file = files.iter().position(|f| f.role == Some(Role::Live));
        let main = live_file.and_then(|i| files.get(i)).map(|f| f.suffix.clone());
        Cache { files, modules, main, live_file }
    }

    /// The module with this suffix.
    pub fn module(&self, suffix: &str) -> Option<usize> {
        self.modules.binary_search_by(|m| m.suffix.as_str().cmp(suffix)).ok()
    }

    /// The semchecked document of a module.
    pub fn doc(&self, module: usize) -> Option<&Document> {
        let m = self.modules.get(module)?;
        self.files.get(m.semchecked)?.doc.as_ref().ok()
    }

    /// Where a full symbol name leads; `None` for a local name (no module segment).
    pub fn resolve(&self, symbol: &str) -> Option<Target> {
        let suffix = module_of(symbol)?;
        Some(match self.module(suffix) {
            None => Target::MissingModule { suffix: suffix.to_owned() },
            Some(mi) => match self.modules.get(mi).and_then(|m| m.by_symbol.get(symbol)) {
                Some(&d) => Target::Decl { module: mi, decl: d },
                None => Target::NotInIndex { module: mi },
            },
        })
    }

    /// Every Symbol atom of a module's semchecked body naming another module.
    pub fn cross_refs(&self, module: usize) -> Vec<CrossRef> {
        let (Some(m), Some(doc)) = (self.modules.get(module), self.doc(module)) else { return Vec::new() };
        let mut out = Vec::new();
        for (i, n) in doc.nodes().iter().enumerate() {
            if n.kind != NodeKind::Symbol {
                continue;
            }
            let id = NodeId(i as u32);
            let Some(s) = doc.symbol(id) else { continue };
            match module_of(&s) {
                Some(x) if x != m.suffix => {}
                _ => continue,
            }
            if let Some(target) = self.resolve(&s) {
                out.push(CrossRef { node: id, symbol: s.into_owned(), target });
            }
        }
        out
    }

    /// The `.dce.nif` graphs of the cache (files that decode as DCE graphs).
    pub fn dce_graphs(&self) -> Vec<Result<DceGraph>> {
        self.files
            .iter()
            .filter(|f| f.role == Some(Role::Dce))
            .filter_map(|f| f.doc.as_ref().ok().map(dce::read_dce))
            .collect()
    }

    /// The recorded live set, if the cache has a `.live.nif`.
    pub fn live(&self) -> Option<Result<LiveFile>> {
        let f = self.files.get(self.live_file?)?;
        Some(f.doc.as_ref().map_err(Clone::clone).and_then(dce::read_live))
    }

    /// The live set recomputed from the DCE graphs (the ones that decode).
    pub fn reachability(&self) -> Reachability {
        let graphs: Vec<DceGraph> = self.dce_graphs().into_iter().filter_map(|g| g.ok()).collect();
        Reachability::compute(&graphs)
    }
}
