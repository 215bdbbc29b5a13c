//! The canonical NIF27 writer: a document back to the compiler's text.
//!
//! [`module_text`] is nimony's `toModuleString` layout (what `niftools bif2nif`
//! prints and what the compiler's indexed files look like): the `(.nif27)` header,
//! a patched `(.indexat N)`, the body with self-module symbols written in
//! trailing-dot form, then the `(.index …)` of every global SymbolDef.
//! [`plain_text`] is the index-less layout (`toString`) the headerless files use.
//! Layout rules: a compound starts on a new line indented by its depth; an atom is
//! preceded by one space unless the previous byte is a newline, space, `(` or `)`;
//! whitespace before `)` is dropped; positions are written relative to the
//! enclosing compound unless the file changes.

use crate::float::write_float;
use crate::model::{Document, NodeKind, Pos, FLAG_EXPAND};
use std::io;

fn needs_escape(c: u8) -> bool {
    c < b' ' || matches!(c, b'(' | b')' | b'[' | b']' | b'{' | b'}' | b'~' | b'#' | b'\'' | b'"' | b'\\' | b':' | b'@')
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

struct W {
    out: Vec<u8>,
    nesting: usize,
}

impl W {
    fn esc(&mut self, c: u8) {
        self.out.extend_from_slice(&[b'\\', HEX[usize::from(c >> 4)], HEX[usize::from(c & 15)]]);
    }
    fn sep(&mut self) {
        if let Some(&b) = self.out.last() {
            if !matches!(b, b'\n' | b' ' | b'(' | b')') {
                self.out.push(b' ');
            }
        }
    }
    fn open(&mut self, name: &[u8]) {
        if self.nesting > 0 {
            self.out.push(b'\n');
            self.out.resize(self.out.len() + self.nesting, b' ');
        }
        self.out.push(b'(');
        self.out.extend_from_slice(name);
        self.nesting += 1;
    }
    fn close(&mut self) {
        self.nesting = self.nesting.saturating_sub(1);
        while matches!(self.out.last(), Some(b' ' | b'\n')) {
            self.out.pop();
        }
        self.out.push(b')');
    }
    /// Writes a symbol's first `len` bytes; returns its number of dots after the first byte.
    fn symbol(&mut self, s: &[u8], len: usize) -> usize {
        let mut dots = 0;
        let s = s.get(..len).unwrap_or(s);
        let Some((&c0, rest)) = s.split_first() else { return 0 };
        if matches!(c0, b'.' | b'0'..=b'9' | b'+' | b'-' | b'~') || needs_escape(c0) {
            self.esc(c0);
        } else {
            self.out.push(c0);
        }
        for &c in rest {
            if c == b' ' || needs_escape(c) {
                self.esc(c);
            } else {
                dots += usize::from(c == b'.');
                self.out.push(c);
            }
        }
        dots
    }
    fn ident(&mut self, s: &[u8]) {
        let Some((&c0, rest)) = s.split_first() else { return };
        if matches!(c0, b'.' | b'0'..=b'9' | b'+' | b'-' | b'~') || needs_escape(c0) {
            self.esc(c0);
        } else {
            self.out.push(c0);
        }
        for &c in rest {
            if c == b'.' || needs_escape(c) {
                self.esc(c);
            } else {
                self.out.push(c);
            }
        }
    }
    fn escaped(&mut self, s: &[u8]) {
        for &c in s {
            if needs_escape(c) {
                self.esc(c);
            } else {
                self.out.push(c);
            }
        }
    }
    fn b62(&mut self, mut n: u64) {
        if n == 0 {
            self.out.push(b'0');
            return;
        }
        let mut buf = [0u8; 12];
        let mut i = 0;
        while n > 0 && i < buf.len() {
            let d = (n % 62) as u8;
            buf[i] = match d {
                0..=9 => b'0' + d,
                10..=35 => b'A' + d - 10,
                _ => b'a' + d - 36,
            };
            n /= 62;
            i += 1;
        }
        while i > 0 {
            i -= 1;
            self.out.push(buf[i]);
        }
    }
    fn attach(&mut self, col: i64, line: i64, file: &[u8]) {
        if col == 0 && line == 0 && file.is_empty() {
            return;
        }
        if col < 0 {
            self.out.push(b'~');
            self.b62(col.unsigned_abs());
        } else {
            self.out.push(b'@');
            if col > 0 {
                self.b62(col as u64);
            }
        }
        if line != 0 || !file.is_empty() {
            self.out.push(b',');
            if line < 0 {
                self.out.push(b'~');
                self.b62(line.unsigned_abs());
            } else if line > 0 {
                self.b62(line as u64);
            }
        }
        if !file.is_empty() {
            self.out.push(b',');
            self.escaped(file);
        }
    }
    /// `abs` relative to `parent` (absolute with the file name when the file differs).
    fn rel(&mut self, doc: &Document, abs: Pos, parent: Pos, comment: Option<&[u8]>) {
        if !abs.file.is_valid() {
            return;
        }
        let (mut line, mut col) = (i64::from(abs.line), i64::from(abs.col));
        let mut file: &[u8] = b"";
        if parent.file.is_valid() {
            if abs.file != parent.file {
                file = doc.file_name(abs.file);
            }
            if file.is_empty() {
                line -= i64::from(parent.line);
                col -= i64::from(parent.col);
            }
        } else {
            file = doc.file_name(abs.file);
        }
        self.attach(col, line, file);
        if let Some(c) = comment {
            self.out.push(b'#');
            self.escaped(c);
            self.out.push(b'#');
        }
    }
}

/// The written length of a symbol with `dotted` (`.M`) compressed to a trailing dot.
fn compressed_len(name: &[u8], dotted: &[u8]) -> usize {
    if !dotted.is_empty() && name.ends_with(dotted) {
        name.len() - dotted.len() + 1
    } else {
        name.len()
    }
}

struct Index {
    w: W,
    root: Pos,
    previous: usize,
}

/// The body writer shared by both layouts; `index` is `Some` in module layout.
fn body(doc: &Document, w: &mut W, dotted: &[u8], mut index: Option<&mut Index>) {
    let nodes = doc.nodes();
    let mut stack: Vec<(u32, Pos)> = Vec::new();
    let mut name = Vec::new();
    let mut most_recent = 0usize;
    for (i, n) in nodes.iter().enumerate() {
        let i = i as u32;
        while stack.last().is_some_and(|s| s.0 <= i) {
            stack.pop();
            w.close();
        }
        let parent = stack.last().map_or(Pos::NONE, |s| s.1);
        let comment = doc.comment_bytes(n.comment);
        match n.kind {
            NodeKind::Tag => {
                most_recent = w.out.len();
                w.open(n.tag().map_or(&[][..], |t| doc.tag_name(t)));
                w.rel(doc, n.pos, parent, comment);
                stack.push((n.end.max(i + 1), n.pos));
                continue;
            }
            NodeKind::Symbol | NodeKind::SymbolDef => {
                name.clear();
                name.extend_from_slice(doc.bytes(n.a, n.b));
                if n.flags & FLAG_EXPAND != 0 {
                    name.extend_from_slice(doc.suffix().as_bytes());
                }
                let len = compressed_len(&name, dotted);
                w.sep();
                if n.kind == NodeKind::SymbolDef {
                    w.out.push(b':');
                }
                let dots = w.symbol(&name, len);
                w.rel(doc, n.pos, parent, comment);
                if let (Some(ix), NodeKind::SymbolDef, true) = (index.as_deref_mut(), n.kind, dots >= 2) {
                    let hidden = nodes.get(i as usize + 1).is_some_and(|x| x.kind == NodeKind::DotToken);
                    ix.w.open(if hidden { b"h" } else { b"x" });
                    let parent_info = match stack.len() {
                        0 => ix.root,
                        1 => Pos::NONE,
                        k => stack.get(k - 2).map_or(Pos::NONE, |s| s.1),
                    };
                    let root = ix.root;
                    ix.w.rel(doc, parent_info, root, None);
                    ix.w.sep();
                    ix.w.symbol(&name, len);
                    ix.w.sep();
                    let delta = most_recent as i64 - ix.previous as i64;
                    ix.w.out.extend_from_slice(delta.to_string().as_bytes());
                    ix.previous = most_recent;
                    ix.w.close();
                }
                continue;
            }
            _ => {}
        }
        w.sep();
        match n.kind {
            NodeKind::DotToken => w.out.push(b'.'),
            NodeKind::Ident => w.ident(doc.bytes(n.a, n.b)),
            NodeKind::StrLit => {
                w.out.push(b'"');
                w.escaped(doc.bytes(n.a, n.b));
                w.out.push(b'"');
            }
            NodeKind::CharLit => {
                w.out.push(b'\'');
                let c = n.value() as u8;
                if needs_escape(c) {
                    w.esc(c);
                } else {
                    w.out.push(c);
                }
                w.out.push(b'\'');
            }
            NodeKind::IntLit => w.out.extend_from_slice((n.value() as i64).to_string().as_bytes()),
            NodeKind::UIntLit => {
                w.out.extend_from_slice(n.value().to_string().as_bytes());
                w.out.push(b'u');
            }
            NodeKind::FloatLit => write_float(&mut w.out, f64::from_bits(n.value())),
            NodeKind::Tag | NodeKind::Symbol | NodeKind::SymbolDef => {}
        }
        w.rel(doc, n.pos, parent, comment);
    }
    while stack.pop().is_some() {
        w.close();
    }
}

/// The document as a full module file (`toModuleString`): header with
/// `(.indexat)`, body with `dotted_suffix` (`.M`, or empty) compressed, index.
pub fn module_text(doc: &Document, dotted_suffix: &str) -> Vec<u8> {
    let mut w = W { out: Vec::with_capacity(doc.input_len() * 3 + 64), nesting: 0 };
    w.out.extend_from_slice(b"(.nif27)\n");
    let patch = w.out.len() + b"(.indexat ".len();
    w.out.extend_from_slice(b"(.indexat                  )\n");
    let root = doc.nodes().first().map_or(Pos::NONE, |n| n.pos);
    let mut ix = Index { w: W { out: Vec::new(), nesting: 0 }, root, previous: 0 };
    ix.w.open(b".index");
    let root_comment = doc.nodes().first().and_then(|n| doc.comment_bytes(n.comment));
    ix.w.rel(doc, root, Pos::NONE, root_comment);
    body(doc, &mut w, dotted_suffix.as_bytes(), Some(&mut ix));
    let at = w.out.len().to_string();
    for (k, b) in at.bytes().enumerate() {
        if let Some(slot) = w.out.get_mut(patch + k) {
            *slot = b;
        }
    }
    ix.w.close();
    w.out.extend_from_slice(&ix.w.out);
    w.out
}

/// The document in the index-less layout (`toString`): the text header
/// directives it was read with (if any), then the body, symbols uncompressed.
pub fn plain_text(doc: &Document) -> Vec<u8> {
    let mut w = W { out: Vec::with_capacity(doc.input_len() * 3 + 64), nesting: 0 };
    for d in doc.directives() {
        w.out.extend_from_slice(b"(.");
        w.out.extend_from_slice(d.name.as_bytes());
        if let Some(a) = &d.arg {
            w.out.extend_from_slice(b" \"");
            w.escaped(a.as_bytes());
            w.out.push(b'"');
        }
        w.out.extend_from_slice(b")\n");
    }
    body(doc, &mut w, b"", None);
    w.out
}

/// The document as the compiler writes it: module layout when it was read with
/// an `(.indexat)` or from BIF (self suffix compressed), plain layout otherwise.
pub fn canonical_text(doc: &Document) -> Vec<u8> {
    let indexed = doc.indexat().is_some() || matches!(doc.encoding(), crate::Encoding::Bif { .. });
    if indexed {
        let dotted = if doc.suffix().is_empty() { String::new() } else { format!(".{}", doc.suffix()) };
        module_text(doc, &dotted)
    } else {
        plain_text(doc)
    }
}

/// Writes [`canonical_text`] to `out`.
pub fn write_canonical(doc: &Document, out: &mut impl io::Write) -> io::Result<()> {
    out.write_all(&canonical_text(doc))
}
