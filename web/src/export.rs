//! Copying and exporting what a view shows: a permalink, a subtree as JSON, the symbol
//! and type tables as CSV. Everything is worded by `rod_view` (the rows the views show).

use rod_view::nav::Tree;
use rod_view::{Cache, ModuleIdx, NodePos, NodeValue, TreeId};
use serde::Serialize;
use wasm_bindgen::JsCast;

/// A subtree copied as JSON lists at most this many nodes.
pub const MAX_JSON_NODES: usize = 200_000;

/// One node of a copied subtree (flat pre-order; `depth` 0 is the subtree's root).
#[derive(Serialize)]
struct JsonNode {
    node: u32,
    depth: u32,
    kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    symbol_kind: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    module: Option<String>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    typ: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    flags: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pos: Option<String>,
}

#[derive(Serialize)]
struct JsonSubtree {
    module: String,
    tree: String,
    root: u32,
    nodes: Vec<JsonNode>,
    /// True when the subtree had more than `MAX_JSON_NODES` nodes.
    truncated: bool,
}

/// The subtree at `n` of tree `t` as JSON text (pre-order, each node with its depth).
pub fn subtree_json(c: &dyn Cache, m: ModuleIdx, t: TreeId, n: NodePos) -> Option<String> {
    let tree = Tree::new(c, m, t);
    let end = tree.end(n).0;
    let mut nodes = Vec::new();
    // The ends of the open ancestors: the depth is how many are still open.
    let mut open: Vec<u32> = Vec::new();
    let mut i = n.0;
    while i < end && nodes.len() < MAX_JSON_NODES {
        while open.last().is_some_and(|&e| e <= i) {
            open.pop();
        }
        let p = NodePos(i);
        if let Some(r) = c.node_row(m, t, p) {
            let (value, symbol_kind, module) = match r.value {
                NodeValue::None => (None, None, None),
                NodeValue::Lit(s) => (Some(c.full_literal(m, t, p).unwrap_or(s)), None, None),
                NodeValue::Sym { name, kind, module, .. } => (Some(name), Some(kind), module),
                NodeValue::Unresolved(l) => (Some(l.label), None, None),
            };
            nodes.push(JsonNode {
                node: i,
                depth: open.len() as u32,
                kind: r.kind,
                value,
                symbol_kind,
                module,
                typ: r.typ.map(|l| l.label),
                flags: r.flags,
                pos: r.pos.map(|p| p.short_text()),
            });
        }
        open.push(tree.end(p).0);
        i += 1;
    }
    let doc = JsonSubtree {
        module: c.module_key(m).unwrap_or_default(),
        tree: c
            .trees(m)
            .into_iter()
            .find(|i| i.id == t)
            .map_or_else(String::new, |i| i.slug),
        root: n.0,
        truncated: (end - n.0) as usize > nodes.len(),
        nodes,
    };
    let v = serde_wasm_bindgen::to_value(&doc).ok()?;
    js_sys::JSON::stringify_with_replacer_and_space(&v, &wasm_bindgen::JsValue::NULL, &1.into())
        .ok()
        .map(String::from)
}

/// One CSV field (RFC 4180 quoting).
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn line(out: &mut String, cells: &[String]) {
    let row: Vec<String> = cells.iter().map(|c| field(c)).collect();
    out.push_str(&row.join(","));
    out.push_str("\r\n");
}

fn yes_no(b: Option<bool>) -> String {
    match b {
        Some(true) => "yes".into(),
        Some(false) => "no".into(),
        None => String::new(),
    }
}

/// The module's symbols as CSV (one row per symbol, holes left out).
pub fn symbols_csv(c: &dyn Cache, m: ModuleIdx) -> String {
    let mut out = String::new();
    let head = ["id", "name", "kind", "alive", "in record", "type", "flags", "position"];
    line(&mut out, &head.map(String::from));
    for s in c.symbols(m) {
        let Some(r) = c.sym_row(m, s) else { continue };
        line(
            &mut out,
            &[
                s.to_string(),
                r.name,
                r.kind,
                yes_no(r.alive),
                yes_no(c.in_record(m, s)),
                r.typ.map(|l| l.label).unwrap_or_default(),
                r.flags.join(" "),
                r.pos.map(|p| p.short_text()).unwrap_or_default(),
            ],
        );
    }
    out
}

/// The module's types as CSV.
pub fn types_csv(c: &dyn Cache, m: ModuleIdx) -> String {
    let mut out = String::new();
    line(&mut out, &["id", "kind", "type", "symbol", "flags"].map(String::from));
    for t in c.types(m) {
        let Some(r) = c.type_row(m, t) else { continue };
        line(
            &mut out,
            &[
                t.to_string(),
                r.kind,
                r.expr,
                r.sym.map(|l| l.label).unwrap_or_default(),
                r.flags.join(" "),
            ],
        );
    }
    out
}

/// Offers `text` as a file download named `name`.
pub fn download(name: &str, mime: &str, text: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let parts = js_sys::Array::of1(&text.into());
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Some(a) = doc
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    // Revoked once the download has surely started.
    gloo_timers::callback::Timeout::new(30_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
}

/// Puts `text` on the clipboard (the browser may refuse; nothing else happens then).
pub fn copy(text: &str) {
    if let Some(w) = web_sys::window() {
        let _ = w.navigator().clipboard().write_text(text);
    }
}

/// A file-name-safe form of a module key.
pub fn file_stem(key: &str) -> String {
    key.chars()
        .map(|ch| if ch.is_ascii_alphanumeric() || ch == '.' || ch == '-' { ch } else { '_' })
        .collect()
}
