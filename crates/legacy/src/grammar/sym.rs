//! Symbols (`encodeSym`/`decodeSym`) and the loc and lib parts they share with types.

use super::node::{opt_tree, parse_tree};
use super::{line_info, Grammar};
use crate::cursor::Cursor;
use crate::ids::{Ref, SymId, TypeId};
use crate::model::{Lib, LineInfo, Loc, Symbol};
use crate::names::Era;
use rod_format::{ErrorKind, Result};

/// Most kind-specific fields accepted on one symbol (instantiation caches of a
/// generic in system hold a few hundred; a cap against damaged files).
const MAX_EXTRAS: usize = 1 << 20;

/// Reads the loc `'<' [k] ['*' s] ['$' f] ['^' type|node] ['!' r] ['?' a] '>'` if present.
pub(crate) fn opt_loc(c: &mut Cursor<'_>, g: &Grammar, refs: &mut Vec<Ref>) -> Result<Option<Loc>> {
    if !c.eat(b'<') {
        return Ok(None);
    }
    let mut loc = Loc::default();
    if c.peek().is_some_and(|b| b.is_ascii_alphanumeric()) {
        loc.kind = c.vint()?;
    }
    if c.eat(b'*') {
        loc.storage = c.vint()?;
    }
    if c.eat(b'$') {
        loc.flags = c.vint()?;
    }
    if c.eat(b'^') {
        if g.era.is_text() {
            let t = TypeId(c.vint()?);
            refs.push(Ref::Type(t));
            loc.typ = Some(t);
        } else {
            loc.lode = Some(parse_tree(c, g, g.unknown_info(), refs)?);
        }
    }
    if c.eat(b'!') {
        loc.r = Some(c.str()?);
    }
    if g.era == Era::Text090 && c.eat(b'?') {
        loc.a = Some(c.vint()?);
    }
    c.expect(b'>', "the end of a loc")?;
    Ok(Some(loc))
}

fn sym_ref(c: &mut Cursor<'_>, refs: &mut Vec<Ref>) -> Result<SymId> {
    let s = SymId(c.vint()?);
    refs.push(Ref::Sym(s));
    Ok(s)
}

/// Reads one symbol entry; it must end at the end of the cursor's slice.
pub fn parse_sym(c: &mut Cursor<'_>, g: &Grammar) -> Result<Symbol> {
    let mut refs = Vec::new();
    if !g.era.is_text() {
        c.eat(b'{');
    }
    let at = c.clone();
    let kind = c.vint()?;
    let kind = u32::try_from(kind).map_err(|_| at.err_kind(ErrorKind::InvalidValue, format!("symbol kind {kind}")))?;
    c.expect(b'+', "'+' before the symbol id")?;
    let id = SymId(c.vint()?);
    c.expect(b'&', "'&' before the symbol name")?;
    let name = c.str()?;
    let typ = if c.eat(b'^') {
        let t = TypeId(c.vint()?);
        refs.push(Ref::Type(t));
        Some(t)
    } else {
        None
    };
    if c.peek() != Some(b'?') {
        return Err(c.err_here("expected the symbol's line info ('?')"));
    }
    let info = line_info(c, g, LineInfo { line: -1, col: -1, file: -1 })?;
    let owner = if c.eat(b'*') { Some(sym_ref(c, &mut refs)?) } else { None };
    let flags = if c.eat(b'$') { c.vint()? as u64 } else { 0 };
    let magic = if c.eat(b'@') { Some(c.vint()?) } else { None };
    let options = if c.eat(b'!') { Some(c.vint()?) } else { None };
    let position = if c.eat(b'%') { Some(c.vint()?) } else { None };
    let offset = if c.eat(b'`') { Some(c.vint()?) } else { None };
    let loc = opt_loc(c, g, &mut refs)?;
    let lib = if c.eat(b'|') {
        let kind = c.vint()?;
        c.expect(b'|', "'|' after the lib kind")?;
        let name = c.str()?;
        c.expect(b'|', "'|' after the lib name")?;
        let path = parse_tree(c, g, info, &mut refs)?;
        Some(Lib { kind, name, path })
    } else {
        None
    };
    let mut constraint = None;
    let mut transformed_body = None;
    let mut extras = Vec::new();
    if g.era != Era::Text090 {
        if c.eat(b'#') {
            constraint = Some(parse_tree(c, g, g.unknown_info(), &mut refs)?);
        }
        loop {
            if extras.len() >= MAX_EXTRAS {
                return Err(c.err_kind(ErrorKind::TooBig, "more than 2^20 kind-specific fields"));
            }
            match c.peek() {
                Some(m @ 0x0E) => {
                    c.eat(m);
                    let t = TypeId(c.vint()?);
                    refs.push(Ref::Type(t));
                    extras.push((m, t.0));
                }
                Some(m @ (0x0F | 0x10 | 0x12)) => {
                    c.eat(m);
                    let s = sym_ref(c, &mut refs)?;
                    extras.push((m, s.0));
                    if m == 0x0F {
                        while c.eat(0x11) {
                            let t = TypeId(c.vint()?);
                            refs.push(Ref::Type(t));
                            extras.push((0x11, t.0));
                        }
                        c.expect(0x14, "\\x14 compilesId of an instantiation")?;
                        extras.push((0x14, c.vint()?));
                    }
                }
                Some(m @ 0x13) => {
                    c.eat(m);
                    extras.push((m, c.vint()?));
                }
                Some(0x18) if g.era == Era::Sqlite148 => {
                    c.eat(0x18);
                    transformed_body = Some(parse_tree(c, g, info, &mut refs)?);
                }
                _ => break,
            }
        }
    }
    let ast = opt_tree(c, g, info, &mut refs)?;
    if !c.at_end() {
        return Err(c.err_here("bytes left after the symbol entry"));
    }
    Ok(Symbol {
        id,
        kind,
        name,
        typ,
        info,
        owner,
        flags,
        magic,
        options,
        position,
        offset,
        loc,
        lib,
        constraint,
        transformed_body,
        ast,
        extras,
        refs,
    })
}
