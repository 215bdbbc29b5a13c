//! `rodscope bytes`: every byte of a file explained (the byte map), or one region
//! with its fields and hex.

use crate::{io_fail, read, Failure};
use rod_decoder::bytemap::{ByteMap, Region};
use rod_decoder::{print, NodePos, TreeKind};
use std::io::Write;
use std::path::PathBuf;

/// The arguments of `rodscope bytes`.
#[derive(clap::Args)]
pub struct BytesArgs {
    /// A .rod or .alivesyms file.
    file: PathBuf,
    /// The region holding this byte offset (decimal or 0x hex).
    #[arg(long, value_parser = parse_offset)]
    at: Option<usize>,
    /// The region of one node: TREE:N with TREE toplevel, bodies or replay.
    #[arg(long)]
    node: Option<String>,
    /// The region of the symbol with this id.
    #[arg(long)]
    sym: Option<i32>,
    /// The region of the type with this id.
    #[arg(long = "type")]
    typ: Option<i32>,
    /// JSON (docs/bytes-json.md) instead of text.
    #[arg(long)]
    json: bool,
}

fn parse_offset(s: &str) -> Result<usize, String> {
    let r = match s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        Some(h) => usize::from_str_radix(h, 16),
        None => s.parse(),
    };
    r.map_err(|e| format!("{s:?} is not an offset: {e}"))
}

/// Runs the command.
pub fn run(a: BytesArgs, out: &mut impl Write) -> Result<(), Failure> {
    let bytes = read(&a.file)?;
    let name = a.file.display();
    let map = ByteMap::build(&bytes).map_err(|e| Failure(format!("{name}: {e}")))?;
    let selectors = [a.at.is_some(), a.node.is_some(), a.sym.is_some(), a.typ.is_some()].iter().filter(|&&x| x).count();
    if selectors > 1 {
        return Err(Failure("give at most one of --at, --node, --sym, --type".into()));
    }
    if selectors == 0 {
        return if a.json { print::byte_map_json(&map, out) } else { print::print_byte_map(&map, out) }.map_err(io_fail);
    }
    // The decoded module resolves LitIds, symbols and positions (an .alivesyms file
    // has none: its ids are shown as numbers).
    let module = rod_decoder::decode(&bytes).ok();
    let region: Region = if let Some(off) = a.at {
        map.region_at(off)
            .map(|x| x.1)
            .ok_or_else(|| Failure(format!("{name}: offset {off:#x} is past the end ({} bytes)", bytes.len())))?
    } else if let Some(spec) = &a.node {
        let (t, n) = spec.split_once(':').ok_or_else(|| Failure(format!("--node {spec:?}: expected TREE:N (toplevel, bodies or replay)")))?;
        let tree = TreeKind::parse(t).ok_or_else(|| Failure(format!("--node {spec:?}: unknown tree {t:?} (toplevel, bodies or replay)")))?;
        let pos: u32 = n.parse().map_err(|_| Failure(format!("--node {spec:?}: {n:?} is not a node position")))?;
        map.node(tree, NodePos(pos))
            .ok_or_else(|| Failure(format!("{name}: the {} tree has no node {pos}", tree.name())))?
    } else if let Some(id) = a.sym {
        let m = module.as_ref().ok_or_else(|| Failure(format!("{name}: --sym needs a .rod file")))?;
        m.syms
            .record_index(rod_decoder::SymId(id))
            .and_then(|i| map.sym(i))
            .ok_or_else(|| Failure(format!("{name}: no symbol with id {id}")))?
    } else {
        let id = a.typ.unwrap_or_default();
        let m = module.as_ref().ok_or_else(|| Failure(format!("{name}: --type needs a .rod file")))?;
        m.types
            .table
            .record_index(rod_decoder::TypeId(id))
            .and_then(|i| map.typ(i))
            .ok_or_else(|| Failure(format!("{name}: no type with id {id}")))?
    };
    let number = map.region_at(region.start).map_or(0, |x| x.0);
    if a.json {
        print::region_json(&map, &region, &bytes, module.as_ref(), out)
    } else {
        print::print_region(&map, number, &region, &bytes, module.as_ref(), out)
    }
    .map_err(io_fail)
}
