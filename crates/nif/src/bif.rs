//! The BIF reader (nimony `src/lib/bif.nim`, version 5).
//!
//! Layout: 8-byte magic `NIFBIN` + endianness byte (0 = little) + version, a
//! fixed u64 index offset, five varint counts (tokens, tags, strings, symbols,
//! files), 0..3 pad bytes to align the token block, the u32 tokens, the four
//! pools (varint length + bytes each, ids 1.. in order) and the index
//! (varint count, then `symId tokenPos vis` triples). Tokens become the same
//! pre-order nodes the text reader makes; positions are absolute in BIF, and a
//! head without a line info has the position of the previous positioned head.

use crate::model::{BifInfo, Document, Encoding, FileId, IndexEntry, Node, NodeId, NodeKind, Pos, Visibility, EXTRA_BIT, FLAG_OWN_POS, split_value};
use crate::varint;
use crate::{Error, ErrorKind, Result, MAX_DEPTH, MAX_FILE_BYTES, MAX_RESERVED_NODES};

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
    decode_src(std::borrow::Cow::Borrowed(bytes), suffix)
}

/// [`decode`] of bytes the document takes over (no copy).
pub fn decode_owned(bytes: Vec<u8>, suffix: &str) -> Result<Document> {
    decode_src(std::borrow::Cow::Owned(bytes), suffix)
}

fn decode_src(src: std::borrow::Cow<'_, [u8]>, suffix: &str) -> Result<Document> {
    let bytes: &[u8] = &src;
    let hd = header(bytes)?;
    let info = hd.info;
    let tok_end = hd.tokens_at + info.tokens as usize * 4;
    // The tokens, then two words of a kind no head has, so that the decoder looks
    // two words ahead without a bounds case.
    let mut words: Vec<u32> = Vec::with_capacity(info.tokens as usize + 2);
    words.extend(bytes.get(hd.tokens_at..tok_end).unwrap_or(&[]).chunks_exact(4).map(|c| match *c {
        [a, b, c, d] => u32::from_le_bytes([a, b, c, d]),
        _ => 0,
    }));
    words.extend_from_slice(&[SENTINEL; 2]);
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
    doc.src = src.into_owned();
    Ok(doc)
}

/// The lookahead words after the last token (kind 15: neither a head's suffix
/// nor a value).
const SENTINEL: u32 = 0xF;

/// Token positions an index entry names, sorted: `(token position, entry)`.
type Wanted = [(u64, u32)];

/// What can be wrong in the token block (built only on the error path, so the hot
/// loop carries no formatting code).
enum Bad {
    ThirdExtension,
    FifthLineExtension,
    File(u64, u64),
    Comment(u64),
    PastParent,
    Pool(u64, usize),
    Tag(u64, u64),
    Jump(u64),
    Depth,
    Extra,
    Char(u32),
    Kind(u32),
}

#[cold]
#[inline(never)]
fn bad(what: Bad, at: usize) -> Error {
    let (kind, msg) = match what {
        Bad::ThirdExtension => (ErrorKind::InvalidValue, "more than two ExtendedSuffix words on a value".to_owned()),
        Bad::FifthLineExtension => (ErrorKind::InvalidValue, "too many ExtendedSuffix words on a line info".to_owned()),
        Bad::File(f, n) => (ErrorKind::InvalidValue, format!("line info names file {f} of {n}")),
        Bad::Comment(c) => (ErrorKind::InvalidValue, format!("line-info comment names string {c}")),
        Bad::PastParent => (ErrorKind::InvalidValue, "a value's suffix runs past its enclosing compound".to_owned()),
        Bad::Pool(id, n) => (ErrorKind::InvalidValue, format!("pool id {id} of {n}")),
        Bad::Tag(t, n) => (ErrorKind::InvalidValue, format!("tag id {t} of {n}")),
        Bad::Jump(j) => (ErrorKind::InvalidValue, format!("a compound of {j} tokens runs past its enclosing compound")),
        Bad::Depth => (ErrorKind::TooBig, format!("nesting deeper than {MAX_DEPTH}")),
        Bad::Extra => (ErrorKind::TooBig, "decoded text exceeds the document limit".to_owned()),
        Bad::Char(p) => (ErrorKind::InvalidValue, format!("CharLit payload {p} is not a byte")),
        Bad::Kind(k) => (ErrorKind::InvalidValue, format!("token kind {k} cannot start a value")),
    };
    err(kind, msg, at, "tokens")
}

/// A value's head beyond its first word: the combined payload, how many
/// ExtendedSuffix words it has, its line info (`None`: no position of its own) and
/// the token after the head. Errors carry the token index they name.
struct Head {
    combined: u64,
    n_ext: u32,
    li: Option<(Pos, u32)>,
    next: usize,
}

/// The general head decoder (ExtendedSuffix words, wide line infos, comments);
/// the common heads are decoded inline in [`tokens`].
#[inline(never)]
fn slow_head(words: &[u32], k: usize, payload: u32, n_files: u64, strings: &[(u32, u32)], comments: &mut Vec<(u32, u32)>) -> std::result::Result<Head, (Bad, usize)> {
    let mut j = k + 1;
    let mut combined = u64::from(payload);
    let mut n_ext = 0u32;
    let mut w = words.get(j).copied().unwrap_or(0);
    while w & 0xF == kind::EXTENDED_SUFFIX {
        if n_ext == 2 {
            return Err((Bad::ThirdExtension, j));
        }
        combined |= u64::from(w >> 4) << (28 * (n_ext + 1));
        n_ext += 1;
        j += 1;
        w = words.get(j).copied().unwrap_or(0);
    }
    let mut li = None;
    if w & 0xF == kind::LINE_INFO {
        let lit_at = j;
        j += 1;
        let p = u64::from(w >> 4);
        let (file, line, col, comment) = if words.get(j).is_some_and(|x| x & 0xF == kind::EXTENDED_SUFFIX) {
            let (c, cid, nj) = wide_line_info(words, p, j).map_err(|at_j| (Bad::FifthLineExtension, at_j))?;
            j = nj;
            ((c >> 10) & 0x3FFF, ((c >> 24) & 0xFFFF_FFFF) as u32 as i32, (c & 0x3FF) as i32, cid)
        } else {
            ((p >> 7) & 0x7F, ((p >> 14) & 0x3FFF) as i32, (p & 0x7F) as i32, 0)
        };
        if file > n_files {
            return Err((Bad::File(file, n_files), lit_at));
        }
        let mut cm = 0u32;
        if comment != 0 {
            let &sp = comment.checked_sub(1).and_then(|c| strings.get(c as usize)).ok_or((Bad::Comment(comment), lit_at))?;
            comments.push(sp);
            cm = comments.len() as u32;
        }
        if file != 0 {
            li = Some((Pos { file: FileId(file as u32), line, col }, cm));
        }
    }
    Ok(Head { combined, n_ext, li, next: j })
}

fn tokens(
    doc: &mut Document,
    words: &[u32],
    base: usize,
    strings: &[(u32, u32)],
    syms: &[(u32, u32)],
    want: &Wanted,
    entries: &mut [IndexEntry],
) -> Result<()> {
    // `words` ends with the two lookahead words.
    let n = words.len().saturating_sub(2);
    let at = |k: usize| base + 4 * k;
    // Every node takes at least one token, so `n` bounds the nodes (and `n` itself
    // was checked against the bytes present); the reservation is capped.
    let mut nodes: Vec<Node> = Vec::with_capacity(n.min(MAX_RESERVED_NODES));
    let mut extra: Vec<u8> = std::mem::take(&mut doc.extra);
    let mut comments: Vec<(u32, u32)> = std::mem::take(&mut doc.comments);
    let mut roots: Vec<NodeId> = std::mem::take(&mut doc.roots);
    // Open compounds: (node index, token index where its body ends).
    let mut stack: Vec<(u32, u32)> = Vec::new();
    let mut top_end = n;
    let mut cur = Pos::NONE;
    let n_tags = doc.tags.len() as u64;
    let n_files = doc.files.len() as u64;
    let mut wi = 0usize;
    let mut k = 0usize;
    while k < n {
        let Some(&[t, w1, w2]) = words.get(k..k + 3) else { break };
        while top_end <= k {
            let Some((idx, _)) = stack.pop() else { break };
            let e = nodes.len() as u32;
            if let Some(nd) = nodes.get_mut(idx as usize) {
                nd.end = e;
            }
            top_end = stack.last().map_or(n, |s| s.1 as usize);
        }
        let tk = t & 0xF;
        let payload = t >> 4;
        // The common heads: no suffix word, or one LineInfoLit in the common
        // layout. Everything else goes through `slow_head`.
        let mut flags = 0u8;
        let mut comment = 0u32;
        let mut combined = u64::from(payload);
        let mut n_ext = 0u32;
        let j = if w1 & 0xF < kind::EXTENDED_SUFFIX || w1 & 0xF > kind::LINE_INFO {
            k + 1
        } else if w1 & 0xF == kind::LINE_INFO && w2 & 0xF != kind::EXTENDED_SUFFIX {
            let p = w1 >> 4;
            let file = (p >> 7) & 0x7F;
            if u64::from(file) > n_files {
                return Err(bad(Bad::File(u64::from(file), n_files), at(k + 1)));
            }
            if file != 0 {
                cur = Pos { file: FileId(file), line: ((p >> 14) & 0x3FFF) as i32, col: (p & 0x7F) as i32 };
                flags = FLAG_OWN_POS;
            }
            k + 2
        } else {
            let h = slow_head(words, k, payload, n_files, strings, &mut comments).map_err(|(b, j)| bad(b, at(j)))?;
            combined = h.combined;
            n_ext = h.n_ext;
            if let Some((p, cm)) = h.li {
                cur = p;
                flags = FLAG_OWN_POS;
                comment = cm;
            }
            h.next
        };
        if j > top_end {
            return Err(bad(Bad::PastParent, at(k)));
        }
        let id = nodes.len() as u32;
        let at_top = stack.is_empty();
        let (kind, a, b, end) = match tk {
            kind::TAG => {
                let tag = combined & 0x1FF;
                let jump = combined >> 9;
                if tag == 0 || tag > n_tags {
                    return Err(bad(Bad::Tag(tag, n_tags), at(k)));
                }
                let end = match (j as u64).checked_add(jump) {
                    Some(e) if e <= top_end as u64 => e as usize,
                    _ => return Err(bad(Bad::Jump(jump), at(k))),
                };
                if stack.len() >= MAX_DEPTH {
                    return Err(bad(Bad::Depth, at(k)));
                }
                // `end` <= top_end <= n, which fits the u32 token count of a file
                // of at most MAX_FILE_BYTES.
                stack.push((id, end as u32));
                top_end = end;
                while let Some(&(p, e)) = want.get(wi).filter(|w| w.0 <= k as u64) {
                    if p == k as u64 {
                        if let Some(en) = entries.get_mut(e as usize) {
                            en.decl = Some(NodeId(id));
                        }
                    }
                    wi += 1;
                }
                (NodeKind::Tag, (tag - 1) as u32, k as u32, 0)
            }
            kind::STR | kind::IDENT | kind::SYMBOL | kind::SYMBOL_DEF => {
                let kind = match tk {
                    kind::STR => NodeKind::StrLit,
                    kind::IDENT => NodeKind::Ident,
                    kind::SYMBOL => NodeKind::Symbol,
                    _ => NodeKind::SymbolDef,
                };
                let (a, b) = if payload & 1 != 0 {
                    let len = (payload >> 1) & 3;
                    let start = extra.len();
                    extra.extend_from_slice((payload >> 3).to_le_bytes().get(..len as usize).unwrap_or(&[]));
                    if extra.len() >= EXTRA_BIT as usize {
                        return Err(bad(Bad::Extra, at(k)));
                    }
                    (start as u32 | EXTRA_BIT, len)
                } else {
                    let pool = if tk == kind::SYMBOL || tk == kind::SYMBOL_DEF { syms } else { strings };
                    let pid = combined >> 1;
                    match pid.checked_sub(1).and_then(|i| pool.get(i as usize)) {
                        Some(&sp) => sp,
                        None => return Err(bad(Bad::Pool(pid, pool.len()), at(k))),
                    }
                };
                (kind, a, b, id + 1)
            }
            kind::DOT => (NodeKind::DotToken, 0, 0, id + 1),
            kind::INT => {
                let width = 28 * (1 + n_ext);
                let v = if width >= 64 { combined } else { (((combined << (64 - width)) as i64) >> (64 - width)) as u64 };
                let (a, b) = split_value(v);
                (NodeKind::IntLit, a, b, id + 1)
            }
            kind::UINT => {
                let (a, b) = split_value(combined);
                (NodeKind::UIntLit, a, b, id + 1)
            }
            kind::FLOAT => {
                let (a, b) = split_value(combined);
                (NodeKind::FloatLit, a, b, id + 1)
            }
            kind::CHAR => {
                if payload > 0xFF {
                    return Err(bad(Bad::Char(payload), at(k)));
                }
                (NodeKind::CharLit, payload, 0, id + 1)
            }
            _ => return Err(bad(Bad::Kind(tk), at(k))),
        };
        nodes.push(Node { kind, flags, end, a, b, pos: cur, comment });
        if at_top {
            roots.push(NodeId(id));
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
    doc.extra = extra;
    doc.comments = comments;
    doc.roots = roots;
    Ok(())
}

/// The wide line-info layout: `p` is the LineInfoLit's payload, `j` the first of
/// its ExtendedSuffix words (at most four). Returns the combined 56-bit layout, the
/// comment string id (0 = none) and the token after the last word; `Err(j)` names
/// a fifth word.
fn wide_line_info(words: &[u32], p: u64, mut j: usize) -> std::result::Result<(u64, u64, usize), usize> {
    let mut lx = [0u64; 4];
    let mut nl = 0usize;
    while let Some(x) = words.get(j).copied().filter(|x| x & 0xF == kind::EXTENDED_SUFFIX) {
        let slot = lx.get_mut(nl).ok_or(j)?;
        *slot = u64::from(x >> 4);
        nl += 1;
        j += 1;
    }
    let c = p | lx[0] << 28;
    let mut cid = 0u64;
    for (s, x) in lx.iter().enumerate().take(nl).skip(1) {
        cid |= x << (28 * (s as u32 - 1));
    }
    Ok((c, cid, j))
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
            symbol: crate::utf8::to_string(name),
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
