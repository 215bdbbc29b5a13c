//! What `nim rod FILE.rod` prints (the compiler's `rodViewer`), per version.

use crate::module::PackedModule;
use crate::names::name_or_raw;
use crate::tree::PackedTree;
use crate::version::{RodVersion, SectionKind};
use std::io::{self, Write};

/// Writes exactly what the compiler that wrote `m` prints for `nim rod` on stdout.
///
/// 1.6 and 2.0: the exports, reexports, hidden and all-symbols listing, then the
/// counts line. 2.2: the counts line and the `SIZES:` block (its listing is disabled).
/// Tree nodes are not needed: a module from [`crate::decode_with`] with
/// [`crate::Parts::NO_TREES`] prints the same.
pub fn nim_rod_view(m: &PackedModule, out: &mut impl Write) -> io::Result<()> {
    let names = m.version.names();
    let name = |id| m.strings.get(id).unwrap_or(b"");
    if m.version != RodVersion::V2_2 {
        let mut num = itoa::Buffer::new();
        out.write_all(b"exports:\n")?;
        for &(n, id) in &m.exports {
            line(out, &[b"  ", name(n), b" local ID: ", num.format(id.0).as_bytes()])?;
        }
        out.write_all(b"reexports:\n")?;
        for &(n, _) in &m.reexports {
            line(out, &[b"  ", name(n)])?;
        }
        writeln!(out, "hidden: {}", m.hidden.len())?;
        for &(n, id) in &m.hidden {
            line(out, &[b"  ", name(n), b" local ID: ", num.format(id.0).as_bytes()])?;
        }
        out.write_all(b"all symbols\n")?;
        for (i, s) in m.syms.iter() {
            let sym_name = if s.name.is_none() { b"<anon symbol?>" } else { name(s.name) };
            let kind = name_or_raw(names.sym_kind, s.kind as u32);
            line(out, &[b"  ", sym_name, b" local ID: ", num.format(i.0).as_bytes(), b" kind ", kind.as_bytes()])?;
        }
    }
    let (s, t) = (m.syms.count(), m.types.table.count());
    let (n, b) = (node_count(m, SectionKind::TopLevel, &m.top_level), node_count(m, SectionKind::Bodies, &m.bodies));
    writeln!(
        out,
        "symbols: {s} types: {t} top level nodes: {n} other nodes: {b} strings: {} numbers: {}",
        m.strings.len(),
        m.numbers.vals.len()
    )?;
    if m.version == RodVersion::V2_2 {
        writeln!(out, "SIZES:")?;
        writeln!(
            out,
            "symbols: {} types: {} top level nodes: {} other nodes: {} strings: {}",
            s * 136,
            t * 80,
            n * 8,
            b * 8,
            strings_size_on_disc(m)
        )?;
    }
    Ok(())
}

/// Writes the parts and a newline (no formatting machinery: the symbol listing of
/// system.rod has 8 000 lines).
fn line(out: &mut impl Write, parts: &[&[u8]]) -> io::Result<()> {
    for p in parts {
        out.write_all(p)?;
    }
    out.write_all(b"\n")
}

/// A tree's node count as its section recorded it (right also when the nodes were
/// not built), else the tree's length.
fn node_count(m: &PackedModule, kind: SectionKind, tree: &PackedTree) -> usize {
    m.section(kind).and_then(|s| s.span.count).map_or(tree.len(), |c| c as usize)
}

/// Nim's `sizeOnDisc` of the strings BiTable: 4 + Σ(4 + len) + 4·len(keys).
pub fn strings_size_on_disc(m: &PackedModule) -> usize {
    4 + 4 * m.strings.len() + m.strings.byte_len() + 4 * m.strings.key_slots as usize
}
