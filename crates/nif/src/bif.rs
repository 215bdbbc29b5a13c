//! The BIF reader (nimony `src/lib/bif.nim`, version 5).
//!
//! Layout: 8-byte magic `NIFBIN` + endianness byte (0 = little) + version, a
//! fixed u64 index offset, five varint counts (tokens, tags, strings, symbols,
//! files), 0..3 pad bytes to align the token block, the u32 tokens, the four
//! pools (varint length + bytes each, ids 1.. in order) and the index
//! (varint count, then `symId tokenPos vis` triples). Tokens become the same
//! pre-order nodes the text reader makes; positions are absolute in BIF, and a
//! head without a line info has the position of the previous positioned head.

use crate::model::{BifInfo, Document, Encoding, FileId, IndexEntry, Node, NodeId, NodeKind, Pos, Visibility, EXTRA_BIT, FLAG_OWN_POS};
use crate::varint;
use crate::{Error, ErrorKind, Result, MAX_DEPTH, MAX_FILE_BYTES};

/// The first six magic bytes (all that nimony's `isBifFile` compares).
pub const MAGIC_NAME: &[u8; 6] = b"NIFBIN";
/// The only BIF version this reader knows.
pub const VERSION: u8 = 5;

/// Token kinds (low 4 bits of a token), nimony's `NifKind` order.
mod kind {
    pub const DOT: u32 = 0;
    pub const CHAR: u32 = 1;
    pub const STR: u32 = 2;
    pub const INT: u32 = 3;
    pub const UINT: u32 = 4;
    pub const FLOAT: u32 = 5;
    pub const SYMBOL: u32 = 6;
    pub const SYMBOL_DEF: u32 = 7;
    pub const IDENT: u32 = 8;
    pub const TAG: u32 = 9;
    pub const EXTENDED_SUFFIX: u32 = 10;
    pub const LINE_INFO: u32 = 11;
}

/// Whether `bytes` start with the BIF magic name (any version or byte order).
pub fn is_bif(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC_NAME)
}

struct Header {
    info: BifInfo,
    tokens_at: usize,
}

fn err(kind: ErrorKind, msg: impl Into<String>, at: usize, section: &'static str) -> Error {
    Error::new(kind, msg, at).in_section(section)
}

fn header(bytes: &[u8]) -> Result<Header> {
    let h = "header";
    if bytes.len() > MAX_FILE_BYTES {
        return Err(err(ErrorKind::TooBig, format!("file larger than {MAX_FILE_BYTES} bytes"), 0, h));
    }
    if !is_bif(bytes) {
        return Err(err(ErrorKind::WrongHeader, "not a BIF file (no NIFBIN magic)", 0, h));
    }
    let (Some(&endian), Some(&version)) = (bytes.get(6), bytes.get(7)) else {
        return Err(err(ErrorKind::UnexpectedEnd, "the file ends inside the magic", bytes.len(), h));
    };
    if endian != 0 {
        return Err(err(ErrorKind::WrongHeader, format!("byte-order byte {endian} (only 0 = little endian exists)"), 6, h));
    }
    if version != VERSION {
        return Err(err(ErrorKind::WrongHeader, format!("BIF version {version} (this reader knows {VERSION})"), 7, h));
    }
    let io = bytes.get(8..16).ok_or_else(|| err(ErrorKind::UnexpectedEnd, "the file ends inside the index offset", bytes.len(), h))?;
    let index_offset = u64::from_le_bytes(io.try_into().unwrap_or([0; 8]));
    let mut pos = 16;
    let mut counts = [0u64; 5];
    for (k, c) in counts.iter_mut().enumerate() {
        let (v, p) = varint::read(bytes, pos)
            .ok_or_else(|| err(ErrorKind::UnexpectedEnd, "the file ends inside the header counts", pos, h))?;
        let left = bytes.len().saturating_sub(p) as u64;
        let limit = if k == 0 { left / 4 } else { left };
        if v > limit {
            let what = ["token count", "tag count", "string count", "symbol count", "file count"].get(k).copied().unwrap_or("count");
            return Err(err(ErrorKind::TooBig, format!("{what} {v} does not fit in the {left} bytes left"), pos, h));
        }
        *c = v;
        pos = p;
    }
    let pad = (4 - (pos & 3)) & 3;
    let tokens_at = pos + pad;
    let [tokens, tags, strings, syms, files] = counts;
    if (bytes.len().saturating_sub(tokens_at) as u64) < tokens * 4 {
        return Err(err(ErrorKind::TooBig, format!("{tokens} tokens do not fit after the header"), pos, h));
    }
    Ok(Header { info: BifInfo { index_offset, tokens, tags, strings, syms, files }, tokens_at })
}

/// Reads `n` pool entries (varint length + bytes) from `pos`; spans into `bytes`.
fn pool(bytes: &[u8], mut pos: usize, n: u64, section: &'static str) -> Result<(Vec<(u32, u32)>, usize)> {
    let mut v = Vec::with_capacity(n as usize);
    for _ in 0..n {
        let (len, p) = varint::read(bytes, pos)
            .ok_or_else(|| err(ErrorKind::UnexpectedEnd, "the file ends inside a pool entry's length", pos, section))?;
        if len > bytes.len().saturating_sub(p) as u64 {
            return Err(err(ErrorKind::TooBig, format!("pool entry of {len} bytes runs past the end"), pos, section));
        }
        v.push((p as u32, len as u32));
        pos = p + len as usize;
    }
    Ok((v, pos))
}

/// Decodes a BIF file into the document model. `suffix` is the module suffix
/// (used only when rendering; BIF symbols are stored with full names).
pub fn decode(bytes: &[u8], suffix: &str) -> Result<Document> {
    let hd = header(bytes)?;
    let info = hd.info;
    let tok_end = hd.tokens_at + info.tokens as usize * 4;
    let words: Vec<u32> = bytes
        .get(hd.tokens_at..tok_end)
        .unwrap_or(&[])
        .chunks_exact(4)
        .map(|c| match *c {
            [a, b, c, d] => u32::from_le_bytes([a, b, c, d]),
            _ => 0,
        })
        .collect();
    let (tags, p) = pool(bytes, tok_end, info.tags, "tags pool")?;
    let (strings, p) = pool(bytes, p, info.strings, "strings pool")?;
    let (syms, p) = pool(bytes, p, info.syms, "symbols pool")?;
    let (files, pools_end) = pool(bytes, p, info.files, "files pool")?;
    if info.index_offset != pools_end as u64 {
        return Err(err(
            ErrorKind::InvalidValue,
            format!("index offset {} does not follow the pools (they end at {pools_end})", info.index_offset),
            8,
            "header",
        ));
    }
    let mut doc = Document::empty(Encoding::Bif { version: VERSION }, suffix);
    doc.bif = Some(info);
    doc.tags = tags;
    doc.files = files;
    let mut entries = index(bytes, pools_end, &syms)?;
    let mut want: Vec<(u64, u32)> = entries.iter().enumerate().map(|(k, e)| (e.offset, k as u32)).collect();
    want.sort_unstable();
    tokens(&mut doc, &words, hd.tokens_at, &strings, &syms, &want, &mut entries)?;
    doc.index = Some(entries);
    doc.src = bytes.to_vec();
    Ok(doc)
}

/// Token positions an index entry names, sorted: `(token position, entry)`.
type Wanted = [(u64, u32)];

fn tokens(
    doc: &mut Document,
    words: &[u32],
    base: usize,
    strings: &[(u32, u32)],
    syms: &[(u32, u32)],
    want: &Wanted,
    entries: &mut [IndexEntry],
) -> Result<()> {
    let mut wi = 0usize;
    let sec = "tokens";
    let n = words.len();
    let at = |k: usize| base + 4 * k;
    let mut nodes: Vec<Node> = Vec::with_capacity(n);
    let mut stack: Vec<(u32, usize)> = Vec::new();
    let mut cur = Pos::NONE;
    let n_tags = doc.tags.len() as u64;
    let n_files = doc.files.len() as u64;
    let mut k = 0usize;
    let word = |j: usize| words.get(j).copied();
    while k < n {
        while let Some(&(idx, end)) = stack.last() {
            if end > k {
                break;
            }
            let e = nodes.len() as u32;
            if let Some(nd) = nodes.get_mut(idx as usize) {
                nd.end = e;
            }
            stack.pop();
        }
        let limit = stack.last().map_or(n, |s| s.1);
        let Some(t) = word(k) else { break };
        let tk = t & 0xF;
        let payload = t >> 4;
        let mut j = k + 1;
        let mut ext = [0u64; 2];
        let mut n_ext = 0usize;
        while let Some(w) = word(j).filter(|w| w & 0xF == kind::EXTENDED_SUFFIX) {
            let slot = ext.get_mut(n_ext).ok_or_else(|| err(ErrorKind::InvalidValue, "more than two ExtendedSuffix words on a value", at(j), sec))?;
            *slot = u64::from(w >> 4);
            n_ext += 1;
            j += 1;
        }
        let combined = u64::from(payload) | ext[0] << 28 | ext[1] << 56;
        // The optional LineInfoLit and its own ExtendedSuffix words.
        let mut li = None;
        if let Some(w) = word(j).filter(|w| w & 0xF == kind::LINE_INFO) {
            let lit_at = j;
            j += 1;
            let mut lx = [0u64; 4];
            let mut nl = 0usize;
            while let Some(x) = word(j).filter(|x| x & 0xF == kind::EXTENDED_SUFFIX) {
                let slot = lx.get_mut(nl).ok_or_else(|| err(ErrorKind::InvalidValue, "too many ExtendedSuffix words on a line info", at(j), sec))?;
                *slot = u64::from(x >> 4);
                nl += 1;
                j += 1;
            }
            let p = u64::from(w >> 4);
            let (col, file, line, comment) = if nl == 0 {
                (p & 0x7F, (p >> 7) & 0x7F, ((p >> 14) & 0x3FFF) as u32 as i32, 0u64)
            } else {
                let c = p | lx[0] << 28;
                let mut cid = 0u64;
                for (s, x) in lx.iter().enumerate().take(nl).skip(1) {
                    cid |= x << (28 * (s as u32 - 1));
                }
                (c & 0x3FF, (c >> 10) & 0x3FFF, ((c >> 24) & 0xFFFF_FFFF) as u32 as i32, cid)
            };
            if file > n_files {
                return Err(err(ErrorKind::InvalidValue, format!("line info names file {file} of {n_files}"), at(lit_at), sec));
            }
            let mut cm = 0u32;
            if comment != 0 {
                let &sp = comment
                    .checked_sub(1)
                    .and_then(|c| strings.get(c as usize))
                    .ok_or_else(|| err(ErrorKind::InvalidValue, format!("line-info comment names string {comment}"), at(lit_at), sec))?;
                doc.comments.push(sp);
                cm = doc.comments.len() as u32;
            }
            if file != 0 {
                li = Some((Pos { file: FileId(file as u32), line, col: col as i32 }, cm));
            }
        }
        if j > limit {
            return Err(err(ErrorKind::InvalidValue, "a value's suffix runs past its enclosing compound", at(k), sec));
        }
        let (pos, flags, comment) = match li {
            Some((p, cm)) => {
                cur = p;
                (p, FLAG_OWN_POS, cm)
            }
            None => (cur, 0, 0),
        };
        let id = nodes.len() as u32;
        let mut node = Node { kind: NodeKind::DotToken, flags, end: id + 1, a: 0, b: 0, value: 0, pos, comment };
        let bad = |msg: String| err(ErrorKind::InvalidValue, msg, at(k), sec);
        match tk {
            kind::DOT => {}
            kind::CHAR => {
                if payload > 0xFF {
                    return Err(bad(format!("CharLit payload {payload} is not a byte")));
                }
                node.kind = NodeKind::CharLit;
                node.value = u64::from(payload);
            }
            kind::STR | kind::IDENT | kind::SYMBOL | kind::SYMBOL_DEF => {
                node.kind = match tk {
                    kind::STR => NodeKind::StrLit,
                    kind::IDENT => NodeKind::Ident,
                    kind::SYMBOL => NodeKind::Symbol,
                    _ => NodeKind::SymbolDef,
                };
                if payload & 1 != 0 {
                    let len = ((payload >> 1) & 3) as usize;
                    let start = doc.extra.len();
                    for b in 0..len {
                        doc.extra.push((payload >> (3 + 8 * b)) as u8);
                    }
                    node.a = start as u32 | EXTRA_BIT;
                    node.b = len as u32;
                } else {
                    let pool = if matches!(tk, kind::SYMBOL | kind::SYMBOL_DEF) { syms } else { strings };
                    let id = combined >> 1;
                    let &(s, l) = id
                        .checked_sub(1)
                        .and_then(|i| pool.get(i as usize))
                        .ok_or_else(|| bad(format!("pool id {id} of {}", pool.len())))?;
                    node.a = s;
                    node.b = l;
                }
            }
            kind::INT => {
                node.kind = NodeKind::IntLit;
                let width = 28 * (1 + n_ext as u32);
                node.value = if width >= 64 { combined } else { (((combined << (64 - width)) as i64) >> (64 - width)) as u64 };
            }
            kind::UINT => {
                node.kind = NodeKind::UIntLit;
                node.value = combined;
            }
            kind::FLOAT => {
                node.kind = NodeKind::FloatLit;
                node.value = combined;
            }
            kind::TAG => {
                let tag = combined & 0x1FF;
                let jump = combined >> 9;
                if tag == 0 || tag > n_tags {
                    return Err(bad(format!("tag id {tag} of {n_tags}")));
                }
                let end = (j as u64).checked_add(jump).filter(|&e| e <= limit as u64).ok_or_else(|| {
                    bad(format!("a compound of {jump} tokens runs past its enclosing compound"))
                })?;
                if stack.len() >= MAX_DEPTH {
                    return Err(err(ErrorKind::TooBig, format!("nesting deeper than {MAX_DEPTH}"), at(k), sec));
                }
                node.kind = NodeKind::Tag;
                node.a = (tag - 1) as u32;
                node.value = k as u64;
                node.end = 0;
                stack.push((id, end as usize));
                while let Some(&(p, e)) = want.get(wi).filter(|w| w.0 <= k as u64) {
                    if p == k as u64 {
                        if let Some(en) = entries.get_mut(e as usize) {
                            en.decl = Some(NodeId(id));
                        }
                    }
                    wi += 1;
                }
            }
            _ => return Err(bad(format!("token kind {tk} cannot start a value"))),
        }
        if doc.extra.len() >= EXTRA_BIT as usize {
            return Err(err(ErrorKind::TooBig, "decoded text exceeds the document limit", at(k), sec));
        }
        nodes.push(node);
        if node.kind == NodeKind::Tag && stack.len() == 1 || stack.is_empty() {
            doc.roots.push(NodeId(id));
        }
        k = j;
    }
    let e = nodes.len() as u32;
    for &(idx, _) in &stack {
        if let Some(nd) = nodes.get_mut(idx as usize) {
            nd.end = e;
        }
    }
    doc.nodes = nodes;
    Ok(())
}

fn index(bytes: &[u8], at: usize, syms: &[(u32, u32)]) -> Result<Vec<IndexEntry>> {
    let sec = "index";
    let eof = |p: usize| err(ErrorKind::UnexpectedEnd, "the file ends inside the index", p, sec);
    let (count, mut p) = varint::read(bytes, at).ok_or_else(|| eof(at))?;
    if count > bytes.len().saturating_sub(p) as u64 / 3 {
        return Err(err(ErrorKind::TooBig, format!("{count} index entries do not fit in the file"), at, sec));
    }
    let mut v = Vec::with_capacity(count as usize);
    for _ in 0..count {
        let e_at = p;
        let (sym, q) = varint::read(bytes, p).ok_or_else(|| eof(p))?;
        let (tok, q) = varint::read(bytes, q).ok_or_else(|| eof(q))?;
        let (vis, q) = varint::read(bytes, q).ok_or_else(|| eof(q))?;
        p = q;
        let &(s, l) = sym
            .checked_sub(1)
            .and_then(|i| syms.get(i as usize))
            .ok_or_else(|| err(ErrorKind::InvalidValue, format!("index names symbol {sym} of {}", syms.len()), e_at, sec))?;
        let visibility = match vis {
            1 => Visibility::Exported,
            0 => Visibility::Hidden,
            _ => return Err(err(ErrorKind::InvalidValue, format!("index visibility {vis} (0 or 1)"), e_at, sec)),
        };
        let name = bytes.get(s as usize..(s + l) as usize).unwrap_or(&[]);
        v.push(IndexEntry {
            symbol: String::from_utf8_lossy(name).into_owned(),
            visibility,
            offset: tok,
            parent_pos: None,
            decl: None,
        });
    }
    if p != bytes.len() {
        return Err(err(ErrorKind::TrailingBytes, format!("{} bytes after the index", bytes.len() - p), p, sec));
    }
    Ok(v)
}
