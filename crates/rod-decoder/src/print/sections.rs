//! The section table of a module: offset, size, element count.

use crate::module::PackedModule;
use std::io::{self, Write};

/// One line per section: tag, name, offset, size and element count.
pub fn print_sections(m: &PackedModule, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "layout: {} (RodVersion {}), {} bytes", m.version.compiler(), m.version.rod_version_byte(), m.file_size)?;
    writeln!(out, "{:>3}  {:<22} {:>10} {:>10} {:>8}", "tag", "section", "offset", "size", "count")?;
    writeln!(out, "{:>3}  {:<22} {:>#10x} {:>10} {:>8}", "-", "header", 0, 8, "-")?;
    for s in &m.sections {
        let count = s.span.count.map_or("-".to_string(), |c| c.to_string());
        writeln!(out, "{:>3}  {:<22} {:>#10x} {:>10} {:>8}", s.span.tag, s.span.name, s.span.start, s.span.len(), count)?;
    }
    Ok(())
}
