//! A minimal read-only SQLite reader: the database header, table b-trees (interior
//! and leaf table pages), cell payloads with overflow chains, and the record format.
//! No SQL, no indexes, no journal, no writes.
//!
//! Written here because no maintained pure-Rust reader fit: the one made for wasm
//! (`sqlite_wasm_reader` 0.3) opens only file paths, decodes TEXT lossily as UTF-8
//! (the caches keep raw 0x80-0xFF bytes in TEXT columns) and does not follow
//! overflow pages. Every page number is checked against the page count, every
//! traversal keeps a visited-page bitset (a cycle is an error, and so no page is read
//! twice), the tree depth and payload sizes are capped, and nothing recurses.

use rod_format::{Error, ErrorKind, Result};

/// The 16-byte magic at offset 0.
pub const MAGIC: &[u8; 16] = b"SQLite format 3\0";
/// Deepest table b-tree accepted (real trees of a few GiB are 5 levels deep).
const MAX_DEPTH: usize = 64;
/// Largest record payload accepted (the caches' biggest is ~350 KB).
const MAX_PAYLOAD: u64 = 256 << 20;
/// Most columns in one record.
const MAX_COLUMNS: usize = 2000;

/// One column value of a row.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// NULL (also the stored value of an `INTEGER PRIMARY KEY` column).
    Null,
    /// An integer.
    Int(i64),
    /// A float.
    Real(f64),
    /// TEXT, as its raw bytes (not validated as UTF-8).
    Text(Vec<u8>),
    /// A BLOB.
    Blob(Vec<u8>),
}

impl Value {
    /// The integer, if this is one.
    pub fn int(&self) -> Option<i64> {
        match self {
            Value::Int(i) => Some(*i),
            _ => None,
        }
    }
    /// The bytes of a TEXT or BLOB.
    pub fn bytes(&self) -> Option<&[u8]> {
        match self {
            Value::Text(b) | Value::Blob(b) => Some(b),
            _ => None,
        }
    }
    /// TEXT as a string (invalid UTF-8 replaced).
    pub fn text(&self) -> Option<String> {
        self.bytes().map(|b| String::from_utf8_lossy(b).into_owned())
    }
}

/// One row of a table: its rowid and column values.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The rowid.
    pub rowid: i64,
    /// The column values in declaration order (trailing columns may be missing).
    pub values: Vec<Value>,
}

/// A table of `sqlite_master`.
#[derive(Clone, Debug, PartialEq)]
pub struct TableInfo {
    /// `type` (`table` or `index`).
    pub kind: String,
    /// The name.
    pub name: String,
    /// The root page.
    pub root: u32,
    /// The `CREATE` statement.
    pub sql: String,
    /// Column names parsed from `sql` (tables only).
    pub columns: Vec<String>,
}

/// An open database (the whole file in memory).
#[derive(Debug)]
pub struct Db<'a> {
    bytes: &'a [u8],
    page_size: usize,
    usable: usize,
    page_count: u32,
    /// The tables and indexes of `sqlite_master`.
    pub schema: Vec<TableInfo>,
}

fn err(kind: ErrorKind, msg: impl Into<String>, at: usize, section: &'static str) -> Error {
    Error::new(kind, msg, at).in_section(section)
}

/// A SQLite varint at `at` in `b`: (value, length).
fn varint(b: &[u8], at: usize) -> Option<(u64, usize)> {
    let mut v: u64 = 0;
    for i in 0..9 {
        let byte = *b.get(at + i)?;
        if i == 8 {
            return Some(((v << 8) | u64::from(byte), 9));
        }
        v = (v << 7) | u64::from(byte & 0x7F);
        if byte & 0x80 == 0 {
            return Some((v, i + 1));
        }
    }
    None
}

fn be_u16(b: &[u8], at: usize) -> Option<usize> {
    Some(usize::from(u16::from_be_bytes([*b.get(at)?, *b.get(at + 1)?])))
}

fn be_u32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes([*b.get(at)?, *b.get(at + 1)?, *b.get(at + 2)?, *b.get(at + 3)?]))
}

/// A bitset over page numbers.
struct Visited(Vec<u64>);

impl Visited {
    fn new(pages: u32) -> Self {
        Visited(vec![0; (pages as usize) / 64 + 1])
    }
    /// Marks `p`; false if it was already marked.
    fn mark(&mut self, p: u32) -> bool {
        let (w, bit) = ((p / 64) as usize, 1u64 << (p % 64));
        match self.0.get_mut(w) {
            Some(x) if *x & bit == 0 => {
                *x |= bit;
                true
            }
            _ => false,
        }
    }
}

/// True when `bytes` starts with the SQLite magic.
pub fn is_sqlite(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC)
}

impl<'a> Db<'a> {
    /// Opens a database image: checks the header and reads `sqlite_master`.
    pub fn open(bytes: &'a [u8]) -> Result<Self> {
        if !is_sqlite(bytes) {
            return Err(err(ErrorKind::WrongHeader, "not a SQLite database (no 'SQLite format 3' magic)", 0, "sqlite header"));
        }
        if bytes.len() < 100 {
            return Err(err(ErrorKind::UnexpectedEnd, "the file ends inside the 100-byte database header", bytes.len(), "sqlite header"));
        }
        let raw = be_u16(bytes, 16).unwrap_or(0);
        let page_size = if raw == 1 { 65536 } else { raw };
        if !(512..=65536).contains(&page_size) || !page_size.is_power_of_two() {
            return Err(err(ErrorKind::InvalidValue, format!("page size {page_size}"), 16, "sqlite header"));
        }
        let reserved = usize::from(bytes.get(20).copied().unwrap_or(0));
        let usable = page_size - reserved;
        if usable < 480 {
            return Err(err(ErrorKind::InvalidValue, format!("usable page size {usable} below 480"), 20, "sqlite header"));
        }
        let encoding = be_u32(bytes, 56).unwrap_or(0);
        if encoding > 1 {
            return Err(err(ErrorKind::UnknownLayout, format!("text encoding {encoding} (only UTF-8 databases are read)"), 56, "sqlite header"));
        }
        let in_file = (bytes.len() / page_size) as u64;
        let header_count = u64::from(be_u32(bytes, 28).unwrap_or(0));
        let page_count = if header_count == 0 || header_count > in_file { in_file } else { header_count };
        let page_count = u32::try_from(page_count).unwrap_or(u32::MAX);
        let mut db = Db { bytes, page_size, usable, page_count, schema: Vec::new() };
        let mut schema = Vec::new();
        db.scan(1, "sqlite_master", |row| {
            let t = |i: usize| row.values.get(i).and_then(Value::text).unwrap_or_default();
            let root = row.values.get(3).and_then(Value::int).unwrap_or(0);
            let sql = t(4);
            let kind = t(0);
            let columns = if kind == "table" { columns_of(&sql) } else { Vec::new() };
            schema.push(TableInfo { kind, name: t(1), root: u32::try_from(root).unwrap_or(0), sql, columns });
            Ok(())
        })?;
        db.schema = schema;
        Ok(db)
    }

    /// The page size.
    pub fn page_size(&self) -> usize {
        self.page_size
    }

    /// The number of pages.
    pub fn page_count(&self) -> u32 {
        self.page_count
    }

    /// The table named `name`.
    pub fn table(&self, name: &str) -> Option<&TableInfo> {
        self.schema.iter().find(|t| t.kind == "table" && t.name == name)
    }

    fn page(&self, p: u32, section: &'static str) -> Result<&'a [u8]> {
        if p == 0 || p > self.page_count {
            return Err(err(ErrorKind::InvalidValue, format!("page number {p} out of range 1..={}", self.page_count), 0, section));
        }
        let start = (p as usize - 1) * self.page_size;
        self.bytes
            .get(start..start + self.page_size)
            .ok_or_else(|| err(ErrorKind::UnexpectedEnd, format!("page {p} is past the end of the file"), start, section))
    }

    /// Calls `f` for every row of the table b-tree rooted at `root`, in rowid order.
    pub fn scan(&self, root: u32, section: &'static str, mut f: impl FnMut(Row) -> Result<()>) -> Result<()> {
        let mut visited = Visited::new(self.page_count);
        // (page number, next cell index); interior pages only.
        let mut stack: Vec<(u32, usize)> = Vec::new();
        let mut next = Some(root);
        loop {
            if let Some(p) = next.take() {
                if !visited.mark(p) {
                    return Err(err(ErrorKind::InvalidValue, format!("page {p} is reached twice (a cycle in the b-tree)"), (p as usize).saturating_sub(1).saturating_mul(self.page_size), section));
                }
                if stack.len() >= MAX_DEPTH {
                    return Err(err(ErrorKind::TooBig, "b-tree deeper than 64 levels", 0, section));
                }
                let page = self.page(p, section)?;
                let base = (p as usize - 1) * self.page_size;
                let hdr = if p == 1 { 100 } else { 0 };
                let kind = page.get(hdr).copied().unwrap_or(0);
                match kind {
                    0x0D => self.leaf(page, base, hdr, p, &mut visited, section, &mut f)?,
                    0x05 => stack.push((p, 0)),
                    k => {
                        return Err(err(ErrorKind::InvalidValue, format!("page {p} has type {k:#04x}, not a table b-tree page"), base + hdr, section))
                    }
                }
                continue;
            }
            let Some(top) = stack.last_mut() else { return Ok(()) };
            let (p, i) = *top;
            top.1 += 1;
            let page = self.page(p, section)?;
            let base = (p as usize - 1) * self.page_size;
            let hdr = if p == 1 { 100 } else { 0 };
            let cells = be_u16(page, hdr + 3).unwrap_or(0);
            if cells > self.usable / 4 {
                return Err(err(ErrorKind::TooBig, format!("page {p} claims {cells} cells"), base + hdr + 3, section));
            }
            if i < cells {
                let ptr = be_u16(page, hdr + 12 + 2 * i)
                    .ok_or_else(|| err(ErrorKind::UnexpectedEnd, "cell pointer array past the page", base + hdr + 12, section))?;
                let child = be_u32(page, ptr).ok_or_else(|| err(ErrorKind::InvalidValue, format!("cell offset {ptr} past the page"), base + ptr, section))?;
                next = Some(child);
            } else if i == cells {
                next = Some(be_u32(page, hdr + 8).unwrap_or(0));
            } else {
                stack.pop();
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn leaf(
        &self,
        page: &[u8],
        base: usize,
        hdr: usize,
        p: u32,
        visited: &mut Visited,
        section: &'static str,
        f: &mut impl FnMut(Row) -> Result<()>,
    ) -> Result<()> {
        let cells = be_u16(page, hdr + 3).unwrap_or(0);
        if cells > self.usable / 2 {
            return Err(err(ErrorKind::TooBig, format!("page {p} claims {cells} cells"), base + hdr + 3, section));
        }
        for i in 0..cells {
            let ptr = be_u16(page, hdr + 8 + 2 * i)
                .ok_or_else(|| err(ErrorKind::UnexpectedEnd, "cell pointer array past the page", base + hdr + 8, section))?;
            let at = base + ptr;
            let bad = |what: &str| err(ErrorKind::InvalidValue, format!("page {p} cell {i}: {what}"), at, section);
            let (size, n1) = varint(page, ptr).ok_or_else(|| bad("payload size past the page"))?;
            let (rowid, n2) = varint(page, ptr + n1).ok_or_else(|| bad("rowid past the page"))?;
            if size > MAX_PAYLOAD || size > (self.page_count as u64) * (self.usable as u64) {
                return Err(err(ErrorKind::TooBig, format!("page {p} cell {i}: payload of {size} bytes"), at, section));
            }
            let payload = self.payload(page, ptr + n1 + n2, size as usize, visited, section, at)?;
            let values = record(&payload, section, at)?;
            f(Row { rowid: rowid as i64, values })?;
        }
        Ok(())
    }

    /// The payload of a cell starting at `off` in `page`, following overflow pages.
    fn payload(&self, page: &[u8], off: usize, size: usize, visited: &mut Visited, section: &'static str, at: usize) -> Result<Vec<u8>> {
        let u = self.usable;
        let x = u - 35;
        let local = if size <= x {
            size
        } else {
            let m = ((u - 12) * 32 / 255) - 23;
            let k = m + (size - m) % (u - 4);
            if k <= x {
                k
            } else {
                m
            }
        };
        let mut out = Vec::with_capacity(size);
        out.extend_from_slice(page.get(off..off + local).ok_or_else(|| err(ErrorKind::UnexpectedEnd, "cell payload past the page", at, section))?);
        if local == size {
            return Ok(out);
        }
        let mut next = be_u32(page, off + local).ok_or_else(|| err(ErrorKind::UnexpectedEnd, "overflow pointer past the page", at, section))?;
        while out.len() < size {
            if !visited.mark(next) {
                return Err(err(ErrorKind::InvalidValue, format!("overflow page {next} is reached twice (a cycle)"), at, section));
            }
            let ov = self.page(next, section)?;
            let take = (size - out.len()).min(u - 4);
            out.extend_from_slice(ov.get(4..4 + take).ok_or_else(|| err(ErrorKind::UnexpectedEnd, "overflow page too short", at, section))?);
            next = be_u32(ov, 0).unwrap_or(0);
        }
        Ok(out)
    }
}

/// Decodes a record (header of serial types, then the values).
fn record(p: &[u8], section: &'static str, at: usize) -> Result<Vec<Value>> {
    let bad = |what: &str| err(ErrorKind::InvalidValue, format!("record: {what}"), at, section);
    let (hsize, n) = varint(p, 0).ok_or_else(|| bad("header size"))?;
    let hsize = usize::try_from(hsize).map_err(|_| bad("header size"))?;
    if hsize > p.len() || hsize < n {
        return Err(bad("header larger than the payload"));
    }
    let mut types = Vec::new();
    let mut h = n;
    while h < hsize {
        if types.len() >= MAX_COLUMNS {
            return Err(bad("more than 2000 columns"));
        }
        let (t, k) = varint(p, h).ok_or_else(|| bad("serial type"))?;
        types.push(t);
        h += k;
    }
    let mut body = hsize;
    let mut out = Vec::with_capacity(types.len());
    for t in types {
        let len = match t {
            0 | 8 | 9 => 0,
            1..=4 => t as usize,
            5 => 6,
            6 | 7 => 8,
            10 | 11 => return Err(bad("reserved serial type")),
            _ => ((t - 12) / 2) as usize,
        };
        let data = p.get(body..body.saturating_add(len)).ok_or_else(|| bad("value past the payload"))?;
        body += len;
        let int = || {
            let mut v: i64 = if data.first().is_some_and(|&b| b & 0x80 != 0) { -1 } else { 0 };
            for &b in data {
                v = (v << 8) | i64::from(b);
            }
            v
        };
        out.push(match t {
            0 => Value::Null,
            8 => Value::Int(0),
            9 => Value::Int(1),
            1..=6 => Value::Int(int()),
            7 => Value::Real(f64::from_bits(int() as u64)),
            _ if t % 2 == 0 => Value::Blob(data.to_vec()),
            _ => Value::Text(data.to_vec()),
        });
    }
    Ok(out)
}

/// Column names of a `CREATE TABLE` statement, in order (constraints left out).
pub fn columns_of(sql: &str) -> Vec<String> {
    let (Some(open), Some(close)) = (sql.find('('), sql.rfind(')')) else { return Vec::new() };
    let Some(body) = sql.get(open + 1..close) else { return Vec::new() };
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0i32, 0usize);
    for (i, ch) in body.char_indices() {
        match ch {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&body[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&body[start..]);
    parts
        .into_iter()
        .filter_map(|p| p.split_whitespace().next())
        .filter(|w| !["foreign", "primary", "unique", "constraint", "check"].contains(&w.to_ascii_lowercase().as_str()))
        .map(|w| w.trim_matches(|c| c == '"' || c == '`' || c == '[' || c == ']').to_string())
        .collect()
}
