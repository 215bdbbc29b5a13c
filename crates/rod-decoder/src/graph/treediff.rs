//! A structural diff of one module's trees between two builds.
//!
//! [`TreeDiff::between`] matches the module's top-level statements and routine
//! bodies of the old and the new build by symbol name (a statement by the name
//! of the first symbol it defines, else by its kind and content; a body by the
//! routine's name and kind, overloads in order), and marks in each matched pair
//! the nodes whose subtrees differ. Nodes are compared by content, not by ids:
//! kind, literal value, the name and kind of a named symbol, the target path and
//! id of an `nkModuleRef`, and the number of children. Subtree hashes are made
//! bottom-up in one reverse pass over each tree and the pairs are walked with an
//! explicit stack, never recursively. Two nodes of the same content whose children
//! lists differ in length have the lists aligned (a longest common subsequence of
//! equal subtrees, bounded by [`MAX_ALIGN_CELLS`]), so an inserted or deleted
//! statement marks that statement rather than the whole list around it.

use super::{ModuleGraph, ModuleIdx};
use crate::ids::{NodePos, SymId, TreeKind};
use crate::literal::Literal;
use crate::module::{PackedModule, SymRef};
use crate::names::name_or_raw;
use std::collections::{BTreeMap, HashMap};
use std::hash::{DefaultHasher, Hash, Hasher};

/// What a matched item is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ItemKind {
    /// A top-level statement (topLevel tree).
    Statement,
    /// A routine's body (bodies tree, son 6 of its definition).
    Body,
}

/// How an item changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemChange {
    /// Only in the new build.
    Added,
    /// Only in the old build.
    Removed,
    /// In both, with different trees.
    Changed,
    /// In both, identical.
    Same,
}

/// One matched (or unmatched) item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemDiff {
    /// Statement or body.
    pub kind: ItemKind,
    /// The symbol name it was matched by (or `nkCall …` for an anonymous statement).
    pub name: String,
    /// What happened.
    pub change: ItemChange,
    /// Its root in the old build's tree.
    pub old: Option<NodePos>,
    /// Its root in the new build's tree.
    pub new: Option<NodePos>,
    /// The roots of the differing subtrees in the old tree (empty unless changed).
    pub changed_old: Vec<NodePos>,
    /// The roots of the differing subtrees in the new tree.
    pub changed_new: Vec<NodePos>,
}

/// The structural diff of one module.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TreeDiff {
    /// Statements first (in new-build order, removed ones after), then bodies.
    pub items: Vec<ItemDiff>,
}

/// Pairs pushed at most while marking one item (a bound against degenerate files).
const MAX_PAIRS: usize = 1_000_000;

struct Side<'a> {
    m: &'a PackedModule,
    g: &'a ModuleGraph,
    hashes: [Vec<u64>; 2],
}

fn tree_slot(tk: TreeKind) -> usize {
    usize::from(tk != TreeKind::TopLevel)
}

impl<'a> Side<'a> {
    fn new(g: &'a ModuleGraph, m: &'a PackedModule) -> Side<'a> {
        let mut s = Side { m, g, hashes: [Vec::new(), Vec::new()] };
        for tk in [TreeKind::TopLevel, TreeKind::Bodies] {
            let tree = m.tree(tk);
            let n = tree.len();
            let mut h = vec![0u64; n];
            for p in (0..n as u32).rev() {
                let pos = NodePos(p);
                let mut st = DefaultHasher::new();
                s.label(tk, pos).hash(&mut st);
                for c in tree.children(pos) {
                    h.get(c.index()).copied().unwrap_or(0).hash(&mut st);
                }
                if let Some(x) = h.get_mut(p as usize) {
                    *x = st.finish();
                }
            }
            s.hashes[tree_slot(tk)] = h;
        }
        s
    }
    fn hash(&self, tk: TreeKind, p: NodePos) -> u64 {
        self.hashes[tree_slot(tk)].get(p.index()).copied().unwrap_or(0)
    }
    /// The node's own content and its number of children, ids replaced by names.
    fn label(&self, tk: TreeKind, p: NodePos) -> String {
        format!("{} /{}", self.own(tk, p), self.m.tree(tk).child_count(p))
    }
    /// The node's own content (kind and literal or symbol), ids replaced by names.
    fn own(&self, tk: TreeKind, p: NodePos) -> String {
        let m = self.m;
        let Some(n) = m.tree(tk).node(p) else { return String::new() };
        let kind = name_or_raw(m.version.names().node_kind, n.kind.0 as u32);
        let what = match m.literal(tk, p) {
            Literal::Sym(id) => self.sym_name(id),
            Literal::None => match m.sym_ref(tk, p) {
                Some(SymRef::Remote(r)) => format!("{}#{}", m.str(r.module), r.item),
                Some(SymRef::Local(id)) => self.sym_name(id),
                None => String::new(),
            },
            l => l.display(),
        };
        format!("{kind} {what}")
    }
    fn sym_name(&self, id: SymId) -> String {
        match self.m.sym(id) {
            Some(s) => format!("{}:{}", self.m.sym_name(s), name_or_raw(self.m.version.names().sym_kind, s.kind as u32)),
            None => format!("#{id}"),
        }
    }
    /// Statements keyed by the first defined symbol's name, else kind and hash.
    fn statements(&self) -> Vec<(String, NodePos)> {
        let tree = &self.m.top_level;
        let mut out = Vec::new();
        for r in tree.roots() {
            let end = tree.subtree_end(r).0;
            let mut name = None;
            for q in (r.0..end).take(8) {
                if let Literal::Sym(id) = self.m.literal(TreeKind::TopLevel, NodePos(q)) {
                    name = Some(self.sym_name(id));
                    break;
                }
            }
            let kind = tree.node(r).map_or(0, |n| n.kind.0 as u32);
            let key = match name {
                Some(n) => n,
                None => format!("{} {:016x}", name_or_raw(self.m.version.names().node_kind, kind), self.hash(TreeKind::TopLevel, r)),
            };
            out.push((key, r));
        }
        out
    }
    /// Routine bodies keyed by name and kind, in symbol order.
    fn bodies(&self) -> Vec<(String, NodePos)> {
        let m = self.m;
        let mut out = Vec::new();
        for (id, s) in m.syms.iter() {
            if s.is_hole() || !super::vocab::Vocab::of(m.version).routine_kinds.contains(s.kind as u32) {
                continue;
            }
            let Some(ast) = s.ast.pos().filter(|p| p.index() < m.bodies.len()) else { continue };
            let Some(body) = m.bodies.child(ast, 6) else { continue };
            out.push((self.sym_name(id), body));
        }
        out
    }
}

/// Keys made unique by their order: `name`, `name (2)`, ...
fn numbered(items: Vec<(String, NodePos)>) -> Vec<(String, NodePos)> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    items
        .into_iter()
        .map(|(k, p)| {
            let n = seen.entry(k.clone()).or_default();
            *n += 1;
            (if *n == 1 { k } else { format!("{k} ({n})") }, p)
        })
        .collect()
}

impl TreeDiff {
    /// Compares module `a` of `old` with module `b` of `new`.
    pub fn between(old: &ModuleGraph, a: ModuleIdx, new: &ModuleGraph, b: ModuleIdx) -> TreeDiff {
        let (Some(ma), Some(mb)) = (old.get(a), new.get(b)) else { return TreeDiff::default() };
        let (sa, sb) = (Side::new(old, &ma.module), Side::new(new, &mb.module));
        let _ = (sa.g, sb.g);
        let mut items = Vec::new();
        for (kind, tk) in [(ItemKind::Statement, TreeKind::TopLevel), (ItemKind::Body, TreeKind::Bodies)] {
            let (la, lb) = match kind {
                ItemKind::Statement => (numbered(sa.statements()), numbered(sb.statements())),
                ItemKind::Body => (numbered(sa.bodies()), numbered(sb.bodies())),
            };
            let mut olds: BTreeMap<String, NodePos> = la.iter().cloned().collect();
            for (key, pb) in lb {
                match olds.remove(&key) {
                    Some(pa) => {
                        let (co, cn) = mark(&sa, &sb, tk, pa, pb);
                        let change = if co.is_empty() && cn.is_empty() { ItemChange::Same } else { ItemChange::Changed };
                        items.push(ItemDiff { kind, name: key, change, old: Some(pa), new: Some(pb), changed_old: co, changed_new: cn });
                    }
                    None => items.push(ItemDiff {
                        kind,
                        name: key,
                        change: ItemChange::Added,
                        old: None,
                        new: Some(pb),
                        changed_old: Vec::new(),
                        changed_new: vec![pb],
                    }),
                }
            }
            for (key, pa) in la {
                if olds.contains_key(&key) {
                    items.push(ItemDiff {
                        kind,
                        name: key,
                        change: ItemChange::Removed,
                        old: Some(pa),
                        new: None,
                        changed_old: vec![pa],
                        changed_new: Vec::new(),
                    });
                }
            }
        }
        TreeDiff { items }
    }
    /// The items that are not [`ItemChange::Same`].
    pub fn changed(&self) -> impl Iterator<Item = &ItemDiff> {
        self.items.iter().filter(|i| i.change != ItemChange::Same)
    }
}

/// Children lists aligned at most this big (cells of the alignment table); longer
/// lists of different lengths mark their parent instead.
const MAX_ALIGN_CELLS: usize = 1 << 16;

/// One step of two children lists aligned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    /// A child of each side, compared further (equal subtrees end there).
    Pair(NodePos, NodePos),
    /// A child only the old side has.
    Old(NodePos),
    /// A child only the new side has.
    New(NodePos),
}

/// Aligns two children lists of different lengths: a longest common subsequence of
/// equal subtrees (by hash), and between two of its members the children left over
/// paired in order, the rest on their own. `None` when the lists are too long.
fn align(ha: &[u64], hb: &[u64], ka: &[NodePos], kb: &[NodePos]) -> Option<Vec<Step>> {
    let (n, m) = (ka.len(), kb.len());
    let cells = (n + 1).checked_mul(m + 1)?;
    if cells > MAX_ALIGN_CELLS {
        return None;
    }
    // lcs[i * (m + 1) + j]: the LCS length of ka[i..] and kb[j..].
    let mut lcs = vec![0u32; cells];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            let v = if ha.get(i) == hb.get(j) {
                lcs.get(at(i + 1, j + 1)).copied().unwrap_or(0) + 1
            } else {
                let down = lcs.get(at(i + 1, j)).copied().unwrap_or(0);
                let right = lcs.get(at(i, j + 1)).copied().unwrap_or(0);
                down.max(right)
            };
            if let Some(c) = lcs.get_mut(at(i, j)) {
                *c = v;
            }
        }
    }
    let mut steps = Vec::with_capacity(n.max(m));
    let (mut gap_a, mut gap_b): (Vec<NodePos>, Vec<NodePos>) = (Vec::new(), Vec::new());
    let flush = |steps: &mut Vec<Step>, ga: &mut Vec<NodePos>, gb: &mut Vec<NodePos>| {
        let k = ga.len().min(gb.len());
        steps.extend(ga.iter().zip(gb.iter()).map(|(&x, &y)| Step::Pair(x, y)));
        steps.extend(ga.iter().skip(k).map(|&x| Step::Old(x)));
        steps.extend(gb.iter().skip(k).map(|&y| Step::New(y)));
        ga.clear();
        gb.clear();
    };
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        let (Some(&x), Some(&y)) = (ka.get(i), kb.get(j)) else {
            gap_a.extend(ka.iter().skip(i));
            gap_b.extend(kb.iter().skip(j));
            break;
        };
        if ha.get(i) == hb.get(j) {
            flush(&mut steps, &mut gap_a, &mut gap_b);
            i += 1;
            j += 1;
        } else if lcs.get(at(i + 1, j)).copied().unwrap_or(0) >= lcs.get(at(i, j + 1)).copied().unwrap_or(0) {
            gap_a.push(x);
            i += 1;
        } else {
            gap_b.push(y);
            j += 1;
        }
    }
    flush(&mut steps, &mut gap_a, &mut gap_b);
    Some(steps)
}

/// The roots of the differing subtrees of a matched pair. Two nodes with the same own
/// content are compared child by child (children lists of different lengths are
/// aligned first, so one inserted statement marks that statement, not its list);
/// any other pair is marked as a whole.
fn mark(a: &Side<'_>, b: &Side<'_>, tk: TreeKind, pa: NodePos, pb: NodePos) -> (Vec<NodePos>, Vec<NodePos>) {
    let (mut co, mut cn) = (Vec::new(), Vec::new());
    let mut stack = vec![(pa, pb)];
    let mut pushed = 0usize;
    while let Some((x, y)) = stack.pop() {
        if a.hash(tk, x) == b.hash(tk, y) {
            continue;
        }
        let (ka, kb): (Vec<NodePos>, Vec<NodePos>) = (a.m.tree(tk).children(x).collect(), b.m.tree(tk).children(y).collect());
        if a.own(tk, x) != b.own(tk, y) || ka.is_empty() || kb.is_empty() || pushed > MAX_PAIRS {
            co.push(x);
            cn.push(y);
            continue;
        }
        if ka.len() == kb.len() {
            pushed += ka.len();
            stack.extend(ka.into_iter().zip(kb));
            continue;
        }
        let ha: Vec<u64> = ka.iter().map(|&c| a.hash(tk, c)).collect();
        let hb: Vec<u64> = kb.iter().map(|&d| b.hash(tk, d)).collect();
        let Some(steps) = align(&ha, &hb, &ka, &kb) else {
            co.push(x);
            cn.push(y);
            continue;
        };
        for st in steps {
            match st {
                Step::Pair(c, d) => {
                    pushed += 1;
                    stack.push((c, d));
                }
                Step::Old(c) => co.push(c),
                Step::New(d) => cn.push(d),
            }
        }
    }
    co.sort_unstable();
    cn.sort_unstable();
    (co, cn)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(v: &[u32]) -> Vec<NodePos> {
        v.iter().map(|&x| NodePos(x)).collect()
    }

    #[test]
    fn one_inserted_child_is_the_only_step_of_its_own() {
        // old: A B C, new: A X B C
        let steps = align(&[1, 2, 3], &[1, 9, 2, 3], &ids(&[10, 11, 12]), &ids(&[20, 21, 22, 23]));
        assert_eq!(steps, Some(vec![Step::New(NodePos(21))]));
    }

    #[test]
    fn a_changed_and_a_removed_child() {
        // old: A B C D, new: A B' D — B pairs with B' (compared further), C is removed
        let steps = align(&[1, 2, 3, 4], &[1, 7, 4], &ids(&[10, 11, 12, 13]), &ids(&[20, 21, 22]));
        assert_eq!(steps, Some(vec![Step::Pair(NodePos(11), NodePos(21)), Step::Old(NodePos(12))]));
    }

    #[test]
    fn too_long_lists_are_not_aligned() {
        let n = 300;
        let ha: Vec<u64> = (0..n).collect();
        let hb: Vec<u64> = (0..n + 1).collect();
        let ka: Vec<NodePos> = (0..n as u32).map(NodePos).collect();
        let kb: Vec<NodePos> = (0..n as u32 + 1).map(NodePos).collect();
        assert_eq!(align(&ha, &hb, &ka, &kb), None);
    }
}
