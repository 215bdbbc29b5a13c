//! An indented, human-readable tree of any backend: one node per line, prefixed by
//! its position, from the rows of the view layer.

use std::io::{self, Write};

use crate::cache::Cache;
use crate::ids::{ModuleIdx, NodePos, TreeId};
use crate::nav::Tree;

pub use rod_decoder::limits::MAX_INDENT_DEPTH;

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
pub fn print_tree(c: &dyn Cache, m: ModuleIdx, opts: TreeOptions, out: &mut impl Write) -> io::Result<()> {
    let t = Tree::new(c, m, opts.tree);
    let max_depth = opts.depth.unwrap_or(u32::MAX);
    let (mut next, end) = match opts.root {
        Some(r) if r.index() < t.len() => (r.0, t.end(r).0),
        Some(_) => return Ok(()),
        None => (0, t.len() as u32),
    };
    // The ends of the open subtrees above `next` (4 bytes a level: no recursion, and a
    // deep chain costs little).
    let mut ends: Vec<u32> = Vec::new();
    while next < end {
        while ends.last().is_some_and(|&e| e <= next) {
            ends.pop();
        }
        let depth = ends.len() as u32;
        let p = NodePos(next);
        let limit = ends.last().copied().unwrap_or(end);
        let node_end = t.end(p).0.min(limit).max(next + 1);
        let Some(row) = c.node_row(m, opts.tree, p) else {
            next = node_end;
            continue;
        };
        let line = row.line();
        if depth <= MAX_INDENT_DEPTH {
            writeln!(out, "{:>6} {:indent$}{line}", p.0, "", indent = 2 * depth as usize)?;
        } else {
            writeln!(out, "{:>6} {:indent$}[depth {depth}] {line}", p.0, "", indent = 2 * MAX_INDENT_DEPTH as usize)?;
        }
        if !row.folds_children && depth < max_depth && node_end > next + 1 {
            ends.push(node_end);
            next += 1;
        } else {
            next = node_end;
        }
    }
    Ok(())
}
