//! An indented, human-readable view of a packed tree.

use crate::ids::{ItemRef, LitId, NodePos, PackedItemId, TreeKind};
use std::collections::HashMap;
use crate::literal::Literal;
use crate::module::{PackedModule, SymRef};
use crate::names::{flag_names, name_or_raw};
use crate::tree::NodeKind;
use std::io::{self, Write};

/// Finds loaded modules by their own absolute path (for following nkModuleRef).
pub trait Resolver {
    /// The module whose `includes[0]` path is `path`, if loaded.
    fn module(&self, path: &str) -> Option<&PackedModule>;
}

impl Resolver for () {
    fn module(&self, _: &str) -> Option<&PackedModule> {
        None
    }
}

/// Indentation grows by two spaces per level up to this depth; deeper lines keep
/// that indentation and say their real depth (`[depth 40000]`), so a line's length
/// never depends on how deep a (hostile) tree is.
pub const MAX_INDENT_DEPTH: u32 = 64;

/// A string in a node's label (literal, identifier, symbol name, file path) is shown
/// with at most this many bytes, then `…` and its full length: one huge string named
/// by many nodes must not multiply the output.
pub const MAX_LABEL_LITERAL: usize = 512;

/// What to print.
#[derive(Clone, Copy, Debug)]
pub struct TreeOptions {
    /// Which tree.
    pub tree: TreeKind,
    /// Only the subtree at this node position.
    pub root: Option<NodePos>,
    /// Deepest level to print (0 = only the roots).
    pub depth: Option<u32>,
}

/// The last path component (`/a/b/c.nim` → `c.nim`).
pub fn short_path(p: &str) -> &str {
    p.rsplit('/').next().unwrap_or(p)
}

/// What labels look up by LitId, remembered for one print: a file can name one
/// megabyte-long path from every node, and it must be read (and hashed for the
/// resolver) once, not once per node.
#[derive(Default)]
pub(crate) struct LabelMemo<'a> {
    /// LitId → (short form for labels, the module it names).
    modules: HashMap<LitId, (String, Option<&'a PackedModule>)>,
    /// LitId → short file name for positions.
    files: HashMap<LitId, String>,
}

impl<'a> LabelMemo<'a> {
    fn module(&mut self, m: &PackedModule, id: LitId, r: &'a dyn Resolver) -> &(String, Option<&'a PackedModule>) {
        self.modules.entry(id).or_insert_with(|| {
            let path = m.str(id);
            (capped(short_path(&path)).into_owned(), r.module(&path))
        })
    }
    fn file(&mut self, m: &PackedModule, id: LitId) -> &str {
        self.files.entry(id).or_insert_with(|| capped(short_path(&m.str(id))).into_owned())
    }
}

/// A string of the module's table, cut at [`MAX_LABEL_LITERAL`] bytes before it is
/// converted (so a huge string costs the cap, not its length).
fn table_text(m: &PackedModule, id: LitId) -> String {
    let b = m.strings.get(id).unwrap_or(&[]);
    if b.len() <= MAX_LABEL_LITERAL {
        return String::from_utf8_lossy(b).into_owned();
    }
    format!("{}{}", String::from_utf8_lossy(&b[..MAX_LABEL_LITERAL]), cut_note(b.len()))
}

fn type_label<'a>(m: &PackedModule, id: PackedItemId, r: &'a dyn Resolver, memo: &mut LabelMemo<'a>) -> Option<String> {
    let names = m.version.names();
    match m.item_ref(id) {
        ItemRef::Nil => None,
        ItemRef::Local(i) => Some(match m.typ(i) {
            Some(t) => name_or_raw(names.type_kind, t.kind as u32).into_owned(),
            None => format!("type#{i}?"),
        }),
        ItemRef::Remote(mr) => {
            let (short, other) = memo.module(m, mr.module, r);
            Some(match other.and_then(|o| o.typ(mr.item).map(|t| (o, t))) {
                Some((o, t)) => name_or_raw(o.version.names().type_kind, t.kind as u32).into_owned(),
                None => format!("{short}#type{}", mr.item),
            })
        }
    }
}

/// One line describing the node at `pos`: kind, value or symbol, type, flags, position.
/// Strings from the file are cut at [`MAX_LABEL_LITERAL`] bytes.
pub fn node_label(m: &PackedModule, tree: TreeKind, pos: NodePos, r: &dyn Resolver) -> String {
    label_with(m, tree, pos, r, &mut LabelMemo::default())
}

fn label_with<'a>(m: &PackedModule, tree: TreeKind, pos: NodePos, r: &'a dyn Resolver, memo: &mut LabelMemo<'a>) -> String {
    let names = m.version.names();
    let t = m.tree(tree);
    let Some(n) = t.node(pos) else { return format!("<node {pos} out of range>") };
    let mut s = name_or_raw(names.node_kind, n.kind.0 as u32).into_owned();
    match m.sym_ref(tree, pos) {
        Some(SymRef::Local(id)) => match m.sym(id) {
            Some(sym) => {
                s.push(' ');
                s.push_str(&table_text(m, sym.name));
                s.push_str(&format!(" ({}#{id})", name_or_raw(names.sym_kind, sym.kind as u32)));
            }
            None => s.push_str(&format!(" <missing symbol {id}>")),
        },
        Some(SymRef::Remote(mr)) => {
            let (short, other) = memo.module(m, mr.module, r);
            match other {
                Some(o) => match o.sym(mr.item) {
                    Some(sym) => s.push_str(&format!(
                        " → {short}: {} ({}#{})",
                        table_text(o, sym.name),
                        name_or_raw(o.version.names().sym_kind, sym.kind as u32),
                        mr.item
                    )),
                    None => s.push_str(&format!(" → {short}: <missing symbol {}>", mr.item)),
                },
                None => s.push_str(&format!(" → {} #{} (not loaded)", table_text(m, mr.module), mr.item)),
            }
        }
        None => {
            let lit = match m.literal(tree, pos) {
                Literal::Ident(b) if b.len() > MAX_LABEL_LITERAL => Err(Literal::Ident(&b[..MAX_LABEL_LITERAL]).display() + &cut_note(b.len())),
                Literal::Str(b) if b.len() > MAX_LABEL_LITERAL => Err(Literal::Str(&b[..MAX_LABEL_LITERAL]).display() + &cut_note(b.len())),
                lit => Ok(lit),
            };
            match lit {
                Ok(Literal::None) => {}
                Ok(lit) => {
                    s.push(' ');
                    s.push_str(&lit.display());
                }
                Err(text) => {
                    s.push(' ');
                    s.push_str(&text);
                }
            }
        }
    }
    if let Some(tl) = type_label(m, m.node_type(tree, pos), r, memo) {
        s.push_str(" : ");
        s.push_str(&tl);
    }
    if n.flags != 0 {
        let f: Vec<_> = flag_names(names.node_flag, n.flags as u64);
        s.push_str(&format!(" {{{}}}", f.join(", ")));
    }
    if !n.info.file.is_none() {
        let file = memo.file(m, n.info.file);
        s.push_str(&format!("  @{}:{}:{}", file, n.info.line, n.info.col));
    }
    s
}

fn cut_note(len: usize) -> String {
    format!("… ({len} bytes)")
}

/// `text`, or its first [`MAX_LABEL_LITERAL`] bytes (cut on a char boundary) then
/// `… (N bytes)`.
pub fn capped(text: &str) -> std::borrow::Cow<'_, str> {
    if text.len() <= MAX_LABEL_LITERAL {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut cut = MAX_LABEL_LITERAL;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    std::borrow::Cow::Owned(format!("{}{}", &text[..cut], cut_note(text.len())))
}

/// Prints a tree (or one subtree) indented by depth, one node per line, prefixed
/// by its node position. The two children of an nkModuleRef are folded into it.
/// Indentation stops growing at [`MAX_INDENT_DEPTH`] (deeper lines say their depth),
/// so the output is linear in the number of nodes.
pub fn print_tree(m: &PackedModule, opts: TreeOptions, r: &dyn Resolver, out: &mut impl Write) -> io::Result<()> {
    let t = m.tree(opts.tree);
    let walk = match opts.root {
        Some(p) => t.preorder(p),
        None => t.preorder_all(),
    };
    let walk = match opts.depth {
        Some(d) => walk.max_depth(d),
        None => walk,
    };
    let mut skip_until = 0u32;
    let mut memo = LabelMemo::default();
    for (pos, depth) in walk {
        if pos.0 < skip_until {
            continue;
        }
        let n = t.node(pos).map(|n| n.kind);
        if n == Some(NodeKind::MODULE_REF) {
            skip_until = t.subtree_end(pos).0;
        }
        let indent = 2 * depth.min(MAX_INDENT_DEPTH) as usize;
        if depth > MAX_INDENT_DEPTH {
            writeln!(out, "{:>6} {:indent$}[depth {depth}] {}", pos.0, "", label_with(m, opts.tree, pos, r, &mut memo))?;
        } else {
            writeln!(out, "{:>6} {:indent$}{}", pos.0, "", label_with(m, opts.tree, pos, r, &mut memo))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_strings_are_cut_on_a_char_boundary() {
        assert_eq!(capped("short"), "short");
        let long = "é".repeat(MAX_LABEL_LITERAL); // 2 bytes each
        let c = capped(&long);
        assert!(c.len() < MAX_LABEL_LITERAL + 32, "{}", c.len());
        assert!(c.ends_with(&format!("… ({} bytes)", 2 * MAX_LABEL_LITERAL)));
    }
}
