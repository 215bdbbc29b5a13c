//! A Nim 0.19.x / 1.0 - 1.4.8 `rodfiles.db`: its tables read with [`crate::sqlite`],
//! every `syms`, `types` and `toplevelstmts` row decoded with the writing release's
//! blob grammar, and the whole blob required to be consumed.

use crate::cursor::Cursor;
use crate::grammar::{parse_sym, parse_tree, parse_type, Grammar};
use crate::ids::{SymId, TypeId};
use crate::model::{LineInfo, Symbol, Tree, Type};
use crate::names::Era;
use crate::sqlite::{Db, Row, Value};
use rod_format::{Error, ErrorKind, Result};
use std::collections::HashMap;

/// The tables every rodfiles.db has.
pub const TABLES: &[&str] = &["controlblock", "filenames", "modules", "deps", "types", "syms", "toplevelstmts"];

/// A `filenames` row.
#[derive(Clone, Debug, PartialEq)]
pub struct FileRow {
    /// `id` (rowid).
    pub id: i64,
    /// `nimid` (the FileIndex; 1.4.8 only).
    pub nimid: Option<i64>,
    /// `fullpath`.
    pub fullpath: String,
    /// `fullHash`.
    pub full_hash: String,
}

/// A `modules` row.
#[derive(Clone, Debug, PartialEq)]
pub struct ModuleRow {
    /// `id` (rowid).
    pub id: i64,
    /// `nimid`: the module symbol's id.
    pub nimid: i64,
    /// `fullpath`.
    pub fullpath: String,
    /// `interfHash`.
    pub interf_hash: String,
    /// `fullHash`.
    pub full_hash: String,
    /// `created`.
    pub created: String,
}

/// A `deps` row (both columns are `filenames.id`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DepRow {
    /// `id`.
    pub id: i64,
    /// `module` (filenames.id of the importing/including file).
    pub module: i64,
    /// `dependency` (filenames.id).
    pub dependency: i64,
    /// `isIncludeFile`.
    pub is_include: bool,
}

/// A `syms` row with its decoded blob.
#[derive(Clone, Debug, PartialEq)]
pub struct SymRow {
    /// rowid.
    pub rowid: i64,
    /// `module` (modules.nimid, 0 for none).
    pub module: i64,
    /// `name` (raw).
    pub name: String,
    /// `exported`.
    pub exported: bool,
    /// The decoded `data`.
    pub sym: Symbol,
}

/// A `types` row with its decoded blob.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeRow {
    /// rowid.
    pub rowid: i64,
    /// `module`.
    pub module: i64,
    /// The decoded `data`.
    pub typ: Type,
}

/// A `toplevelstmts` row with its decoded tree.
#[derive(Clone, Debug, PartialEq)]
pub struct StmtRow {
    /// rowid.
    pub rowid: i64,
    /// `position`.
    pub position: i64,
    /// `module`.
    pub module: i64,
    /// The decoded statement.
    pub tree: Tree,
}

/// A table's size.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableSize {
    /// Table name.
    pub name: String,
    /// Root page.
    pub root: u32,
    /// Rows.
    pub rows: usize,
    /// Bytes of record payload.
    pub bytes: usize,
}

/// A decoded rodfiles.db.
#[derive(Clone, Debug)]
pub struct DbCache {
    /// 0.19.x or 1.4.8 (by the schema: `filenames.nimid` exists from 0.20 on).
    pub era: Era,
    /// The first word of the `config` row (`RodFileVersion`), if there is one.
    pub version: Option<String>,
    /// `config` rows, verbatim.
    pub config: Vec<String>,
    /// `controlblock.idgen`, in rowid order.
    pub idgen: Vec<i64>,
    /// `filenames`.
    pub filenames: Vec<FileRow>,
    /// `modules`.
    pub modules: Vec<ModuleRow>,
    /// `deps`.
    pub deps: Vec<DepRow>,
    /// `syms`, in rowid order.
    pub syms: Vec<SymRow>,
    /// `types`, in rowid order.
    pub types: Vec<TypeRow>,
    /// `toplevelstmts`, in rowid order.
    pub toplevel: Vec<StmtRow>,
    /// Rows of `statics` (never written by either release).
    pub statics: usize,
    /// Every table with its row count.
    pub sizes: Vec<TableSize>,
    /// Page size and page count.
    pub pages: (usize, u32),
    /// syms.nimid -> position in `syms`.
    pub sym_index: HashMap<SymId, u32>,
    /// types.nimid -> position in `types`.
    pub type_index: HashMap<TypeId, u32>,
}

fn table_name(name: &str) -> &'static str {
    ["controlblock", "config", "filenames", "modules", "deps", "types", "syms", "toplevelstmts", "statics"]
        .into_iter()
        .find(|t| *t == name)
        .unwrap_or("sqlite table")
}

/// Column accessor by name.
struct Cols<'a> {
    names: &'a [String],
    section: &'static str,
}

impl Cols<'_> {
    fn get<'r>(&self, row: &'r Row, col: &str) -> Result<&'r Value> {
        let i = self.names.iter().position(|n| n.eq_ignore_ascii_case(col));
        // An INTEGER PRIMARY KEY column is stored as NULL: its value is the rowid.
        i.and_then(|i| row.values.get(i)).ok_or_else(|| {
            Error::new(ErrorKind::InvalidValue, format!("row {}: no column {col}", row.rowid), 0).in_section(self.section)
        })
    }
    fn int(&self, row: &Row, col: &str) -> Result<i64> {
        match self.get(row, col)? {
            Value::Int(i) => Ok(*i),
            Value::Null if col == "id" => Ok(row.rowid),
            v => Err(Error::new(ErrorKind::InvalidValue, format!("row {}: column {col} is {v:?}, not an integer", row.rowid), 0)
                .in_section(self.section)),
        }
    }
    fn text(&self, row: &Row, col: &str) -> Result<String> {
        Ok(self.get(row, col)?.text().unwrap_or_default())
    }
    fn bytes<'r>(&self, row: &'r Row, col: &str) -> Result<&'r [u8]> {
        self.get(row, col)?.bytes().ok_or_else(|| {
            Error::new(ErrorKind::InvalidValue, format!("row {}: column {col} is not TEXT or BLOB", row.rowid), 0).in_section(self.section)
        })
    }
}

fn rows(db: &Db<'_>, name: &str) -> Result<(Vec<Row>, Vec<String>, TableSize)> {
    let section = table_name(name);
    let t = db.table(name).ok_or_else(|| Error::new(ErrorKind::WrongSection, format!("no table {name}"), 0).in_section(section))?;
    let mut out = Vec::new();
    let mut bytes = 0usize;
    db.scan(t.root, section, |r| {
        bytes += r.values.iter().map(|v| v.bytes().map_or(8, <[u8]>::len)).sum::<usize>();
        out.push(r);
        Ok(())
    })?;
    let size = TableSize { name: name.to_string(), root: t.root, rows: out.len(), bytes };
    Ok((out, t.columns.clone(), size))
}

/// The era of an open database, from its schema; `None` if it is not a rodfiles.db.
pub fn era_of(db: &Db<'_>) -> Option<Era> {
    if TABLES.iter().any(|t| db.table(t).is_none()) {
        return None;
    }
    let filenames = db.table("filenames")?;
    Some(if filenames.columns.iter().any(|c| c == "nimid") { Era::Sqlite148 } else { Era::Sqlite0196 })
}

fn blob_error(e: Error, table: &'static str, rowid: i64) -> Error {
    Error::new(e.kind(), format!("{table} row {rowid}: {} (at blob offset {})", e.message(), e.offset()), e.offset()).in_section(table)
}

/// Decodes a rodfiles.db image.
pub fn decode(bytes: &[u8]) -> Result<DbCache> {
    let db = Db::open(bytes)?;
    let era = era_of(&db).ok_or_else(|| {
        Error::new(ErrorKind::UnknownLayout, "a SQLite database without the tables of a Nim rodfiles.db", 0).in_section("sqlite_master")
    })?;
    let g = Grammar::new(era);
    let mut sizes = Vec::new();
    let mut config = Vec::new();
    if db.table("config").is_some() {
        let (r, c, s) = rows(&db, "config")?;
        let cols = Cols { names: &c, section: "config" };
        for row in &r {
            config.push(cols.text(row, "config")?);
        }
        sizes.push(s);
    }
    let version = config.first().and_then(|c| c.split(' ').next()).map(str::to_string);
    let (r, c, s) = rows(&db, "controlblock")?;
    let cols = Cols { names: &c, section: "controlblock" };
    let idgen = r.iter().map(|row| cols.int(row, "idgen")).collect::<Result<Vec<_>>>()?;
    sizes.push(s);

    let (r, c, s) = rows(&db, "filenames")?;
    let cols = Cols { names: &c, section: "filenames" };
    let has_nimid = c.iter().any(|n| n == "nimid");
    let mut filenames = Vec::new();
    for row in &r {
        filenames.push(FileRow {
            id: cols.int(row, "id")?,
            nimid: if has_nimid { Some(cols.int(row, "nimid")?) } else { None },
            fullpath: cols.text(row, "fullpath")?,
            full_hash: cols.text(row, "fullHash")?,
        });
    }
    sizes.push(s);

    let (r, c, s) = rows(&db, "modules")?;
    let cols = Cols { names: &c, section: "modules" };
    let has_mod_nimid = c.iter().any(|n| n == "nimid");
    let mut modules = Vec::new();
    for row in &r {
        let id = cols.int(row, "id")?;
        modules.push(ModuleRow {
            id,
            nimid: if has_mod_nimid { cols.int(row, "nimid")? } else { id },
            fullpath: cols.text(row, "fullpath")?,
            interf_hash: cols.text(row, "interfHash")?,
            full_hash: cols.text(row, "fullHash")?,
            created: cols.text(row, "created")?,
        });
    }
    sizes.push(s);

    let (r, c, s) = rows(&db, "deps")?;
    let cols = Cols { names: &c, section: "deps" };
    let mut deps = Vec::new();
    for row in &r {
        deps.push(DepRow {
            id: cols.int(row, "id")?,
            module: cols.int(row, "module")?,
            dependency: cols.int(row, "dependency")?,
            is_include: cols.int(row, "isIncludeFile")? != 0,
        });
    }
    sizes.push(s);

    let (r, c, s) = rows(&db, "syms")?;
    let cols = Cols { names: &c, section: "syms" };
    let mut syms = Vec::with_capacity(r.len());
    for row in &r {
        let nimid = cols.int(row, "nimid")?;
        let data = cols.bytes(row, "data")?;
        let mut cur = Cursor::new(data, 0, "syms");
        let sym = parse_sym(&mut cur, &g).map_err(|e| blob_error(e, "syms", row.rowid))?;
        if sym.id.0 != nimid {
            return Err(Error::new(ErrorKind::InvalidValue, format!("syms row {}: nimid {nimid} but the data says {}", row.rowid, sym.id), 0)
                .in_section("syms"));
        }
        syms.push(SymRow {
            rowid: row.rowid,
            module: cols.int(row, "module")?,
            name: cols.text(row, "name")?,
            exported: cols.int(row, "exported")? != 0,
            sym,
        });
    }
    sizes.push(s);

    let (r, c, s) = rows(&db, "types")?;
    let cols = Cols { names: &c, section: "types" };
    let mut types = Vec::with_capacity(r.len());
    for row in &r {
        let nimid = cols.int(row, "nimid")?;
        let data = cols.bytes(row, "data")?;
        let mut cur = Cursor::new(data, 0, "types");
        let typ = parse_type(&mut cur, &g).map_err(|e| blob_error(e, "types", row.rowid))?;
        if typ.id.0 != nimid {
            return Err(Error::new(ErrorKind::InvalidValue, format!("types row {}: nimid {nimid} but the data says {}", row.rowid, typ.id), 0)
                .in_section("types"));
        }
        types.push(TypeRow { rowid: row.rowid, module: cols.int(row, "module")?, typ });
    }
    sizes.push(s);

    let sym_index: HashMap<SymId, u32> = syms.iter().enumerate().map(|(i, r)| (r.sym.id, i as u32)).collect();
    let type_index: HashMap<TypeId, u32> = types.iter().enumerate().map(|(i, r)| (r.typ.id, i as u32)).collect();
    let module_info: HashMap<i64, LineInfo> = modules
        .iter()
        .filter_map(|m| sym_index.get(&SymId(m.nimid)).and_then(|&i| syms.get(i as usize)).map(|r| (m.nimid, r.sym.info)))
        .collect();

    let (r, c, s) = rows(&db, "toplevelstmts")?;
    let cols = Cols { names: &c, section: "toplevelstmts" };
    let mut toplevel = Vec::with_capacity(r.len());
    for row in &r {
        let module = cols.int(row, "module")?;
        let data = cols.bytes(row, "data")?;
        let parent = module_info.get(&module).copied().unwrap_or_else(|| g.unknown_info());
        let mut cur = Cursor::new(data, 0, "toplevelstmts");
        let mut refs = Vec::new();
        let tree = parse_tree(&mut cur, &g, parent, &mut refs).map_err(|e| blob_error(e, "toplevelstmts", row.rowid))?;
        if !cur.at_end() {
            return Err(blob_error(cur.err_here("bytes left after the statement"), "toplevelstmts", row.rowid));
        }
        toplevel.push(StmtRow { rowid: row.rowid, position: cols.int(row, "position")?, module, tree });
    }
    sizes.push(s);
    let mut statics = 0;
    if db.table("statics").is_some() {
        let (r, _, s) = rows(&db, "statics")?;
        statics = r.len();
        sizes.push(s);
    }
    Ok(DbCache {
        era,
        version,
        config,
        idgen,
        filenames,
        modules,
        deps,
        syms,
        types,
        toplevel,
        statics,
        sizes,
        pages: (db.page_size(), db.page_count()),
        sym_index,
        type_index,
    })
}

impl DbCache {
    /// The symbol row with `id`.
    pub fn sym(&self, id: SymId) -> Option<&SymRow> {
        self.sym_index.get(&id).and_then(|&i| self.syms.get(i as usize))
    }
    /// The type row with `id`.
    pub fn typ(&self, id: TypeId) -> Option<&TypeRow> {
        self.type_index.get(&id).and_then(|&i| self.types.get(i as usize))
    }
    /// The path of a line-info file reference (filenames.id in 0.19, nimid in 1.4.8).
    pub fn file_path(&self, file: i32) -> Option<&str> {
        let f = i64::from(file);
        let row = match self.era {
            Era::Sqlite148 => self.filenames.iter().find(|r| r.nimid == Some(f)),
            _ => self.filenames.iter().find(|r| r.id == f),
        };
        row.map(|r| r.fullpath.as_str())
    }
    /// The `filenames.id` whose path is `path`.
    pub fn file_id(&self, path: &str) -> Option<i64> {
        self.filenames.iter().find(|r| r.fullpath == path).map(|r| r.id)
    }
}
