//! Whole-program analyses on small hand-made modules: the rules one by one, and
//! hostile input (deep trees, wild ids, dangling links) that must neither panic nor
//! recurse.

use super::*;
use crate::ids::{sym_ids, NodeId, NodePos, SymId, TreeKind, TypeId};
use crate::module::{empty_module, ItemTable, PackedSym, PackedType, StringTable, TypeTable};
use crate::tree::{NodeKind, PackedNode, PackedTree};

fn nk(name: &str) -> u8 {
    RodVersion::V1_6.names().node_kind.iter().position(|n| *n == name).map(|i| i as u8).unwrap_or_else(|| panic!("{name}"))
}
fn sk(name: &str) -> u8 {
    RodVersion::V1_6.names().sym_kind.iter().position(|n| *n == name).map(|i| i as u8).unwrap_or_else(|| panic!("{name}"))
}
fn sf(name: &str) -> u64 {
    1u64 << RodVersion::V1_6.names().sym_flag.iter().position(|n| *n == name).unwrap_or_else(|| panic!("{name}"))
}

/// A tree to flatten into pre-order (small, hand-written trees only).
enum T {
    A(&'static str, i32),
    N(&'static str, Vec<T>),
    /// nkModuleRef to (path LitId, item).
    Ref(u32, i32),
}

fn flatten(t: &T, out: &mut Vec<PackedNode>) {
    match t {
        T::A(k, op) => out.push(PackedNode { kind: NodeKind(nk(k)), operand: *op, ..Default::default() }),
        T::Ref(lit, item) => {
            out.push(PackedNode { kind: NodeKind::MODULE_REF, operand: 3, ..Default::default() });
            out.push(PackedNode { kind: NodeKind::INT32_LIT, operand: *lit as i32, ..Default::default() });
            out.push(PackedNode { kind: NodeKind::INT32_LIT, operand: *item, ..Default::default() });
        }
        T::N(k, kids) => {
            let at = out.len();
            out.push(PackedNode { kind: NodeKind(nk(k)), ..Default::default() });
            for c in kids {
                flatten(c, out);
            }
            let span = (out.len() - at) as i32;
            out[at].operand = span;
        }
    }
}

fn forest(roots: &[T]) -> PackedTree {
    let mut nodes = Vec::new();
    for r in roots {
        flatten(r, &mut nodes);
    }
    PackedTree::new(nodes)
}

/// A routine definition: name, generic params, body.
fn def(kind: &'static str, name: i32, generic: bool, body: Vec<T>) -> T {
    let e = || T::A("nkEmpty", 0);
    let gp = if generic { T::N("nkGenericParams", vec![T::A("nkSym", 99)]) } else { e() };
    T::N(kind, vec![T::A("nkSym", name), e(), gp, e(), e(), e(), T::N("nkStmtList", body)])
}

struct Mb {
    m: PackedModule,
}

impl Mb {
    fn new(path: &str, flags: u64) -> Mb {
        let mut m = empty_module(RodVersion::V1_6, 0);
        m.strings = StringTable::new(256, 0, 0);
        m.strings.push(path.as_bytes());
        m.includes = vec![(LitId(256), "0000".into())];
        m.module_flags = flags;
        Mb { m }
    }
    fn lit(&mut self, s: &str) -> u32 {
        if let Some((id, _)) = self.m.strings.iter().find(|(_, v)| *v == s.as_bytes()) {
            return id.0;
        }
        self.m.strings.push(s.as_bytes());
        self.m.strings.lit_id(self.m.strings.len() - 1).0
    }
    /// Symbols 1.. (slot 0 is the module symbol): (name, kind, flags, ast).
    fn syms(&mut self, list: &[(&str, &str, u64, i32)]) {
        let mut v =
            vec![PackedSym { kind: sk("skModule"), name: LitId(256), ast: NodeId::EMPTY, constraint: NodeId::EMPTY, ..Default::default() }];
        for (i, (name, kind, flags, ast)) in list.iter().enumerate() {
            let name = LitId(self.lit(name));
            v.push(PackedSym {
                id: SymId(i as i32 + 1),
                kind: sk(kind),
                name,
                flags: *flags,
                ast: NodeId(*ast),
                constraint: NodeId::EMPTY,
                ..Default::default()
            });
        }
        self.m.syms = ItemTable::slots(v);
    }
}

const PROC: &str = "nkProcDef";

/// main.nim: `b.used()` at top level and `type X = b.typeOnly`; b.nim: `used`
/// (whose body mentions `helper`), `helper`, `exported {.exportc.}`, generic
/// `gen[T] {.exportc.}`, `typeOnly`, `unused`, and a method.
fn two_modules() -> ModuleGraph {
    let mut a = Mb::new("/p/main.nim", sf("sfMainModule"));
    let bl = a.lit("/p/b.nim");
    a.m.imports = vec![LitId(bl)];
    a.syms(&[]);
    a.m.top_level = forest(&[T::N("nkCall", vec![T::Ref(bl, 1)]), T::N("nkTypeSection", vec![T::N("nkTypeDef", vec![T::Ref(bl, 5)])])]);
    let mut b = Mb::new("/p/b.nim", 0);
    b.syms(&[
        ("used", "skProc", 0, 0),                                    // 1: ast = bodies root 0
        ("helper", "skProc", 0, -1),                                 // 2
        ("exported", "skProc", sf("sfExportc"), -1),                 // 3
        ("gen", "skProc", sf("sfExportc"), -1),                      // 4
        ("typeOnly", "skType", 0, -1),                               // 5
        ("unused", "skProc", 0, -1),                                 // 6
        ("meth", "skMethod", 0, -1),                                 // 7
        ("ct", "skProc", sf("sfExportc") | sf("sfCompileTime"), -1), // 8
    ]);
    b.m.bodies = forest(&[def(PROC, 1, false, vec![T::N("nkCall", vec![T::A("nkSym", 2)])])]);
    b.m.top_level = forest(&[
        def(PROC, 1, false, vec![]),
        def(PROC, 3, false, vec![]),
        def(PROC, 4, true, vec![]),
        def(PROC, 6, false, vec![T::A("nkSym", 2)]),
        def("nkMethodDef", 7, false, vec![]),
        def(PROC, 8, false, vec![]),
    ]);
    let mut sys = Mb::new("/lib/system.nim", sf("sfSystemModule"));
    sys.syms(&[("echo", "skProc", sf("sfCompilerProc"), -1)]);
    sys.m.top_level = forest(&[def(PROC, 1, false, vec![])]);
    let mut stale = Mb::new("/p/old.nim", 0);
    stale.syms(&[("x", "skVar", 0, -1)]);
    stale.m.top_level = forest(&[T::A("nkSym", 1)]);
    ModuleGraph::new(vec![a.m, b.m, sys.m, stale.m])
}

#[test]
fn build_membership_and_resolution() {
    let g = two_modules();
    let st: Vec<ModuleStatus> = g.modules().iter().map(|m| m.status).collect();
    assert_eq!(st, vec![ModuleStatus::InBuild, ModuleStatus::InBuild, ModuleStatus::InBuild, ModuleStatus::Stale]);
    assert_eq!(g.build_roots().mains, vec![ModuleIdx(0)]);
    assert_eq!(g.build_roots().systems, vec![ModuleIdx(2)]);
    assert_eq!(g.mixed_versions(), None);
    assert_eq!(g.resolve_ref(ModuleIdx(0), ModuleRef { module: LitId(257), item: 3 }), Resolution::Resolved(ModuleIdx(1), 3));
    let nowhere = g.resolve_ref(ModuleIdx(0), ModuleRef { module: LitId(9999), item: 3 });
    assert!(matches!(nowhere, Resolution::Unresolved(UnresolvedLink { reason: LinkFailure::NotLoaded, .. })));
    assert_eq!(g.find_symbols("helper@b"), vec![(ModuleIdx(1), SymId(2))]);
    assert_eq!(g.find_symbols("helper@main"), vec![]);
    assert_eq!(g.by_path_any("/p/b.nim").and_then(|i| g.get(i)).and_then(|m| m.module.path()).as_deref(), Some("/p/b.nim"));
}

#[test]
fn live_set_rules() {
    let g = two_modules();
    let live = LiveSet::compute(&g);
    // used (top-level ref), helper (used's body), exported (exportc root), meth
    // (method root); not gen (generic), typeOnly (type section), unused, ct (compile time).
    assert_eq!(live.alive(ModuleIdx(1)), sym_ids(&[1, 2, 3, 7]));
    assert_eq!(live.alive(ModuleIdx(2)), sym_ids(&[1]), "compilerprocs are roots");
    assert_eq!(live.alive(ModuleIdx(3)), &[] as &[SymId], "stale modules are not scanned");
    assert!(live.anomalies().is_empty(), "{:?}", live.anomalies());

    let chain = live.why_alive(ModuleIdx(1), SymId(2)).unwrap_or_default();
    let got: Vec<(ModuleIdx, SymId, Site)> = chain.iter().map(|s| (s.module, s.sym, s.cause.site)).collect();
    assert_eq!(
        got,
        vec![
            (ModuleIdx(1), SymId(1), Site::TopLevel { module: ModuleIdx(0), node: NodePos(1) }),
            (ModuleIdx(1), SymId(2), Site::Body { module: ModuleIdx(1), owner: SymId(1), node: NodePos(9) }),
        ]
    );
    assert_eq!(live.cause(ModuleIdx(1), SymId(3)).map(|c| c.rule), Some(Rule::ExportedToC(ExportRule::Exportc)));
    assert_eq!(live.cause(ModuleIdx(1), SymId(7)).map(|c| c.rule), Some(Rule::ExportedToC(ExportRule::Method)));
    assert_eq!(live.cause(ModuleIdx(2), SymId(1)).map(|c| c.rule), Some(Rule::ExportedToC(ExportRule::CompilerProc)));

    let usages = UsageIndex::build(&g);
    let dead = live.why_dead(&g, &usages, ModuleIdx(1), SymId(5)).map(|w| w.mentions.iter().map(|m| m.context).collect::<Vec<_>>());
    assert_eq!(dead, Some(vec![MentionContext::Skipped { kind: NodeKind(nk("nkTypeSection")), node: NodePos(4) }]));
    let stale = live.why_dead(&g, &usages, ModuleIdx(3), SymId(1)).map(|w| (w.reason, w.mentions.len()));
    assert_eq!(stale, Some((DeadReason::NotInBuild(ModuleStatus::Stale), 1)));
    assert_eq!(live.why_dead(&g, &usages, ModuleIdx(1), SymId(2)), None, "alive");
}

#[test]
fn usages_and_printers() {
    let g = two_modules();
    let live = LiveSet::compute(&g);
    assert!(live.is_alive(ModuleIdx(1), SymId(2)));
    // The worded why/usages printers are rod-view's (tested there on real caches).
    let ig = ImportGraph::build(&g);
    let edges: Vec<(u32, u32, bool, usize)> = ig.edges.iter().map(|e| (e.from.0, e.to.0, e.imported, e.refs)).collect();
    assert_eq!(edges, vec![(0, 1, true, 2)]);
    let mut dot = Vec::new();
    print::write_dot(&g, &ig, &mut dot).unwrap_or(());
    assert!(String::from_utf8_lossy(&dot).contains("m0 -> m1 [label=\"2\"];"));
}

#[test]
fn hostile_input_never_panics_or_recurses() {
    let mut a = Mb::new("/p/main.nim", sf("sfMainModule"));
    let missing = a.lit("/p/missing.nim");
    a.syms(&[("deep", "skVar", 0, 0), ("badAst", "skVar", 0, 1_000_000), ("noBody", "skProc", 0, 0)]);
    // top level: wild ids, a link to a module that is not loaded, a def without sons
    a.m.top_level = forest(&[
        T::A("nkSym", i32::MAX),
        T::A("nkSym", -7),
        T::A("nkSym", 1),
        T::A("nkSym", 2),
        T::A("nkSym", 3),
        T::N("nkStmtList", vec![T::Ref(missing, 4)]),
        T::N(PROC, vec![T::A("nkSym", 1)]),
    ]);
    // bodies root 0: 300,000 nested statement lists ending in a symbol (ast of `deep`,
    // and of `noBody`, whose son 6 does not exist)
    let depth = 300_000u32;
    let mut nodes: Vec<PackedNode> = (0..depth)
        .map(|i| PackedNode { kind: NodeKind(nk("nkStmtList")), operand: (depth - i + 1) as i32, ..Default::default() })
        .collect();
    nodes.push(PackedNode { kind: NodeKind::SYM, operand: 1, ..Default::default() });
    a.m.bodies = PackedTree::new(nodes);
    let g = ModuleGraph::new(vec![a.m]);
    let live = LiveSet::compute(&g);
    assert_eq!(live.alive(ModuleIdx(0)), sym_ids(&[-7, 1, 2, 3, i32::MAX]));
    let kinds: Vec<&str> = live
        .anomalies()
        .iter()
        .map(|a| match a {
            Anomaly::MissingSymbol { .. } => "missing",
            Anomaly::BadAst { .. } => "badast",
            Anomaly::UnresolvedLink { .. } => "unresolved",
            Anomaly::MalformedDef { .. } => "malformed",
            _ => "other",
        })
        .collect();
    assert_eq!(kinds, vec!["missing", "missing", "badast", "badast", "unresolved", "malformed"]);
    let u = UsageIndex::build(&g);
    assert_eq!(u.unresolved().len(), 1);
    assert_eq!(u.of(ModuleIdx(0), SymId(1)).len(), 3);
    let w = live.why_dead(&g, &u, ModuleIdx(0), SymId(0));
    assert!(w.is_some());
    let mut out = Vec::new();
    let c = check_alive(&g, &live, &[None]);
    print::print_alive_check(&g, &live, &c, &mut out).unwrap_or(());
    print::print_anomalies(&g, &live, &mut out).unwrap_or(());
    assert!(String::from_utf8_lossy(&out).contains("reference to /p/missing.nim #4 (not loaded)"));
}

#[test]
fn range_checks() {
    // A range check on int with optRangeCheck requests raiseRangeErrorI, which is
    // not registered here; on an unsigned destination it requests nothing.
    let opt = 1u32 << RodVersion::V1_6.names().option.iter().position(|n| *n == "optRangeCheck").unwrap_or(0);
    let tk = |n: &str| RodVersion::V1_6.names().type_kind.iter().position(|x| *x == n).map_or(0, |i| i as u8);
    let mk = |dest: &str| {
        let mut a = Mb::new("/p/main.nim", sf("sfMainModule"));
        a.syms(&[]);
        a.m.config.options = opt;
        a.m.types = TypeTable {
            table: ItemTable::slots(vec![
                PackedType::default(),
                PackedType { id: TypeId(1), kind: tk("tyInt"), ..Default::default() },
                PackedType { id: TypeId(2), kind: tk(dest), ..Default::default() },
            ]),
            sons: Vec::new(),
        };
        let mut nodes = forest(&[T::N("nkChckRange", vec![T::A("nkIntLit", 5), T::A("nkIntLit", 0), T::A("nkIntLit", 9)])]).iter().collect::<Vec<_>>();
        nodes[0].typ = PackedItemId { module: LitId(0), item: 2 };
        nodes[1].typ = PackedItemId { module: LitId(0), item: 1 };
        a.m.top_level = PackedTree::new(nodes);
        LiveSet::compute(&ModuleGraph::new(vec![a.m])).anomalies().to_vec()
    };
    let got = mk("tyInt");
    assert!(matches!(got.as_slice(), [Anomaly::MissingCompilerProc { name: "raiseRangeErrorI", .. }]), "{got:?}");
    let got = mk("tyFloat");
    assert!(matches!(got.as_slice(), [Anomaly::MissingCompilerProc { name: "raiseRangeErrorF", .. }]), "{got:?}");
    assert_eq!(mk("tyUInt32"), vec![]);
}

#[test]
fn other_versions_are_never_linked() {
    let mut a = Mb::new("/p/main.nim", sf("sfMainModule"));
    let bl = a.lit("/p/b.nim");
    a.m.imports = vec![LitId(bl)];
    a.syms(&[]);
    a.m.top_level = forest(&[T::Ref(bl, 1)]);
    let mut b = Mb::new("/p/b.nim", 0);
    b.syms(&[("x", "skVar", 0, -1)]);
    b.m.version = RodVersion::V2_0;
    let g = ModuleGraph::new(vec![a.m, b.m]);
    assert_eq!(g.mixed_versions(), Some(vec![(RodVersion::V1_6, 1), (RodVersion::V2_0, 1)]));
    let r = g.resolve_ref(ModuleIdx(0), ModuleRef { module: LitId(bl), item: 1 });
    assert!(matches!(r, Resolution::Unresolved(UnresolvedLink { reason: LinkFailure::OtherVersion(ModuleIdx(1)), .. })));
    let live = LiveSet::compute(&g);
    assert_eq!(live.alive(ModuleIdx(1)), &[] as &[SymId]);
    assert_eq!(g.build_roots().assumed_whole, vec![RodVersion::V2_0]);
    assert_eq!(g.build_roots().missing_deps.len(), 1);
    let _ = TreeKind::ALL;
}
