//! Nodes (`encodeNode`/`decodeNode`): `'(' ')'` for nil, else
//! `'(' kind [lineinfo] ['$' flags] ['^' type] payload ')'`. Read with an explicit
//! stack into a pre-order array; the nesting depth is only limited by the input.

use super::{line_info, Grammar, Payload};
use crate::cursor::Cursor;
use crate::ids::{Ref, SymId, TypeId};
use crate::model::{LineInfo, Literal, Node, Tree};
use rod_format::{ErrorKind, Result};

/// Deepest nesting accepted (a cap on the explicit stack, far above real trees).
const MAX_DEPTH: usize = 100_000;

fn nil_node(info: LineInfo, at: usize) -> Node {
    Node { kind: None, info, flags: 0, typ: None, lit: Literal::None, end: (at + 1) as u32 }
}

/// Reads one tree at the cursor (which must be at `(`). Line infos are resolved
/// against `parent`; every symbol and type reference is appended to `refs`.
pub fn parse_tree(c: &mut Cursor<'_>, g: &Grammar, parent: LineInfo, refs: &mut Vec<Ref>) -> Result<Tree> {
    let mut nodes: Vec<Node> = Vec::new();
    // Open nodes that take sons: (index, info).
    let mut stack: Vec<(usize, LineInfo)> = Vec::new();
    loop {
        // At the start of a node.
        let here = c.clone();
        c.expect(b'(', "a node")?;
        let base = stack.last().map_or(parent, |&(_, i)| i);
        let at = nodes.len();
        if u32::try_from(at).is_err() {
            return Err(here.err_kind(ErrorKind::TooBig, "more than 2^32 nodes in one tree"));
        }
        if c.eat(b')') {
            nodes.push(nil_node(base, at));
        } else {
            let kind = c.vint()?;
            let kind = u32::try_from(kind).map_err(|_| here.err_kind(ErrorKind::InvalidValue, format!("node kind {kind}")))?;
            let info = line_info(c, g, base)?;
            let flags = if c.eat(b'$') { c.vint()? } else { 0 };
            let typ = if c.eat(b'^') {
                let t = TypeId(c.vint()?);
                refs.push(Ref::Type(t));
                Some(t)
            } else {
                None
            };
            let mut node = Node { kind: Some(kind), info, flags, typ, lit: Literal::None, end: 0 };
            match g.payload(kind) {
                Payload::Sons => {
                    if stack.len() >= MAX_DEPTH {
                        return Err(here.err_kind(ErrorKind::TooBig, "nodes nested deeper than 100000"));
                    }
                    nodes.push(node);
                    stack.push((at, info));
                }
                p => {
                    if c.eat(b'!') {
                        node.lit = match p {
                            Payload::Int => Literal::Int(c.vint()?),
                            Payload::Float => Literal::Float(c.str()?),
                            Payload::Str => Literal::Str(c.str()?),
                            Payload::Ident => Literal::Ident(c.str()?),
                            _ => {
                                let s = SymId(c.vint()?);
                                refs.push(Ref::Sym(s));
                                Literal::Sym(s)
                            }
                        };
                    } else {
                        node.lit = match p {
                            Payload::Int => Literal::Int(0),
                            Payload::Float => Literal::Float(String::new()),
                            Payload::Str => Literal::Str(String::new()),
                            _ => return Err(c.err_here("an identifier or symbol node without '!' value")),
                        };
                    }
                    c.expect(b')', "the end of a literal node")?;
                    node.end = (at + 1) as u32;
                    nodes.push(node);
                }
            }
        }
        // Close finished nodes until another son starts or the root is closed.
        loop {
            let Some(&(open, _)) = stack.last() else { return Ok(Tree { nodes }) };
            if c.peek() == Some(b'(') {
                break;
            }
            c.expect(b')', "a son or the end of a node")?;
            stack.pop();
            let end = nodes.len() as u32;
            if let Some(n) = nodes.get_mut(open) {
                n.end = end;
            }
        }
    }
}

/// Skips nothing and reads an optional tree: present when the next byte is `(`.
pub(crate) fn opt_tree(c: &mut Cursor<'_>, g: &Grammar, parent: LineInfo, refs: &mut Vec<Ref>) -> Result<Option<Tree>> {
    if c.peek() == Some(b'(') {
        parse_tree(c, g, parent, refs).map(Some)
    } else {
        Ok(None)
    }
}
