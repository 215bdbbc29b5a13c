//! Reachability computed from the top-level statements, with rules like Nim 1.6's
//! dead code elimination (`dce.nim`): no legacy format stores a live set, so this is
//! "computed; no compiler record to check against".
//!
//! Roots: every top-level statement of every module. Scanning a tree follows nkSym
//! nodes, does not enter declarative contexts (type sections, templates, macros,
//! imports, ...), and for routine definitions only checks whether the routine is
//! exported to C (`sfExportc`, `sfCompilerProc`, or an `skMethod`). Marking a symbol
//! scans its AST (only the body, son 6, for routines). Bitset + worklist, no recursion.

use crate::cache::Cache;
use crate::ids::{ModuleIdx, SymId};
use crate::model::{Literal, Tree};
use crate::names::{Era, Names};
use std::collections::{HashMap, HashSet};

const SKIPPED: &[&str] = &[
    "nkMacroDef", "nkTemplateDef", "nkTypeSection", "nkTypeOfExpr", "nkCommentStmt", "nkIncludeStmt", "nkImportStmt",
    "nkImportExceptStmt", "nkExportStmt", "nkExportExceptStmt", "nkFromStmt", "nkStaticStmt",
];
const ROUTINE_DEFS: &[&str] = &["nkProcDef", "nkConverterDef", "nkMethodDef", "nkFuncDef", "nkIteratorDef"];
const ROUTINE_SYMS: &[&str] = &["skProc", "skFunc", "skMethod", "skIterator", "skConverter", "skMacro", "skTemplate"];
/// `bodyPos` of a routine's AST.
const BODY_POS: usize = 6;

/// The computed live set.
#[derive(Clone, Debug, Default)]
pub struct Reach {
    /// Live symbols with the module whose statement or symbol first reached them
    /// and the symbol that reached them (None: a top-level statement).
    pub live: HashMap<SymId, (ModuleIdx, Option<SymId>)>,
}

/// Why there is no computed live set, or the set.
pub enum Live {
    /// Computed from the top-level statements.
    Computed(Reach),
    /// The format's top-level records are not the program's code.
    None(&'static str),
}

struct Vocab {
    skipped: HashSet<u32>,
    routine_defs: HashSet<u32>,
    routine_syms: HashSet<u32>,
    sk_method: Option<u32>,
    sf_exportc: Option<u32>,
    sf_compiler_proc: Option<u32>,
}

impl Vocab {
    fn new(era: Era) -> Self {
        let n = era.names();
        let set = |list: &[&str], names: &[&str]| names.iter().filter_map(|x| Names::ordinal(list, x)).collect::<HashSet<u32>>();
        Vocab {
            skipped: set(n.node_kind, SKIPPED),
            routine_defs: set(n.node_kind, ROUTINE_DEFS),
            routine_syms: set(n.sym_kind, ROUTINE_SYMS),
            sk_method: Names::ordinal(n.sym_kind, "skMethod"),
            sf_exportc: Names::ordinal(n.sym_flag, "sfExportc"),
            sf_compiler_proc: Names::ordinal(n.sym_flag, "sfCompilerProc"),
        }
    }
}

/// Computes the live set where the data allows it (sqlite caches: every semchecked
/// top-level statement is stored). Text caches: INIT holds only the statements the
/// reader replays (imports and pragmas), not the code, so there is none.
pub fn compute(cache: &Cache) -> Live {
    if cache.era().is_text() {
        return Live::None("none: INIT holds only the replayed import/pragma statements, not the program's code");
    }
    let v = Vocab::new(cache.era());
    let mut reach = Reach::default();
    // Jobs: (module, reaching symbol, tree, start node, end node).
    let mut jobs: Vec<(ModuleIdx, Option<SymId>, &Tree, usize, usize)> = Vec::new();
    for m in 0..cache.module_count() {
        let mi = ModuleIdx(m as u32);
        for t in cache.toplevel_of(mi) {
            jobs.push((mi, None, t, 0, t.nodes.len()));
        }
    }
    while let Some((mi, by, tree, start, end)) = jobs.pop() {
        let mut i = start;
        while i < end {
            let Some(n) = tree.nodes.get(i) else { break };
            let kind = n.kind.unwrap_or(u32::MAX);
            if v.skipped.contains(&kind) {
                i = (n.end as usize).max(i + 1);
                continue;
            }
            if v.routine_defs.contains(&kind) {
                // Son 0 names the routine.
                if let Some(Literal::Sym(s)) = tree.nodes.get(i + 1).map(|x| &x.lit) {
                    if let Some((_, sym)) = cache.sym(mi, *s) {
                        let bit = |b: Option<u32>| b.is_some_and(|b| b < 64 && sym.flags & (1u64 << b) != 0);
                        if bit(v.sf_exportc) || bit(v.sf_compiler_proc) || Some(sym.kind) == v.sk_method {
                            mark(cache, &v, &mut reach, &mut jobs, mi, by, *s);
                        }
                    }
                }
                i = (n.end as usize).max(i + 1);
                continue;
            }
            if let Literal::Sym(s) = n.lit {
                mark(cache, &v, &mut reach, &mut jobs, mi, by, s);
            }
            i += 1;
        }
    }
    Live::Computed(reach)
}

fn mark<'c>(
    cache: &'c Cache,
    v: &Vocab,
    reach: &mut Reach,
    jobs: &mut Vec<(ModuleIdx, Option<SymId>, &'c Tree, usize, usize)>,
    from: ModuleIdx,
    by: Option<SymId>,
    s: SymId,
) {
    if reach.live.contains_key(&s) {
        return;
    }
    reach.live.insert(s, (from, by));
    let Some((m, sym)) = cache.sym(from, s) else { return };
    let Some(ast) = &sym.ast else { return };
    if v.routine_syms.contains(&sym.kind) {
        let body = ast.children(0).get(BODY_POS).copied();
        if let Some(b) = body {
            let end = ast.nodes.get(b).map_or(b, |n| n.end as usize);
            jobs.push((m, Some(s), ast, b, end));
        }
    } else {
        jobs.push((m, Some(s), ast, 0, ast.nodes.len()));
    }
}
