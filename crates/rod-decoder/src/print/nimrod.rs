//! What `nim rod FILE.rod` prints (the compiler's `rodViewer`), per version.

use crate::module::PackedModule;
use crate::names::name_or_raw;
use crate::version::RodVersion;
use std::io::{self, Write};

/// Writes exactly what the compiler that wrote `m` prints for `nim rod` on stdout.
///
/// 1.6 and 2.0: the exports, reexports, hidden and all-symbols listing, then the
/// counts line. 2.2: the counts line and the `SIZES:` block (its listing is disabled).
pub fn nim_rod_view(m: &PackedModule, out: &mut impl Write) -> io::Result<()> {
    let names = m.version.names();
    let name = |id| m.strings.get(id).unwrap_or(b"");
    if m.version != RodVersion::V2_2 {
        out.write_all(b"exports:\n")?;
        for &(n, id) in &m.exports {
            out.write_all(b"  ")?;
            out.write_all(name(n))?;
            writeln!(out, " local ID: {id}")?;
        }
        out.write_all(b"reexports:\n")?;
        for &(n, _) in &m.reexports {
            out.write_all(b"  ")?;
            out.write_all(name(n))?;
            out.write_all(b"\n")?;
        }
        writeln!(out, "hidden: {}", m.hidden.len())?;
        for &(n, id) in &m.hidden {
            out.write_all(b"  ")?;
            out.write_all(name(n))?;
            writeln!(out, " local ID: {id}")?;
        }
        out.write_all(b"all symbols\n")?;
        for (i, s) in m.syms.iter() {
            out.write_all(b"  ")?;
            if s.name.is_none() {
                out.write_all(b"<anon symbol?>")?;
            } else {
                out.write_all(name(s.name))?;
            }
            writeln!(out, " local ID: {i} kind {}", name_or_raw(names.sym_kind, s.kind as u32))?;
        }
    }
    let (s, t) = (m.syms.count(), m.types.table.count());
    let (n, b) = (m.top_level.len(), m.bodies.len());
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

/// Nim's `sizeOnDisc` of the strings BiTable: 4 + Σ(4 + len) + 4·len(keys).
pub fn strings_size_on_disc(m: &PackedModule) -> usize {
    4 + 4 * m.strings.len() + m.strings.byte_len() + 4 * m.strings.key_slots as usize
}
