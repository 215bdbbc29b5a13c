//! Validation, separate from parsing: a decoded module can be well-framed and still
//! hold values no compiler writes (a span past its parent, a NodeId past bodies, a
//! reference to a hole). [`validate`] lists them; nothing here fails or panics.

use crate::ids::{ItemRef, NodePos, TreeKind};
use crate::module::{PackedModule, SymRef};
use crate::tree::NodeKind;

/// One structural problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// Where: a tree and node, or a table.
    pub place: String,
    /// What is wrong.
    pub message: String,
}

/// At most this many findings are listed (a damaged file can have millions).
pub const MAX_FINDINGS: usize = 200;

/// Checks spans, NodeIds, LitIds and symbol references of a decoded module.
pub fn validate(m: &PackedModule) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut add = |place: String, message: String| {
        if out.len() < MAX_FINDINGS {
            out.push(Finding { place, message });
        }
    };
    for k in TreeKind::ALL {
        let t = m.tree(k);
        let mut ends: Vec<u32> = Vec::new();
        for (i, n) in (0u32..).zip(&t.nodes) {
            while ends.last().is_some_and(|&e| e <= i) {
                ends.pop();
            }
            let place = || format!("{} node {i}", k.name());
            if !n.kind.is_atom() {
                let span = n.operand;
                let end = i as i64 + span as i64;
                if span < 1 || end > t.len() as i64 {
                    add(place(), format!("span {span} does not fit the tree ({} nodes)", t.len()));
                } else if let Some(&pe) = ends.last() {
                    if end as u32 > pe {
                        add(place(), format!("subtree ends at {end}, past its parent's end {pe}"));
                    }
                }
                if span > 1 {
                    ends.push((end as u32).min(ends.last().copied().unwrap_or(u32::MAX)));
                }
            }
            match n.kind {
                NodeKind::SYM if m.sym(n.operand).is_none() => {
                    add(place(), format!("nkSym names symbol {} which the module does not hold", n.operand));
                }
                NodeKind::MODULE_REF => match m.sym_ref(k, NodePos(i)) {
                    Some(SymRef::Remote(r)) if m.strings.get(r.module).is_none() => {
                        add(place(), format!("nkModuleRef module LitId {} is not in strings", r.module))
                    }
                    None => add(place(), "nkModuleRef without its two children".into()),
                    _ => {}
                },
                NodeKind::IDENT | NodeKind::STR_LIT | NodeKind(21) | NodeKind::TRIPLE_STR_LIT
                    if m.strings.get(crate::LitId(n.operand as u32)).is_none() =>
                {
                    add(place(), format!("literal id {} is not in strings", n.operand));
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
            add(format!("symbol {id}"), format!("ast NodeId {} is past bodies ({} nodes)", s.ast.0, m.bodies.len()));
        }
        if m.strings.get(s.name).is_none() {
            add(format!("symbol {id}"), format!("name LitId {} is not in strings", s.name));
        }
        if let ItemRef::Local(t) = m.item_ref(s.typ) {
            if m.typ(t).is_none() {
                add(format!("symbol {id}"), format!("type {t} is not in the module"));
            }
        }
    }
    for (id, t) in m.types.table.iter() {
        if !t.is_hole() && !roots(t.n) {
            add(format!("type {id}"), format!("n NodeId {} is past bodies", t.n.0));
        }
    }
    for (what, list) in [("exports", &m.exports), ("hidden", &m.hidden), ("compilerProcs", &m.compiler_procs)] {
        for &(_, id) in list {
            if m.sym(id).is_none() {
                add(what.into(), format!("names symbol {id} which the module does not hold"));
            }
        }
    }
    out
}
