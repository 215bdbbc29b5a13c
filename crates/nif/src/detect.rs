//! Which kind of nimony file a byte string is, by content alone.
//!
//! nimony keeps `.nif` names on BIF content, so the encoding comes from the
//! first bytes (`NIFBIN` magic, or NIF text, with or without a `(.nifNN)`
//! header) and the role from the tree itself: the header's dialect, the root's
//! tag and its first child.

use crate::model::{Document, Encoding, NodeId};

/// What a file is for in nimony's pipeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// `<M>.p.nif`: nifler's parsed AST (dialect `nim-parsed`).
    Parsed,
    /// `<M>.p.deps.nif`: nifler's import/include statements (dialect `nim-deps`).
    ParsedDeps,
    /// `<M>.s.nif`: nimsem's semchecked module, the IC unit (`(stmts (import (kv …)) …)`).
    Semchecked,
    /// `<M>.s.deps.nif`: resolved imports `(stmts (import "path"*))`.
    SemDeps,
    /// `<M>.s.idx.nif`: the interface file `(index … (checksum "…"))`.
    Interface,
    /// `<M>.x.nif` / `<main>/<M>.c.nif`: hexer's lowered module (indexed, no import table).
    Lowered,
    /// `<M>.dce.nif`: the per-module DCE graph `(stmts (roots …)(uses …)*(offers …))`.
    Dce,
    /// `<main>.live.nif`: the whole-program live set `(stmts (resolved …)(live …))`.
    Live,
    /// `<main>.build.nif`, `.final.build.nif`: nifmake graphs.
    Build,
    /// `<main>.linkmanifest.nif`: `(link …)`.
    LinkManifest,
    /// Any other NIF tree (macro and plugin input/output).
    Other,
}

impl Role {
    /// A short stable name.
    pub fn name(self) -> &'static str {
        match self {
            Role::Parsed => "parsed",
            Role::ParsedDeps => "parsed-deps",
            Role::Semchecked => "semchecked",
            Role::SemDeps => "sem-deps",
            Role::Interface => "interface",
            Role::Lowered => "lowered",
            Role::Dce => "dce",
            Role::Live => "live",
            Role::Build => "build",
            Role::LinkManifest => "link-manifest",
            Role::Other => "other",
        }
    }
}

/// The result of [`detect`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Detected {
    /// The encoding, if the bytes look like NIF at all.
    pub encoding: Option<Encoding>,
    /// The role, when the file decodes.
    pub role: Option<Role>,
    /// Whether the whole file decodes.
    pub confirmed: bool,
    /// Why (the decode error, or a description).
    pub reason: String,
}

/// Sniffs the encoding from the first bytes: BIF magic, `(.nifNN)`, or text that
/// starts (after whitespace) with `(`.
pub fn sniff(bytes: &[u8]) -> Option<Encoding> {
    if crate::bif::is_bif(bytes) {
        return Some(Encoding::Bif { version: bytes.get(7).copied().unwrap_or(0) });
    }
    if let Some(rest) = bytes.strip_prefix(b"(.nif") {
        let digits: Vec<u8> = rest.iter().copied().take_while(u8::is_ascii_digit).take(9).collect();
        let v = std::str::from_utf8(&digits).ok().and_then(|d| d.parse().ok());
        return Some(Encoding::Text { version: v });
    }
    let first = bytes.iter().copied().find(|c| !matches!(c, b' ' | b'\t' | b'\n' | b'\r'))?;
    (first == b'(').then_some(Encoding::Text { version: None })
}

/// The role of a decoded document.
pub fn role_of(doc: &Document) -> Role {
    match doc.directive("dialect") {
        Some("nim-parsed") => return Role::Parsed,
        Some("nim-deps") => return Role::ParsedDeps,
        _ => {}
    }
    let Some(&root) = doc.roots().first() else { return Role::Other };
    if doc.is_tag(root, "index") {
        return Role::Interface;
    }
    if doc.is_tag(root, "link") {
        return Role::LinkManifest;
    }
    if !doc.is_tag(root, "stmts") {
        return Role::Other;
    }
    let indexed = doc.indexat().is_some() || matches!(doc.encoding(), Encoding::Bif { .. });
    let first: Option<NodeId> = doc.children(root).next();
    match first {
        Some(c) if doc.is_tag(c, "roots") => Role::Dce,
        Some(c) if doc.is_tag(c, "resolved") || doc.is_tag(c, "live") => Role::Live,
        Some(c) if doc.is_tag(c, "cmd") || doc.is_tag(c, "do") => Role::Build,
        Some(c) if doc.is_tag(c, "import") => {
            let kv = doc.children(c).next().is_some_and(|g| doc.is_tag(g, "kv"));
            if kv {
                Role::Semchecked
            } else {
                Role::SemDeps
            }
        }
        None if indexed => Role::SemDeps,
        _ if indexed => semchecked_or_lowered(doc, root),
        _ => Role::Other,
    }
}

/// An indexed module without an import table (nimony's `system`, or any lowered
/// module): nimsem's declarations keep their fixed slots — `(proc D E pattern
/// typevars params ret pragmas effects body)`, `(type D E typevars pragmas body)`
/// — while hexer's lowered ones drop the export marker and the generic slots.
fn semchecked_or_lowered(doc: &Document, root: NodeId) -> Role {
    let mut todo = vec![root];
    let mut budget = 10_000usize;
    while let Some(s) = todo.pop() {
        for c in doc.children(s) {
            budget = budget.saturating_sub(1);
            if budget == 0 {
                return Role::Lowered;
            }
            let Some(tag) = doc.tag_of(c) else { continue };
            let n = doc.children(c).count();
            match &*tag {
                "proc" | "func" | "iterator" | "converter" | "method" | "template" | "macro" => {
                    return if n >= 9 { Role::Semchecked } else { Role::Lowered };
                }
                "type" => return if n >= 5 { Role::Semchecked } else { Role::Lowered },
                "stmts" => todo.push(c),
                _ => {}
            }
        }
    }
    Role::Lowered
}

/// Detects encoding and role; `confirmed` only when the whole file decodes.
pub fn detect(bytes: &[u8]) -> Detected {
    let Some(encoding) = sniff(bytes) else {
        return Detected { encoding: None, role: None, confirmed: false, reason: "neither NIF text nor BIF".into() };
    };
    match crate::read(bytes, "") {
        Ok(doc) => {
            let role = role_of(&doc);
            let reason = match encoding {
                Encoding::Bif { version } => format!("BIF version {version}, {} nodes", doc.nodes().len()),
                Encoding::Text { version: Some(v) } => format!("NIF{v} text, {} nodes", doc.nodes().len()),
                Encoding::Text { version: None } => format!("NIF text without header, {} nodes", doc.nodes().len()),
            };
            Detected { encoding: Some(encoding), role: Some(role), confirmed: true, reason }
        }
        Err(e) => Detected { encoding: Some(encoding), role: None, confirmed: false, reason: e.to_string() },
    }
}
