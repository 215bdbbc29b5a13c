//! The byte views of the packed backend: each module's byte map
//! ([`rod_decoder::bytemap`]), built on first use from the bytes the cache keeps.

use std::ops::Range;
use std::rc::Rc;

use rod_decoder::bytemap::{self, ByteMap, Region, RegionKind};
use rod_decoder::graph::ModuleIdx;
use rod_decoder::{NodePos, SectionKind, TreeKind};

use super::rows::{sym_id, sym_key, type_id};
use super::{tree_id, tree_kind, PackedCache};
use crate::bytes::{ByteSection, FieldRow, RegionRow};
use crate::ids::{Target, TypeKey};

impl PackedCache {
    /// Hands in the bytes of module `m`'s file (for the byte views), when they were
    /// not kept at load time. Refused (false) when their length is not the decoded
    /// file's.
    pub fn set_file_bytes(&mut self, m: ModuleIdx, bytes: Rc<[u8]>) -> bool {
        let ok = self.module(m).is_some_and(|pm| pm.file_size == bytes.len());
        if let (true, Some(slot), Some(map)) = (ok, self.files.get_mut(m.index()), self.maps.get_mut(m.index())) {
            *slot = Some(bytes);
            *map = Default::default();
            return true;
        }
        false
    }

    /// The kept bytes of module `m`'s file.
    pub(crate) fn kept_bytes(&self, m: ModuleIdx) -> Option<&[u8]> {
        self.files.get(m.index())?.as_deref()
    }

    /// Module `m`'s byte map (built on first use; `None` without its bytes).
    pub fn byte_map(&self, m: ModuleIdx) -> Option<&ByteMap> {
        let cell = self.maps.get(m.index())?;
        cell.get_or_init(|| self.kept_bytes(m).and_then(|b| ByteMap::build(b).ok())).as_ref()
    }

    /// Heap bytes held for the byte views: kept files and built maps.
    pub fn byte_view_memory(&self) -> usize {
        let files: usize = self.files.iter().flatten().map(|b| b.len()).sum();
        let maps: usize = self.maps.iter().filter_map(|c| c.get()).flatten().map(|m| m.heap_bytes()).sum();
        files + maps
    }

    /// A region as the views' row, with what it opens.
    pub(crate) fn region_row(&self, m: ModuleIdx, number: usize, r: &Region) -> RegionRow {
        let pm = self.module(m);
        let target = match (r.kind, r.index, r.section) {
            (RegionKind::Node, Some(i), Some(s)) => {
                TreeKind::ALL.into_iter().find(|k| k.section() == s).map(|k| Target::Node(m, tree_id(k), NodePos(i)))
            }
            (RegionKind::Sym, Some(i), _) => pm.and_then(|pm| pm.syms.records.get(i as usize)).map(|s| Target::Sym(m, sym_key(s.id))),
            (RegionKind::Type, Some(i), _) => {
                pm.and_then(|pm| pm.types.table.records.get(i as usize)).map(|t| Target::Type(m, TypeKey(i64::from(t.id.0))))
            }
            _ => None,
        };
        RegionRow {
            number,
            range: r.range(),
            section: r.section_name.to_string(),
            kind: r.kind.name(),
            index: r.index.map(u64::from),
            record: r.record_name().to_string(),
            part: r.part.to_string(),
            target,
        }
    }

    pub(crate) fn packed_region_fields(&self, m: ModuleIdx, row: &RegionRow) -> Vec<FieldRow> {
        let (Some(map), Some(bytes)) = (self.byte_map(m), self.kept_bytes(m)) else { return Vec::new() };
        let Some((_, r)) = map.region_at(row.range.start) else { return Vec::new() };
        map.fields(&r, bytes, self.module(m))
            .into_iter()
            .map(|f| FieldRow { range: f.offset..f.offset + f.size, name: f.name, bits: f.bits, raw: f.raw, meaning: f.meaning })
            .collect()
    }

    pub(crate) fn packed_regions(&self, m: ModuleIdx, bytes: Range<usize>, cap: usize) -> Vec<RegionRow> {
        let Some(map) = self.byte_map(m) else { return Vec::new() };
        let Some((first, _)) = map.region_at(bytes.start) else { return Vec::new() };
        (first..map.len())
            .map_while(|i| map.region(i).filter(|r| r.start < bytes.end).map(|r| self.region_row(m, i, &r)))
            .take(cap)
            .collect()
    }

    /// The bytes of a target. Nodes and symbols come from the section offsets (no
    /// byte map needed); types and whole modules need the kept bytes.
    pub(crate) fn packed_bytes_of(&self, target: Target) -> Option<Range<usize>> {
        match target {
            Target::Node(m, t, n) => bytemap::node_range(self.module(m)?, tree_kind(t)?, n),
            Target::Sym(m, s) => {
                let pm = self.module(m)?;
                bytemap::sym_range(pm, pm.syms.record_index(sym_id(s)?)?)
            }
            Target::Type(m, t) => {
                let i = self.module(m)?.types.table.record_index(type_id(t)?)?;
                Some(self.byte_map(m)?.typ(i)?.range())
            }
            Target::Module(m) => Some(0..self.module(m)?.file_size),
        }
    }

    pub(crate) fn packed_table_row_bytes(&self, m: ModuleIdx, table: &str, row: usize) -> Option<Range<usize>> {
        let map = self.byte_map(m)?;
        match table {
            "strings" => map.string(row).map(|r| r.range()),
            "numbers" => map.number(row).map(|r| r.range()),
            _ => {
                let kind = match table {
                    "exports" => SectionKind::Exports,
                    "hidden" => SectionKind::Hidden,
                    "reexports" => SectionKind::Reexports,
                    "compilerprocs" => SectionKind::CompilerProcs,
                    "converters" => SectionKind::Converters,
                    "methods" => SectionKind::Methods,
                    "pureenums" => SectionKind::PureEnums,
                    "trmacros" => SectionKind::Trmacros,
                    "typeinstcache" => SectionKind::TypeInstCache,
                    "procinstcache" => SectionKind::ProcInstCache,
                    "attachedops" => SectionKind::AttachedOps,
                    "enumtostring" => SectionKind::EnumToStringProcs,
                    "methodspertype" => SectionKind::MethodsPerGenericType,
                    "includes" => SectionKind::CheckSums,
                    "imports" => SectionKind::Deps,
                    "replay" => return None,
                    _ => return None,
                };
                let range = map.section(kind)?;
                let (first, _) = map.region_at(range.start)?;
                // tag, count, then the entries
                let r = map.region(first.checked_add(2)?.checked_add(row)?)?;
                (r.index == Some(row as u32) && r.end <= range.end).then(|| r.range())
            }
        }
    }

    pub(crate) fn packed_byte_sections(&self, m: ModuleIdx) -> Vec<ByteSection> {
        let Some(pm) = self.module(m) else { return Vec::new() };
        let mut v = vec![ByteSection { name: "header".into(), range: 0..rod_format::HEADER_LEN.min(pm.file_size), count: None }];
        v.extend(pm.sections.iter().map(|s| ByteSection { name: s.span.name.to_string(), range: s.span.start..s.span.end, count: s.span.count.map(u64::from) }));
        v
    }
}
