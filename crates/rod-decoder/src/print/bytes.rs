//! Printers of the byte map ([`crate::bytemap`]): the whole map or one region, as
//! text or JSON (docs/bytes-json.md).

use crate::bytemap::{ByteMap, FieldValue, Region};
use crate::module::PackedModule;
use std::io::{self, Write};

/// The header line of a map: layout, file size, region count.
fn header(map: &ByteMap, out: &mut impl Write) -> io::Result<()> {
    let of = match map.of {
        crate::bytemap::MapOf::Rod => ".rod",
        crate::bytemap::MapOf::AliveSyms => ".alivesyms",
    };
    writeln!(out, "layout: {} {of} (RodVersion {}), {} bytes, {} regions", map.version.compiler(), map.version.rod_version_byte(), map.file_len, map.len())
}

fn index_text(r: &Region) -> String {
    r.index.map_or("-".to_string(), |i| i.to_string())
}

/// The whole map, one line per region: start, end (exclusive), section, kind, index,
/// the table it is in and its record type.
pub fn print_byte_map(map: &ByteMap, out: &mut impl Write) -> io::Result<()> {
    header(map, out)?;
    writeln!(out, "{:>10} {:>10}  {:<22} {:<7} {:>8}  {:<15} record", "start", "end", "section", "kind", "index", "part")?;
    for r in map.iter() {
        writeln!(
            out,
            "{:>#10x} {:>#10x}  {:<22} {:<7} {:>8}  {:<15} {}",
            r.start,
            r.end,
            r.section_name,
            r.kind.name(),
            index_text(&r),
            r.part,
            r.record_name()
        )?;
    }
    Ok(())
}

/// Classic hex dump lines of `bytes[range]` (16 bytes a line, absolute offsets).
pub fn print_hex(bytes: &[u8], range: std::ops::Range<usize>, out: &mut impl Write) -> io::Result<()> {
    let end = range.end.min(bytes.len());
    let mut at = range.start - range.start % 16;
    while at < end {
        write!(out, "  {at:08x} ")?;
        let mut ascii = String::with_capacity(16);
        for k in 0..16 {
            let o = at + k;
            if k == 8 {
                write!(out, " ")?;
            }
            match bytes.get(o).filter(|_| o >= range.start && o < end) {
                Some(&b) => {
                    write!(out, " {b:02x}")?;
                    ascii.push(if (0x20..0x7f).contains(&b) { b as char } else { '.' });
                }
                None => {
                    write!(out, "   ")?;
                    ascii.push(' ');
                }
            }
        }
        writeln!(out, "  |{ascii}|")?;
        at += 16;
    }
    Ok(())
}

/// Most hex lines shown for one region (a long string or type is cut).
pub const MAX_HEX_LINES: usize = 64;

/// One region: what it is, its fields with their meanings, and its bytes in hex.
pub fn print_region(map: &ByteMap, number: usize, r: &Region, bytes: &[u8], module: Option<&PackedModule>, out: &mut impl Write) -> io::Result<()> {
    header(map, out)?;
    use crate::bytemap::RegionKind;
    let idx = match (r.kind, r.index) {
        (RegionKind::Sym | RegionKind::Type, Some(i)) => {
            let id = module.and_then(|m| if r.kind == RegionKind::Sym { m.syms.records.get(i as usize).map(|s| s.id.0) } else { m.types.table.records.get(i as usize).map(|t| t.id.0) });
            match id {
                Some(id) => format!(" record {i}, id {id}"),
                None => format!(" record {i}"),
            }
        }
        (_, Some(i)) => format!(" {i}"),
        (_, None) => String::new(),
    };
    writeln!(
        out,
        "region {number}: {} {}{idx} ({}, {}), bytes {:#x}..{:#x} ({} bytes)",
        r.section_name,
        r.kind.name(),
        r.record_name(),
        r.part,
        r.start,
        r.end,
        r.end - r.start
    )?;
    let fields = map.fields(r, bytes, module);
    writeln!(out, "{:>10} {:>5}  {:<22} {:<26} meaning", "offset", "size", "field", "raw")?;
    for f in &fields {
        let name = match f.bits {
            Some((s, w)) => format!("{} [bits {s}..{}]", f.name, s + w),
            None => f.name.clone(),
        };
        writeln!(out, "{:>#10x} {:>5}  {:<22} {:<26} {}", f.offset, f.size, name, f.raw, f.meaning)?;
    }
    writeln!(out, "hex:")?;
    let cut = (r.start + MAX_HEX_LINES * 16).min(r.end);
    print_hex(bytes, r.start..cut, out)?;
    if cut < r.end {
        writeln!(out, "  … {} more bytes", r.end - cut)?;
    }
    Ok(())
}

/// A region as the map's JSON entry (fields in this order).
#[derive(serde::Serialize)]
struct Entry<'a> {
    start: usize,
    end: usize,
    section: &'a str,
    kind: &'a str,
    index: Option<u32>,
}

fn entry(r: &Region) -> Entry<'_> {
    Entry { start: r.start, end: r.end, section: r.section_name, kind: r.kind.name(), index: r.index }
}

/// One region with its fields.
#[derive(serde::Serialize)]
struct Detail<'a> {
    start: usize,
    end: usize,
    section: &'a str,
    kind: &'a str,
    index: Option<u32>,
    record: &'a str,
    part: &'a str,
    fields: Vec<FieldJson<'a>>,
}

#[derive(serde::Serialize)]
struct FieldJson<'a> {
    name: &'a str,
    offset: usize,
    size: usize,
    raw: &'a str,
    meaning: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    bits: Option<[u8; 2]>,
}

/// The whole map as a JSON array of `{"start", "end", "section", "kind", "index"}`
/// objects, one per line, in file order.
pub fn byte_map_json(map: &ByteMap, out: &mut impl Write) -> io::Result<()> {
    out.write_all(b"[")?;
    let mut first = true;
    for r in map.iter() {
        out.write_all(if first { &b"\n"[..] } else { &b",\n"[..] })?;
        first = false;
        serde_json::to_writer(&mut *out, &entry(&r))?;
    }
    out.write_all(if first { &b"]\n"[..] } else { &b"\n]\n"[..] })
}

/// One region as a JSON object: the map entry plus `"record"`, `"part"` and
/// `"fields"` (each `{name, offset, size, raw, meaning}`).
pub fn region_json(map: &ByteMap, r: &Region, bytes: &[u8], module: Option<&PackedModule>, out: &mut impl Write) -> io::Result<()> {
    let fields: Vec<FieldValue> = map.fields(r, bytes, module);
    let d = Detail {
        start: r.start,
        end: r.end,
        section: r.section_name,
        kind: r.kind.name(),
        index: r.index,
        record: r.record_name(),
        part: r.part,
        fields: fields
            .iter()
            .map(|f| FieldJson { name: &f.name, offset: f.offset, size: f.size, raw: &f.raw, meaning: &f.meaning, bits: f.bits.map(|(s, w)| [s, w]) })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &d)?;
    out.write_all(b"\n")
}
