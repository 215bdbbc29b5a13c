//! Types (`encodeType`/`decodeType`), per dialect.

use super::node::opt_tree;
use super::sym::opt_loc;
use super::Grammar;
use crate::cursor::Cursor;
use crate::ids::{Ref, SymId, TypeId};
use crate::model::Type;
use crate::names::Era;
use rod_format::{ErrorKind, Result};

/// Most sons or method entries accepted on one type (a cap against damaged files).
const MAX_SONS: usize = 1 << 20;

fn sym_ref(c: &mut Cursor<'_>, refs: &mut Vec<Ref>) -> Result<SymId> {
    let s = SymId(c.vint()?);
    refs.push(Ref::Sym(s));
    Ok(s)
}

/// Reads one type entry; it must end at the end of the cursor's slice.
pub fn parse_type(c: &mut Cursor<'_>, g: &Grammar) -> Result<Type> {
    let mut refs = Vec::new();
    let bracket = c.eat(b'[');
    if !bracket && g.era != Era::Text090 {
        return Err(c.err_here("expected '[' at the start of a type"));
    }
    let at = c.clone();
    let kind = c.vint()?;
    let kind = u32::try_from(kind).map_err(|_| at.err_kind(ErrorKind::InvalidValue, format!("type kind {kind}")))?;
    c.expect(b'+', "'+' before the type id")?;
    let id = TypeId(c.vint()?);
    let item_id = if g.era == Era::Sqlite148 && c.eat(b'+') { Some(c.vint()?) } else { None };
    let n = opt_tree(c, g, g.unknown_info(), &mut refs)?;
    let flags = if c.eat(b'$') { c.vint()? as u64 } else { 0 };
    let call_conv = if c.eat(b'?') { Some(c.vint()?) } else { None };
    let owner = if c.eat(b'*') { Some(sym_ref(c, &mut refs)?) } else { None };
    let sym = if c.eat(b'&') { Some(sym_ref(c, &mut refs)?) } else { None };
    let size = if c.eat(b'/') { c.vint()? } else { -1 };
    let align = if c.eat(b'=') { c.vint()? } else { 2 };
    let mut hooks = Vec::new();
    let mut methods = Vec::new();
    let mut extras = Vec::new();
    let mut constraint = None;
    match g.era {
        Era::Text090 => {
            if c.eat(b'@') {
                extras.push((b'@', c.vint()?));
            }
            if c.eat(b'`') {
                constraint = opt_tree(c, g, g.unknown_info(), &mut refs)?;
            }
        }
        Era::Text0172 | Era::Sqlite0196 => {
            if c.eat(0x0E) {
                extras.push((0x0E, c.vint()?));
            }
            let hook_markers: &[u8] = if g.era == Era::Text0172 { &[0x0F, 0x10, 0x11] } else { &[0x0F, 0x10, 0x11, 0x12] };
            for &m in hook_markers {
                if c.eat(m) {
                    hooks.push((m, sym_ref(c, &mut refs)?));
                }
            }
            let (mi, ms) = if g.era == Era::Text0172 { (0x12, 0x13) } else { (0x13, 0x14) };
            while c.eat(mi) {
                if methods.len() >= MAX_SONS {
                    return Err(c.err_kind(ErrorKind::TooBig, "more than 2^20 methods"));
                }
                let idx = c.vint()?;
                c.expect(ms, "the method symbol marker")?;
                methods.push((idx, sym_ref(c, &mut refs)?));
            }
        }
        Era::Sqlite148 => {
            if c.eat(0x0E) {
                extras.push((0x0E, c.vint()?));
            }
            if c.eat(0x0F) {
                extras.push((0x0F, c.vint()?));
            }
            let mut ops = 0u8;
            while c.eat(0x10) {
                ops = ops.saturating_add(1);
                if ops > 6 {
                    return Err(c.err_here("more than six attachedOps"));
                }
                let s = SymId(c.vint()?);
                if s.0 != -1 {
                    refs.push(Ref::Sym(s));
                    hooks.push((ops - 1, s));
                }
            }
            while c.eat(0x13) {
                if methods.len() >= MAX_SONS {
                    return Err(c.err_kind(ErrorKind::TooBig, "more than 2^20 methods"));
                }
                let idx = c.vint()?;
                c.expect(0x14, "the method symbol marker")?;
                methods.push((idx, sym_ref(c, &mut refs)?));
            }
        }
    }
    let loc = opt_loc(c, g, &mut refs)?;
    let mut type_inst = None;
    if g.era == Era::Sqlite148 && c.eat(0x15) {
        let t = TypeId(c.vint()?);
        refs.push(Ref::Type(t));
        type_inst = Some(t);
    }
    let mut sons = Vec::new();
    while c.eat(b'^') {
        if sons.len() >= MAX_SONS {
            return Err(c.err_kind(ErrorKind::TooBig, "more than 2^20 sons"));
        }
        if c.peek() == Some(b'(') {
            c.eat(b'(');
            c.expect(b')', "')' of a nil son")?;
            sons.push(None);
        } else {
            let t = TypeId(c.vint()?);
            refs.push(Ref::Type(t));
            sons.push(Some(t));
        }
    }
    if !c.at_end() {
        return Err(c.err_here("bytes left after the type entry"));
    }
    Ok(Type { id, item_id, kind, n, flags, call_conv, owner, sym, size, align, hooks, methods, extras, loc, constraint, type_inst, sons, refs })
}
