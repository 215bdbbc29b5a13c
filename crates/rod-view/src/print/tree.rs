//! An indented, human-readable tree of any backend: one node per line, prefixed by
//! its position, from the rows of the view layer.

use std::io::{self, Write};

use crate::cache::Cache;
use crate::ids::{ModuleIdx, NodePos, TreeId};
use crate::nav::Tree;

/// Indentation stops growing at this depth; deeper lines say their depth instead.
pub const MAX_INDENT_DEPTH: u32 = 64;

/// What to print.
#[derive(Clone, Copy, Debug)]
pub struct TreeOptions {
    /// Which tree.
    pub tree: TreeId,
    /// Only the subtree at this node position.
    pub root: Option<NodePos>,
    /// Deepest level to print (0 = only the roots).
    pub depth: Option<u32>,
}

/// Prints a tree (or one subtree) indented by depth. Children a row folds (the
/// operands of an `nkModuleRef`) are not listed. Output is linear in the number of
/// nodes printed: indentation is capped at [`MAX_INDENT_DEPTH`] levels.
pub fn print_tree(
    c: &dyn Cache,
    m: ModuleIdx,
    opts: TreeOptions,
    out: &mut impl Write,
) -> io::Result<()> {
    let t = Tree::new(c, m, opts.tree);
    let max_depth = opts.depth.unwrap_or(u32::MAX);
    // Explicit stack of (next child, end of parent's subtree, depth).
    let (start, end) = match opts.root {
        Some(r) if r.index() < t.len() => (r.0, t.end(r).0),
        Some(_) => return Ok(()),
        None => (0, t.len() as u32),
    };
    let mut stack: Vec<(u32, u32, u32)> = vec![(start, end, 0)];
    let single_root = opts.root.is_some();
    while let Some(&(next, limit, depth)) = stack.last() {
        if next >= limit {
            stack.pop();
            continue;
        }
        let p = NodePos(next);
        let node_end = t.end(p).0.min(limit);
        let only_root = single_root && stack.len() == 1;
        if let Some(top) = stack.last_mut() {
            top.0 = if only_root { limit } else { node_end };
        }
        let Some(row) = c.node_row(m, opts.tree, p) else {
            continue;
        };
        let line = row.line();
        if depth <= MAX_INDENT_DEPTH {
            writeln!(
                out,
                "{:>6} {:indent$}{line}",
                p.0,
                "",
                indent = 2 * depth as usize
            )?;
        } else {
            writeln!(
                out,
                "{:>6} {:indent$}[depth {depth}] {line}",
                p.0,
                "",
                indent = 2 * MAX_INDENT_DEPTH as usize
            )?;
        }
        if !row.folds_children && depth < max_depth && node_end > next + 1 {
            stack.push((next + 1, node_end, depth + 1));
        }
    }
    Ok(())
}
