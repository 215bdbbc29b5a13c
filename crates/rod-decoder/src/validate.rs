//! Validation, separate from parsing: a decoded module can be well-framed and still
//! hold values no compiler writes (a span past its parent, a NodeId past bodies, a
//! reference to a hole). [`validate`] lists them; nothing here fails or panics.
//! Spans are judged by the one clamping rule of [`rod_format::flat`]: a child whose
//! stored span runs past its parent's end is reported with its section and offset.

use crate::ids::{ItemRef, NodePos, SymId, TreeKind, TypeId};
use crate::module::{PackedModule, SymRef};
use crate::tree::NodeKind;
use rod_format::flat;

/// One structural problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// Where: a tree and node, or a table.
    pub place: String,
    /// What is wrong.
    pub message: String,
    /// The file section it is in, for findings about one node.
    pub section: Option<&'static str>,
    /// The byte offset of the node's record in the file, when known.
    pub offset: Option<usize>,
}

/// At most this many findings are listed (a damaged file can have millions).
pub const MAX_FINDINGS: usize = 200;
/// At most this many spans running past their parent are listed per tree (then
/// their total), before any other finding.
pub const SPAN_FINDINGS_PER_TREE: usize = 50;

/// Checks spans, NodeIds, LitIds and symbol references of a decoded module.
pub fn validate(m: &PackedModule) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut add = |f: Finding| {
        if out.len() < MAX_FINDINGS {
            out.push(f);
        }
    };
    let table = |place: String, message: String| Finding { place, message, section: None, offset: None };
    let at = |k: TreeKind, i: u32| {
        let section = m.version.section_name(k.section());
        let off = m.node_offset(k, NodePos(i));
        let place = match off {
            Some(o) => format!("{} node {i} (section {section}, offset {o:#x})", k.name()),
            None => format!("{} node {i}", k.name()),
        };
        (place, section, off)
    };
    // Spans first, a share of the findings per tree (so every damaged tree is named):
    // the clamping rule of rod_format::flat decides what runs past what.
    for k in TreeKind::ALL {
        let t = m.tree(k);
        let (overruns, total) = flat::overruns(t, SPAN_FINDINGS_PER_TREE);
        for o in overruns {
            let (place, section, offset) = at(k, o.node);
            let message = match o.parent {
                Some(p) => format!("span {} ends at {}, past its parent node {p}'s end {}", o.span, o.end, o.parent_end),
                None => format!("span {} ends at {}, past the end of the tree ({} nodes)", o.span, o.end, t.len()),
            };
            add(Finding { place, message, section: Some(section), offset });
        }
        if total > SPAN_FINDINGS_PER_TREE {
            add(Finding {
                place: k.name().into(),
                message: format!("{total} spans run past their parents in all"),
                section: Some(m.version.section_name(k.section())),
                offset: None,
            });
        }
    }
    for k in TreeKind::ALL {
        let t = m.tree(k);
        let at = |i: u32| at(k, i);
        for (i, n) in t.iter().enumerate() {
            let i = i as u32;
            let place = || at(i);
            let mut report = |message: String| {
                let (place, section, offset) = place();
                add(Finding { place, message, section: Some(section), offset });
            };
            if !n.kind.is_atom() && n.operand < 1 {
                report(format!("span {} is not positive", n.operand));
            }
            match n.kind {
                NodeKind::SYM if m.sym(SymId(n.operand)).is_none() => {
                    report(format!("nkSym names symbol {} which the module does not hold", n.operand));
                }
                NodeKind::MODULE_REF => match m.sym_ref(k, NodePos(i)) {
                    Some(SymRef::Remote(r)) if m.strings.get(r.module).is_none() => {
                        report(format!("nkModuleRef module LitId {} is not in strings", r.module))
                    }
                    None => report("nkModuleRef without its two children".into()),
                    _ => {}
                },
                NodeKind::IDENT | NodeKind::STR_LIT | NodeKind::R_STR_LIT | NodeKind::TRIPLE_STR_LIT
                    if m.strings.get(crate::LitId(n.operand as u32)).is_none() =>
                {
                    report(format!("literal id {} is not in strings", n.operand));
                }
                _ => {}
            }
        }
    }
    let roots = |id: crate::NodeId| -> bool {
        match id.pos() {
            None => true,
            Some(p) => p.index() < m.bodies.len(),
        }
    };
    for (id, s) in m.syms.iter() {
        if s.is_hole() {
            continue;
        }
        if !roots(s.ast) {
            add(table(format!("symbol {id}"), format!("ast NodeId {} is past bodies ({} nodes)", s.ast.0, m.bodies.len())));
        }
        if m.strings.get(s.name).is_none() {
            add(table(format!("symbol {id}"), format!("name LitId {} is not in strings", s.name)));
        }
        if let ItemRef::Local(t) = m.item_ref(s.typ) {
            if m.typ(TypeId(t)).is_none() {
                add(table(format!("symbol {id}"), format!("type {t} is not in the module")));
            }
        }
    }
    for (id, t) in m.types.table.iter() {
        if !t.is_hole() && !roots(t.n) {
            add(table(format!("type {id}"), format!("n NodeId {} is past bodies", t.n.0)));
        }
    }
    for (what, list) in [("exports", &m.exports), ("hidden", &m.hidden), ("compilerProcs", &m.compiler_procs)] {
        for &(_, id) in list {
            if m.sym(id).is_none() {
                add(table(what.into(), format!("names symbol {id} which the module does not hold")));
            }
        }
    }
    out
}
