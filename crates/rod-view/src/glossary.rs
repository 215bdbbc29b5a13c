//! Short explanations of the packed cache's concepts, in our own words, for the UI
//! to show beside a selection: [`explain`] a topic, or ask which topics fit a node
//! row ([`topics_for_node`]), a byte region ([`topics_for_region`]), a symbol, a
//! type, a table or a module. The explorer's "What is this?" asks the cache
//! ([`crate::Cache::explain`] with a [`Selection`]) and shows the [`Entry`]s it
//! gets; which entries apply is decided here and in the backend, never in the UI.
//!
//! Topics are named as the compiler names the thing (`bodies`, `LitId`,
//! `nkModuleRef`, `skProc`, `TNodeFlag`), or by a short phrase for families
//! (`definitions`).

use crate::bytes::RegionRow;
use crate::ids::{ModuleIdx, Target, TreeId};
use crate::rows::{NodeRow, NodeValue, SymRow, TypeRow};

/// What is selected, for [`crate::Cache::explain`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selection {
    /// A node, symbol, type or module.
    Target(Target),
    /// A table of a module, by its slug ([`crate::TableInfo::slug`]).
    Table(ModuleIdx, String),
    /// A whole tree of a module.
    Tree(ModuleIdx, TreeId),
}

/// One explanation: the compiler's own name for the thing and what it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The compiler's name (`nkModuleRef`, `PackedSym`, `LitId`, `TNodeFlag`).
    pub name: String,
    /// The explanation.
    pub text: String,
}

impl Entry {
    /// The entry of a topic of [`TOPICS`].
    pub fn of(topic: &str) -> Option<Entry> {
        explain(topic).map(|t| Entry { name: topic.to_string(), text: t.to_string() })
    }
    /// A computed entry (about this one selection).
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Entry {
        Entry { name: name.into(), text: text.into() }
    }
}

/// The entries of these topics, in order, each once (unknown topics left out).
pub fn entries(topics: &[&str]) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::new();
    for t in topics {
        if out.iter().all(|e| e.name != *t) {
            out.extend(Entry::of(t));
        }
    }
    out
}

/// Every topic with its explanation.
pub const TOPICS: &[(&str, &str)] = &[
    // the file
    ("cookie", "The first 8 bytes of every .rod and .alivesyms file: 00 'R' 'O' 'D', the bit width of int (64), the byte order (0 = little endian), a reserved 0, and the RodVersion (1 for Nim 1.6 and 2.0, 2 for Nim 2.2). A reader refuses a file whose cookie differs in any byte."),
    ("header", "The cookie: the 8 bytes before the first section."),
    ("tag", "Each section starts with one byte, its RodSection ordinal. The compiler writes the sections in one fixed order and reads them back in that order; any other tag is an error."),
    ("length", "Sequences and strings are stored as an int32 count (or byte length) followed by the elements. Nothing marks the end: the count says where the next thing starts."),
    ("padding", "Records written as one memory copy of a C struct keep the struct's alignment gaps. The compiler always writes them as zero bytes; a reader skips them."),
    ("keys", "The hash index of a strings or numbers table (a BiTable): a power-of-two number of slots, each empty (0) or holding a LitId, found by hashing the value and probing forward. Readers do not need it; the compiler uses it to deduplicate values."),
    // sections
    ("config", "The configuration the module was compiled with: the defined conditional symbols (as one string starting with \"config\"), the module symbol's flags (sfMainModule, sfSystemModule), then PackedConfig: backend, GC, C compiler, the option sets."),
    ("strings", "The module's string table: identifiers, string literals, file paths, C names. Everything else refers to a string by its LitId. Values are unique."),
    ("checkSums", "The module's own source file and every file it includes, each with the SHA-1 recorded at compile time; entry 0 is the module itself. A changed hash makes the compiler rebuild the module."),
    ("deps", "The absolute paths (as LitIds) of the modules this one imports directly."),
    ("numbers", "The module's number table: integer literals and the bit patterns of float literals, as int64, each with a LitId. Equal bit patterns share one entry."),
    ("exports", "The module's exported top-level symbols: (name, symbol id) pairs that importing modules look up."),
    ("hidden", "The module's top-level symbols that are not exported, as (name, symbol id) pairs."),
    ("reexports", "Symbols of other modules that this module exports again (`export foo`), as (name, PackedItemId)."),
    ("compilerProcs", "Procs the compiler itself calls by name (`{.compilerproc.}`); only system's modules have any."),
    ("trmacros", "Term-rewriting macros and templates of the module, by symbol id."),
    ("converters", "The module's converters, by symbol id: applied implicitly when a type does not match."),
    ("methods", "Methods of the module, by symbol id (always empty in the files we have seen)."),
    ("pureEnums", "Enums marked `{.pure.}`, whose fields must be qualified."),
    ("macroUsages", "A Nim 1.6 section that is declared and written but never filled: always an empty list."),
    ("toReplay", "The replay tree: what the compiler must do again when it loads this module from the cache instead of compiling it (pragmas such as compile, link, passC, and macrocache operations), as nkReplayAction nodes."),
    ("topLevel", "The module's top-level statements as a packed tree. Routine bodies are not here: a routine's symbol points at its definition in bodies."),
    ("bodies", "The packed tree of everything referred to by a NodeId: routine definitions, type definitions, constant values. A symbol's `ast` and a type's `n` are positions in this tree."),
    ("syms", "The module's symbols (PackedSym records). In Nim 1.6 and 2.0 record i is the symbol with id i, and unused ids leave all-zero holes; Nim 2.2 stores only real symbols, each with its id."),
    ("types", "The module's types (PackedType records), each with its sons. In Nim 1.6 and 2.0 record i is type i (slot 0 is a hole); Nim 2.2 stores each type with its id."),
    ("typeInstCache", "Generic types instantiated in this module: (generic type, instance) pairs."),
    ("procInstCache", "Generic routines instantiated in this module: the generic, the instance and the concrete types it was instantiated with."),
    ("attachedOps", "Type-bound operations (=destroy, =copy, =sink, =trace, deepCopy) attached to types. The field order differs between 1.6 (op first) and 2.x (type first)."),
    ("methodsPerType", "Method dispatch entries per type. In 1.6/2.0: (type, index, method); in 2.2 this name is a new (type, method) table and the old one is methodsPerGenericType."),
    ("methodsPerGenericType", "Nim 2.2's name for the (type, index, method) dispatch table that 1.6 and 2.0 call methodsPerType."),
    ("enumToStringProcs", "The generated `$` procs of enum types: (enum type, proc) pairs."),
    ("dispatchers", "Nim 2.2: the method dispatchers generated in this module."),
    ("typeInfo", "The names of the run-time type information objects (NTI…) this module emitted in its C code."),
    ("backendFlags", "One byte of flags for the code generator: whether the module has a data-init proc and a module-init proc."),
    ("sideChannel", "Nim 2.2: line infos that do not fit the packed 32-bit form (file LitId above 1023, line above 16383 or column above 127) are stored here as (file, line, col) entries; the packed value then holds the entry's index. Entries are appended, never shared."),
    ("aliveSyms", "The only section of an .alivesyms file: the ids of the module's symbols that the backend's dead-code elimination kept alive, as int32, ascending."),
    (".alivesyms", "A file written beside each .rod: the live set of the module computed by the backend's mark-and-sweep pass over the whole program (the symbols reachable from the roots). rodscope recomputes it and compares."),
    // records and ids
    ("PackedNode", "One node of a packed tree. Nim 1.6/2.0: 28 bytes (kind, flags, operand, type, line info). Nim 2.2: 8 bytes (kind and operand share one 32-bit word, plus a packed line info); flags and types moved to the tree's withFlags and withTypes tables."),
    ("PackedSym", "One symbol: kind, name, type, flags, magic, position, definition (ast), owner, options, C name, library and more. 120 bytes in 1.6 and 2.0 (2.0 split `offset` into offset and disamb), 136 in 2.2 (id first, a 4-byte line info, instantiatedFrom last)."),
    ("PackedType", "One type: kind, calling convention, flags, its sons (a list of PackedItemIds), its node in bodies, symbol, owner, size, alignment and the generic instance it comes from. Written field by field, so it has no padding and its size grows by 8 bytes per son."),
    ("operand", "A node's operand means different things by kind: for identifiers and string literals a LitId into strings, for other literals a LitId into numbers (but nkInt32Lit in 1.6/2.0 holds the value itself), for nkSym a symbol id, and for every non-atom the span: the number of nodes of its subtree, itself included."),
    ("span", "Packed trees are arrays in pre-order; an inner node stores how many nodes its subtree covers, so children are found by skipping whole subtrees, without pointers."),
    ("LitId", "An index into the module's strings or numbers table. 0 means \"none\". In Nim 1.6 and 2.0 the first value has LitId 256; Nim 2.2 starts at 1. The module's own path is always the first string."),
    ("NodeId", "A position in the module's bodies tree; -1 (emptyNodeId) means none."),
    ("PackedItemId", "A reference to a symbol or type: (module, item). module is a LitId of this file's strings naming the other module's path (0 = this module), item the id inside that module. nil is (0, -1) in 1.6/2.0 and (0, 0) in 2.2."),
    ("nkModuleRef", "A node that stands for a symbol of another module. A packed node has room for one operand only, and a cross-module reference needs two numbers, so the writer emits a group of three nodes: the nkModuleRef itself (span 3) and two operand children, the first holding the other module (a LitId of this file's strings naming its path), the second the item id of the symbol in that module. Views fold the two children into the nkModuleRef's row; rodscope follows the link when the other module's .rod is loaded."),
    ("SymId", "The operand of an nkSym node: the id of a symbol of this module (an index into its syms table in 1.6/2.0, the stored id in 2.2). A symbol of another module needs an nkModuleRef instead."),
    ("PackedTree", "A tree stored as one flat array of nodes in pre-order: a node is followed by its whole subtree, so a subtree is the contiguous range [n, n + span). Children are found by skipping subtrees, parents by scanning back; there are no pointers. Each module has three: topLevel, bodies and toReplay."),
    ("PackedModule", "Everything the compiler keeps of one module between builds, written as one .rod file: the config, the string and number tables, the include hashes and imports, the exports, the three trees (topLevel, bodies, toReplay), the symbol and type tables and the generic-instance and hook tables; beside it, its .alivesyms."),
    ("TNodeKind", "The compiler's enum of node kinds (nkProcDef, nkCall, ...). A packed node stores its ordinal in one byte; the names come from the table of the compiler that wrote the file."),
    ("TSymKind", "The compiler's enum of symbol kinds (skProc, skType, skVar, ...), stored as the ordinal in a PackedSym."),
    ("TTypeKind", "The compiler's enum of type kinds (tyObject, tySequence, tyProc, ...), stored as the ordinal in a PackedType."),
    ("TNodeFlag", "Node flags (nfSem: already checked, nfBase16: written in hex, nfIsRef, nfHasComment, ...): a set stored as a bit mask, bit i meaning the flag with ordinal i. Nim 2.2 keeps them out of the node record, in the tree's withFlags table."),
    ("TSymFlag", "Symbol flags (sfExported, sfUsed, sfImportc, sfExportc, sfCompilerProc, ...): a 64-bit mask in each PackedSym; some of them make a symbol a root of the live set (exportc, compilerproc)."),
    ("TTypeFlag", "Type flags (tfFinal, tfInheritable, tfHasGCedMem, tfGenericTypeParam, ...): a 64-bit mask in each PackedType."),
    ("TOptions", "The local option set (optRangeCheck, optBoundsCheck, optStackTrace, optLineTrace, ...): which checks and traces were on where a symbol was defined, as a bit mask in the PackedSym and in the config."),
    ("nkReplayAction", "A root of the replay tree: one action to repeat when the module is loaded from the cache; its children are the action's name and arguments."),
    ("replay actions", "What the compiler re-executes when it takes a module from the cache: pragmas with global effects (compile, link, passC, passL, emit of headers) and macrocache operations. They live in the toReplay tree."),
    ("holes", "In Nim 1.6 and 2.0 the symbol and type tables are arrays indexed by id; ids the module reserved but never stored leave all-zero records (name 0). They are not symbols, but they take bytes and count in nim rod's totals."),
    ("PackedLineInfo", "A source position. Nim 1.6/2.0: line (u16), column (i16), file LitId (u32), 8 bytes. Nim 2.2: one u32: bit 0 clear means inline (file in 10 bits, line in 14, column in 7); bit 0 set means the other 31 bits index the sideChannel table."),
    ("withFlags", "Nim 2.2: a tree's list of (node, flags) for the nodes that have flags, ascending by node; a node not listed has none."),
    ("withTypes", "Nim 2.2: a tree's list of (node, type) for the nodes that have a type, ascending by node; a node not listed has none."),
    ("flags", "Sets of compiler flags (node flags nf…, symbol flags sf…, type flags tf…, location flags lf…) stored as bit sets: bit i is the flag with ordinal i of the compiler that wrote the file."),
    ("options", "The option sets in force (TOptions opt…: checks, stack traces, ...; TGlobalOptions: threads, project-wide switches), as bit sets. Each symbol records the options at its definition; the config records the module's."),
    ("PackedConfig", "The backend (C, C++, JS, ObjC), the GC, the C compiler and the two option sets the module was compiled with; every module of one build has the same."),
    // node-kind families
    ("atoms", "Nodes without children (nkEmpty up to nkNilLit): identifiers, symbols, types and literals. Their operand is a value or an id, not a span."),
    ("literals", "Character, integer, float and string literal nodes. The value is in the numbers or strings table (by LitId), except nkInt32Lit in 1.6/2.0, which holds it in the operand."),
    ("definitions", "Routine and other definitions (nkProcDef, nkFuncDef, nkMethodDef, nkIteratorDef, nkConverterDef, nkMacroDef, nkTemplateDef, nkTypeDef, nkConstDef, nkIdentDefs): a name, then parameters, pragmas and body in fixed child positions."),
    ("sections", "Declaration sections (nkTypeSection, nkVarSection, nkLetSection, nkConstSection) holding one definition per child."),
    ("calls", "Calls in their source shapes (nkCall, nkCommand, nkInfix, nkPrefix, nkPostfix, nkDotCall, nkCallStrLit) and their children: the callee first, then the arguments."),
    ("statements", "Statement nodes: control flow (if, when, case, while, for, try, block, return, break, ...), assignments and statement lists."),
    ("type expressions", "Nodes that spell types (nkObjectTy, nkRefTy, nkPtrTy, nkProcTy, nkEnumTy, nkTupleTy, nkRecList, ...), found in type definitions and in a type's `n`."),
    ("conversions", "Conversions the compiler inserted or the program wrote: nkHiddenStdConv, nkHiddenSubConv, nkConv, nkCast, nkChckRange…, nkHiddenAddr, nkHiddenDeref, nkObjUpConv, nkObjDownConv."),
    ("symbol choices", "nkClosedSymChoice and nkOpenSymChoice: an overloaded name not yet resolved, its children the candidates."),
    // symbol kinds
    ("skModule", "A module. Every .rod file stores its own module symbol (id 0), owned by the package, which is never stored."),
    ("skPackage", "A package: the owner of module symbols (never stored in a .rod file)."),
    ("skType", "A type name; the symbol's type is the type it names."),
    ("skGenericParam", "A generic parameter of a routine or type."),
    ("skParam", "A routine's parameter."),
    ("skVar", "A `var` variable, local or global."),
    ("skLet", "A `let` variable."),
    ("skConst", "A constant; its ast holds the value."),
    ("skResult", "The implicit `result` variable of a routine."),
    ("skForVar", "A loop variable of a `for`."),
    ("skTemp", "A temporary the compiler introduced."),
    ("skLabel", "A block label."),
    ("skProc", "A proc."),
    ("skFunc", "A func (a proc without side effects)."),
    ("skMethod", "A method (dynamically dispatched)."),
    ("skIterator", "An iterator."),
    ("skConverter", "A converter (an implicit conversion proc)."),
    ("skMacro", "A macro (runs at compile time on the AST)."),
    ("skTemplate", "A template (substituted at the call site)."),
    ("skField", "A field of an object or tuple; its position is the field index and its offset the field's byte offset once known."),
    ("skEnumField", "An enum value; its position is the ordinal."),
    ("skConditional", "A conditional symbol of the `defined` checks."),
    ("skDynLib", "A dynamic library."),
    ("skStub", "A symbol not loaded yet (the old rod-file reader's placeholder)."),
    ("skAlias", "An alias: another name for an existing symbol."),
    ("skUnknown", "A symbol of unknown kind (skError shares this ordinal)."),
];

/// The explanation of a topic, if there is one.
pub fn explain(topic: &str) -> Option<&'static str> {
    TOPICS.iter().find(|(t, _)| *t == topic).map(|(_, e)| *e)
}

/// Node kinds of each family (the names of the compilers' TNodeKind).
const FAMILIES: &[(&str, &[&str])] = &[
    ("literals", &["nkCharLit", "nkIntLit", "nkInt8Lit", "nkInt16Lit", "nkInt32Lit", "nkInt64Lit", "nkUIntLit", "nkUInt8Lit", "nkUInt16Lit", "nkUInt32Lit", "nkUInt64Lit", "nkFloatLit", "nkFloat32Lit", "nkFloat64Lit", "nkFloat128Lit", "nkStrLit", "nkRStrLit", "nkTripleStrLit", "nkNilLit"]),
    ("atoms", &["nkNone", "nkEmpty", "nkIdent", "nkSym", "nkType"]),
    ("definitions", &["nkProcDef", "nkFuncDef", "nkMethodDef", "nkIteratorDef", "nkConverterDef", "nkMacroDef", "nkTemplateDef", "nkTypeDef", "nkConstDef", "nkIdentDefs", "nkVarTuple", "nkLambda", "nkDo"]),
    ("sections", &["nkTypeSection", "nkVarSection", "nkLetSection", "nkConstSection"]),
    ("calls", &["nkCall", "nkCommand", "nkInfix", "nkPrefix", "nkPostfix", "nkDotCall", "nkCallStrLit", "nkHiddenCallConv"]),
    ("conversions", &["nkHiddenStdConv", "nkHiddenSubConv", "nkConv", "nkCast", "nkChckRangeF", "nkChckRange64", "nkChckRange", "nkHiddenAddr", "nkHiddenDeref", "nkObjUpConv", "nkObjDownConv", "nkStringToCString", "nkCStringToString"]),
    ("symbol choices", &["nkClosedSymChoice", "nkOpenSymChoice"]),
    ("type expressions", &["nkObjectTy", "nkTupleTy", "nkTupleClassTy", "nkTypeClassTy", "nkStaticTy", "nkRecList", "nkRecCase", "nkRecWhen", "nkRefTy", "nkPtrTy", "nkVarTy", "nkConstTy", "nkMutableTy", "nkDistinctTy", "nkProcTy", "nkIteratorTy", "nkEnumTy", "nkEnumFieldDef"]),
    ("statements", &["nkStmtList", "nkIfStmt", "nkWhenStmt", "nkCaseStmt", "nkWhileStmt", "nkForStmt", "nkTryStmt", "nkBlockStmt", "nkReturnStmt", "nkBreakStmt", "nkContinueStmt", "nkRaiseStmt", "nkDiscardStmt", "nkAsgn", "nkFastAsgn", "nkYieldStmt", "nkDefer", "nkImportStmt", "nkFromStmt", "nkIncludeStmt", "nkExportStmt", "nkCommentStmt", "nkPragma", "nkPragmaBlock", "nkAsmStmt", "nkStaticStmt"]),
];

/// The family topic of a node kind name.
pub fn node_family(kind: &str) -> Option<&'static str> {
    FAMILIES.iter().find(|(_, ks)| ks.contains(&kind)).map(|(f, _)| *f)
}

/// The topics that explain a node row, most specific first.
pub fn topics_for_node(row: &NodeRow) -> Vec<&'static str> {
    let mut v = Vec::new();
    let mut add = |t: &str| {
        if let Some((k, _)) = TOPICS.iter().find(|(k, _)| *k == t) {
            if !v.contains(k) {
                v.push(*k);
            }
        }
    };
    add(&row.kind);
    if let Some(f) = node_family(&row.kind) {
        add(f);
    }
    match &row.value {
        NodeValue::Lit(_) => add("LitId"),
        NodeValue::Sym { kind, module, .. } => {
            add(kind);
            if module.is_some() {
                add("nkModuleRef");
                add("PackedItemId");
            } else {
                add("SymId");
            }
        }
        NodeValue::Unresolved(_) => add("PackedItemId"),
        NodeValue::None => {}
    }
    if row.kind == "nkReplayAction" {
        add("replay actions");
    }
    if !row.flags.is_empty() {
        add("TNodeFlag");
        add("flags");
    }
    if row.bytes.is_some() {
        add("PackedNode");
    }
    v
}

/// The topics that explain a byte region, most specific first.
pub fn topics_for_region(r: &RegionRow) -> Vec<&'static str> {
    let mut v = Vec::new();
    let mut add = |t: &str| {
        if let Some((k, _)) = TOPICS.iter().find(|(k, _)| *k == t) {
            if !v.contains(k) {
                v.push(*k);
            }
        }
    };
    match r.kind {
        "cookie" => add("cookie"),
        "tag" => add("tag"),
        "length" => add("length"),
        "padding" => add("padding"),
        "node" => {
            add("PackedNode");
            add("operand");
        }
        "sym" => add("PackedSym"),
        "type" => add("PackedType"),
        "string" | "number" => add("LitId"),
        _ => {}
    }
    add(&r.part);
    add(&r.record);
    add(&r.section);
    if r.section == "aliveSyms" {
        add(".alivesyms");
    }
    if matches!(r.kind, "node" | "sym") {
        add("PackedLineInfo");
    }
    v
}

/// The topics that explain a symbol row, most specific first.
pub fn topics_for_sym(row: &SymRow) -> Vec<&'static str> {
    let mut v = known(&[&row.kind, "PackedSym"]);
    if !row.flags.is_empty() {
        v.extend(known(&["TSymFlag"]));
    }
    if row.facts.iter().any(|f| f.label == "Options") {
        v.extend(known(&["options", "TOptions"]));
    }
    v.extend(known(&["TSymKind", "PackedItemId", "syms", "holes"]));
    if row.alive.is_some() {
        v.extend(known(&[".alivesyms"]));
    }
    dedup(v)
}

/// The topics that explain a type row, most specific first.
pub fn topics_for_type(row: &TypeRow) -> Vec<&'static str> {
    let mut v = known(&["PackedType", "TTypeKind"]);
    if !row.flags.is_empty() {
        v.extend(known(&["TTypeFlag"]));
    }
    v.extend(known(&["PackedItemId", "types", "holes"]));
    dedup(v)
}

/// Table slugs whose topic is not their title: (slug, topic).
const TABLE_TOPICS: &[(&str, &str)] = &[("replay", "replay actions"), ("includes", "checkSums"), ("imports", "deps"), ("sections", "tag")];

/// The topics that explain a module's table (by slug and title).
pub fn topics_for_table(slug: &str, title: &str) -> Vec<&'static str> {
    let mapped = TABLE_TOPICS.iter().find(|(s, _)| *s == slug).map_or(title, |(_, t)| *t);
    let mut v = known(&[mapped, title]);
    match mapped {
        "strings" | "numbers" => v.extend(known(&["LitId", "keys"])),
        "replay actions" => v.extend(known(&["toReplay", "nkReplayAction"])),
        "exports" | "hidden" | "reexports" => v.extend(known(&["PackedItemId"])),
        "tag" => v.extend(known(&["cookie", "length"])),
        _ => {}
    }
    dedup(v)
}

/// The topics that explain a module (its file).
pub fn topics_for_module() -> Vec<&'static str> {
    known(&["PackedModule", "cookie", "tag", "length", "config", "PackedConfig", ".alivesyms"])
}

/// The topics that explain a tree (by its section's name: `topLevel`, `bodies`, `toReplay`).
pub fn topics_for_tree(section: &str) -> Vec<&'static str> {
    dedup(known(&[section, "PackedTree", "PackedNode", "span", "operand"]))
}

/// The topics of these names that exist.
fn known(names: &[&str]) -> Vec<&'static str> {
    names.iter().filter_map(|n| TOPICS.iter().find(|(k, _)| k == n).map(|(k, _)| *k)).collect()
}

fn dedup(v: Vec<&'static str>) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::with_capacity(v.len());
    for t in v {
        if !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_topic_is_explained_once_and_named_topics_exist() {
        for (i, (t, e)) in TOPICS.iter().enumerate() {
            assert!(!e.is_empty(), "{t}");
            assert!(TOPICS[..i].iter().all(|(u, _)| u != t), "{t} twice");
        }
        for (f, _) in FAMILIES {
            assert!(explain(f).is_some(), "family {f}");
        }
        for t in ["LitId", "holes", "nkModuleRef", "PackedItemId", "replay actions", ".alivesyms", "flags", "options", "withFlags", "withTypes", "PackedLineInfo", "sideChannel", "bodies", "skProc"] {
            assert!(explain(t).is_some(), "{t}");
        }
        assert!(explain("LitId").unwrap().contains("256"));
    }

    #[test]
    fn every_section_and_symbol_kind_has_a_topic() {
        use rod_decoder::{RodVersion, SectionKind};
        for v in RodVersion::ALL {
            for &(_, k) in v.layout() {
                assert!(explain(v.section_name(k)).is_some(), "{} section {}", v, v.section_name(k));
            }
            assert!(explain(v.section_name(SectionKind::AliveSyms)).is_some());
            for k in v.names().sym_kind {
                assert!(explain(k).is_some(), "{v} {k}");
            }
            // family tables name real node kinds of some version
        }
        for (_, kinds) in FAMILIES {
            for k in *kinds {
                assert!(RodVersion::ALL.iter().any(|v| v.names().node_kind.contains(k)), "{k}");
            }
        }
    }
}
