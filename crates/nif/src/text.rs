//! The NIF27 text reader (lexical rules of nimony's `nifreader`).
//!
//! One pass over the bytes with an explicit stack of open compounds: directives
//! `(.name …)` go to [`Document::directives`], the trailing `(.index …)` to
//! [`Document::index`], everything else into the node array. Positions are
//! resolved while reading: a suffix with a file name is absolute, one without is a
//! diff to the enclosing compound's resolved position, no suffix = the parent's.

use std::borrow::Cow;

use crate::interner::Interner;
use crate::model::{
    Directive, Document, Encoding, FileId, IndexEntry, Node, NodeId, NodeKind, Pos, Visibility, EXTRA_BIT,
    FLAG_EXPAND, FLAG_OWN_POS, split_value,
};
use crate::{Error, ErrorKind, Result, MAX_DEPTH, MAX_FILE_BYTES, MAX_RESERVED_NODES};

/// The node array is reserved for one node per this many input bytes (nimony's
/// files have one per 15–17 bytes), never for more than [`MAX_RESERVED_NODES`];
/// denser files grow it.
const BYTES_PER_NODE: usize = 12;

const WS: u8 = 1;
const CTRL: u8 = 2;
/// `\`: the word needs unescaping.
const ESC: u8 = 4;
/// `.`: the word is a symbol.
const DOT: u8 = 8;
/// What ends a word.
const STOP: u8 = WS | CTRL;

/// Byte classes: whitespace, the control characters that end a word, and the two
/// bytes a word scan remembers (`\` and `.`).
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b' ' as usize] = WS;
    t[b'\t' as usize] = WS;
    t[b'\n' as usize] = WS;
    t[b'\r' as usize] = WS;
    let ctrl = b"()[]{}~#'\":@";
    let mut i = 0;
    while i < ctrl.len() {
        t[ctrl[i] as usize] = CTRL;
        i += 1;
    }
    t[b'\\' as usize] = ESC;
    t[b'.' as usize] = DOT;
    t
};

#[inline]
fn class(b: u8) -> u8 {
    CLASS[b as usize]
}

/// Whether the byte at `i` (or the end of the input) ends a word.
#[inline]
fn ends_word(src: &[u8], i: usize) -> bool {
    src.get(i).is_none_or(|&c| class(c) & STOP != 0)
}

/// Scans a word from `i` (up to a control char or whitespace): its end and the
/// ESC/DOT classes seen in it. Four bytes per step while the word lasts.
#[inline]
fn scan_word(src: &[u8], mut i: usize) -> (usize, u8) {
    let mut seen = 0u8;
    while let Some(&[a, b, c, d]) = src.get(i..i + 4) {
        let k = class(a) | class(b) | class(c) | class(d);
        if k & STOP != 0 {
            break;
        }
        seen |= k;
        i += 4;
    }
    while let Some(&c) = src.get(i) {
        let k = class(c);
        if k & STOP != 0 {
            break;
        }
        seen |= k;
        i += 1;
    }
    (i, seen)
}

/// Base-62 digit values (0xFF: not a digit).
static B62: [u8; 256] = {
    let mut t = [0xFFu8; 256];
    let mut i = 0u8;
    while i < 62 {
        let c = if i < 10 {
            b'0' + i
        } else if i < 36 {
            b'A' + i - 10
        } else {
            b'a' + i - 36
        };
        t[c as usize] = i;
        i += 1;
    }
    t
};

fn hex(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// Decodes NIF27 escapes of `raw` (which starts at file offset `at`) into `out`.
fn unescape(raw: &[u8], at: usize, out: &mut Vec<u8>) -> Result<()> {
    let mut i = 0;
    while let Some(&c) = raw.get(i) {
        if c != b'\\' {
            out.push(c);
            i += 1;
            continue;
        }
        let bad = || Error::new(ErrorKind::InvalidValue, "bad escape sequence", at + i);
        let e = *raw.get(i + 1).ok_or_else(bad)?;
        let (v, n) = match e {
            b'n' => (b'\n', 2),
            b't' => (b'\t', 2),
            b'r' => (b'\r', 2),
            b'|' => (b'\\', 2),
            b'^' => (b'"', 2),
            _ => {
                let h = hex(e).ok_or_else(bad)?;
                let l = raw.get(i + 2).copied().and_then(hex).ok_or_else(bad)?;
                ((h << 4) | l, 3)
            }
        };
        out.push(v);
        i += n;
    }
    Ok(())
}

/// A node's resolved suffix: position, flags and comment.
#[derive(Clone, Copy)]
struct Suffix {
    pos: Pos,
    flags: u8,
    comment: u32,
}

/// How many recently used line-info file names are compared before a name is
/// scanned and interned (nimony's files switch between a few includes).
const RECENT_FILES: usize = 4;

/// A recently used file name: its raw (escape-free) span in the input, its id and
/// its last (up to) eight bytes as an integer for a quick first comparison.
#[derive(Clone, Copy, Default)]
struct RecentFile {
    start: u32,
    len: u32,
    id: u32,
    tail: u64,
}

fn tail_word(b: &[u8]) -> u64 {
    if let Some(t) = b.len().checked_sub(8).and_then(|s| b.get(s..)) {
        if let Ok(w) = <[u8; 8]>::try_from(t) {
            return u64::from_le_bytes(w);
        }
    }
    let mut w = [0u8; 8];
    for (d, &c) in w.iter_mut().zip(b) {
        *d = c;
    }
    u64::from_le_bytes(w)
}

/// `TAG_MASK[n]` keeps the low `n` bytes of a 16-byte word.
static TAG_MASK: [u128; 16] = {
    let mut t = [0u128; 16];
    let mut n = 1;
    while n < 16 {
        t[n] = (1u128 << (8 * n)) - 1;
        n += 1;
    }
    t
};

/// Slots of the direct-mapped cache in front of the tag interner.
const TAG_CACHE: usize = 256;

/// A base-62 number at `i` (optional `~` = negative): its value and end; `None`
/// when it exceeds the i32 range of positions.
#[inline]
fn b62_number(src: &[u8], mut i: usize) -> Option<(i32, usize)> {
    let neg = src.get(i) == Some(&b'~');
    if neg {
        i += 1;
    }
    let mut v: i64 = 0;
    while let Some(&c) = src.get(i) {
        let d = B62[c as usize];
        if d == 0xFF {
            break;
        }
        v = v * 62 + i64::from(d);
        if v > i64::from(i32::MAX) {
            return None;
        }
        i += 1;
    }
    let v = v as i32;
    Some((if neg { -v } else { v }, i))
}

/// A base-62 number of at most two digits at `w[k..]` (optional `~` = negative; no
/// digit = 0, as [`b62_number`] reads it): its value and end. `None` for a longer
/// number or a `~` without a digit (the long way reads those).
#[inline(always)]
fn short_b62(w: &[u8; 16], mut k: usize) -> Option<(i32, usize)> {
    let neg = w.get(k) == Some(&b'~');
    k += usize::from(neg);
    let digit = |j: usize| w.get(j).map_or(0xFF, |&c| B62[c as usize]);
    let d0 = digit(k);
    if d0 == 0xFF {
        return (!neg).then_some((0, k));
    }
    let d1 = digit(k + 1);
    let (v, k) = if d1 == 0xFF {
        (i32::from(d0), k + 1)
    } else if digit(k + 2) == 0xFF {
        (i32::from(d0) * 62 + i32::from(d1), k + 2)
    } else {
        return None;
    };
    Some((if neg { -v } else { v }, k))
}

struct Reader<'a> {
    src: &'a [u8],
    i: usize,
    section: &'static str,
    nodes: Vec<Node>,
    extra: Vec<u8>,
    tags: Vec<(u32, u32)>,
    tag_ids: Interner,
    files: Vec<(u32, u32)>,
    file_ids: Interner,
    comments: Vec<(u32, u32)>,
    stack: Vec<(u32, Pos)>,
    scratch: Vec<u8>,
    recent: [RecentFile; RECENT_FILES],
    /// Tag names of up to 15 bytes packed with their length (0 = empty slot) and their ids.
    tag_cache: Box<[(u128, u32); TAG_CACHE]>,
}

impl<'a> Reader<'a> {
    #[cold]
    fn err(&self, kind: ErrorKind, msg: impl Into<String>, at: usize) -> Error {
        Error::new(kind, msg, at).in_section(self.section)
    }

    /// Skips whitespace from `i`; the indentation after a line break goes eight
    /// spaces at a time.
    #[inline]
    fn skip_ws(src: &[u8], mut i: usize) -> usize {
        while let Some(&c) = src.get(i) {
            if class(c) != WS {
                break;
            }
            i += 1;
            if c == b'\n' {
                // Eight bytes at a time; the first non-space byte ends the run.
                while let Some(Ok(w)) = src.get(i..i + 8).map(<[u8; 8]>::try_from) {
                    let x = u64::from_le_bytes(w) ^ 0x2020_2020_2020_2020;
                    if x != 0 {
                        i += (x.trailing_zeros() / 8) as usize;
                        break;
                    }
                    i += 8;
                }
            }
        }
        i
    }

    /// Stores the bytes `src[start..end]` (decoded if `esc`) and returns their span.
    #[inline]
    fn span(&mut self, start: usize, end: usize, esc: bool) -> Result<(u32, u32)> {
        if !esc {
            return Ok((start as u32, end.saturating_sub(start) as u32));
        }
        self.span_escaped(start, end)
    }

    #[inline(never)]
    fn span_escaped(&mut self, start: usize, end: usize) -> Result<(u32, u32)> {
        let raw = self.src.get(start..end).unwrap_or(&[]);
        let at = self.extra.len();
        unescape(raw, start, &mut self.extra).map_err(|e| e.in_section(self.section))?;
        if self.extra.len() >= EXTRA_BIT as usize {
            return Err(self.err(ErrorKind::TooBig, "decoded text exceeds the document limit", start));
        }
        Ok((at as u32 | EXTRA_BIT, (self.extra.len() - at) as u32))
    }

    /// The suffix at `self.i` of a node whose parent is at `parent`.
    #[inline(always)]
    fn suffix(&mut self, parent: Pos) -> Result<Suffix> {
        let src = self.src;
        let i = self.i;
        match src.get(i) {
            Some(b'@') => {
                // The most common suffix by far: `@D`, a one-digit column diff.
                if let Some(&[d, next]) = src.get(i + 1..i + 3) {
                    let v = B62[d as usize];
                    if v != 0xFF && B62[next as usize] == 0xFF && next != b',' && next != b'#' {
                        self.i = i + 2;
                        let pos = Pos { file: parent.file, line: parent.line, col: parent.col.wrapping_add(i32::from(v)) };
                        return Ok(Suffix { pos, flags: FLAG_OWN_POS, comment: 0 });
                    }
                }
                self.suffix_short(parent)
            }
            Some(b'~') => self.suffix_short(parent),
            Some(b'#') => self.suffix_slow(parent),
            _ => Ok(Suffix { pos: parent, flags: 0, comment: 0 }),
        }
    }

    /// The suffixes of one- and two-digit numbers without a comment (nine in ten of
    /// nimony's): `@COL`, `~COL`, `@COL,LINE`, `@COL,LINE,FILE`, each number maybe
    /// negative, read from a 16-byte window; anything else (and the last bytes of the
    /// file) goes to [`Reader::suffix_slow`], which reads the same the long way.
    #[inline(never)]
    fn suffix_short(&mut self, parent: Pos) -> Result<Suffix> {
        let i = self.i;
        let Some(Ok(w)) = self.src.get(i..i + 16).map(<[u8; 16]>::try_from) else {
            return self.suffix_slow(parent);
        };
        let k = usize::from(w[0] == b'@');
        let Some((col, k)) = short_b62(&w, k) else { return self.suffix_slow(parent) };
        let (pos, k) = if w.get(k) == Some(&b',') {
            let Some((line, k)) = short_b62(&w, k + 1) else { return self.suffix_slow(parent) };
            if w.get(k) == Some(&b',') {
                let (f, end) = self.file_id(i + k + 1)?;
                if self.src.get(end) == Some(&b'#') {
                    return self.suffix_slow(parent);
                }
                self.i = end;
                return Ok(Suffix { pos: Pos { file: f, line, col }, flags: FLAG_OWN_POS, comment: 0 });
            }
            (Pos { file: parent.file, line: parent.line.wrapping_add(line), col: parent.col.wrapping_add(col) }, k)
        } else {
            (Pos { file: parent.file, line: parent.line, col: parent.col.wrapping_add(col) }, k)
        };
        if w.get(k) == Some(&b'#') {
            return self.suffix_slow(parent);
        }
        self.i = i + k;
        Ok(Suffix { pos, flags: FLAG_OWN_POS, comment: 0 })
    }

    /// `@COL[,LINE[,FILE]]` or `~COL…` (a negative column), then `#comment#`.
    #[inline(never)]
    fn suffix_slow(&mut self, parent: Pos) -> Result<Suffix> {
        let src = self.src;
        let mut i = self.i;
        let mut s = Suffix { pos: parent, flags: 0, comment: 0 };
        let c = src.get(i).copied();
        if c == Some(b'@') || c == Some(b'~') {
            if c == Some(b'@') {
                i += 1;
            }
            s.flags = FLAG_OWN_POS;
            let (col, j) = b62_number(src, i).ok_or_else(|| self.err(ErrorKind::InvalidValue, "line information out of range", i))?;
            i = j;
            if src.get(i) == Some(&b',') {
                let (l, j) = b62_number(src, i + 1).ok_or_else(|| self.err(ErrorKind::InvalidValue, "line information out of range", i + 1))?;
                let line = l;
                i = j;
                if src.get(i) == Some(&b',') {
                    let (f, j) = self.file_id(i + 1)?;
                    s.pos = Pos { file: f, line, col };
                    i = j;
                } else {
                    s.pos = Pos { file: parent.file, line: parent.line.wrapping_add(line), col: parent.col.wrapping_add(col) };
                }
            } else {
                s.pos = Pos { file: parent.file, line: parent.line, col: parent.col.wrapping_add(col) };
            }
        }
        if src.get(i) == Some(&b'#') {
            i += 1;
            let start = i;
            let Some(len) = memchr::memchr(b'#', src.get(start..).unwrap_or(&[])) else {
                return Err(self.err(ErrorKind::UnexpectedEnd, "unterminated #comment#", start));
            };
            let end = start + len;
            let esc = memchr::memchr(b'\\', src.get(start..end).unwrap_or(&[])).is_some();
            i = end + 1;
            let sp = self.span(start, end, esc)?;
            self.comments.push(sp);
            s.comment = self.comments.len() as u32;
        }
        self.i = i;
        Ok(s)
    }

    /// The file name at `start`: first compared with the recently used names (no
    /// scan when one matches and a word boundary follows it), else scanned and
    /// interned. Returns its id and the position after it.
    #[inline]
    fn file_id(&mut self, start: usize) -> Result<(FileId, usize)> {
        let src = self.src;
        for k in 0..RECENT_FILES {
            let Some(&e) = self.recent.get(k) else { break };
            if e.id == 0 {
                break;
            }
            let end = start + e.len as usize;
            let Some(cand) = src.get(start..end) else { continue };
            if tail_word(cand) != e.tail || !ends_word(src, end) {
                continue;
            }
            if src.get(e.start as usize..e.start as usize + e.len as usize) == Some(cand) {
                // Most recently used first.
                self.recent.copy_within(0..k, 1);
                if let Some(f) = self.recent.first_mut() {
                    *f = e;
                }
                return Ok((FileId(e.id), end));
            }
        }
        let (end, seen) = scan_word(src, start);
        let esc = seen & ESC != 0;
        let id = self.file_id_slow(start, end, esc)?;
        if !esc {
            let raw = src.get(start..end).unwrap_or(&[]);
            self.recent.copy_within(0..RECENT_FILES - 1, 1);
            if let Some(f) = self.recent.first_mut() {
                *f = RecentFile { start: start as u32, len: raw.len() as u32, id: id.0, tail: tail_word(raw) };
            }
        }
        Ok((id, end))
    }

    #[inline(never)]
    fn file_id_slow(&mut self, start: usize, end: usize, esc: bool) -> Result<FileId> {
        let raw = self.src.get(start..end).unwrap_or(&[]);
        let key: &[u8] = if esc {
            self.scratch.clear();
            unescape(raw, start, &mut self.scratch).map_err(|e| e.in_section(self.section))?;
            &self.scratch
        } else {
            raw
        };
        let (id, new) = self.file_ids.intern(key);
        if new {
            let sp = if esc {
                let at = self.extra.len();
                self.extra.extend_from_slice(&self.scratch);
                (at as u32 | EXTRA_BIT, self.scratch.len() as u32)
            } else {
                (start as u32, raw.len() as u32)
            };
            self.files.push(sp);
        }
        Ok(FileId(id + 1))
    }

    /// Pushes an atom whose bytes end at `self.i` (its suffix follows).
    #[inline(always)]
    fn push_atom(&mut self, parent: Pos, kind: NodeKind, flags: u8, words: (u32, u32)) -> Result<()> {
        let s = self.suffix(parent)?;
        let id = self.nodes.len() as u32;
        self.nodes.push(Node { kind, flags: flags | s.flags, end: id + 1, a: words.0, b: words.1, pos: s.pos, comment: s.comment });
        Ok(())
    }

    #[inline(never)]
    fn number(&mut self, parent: Pos) -> Result<()> {
        let start = self.i;
        let src = self.src;
        let digits = |mut i: usize| {
            while src.get(i).is_some_and(|c| c.is_ascii_digit()) {
                i += 1;
            }
            i
        };
        let mut i = start;
        if src.get(i) == Some(&b'-') {
            i += 1;
        }
        let d = digits(i);
        if d == i {
            return Err(self.err(ErrorKind::InvalidValue, "'-' not followed by a digit", start));
        }
        i = d;
        let mut float = false;
        if src.get(i) == Some(&b'.') {
            float = true;
            i = digits(i + 1);
        }
        if src.get(i) == Some(&b'E') {
            float = true;
            i += 1;
            if matches!(src.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            i = digits(i);
        }
        let end = i;
        let unsigned = src.get(end) == Some(&b'u');
        // Only ASCII digits, signs, '.' and 'E' were scanned: valid UTF-8.
        let text = if float || unsigned { std::str::from_utf8(src.get(start..end).unwrap_or(&[])).unwrap_or("") } else { "" };
        let bad = |r: &Self, what: &str| r.err(ErrorKind::InvalidValue, format!("bad {what} literal {text:?}"), start);
        if unsigned {
            self.i = end + 1;
            let v: u64 = text.parse().map_err(|_| bad(self, "unsigned"))?;
            return self.push_atom(parent, NodeKind::UIntLit, 0, split_value(v));
        }
        self.i = end;
        if float {
            let v: f64 = text.parse().map_err(|_| bad(self, "float"))?;
            return self.push_atom(parent, NodeKind::FloatLit, 0, split_value(v.to_bits()));
        }
        let v = fast_int(src.get(start..end).unwrap_or(&[])).ok_or_else(|| bad(self, "integer"))?;
        self.push_atom(parent, NodeKind::IntLit, 0, split_value(v as u64))
    }

    /// The tag id of the name `src[start..end]` (not empty). Names of up to 15
    /// bytes with 16 bytes of input from their start are packed into one integer
    /// with their length and looked up in a direct-mapped cache first.
    #[inline]
    fn tag_id(&mut self, start: usize, end: usize) -> u32 {
        let len = end.wrapping_sub(start);
        if len <= 15 {
            if let Some(Ok(w)) = self.src.get(start..start + 16).map(<[u8; 16]>::try_from) {
                let mask = TAG_MASK.get(len).copied().unwrap_or(0);
                let key = (u128::from_le_bytes(w) & mask) | (len as u128 + 1) << 120;
                let h = ((key as u64 ^ (key >> 64) as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 56) as usize;
                if let Some(slot) = self.tag_cache.get(h % TAG_CACHE) {
                    if slot.0 == key {
                        return slot.1;
                    }
                }
                let id = self.tag_id_slow(start, end);
                if let Some(slot) = self.tag_cache.get_mut(h % TAG_CACHE) {
                    *slot = (key, id);
                }
                return id;
            }
        }
        self.tag_id_slow(start, end)
    }

    #[inline(never)]
    fn tag_id_slow(&mut self, start: usize, end: usize) -> u32 {
        let (tid, new) = self.tag_ids.intern(self.src.get(start..end).unwrap_or(&[]));
        if new {
            self.tags.push((start as u32, (end - start) as u32));
        }
        tid
    }

    /// The innermost open compound's position (the parent of the next node).
    #[inline]
    fn parent(&self) -> Pos {
        self.stack.last().map_or(Pos::NONE, |e| e.1)
    }

    /// Reads one value (an atom or a whole compound) at top level.
    fn value(&mut self) -> Result<()> {
        let src = self.src;
        let mut parent = self.parent();
        loop {
            let at = Self::skip_ws(src, self.i);
            self.i = at;
            let Some(&c) = src.get(at) else {
                let open = self.stack.last().map_or(at, |&(n, _)| {
                    self.nodes.get(n as usize).map_or(at, |x| x.start() as usize)
                });
                return Err(self.err(ErrorKind::UnexpectedEnd, "the file ends inside an unclosed '('", open));
            };
            match c {
                b'(' => {
                    let (end, _) = scan_word(src, at + 1);
                    if end == at + 1 {
                        return Err(self.err(ErrorKind::InvalidValue, "'(' without a tag name", at));
                    }
                    if self.stack.len() >= MAX_DEPTH {
                        return Err(self.err(ErrorKind::TooBig, format!("nesting deeper than {MAX_DEPTH}"), at));
                    }
                    let tid = self.tag_id(at + 1, end);
                    self.i = end;
                    let s = self.suffix(parent)?;
                    let id = self.nodes.len() as u32;
                    self.nodes.push(Node {
                        kind: NodeKind::Tag,
                        flags: s.flags,
                        end: 0,
                        a: tid,
                        b: at as u32,
                        pos: s.pos,
                        comment: s.comment,
                    });
                    self.stack.push((id, s.pos));
                    parent = s.pos;
                    continue;
                }
                b')' => {
                    let Some((id, _)) = self.stack.pop() else {
                        return Err(self.err(ErrorKind::InvalidValue, "unbalanced ')'", at));
                    };
                    self.i = at + 1;
                    let end = self.nodes.len() as u32;
                    if let Some(n) = self.nodes.get_mut(id as usize) {
                        n.end = end;
                    }
                    parent = self.parent();
                }
                b'.' => {
                    self.i = at + 1;
                    self.push_atom(parent, NodeKind::DotToken, 0, (0, 0))?;
                }
                b'"' => {
                    let start = at + 1;
                    let Some(len) = memchr::memchr(b'"', src.get(start..).unwrap_or(&[])) else {
                        return Err(self.err(ErrorKind::UnexpectedEnd, "unterminated string literal", at));
                    };
                    let end = start + len;
                    let esc = memchr::memchr(b'\\', src.get(start..end).unwrap_or(&[])).is_some();
                    self.i = end + 1;
                    let sp = self.span(start, end, esc)?;
                    self.push_atom(parent, NodeKind::StrLit, 0, sp)?;
                }
                b'\'' => {
                    let bad = |r: &Self| r.err(ErrorKind::InvalidValue, "bad char literal", at);
                    let c1 = *src.get(at + 1).ok_or_else(|| bad(self))?;
                    let (v, len) = if c1 == b'\\' {
                        let h = src.get(at + 2).copied().and_then(hex).ok_or_else(|| bad(self))?;
                        let l = src.get(at + 3).copied().and_then(hex).ok_or_else(|| bad(self))?;
                        ((h << 4) | l, 5)
                    } else if class(c1) == CTRL {
                        return Err(bad(self));
                    } else {
                        (c1, 3)
                    };
                    if src.get(at + len - 1) != Some(&b'\'') {
                        return Err(bad(self));
                    }
                    self.i = at + len;
                    self.push_atom(parent, NodeKind::CharLit, 0, (u32::from(v), 0))?;
                }
                b':' => {
                    let start = at + 1;
                    let (end, seen) = scan_word(src, start);
                    if start == end {
                        return Err(self.err(ErrorKind::InvalidValue, "':' without a symbol name", at));
                    }
                    let expand = if src.get(end - 1) == Some(&b'.') { FLAG_EXPAND } else { 0 };
                    self.i = end;
                    let sp = self.span(start, end, seen & ESC != 0)?;
                    self.push_atom(parent, NodeKind::SymbolDef, expand, sp)?;
                }
                b'-' | b'0'..=b'9' => self.number(parent)?,
                _ => {
                    let (end, seen) = scan_word(src, at);
                    if at == end {
                        return Err(self.err(ErrorKind::InvalidValue, format!("unexpected byte {:?}", c as char), at));
                    }
                    let (kind, expand) = if seen & DOT != 0 {
                        (NodeKind::Symbol, if src.get(end - 1) == Some(&b'.') { FLAG_EXPAND } else { 0 })
                    } else {
                        (NodeKind::Ident, 0)
                    };
                    self.i = end;
                    let sp = self.span(at, end, seen & ESC != 0)?;
                    self.push_atom(parent, kind, expand, sp)?;
                }
            }
            if self.stack.is_empty() {
                return Ok(());
            }
        }
    }
}

/// `[-]digits` as an i64 (None on overflow).
fn fast_int(t: &[u8]) -> Option<i64> {
    let (neg, digits) = match t.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, t),
    };
    let mut v: i64 = 0;
    for &c in digits {
        let d = i64::from(c.wrapping_sub(b'0'));
        v = if neg { v.checked_mul(10)?.checked_sub(d)? } else { v.checked_mul(10)?.checked_add(d)? };
    }
    Some(v)
}

/// Parses a NIF text file. `suffix` is what trailing-dot symbols expand to. The
/// document keeps a copy of the bytes; [`parse_owned`] keeps the given ones.
pub fn parse(bytes: &[u8], suffix: &str) -> Result<Document> {
    parse_src(Cow::Borrowed(bytes), suffix)
}

/// [`parse`] of bytes the document takes over (no copy).
pub fn parse_owned(bytes: Vec<u8>, suffix: &str) -> Result<Document> {
    parse_src(Cow::Owned(bytes), suffix)
}

fn parse_src(src: Cow<'_, [u8]>, suffix: &str) -> Result<Document> {
    let bytes: &[u8] = &src;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Error::new(ErrorKind::TooBig, format!("file larger than {MAX_FILE_BYTES} bytes"), 0).in_section("file"));
    }
    let mut r = Reader {
        src: bytes,
        i: 0,
        section: "body",
        nodes: Vec::with_capacity((bytes.len() / BYTES_PER_NODE).min(MAX_RESERVED_NODES)),
        extra: Vec::new(),
        tags: Vec::new(),
        tag_ids: Interner::default(),
        files: Vec::new(),
        file_ids: Interner::default(),
        comments: Vec::new(),
        stack: Vec::new(),
        scratch: Vec::new(),
        recent: [RecentFile::default(); RECENT_FILES],
        tag_cache: Box::new([(0, 0); TAG_CACHE]),
    };
    let mut doc = Document::empty(Encoding::Text { version: None }, suffix);
    let mut version = None;
    // The trailing index's first node and offset; its nodes stay at the end of the
    // node array until they are read.
    let mut index_at: Option<(usize, usize)> = None;
    loop {
        let at = Reader::skip_ws(bytes, r.i);
        r.i = at;
        if at >= bytes.len() {
            break;
        }
        if index_at.is_some() {
            return Err(r.err(ErrorKind::TrailingBytes, "bytes after the trailing (.index …)", at).in_section("index"));
        }
        let first = r.nodes.len();
        let directive = bytes.get(at..at + 2) == Some(b"(.");
        r.section = if directive { "directive" } else { "body" };
        if directive && bytes.get(at..at + 7) == Some(b"(.index") && ends_word(bytes, at + 7) {
            r.section = "index";
        }
        r.value()?;
        if !directive {
            doc.roots.push(NodeId(first as u32));
            continue;
        }
        let name = r.nodes.get(first).and_then(|n| r.tags.get(n.a as usize)).map_or(&[][..], |&(s, l)| {
            bytes.get(s as usize..(s + l) as usize).unwrap_or(&[])
        });
        if name == b".index" {
            index_at = Some((first, at));
            continue;
        }
        let dir_nodes = r.nodes.split_off(first);
        let name = String::from_utf8_lossy(name.get(1..).unwrap_or(&[])).into_owned();
        let arg_node = dir_nodes.get(1).filter(|_| dir_nodes.len() > 1);
        let arg = arg_node.map(|n| match n.kind {
            NodeKind::IntLit => (n.value() as i64).to_string(),
            NodeKind::UIntLit => n.value().to_string(),
            NodeKind::Tag | NodeKind::CharLit | NodeKind::FloatLit => String::new(),
            NodeKind::DotToken => ".".to_owned(),
            _ => {
                let (buf, s) =
                    if n.a & EXTRA_BIT != 0 { (&r.extra[..], n.a & !EXTRA_BIT) } else { (bytes, n.a) };
                String::from_utf8_lossy(buf.get(s as usize..(s + n.b) as usize).unwrap_or(&[])).into_owned()
            }
        });
        if name == "indexat" {
            if let Some(n) = arg_node.filter(|n| n.kind == NodeKind::IntLit) {
                doc.indexat = u64::try_from(n.value() as i64).ok();
            }
        }
        if let Some(v) = name.strip_prefix("nif").and_then(|v| v.parse::<u32>().ok()) {
            version = Some(v);
        }
        doc.directives.push(Directive { name, arg });
    }
    doc.encoding = Encoding::Text { version };
    let Reader { nodes, extra, tags, files, comments, .. } = r;
    doc.nodes = nodes;
    doc.extra = extra;
    doc.tags = tags;
    doc.files = files;
    doc.comments = comments;
    doc.src = src.into_owned();
    if let Some((first, at)) = index_at {
        let (entries, pos) = read_index(&doc, first, at)?;
        doc.nodes.truncate(first);
        doc.index_pos = pos;
        doc.index = Some(entries);
    }
    Ok(doc)
}

/// Interprets the `(.index …)` tree (the nodes from `first` on): `(x|h SYM DELTA)`
/// entries, offsets summed, each led to its declaration among the nodes before
/// `first`; and the index's root position.
fn read_index(doc: &Document, first: usize, at: usize) -> Result<(Vec<IndexEntry>, Option<Pos>)> {
    let inodes = doc.nodes.get(first..).unwrap_or(&[]);
    let body = doc.nodes.get(..first).unwrap_or(&[]);
    let bad = |msg: &str, n: Option<&Node>| {
        Error::new(ErrorKind::InvalidValue, msg, n.map_or(at, |n| n.start() as usize)).in_section("index")
    };
    let index_pos = inodes.first().filter(|n| n.has_own_pos()).map(|n| n.pos);
    let mut entries = Vec::new();
    let mut offset: u64 = 0;
    let mut i = 1usize;
    // Node ids inside `inodes` are shifted by the position they had in the body
    // array; children are walked by their `end` relative to the first node.
    let shift = first as u32;
    while i < inodes.len() {
        let e = inodes.get(i);
        let Some(e) = e else { break };
        let next = (e.end.saturating_sub(shift) as usize).max(i + 1);
        let vis = match (e.kind, doc.tags.get(e.a as usize).map(|&(s, l)| doc.bytes(s, l))) {
            (NodeKind::Tag, Some(b"x")) => Visibility::Exported,
            (NodeKind::Tag, Some(b"h")) => Visibility::Hidden,
            _ => return Err(bad("index entry is not (x …) or (h …)", Some(e))),
        };
        let (Some(sym), Some(delta)) = (inodes.get(i + 1), inodes.get(i + 2)) else {
            return Err(bad("index entry without symbol and offset", Some(e)));
        };
        if next != i + 3 || !matches!(sym.kind, NodeKind::Symbol | NodeKind::SymbolDef) || delta.kind != NodeKind::IntLit {
            return Err(bad("index entry is not (x|h SYMBOL OFFSET)", Some(e)));
        }
        offset = offset
            .checked_add_signed(delta.value() as i64)
            .filter(|&o| o <= doc.src.len() as u64)
            .ok_or_else(|| bad("index offset outside the file", Some(e)))?;
        let mut name = doc.bytes(sym.a, sym.b).to_vec();
        if sym.flags & FLAG_EXPAND != 0 {
            name.extend_from_slice(doc.suffix.as_bytes());
        }
        entries.push(IndexEntry {
            symbol: crate::utf8::to_string(&name),
            visibility: vis,
            offset,
            parent_pos: e.has_own_pos().then_some(e.pos),
            decl: None,
        });
        i = next;
    }
    // Lead each offset (after whitespace) to the compound that starts there: one
    // merge pass over the nodes (tags' offsets increase in document order).
    if !entries.is_empty() {
        let mut want: Vec<(u64, usize)> = entries
            .iter()
            .enumerate()
            .map(|(k, e)| {
                let mut p = e.offset as usize;
                while doc.src.get(p).is_some_and(|&c| class(c) == WS) {
                    p += 1;
                }
                (p as u64, k)
            })
            .collect();
        want.sort_unstable();
        let mut w = want.iter().peekable();
        for (k, n) in body.iter().enumerate() {
            if n.kind != NodeKind::Tag {
                continue;
            }
            while w.peek().is_some_and(|x| x.0 < n.start()) {
                w.next();
            }
            while let Some(&&(off, e)) = w.peek().filter(|x| x.0 == n.start()) {
                if let Some(en) = entries.get_mut(e) {
                    en.decl = Some(NodeId(k as u32));
                }
                let _ = off;
                w.next();
            }
            if w.peek().is_none() {
                break;
            }
        }
    }
    Ok((entries, index_pos))
}
