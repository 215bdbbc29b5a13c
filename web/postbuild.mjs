#!/usr/bin/env node
// Build steps around trunk for the rodscope web app (Node.js, no dependencies).
//
//   node web/postbuild.mjs sample-manifest DIR
//       Writes DIR/manifest.json listing the .rod / .alivesyms / .nim files below DIR (creates DIR
//       if missing; an empty list is fine). Trunk's pre_build hook.
//   node web/postbuild.mjs csp [DIR]
//       In DIR/index.html (default: $TRUNK_STAGING_DIR), replaces the placeholder
//       'inline-script-hashes' of the Content-Security-Policy with the sha256 hashes of the
//       page's inline scripts (trunk's loader). Trunk's post_build hook.
//   node web/postbuild.mjs single DIST OUT
//       Makes one self-contained HTML file from the trunk build in DIST: CSS, icon, the
//       wasm-bindgen JS glue and the wasm inlined, and the bundled sample embedded (both
//       gzipped, base64), so it works when opened from disk (file:// cannot fetch a .wasm). Its CSP
//       allows no network at all; scripts and styles are allowed by hash only.

import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { gzipSync } from "node:zlib";

const PLACEHOLDER = "'inline-script-hashes'";

function die(msg) {
  console.error(`postbuild: ${msg}`);
  process.exit(1);
}

const sha256 = (text) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

// Inline scripts that execute (no src, and a JavaScript or module type).
function inlineScripts(html) {
  const out = [];
  const re = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;
  for (const m of html.matchAll(re)) {
    const attrs = m[1];
    if (/\bsrc\s*=/i.test(attrs)) continue;
    const type = (attrs.match(/\btype\s*=\s*["']?([^"'\s>]+)/i) || [])[1];
    if (type && !/^(module|text\/javascript|application\/javascript)$/i.test(type)) continue;
    out.push(m[2]);
  }
  return out;
}

function replaceCsp(html, fn) {
  const re = /(<meta\s+http-equiv=["']?Content-Security-Policy["']?\s+content=")([^"]*)(")/i;
  if (!re.test(html)) die("no Content-Security-Policy meta tag found");
  return html.replace(re, (_, a, csp, b) => a + fn(csp) + b);
}

function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

// ---------------------------------------------------------------------------------------

const CACHE_FILE = /\.(rod|alivesyms|nim|md)$/i;

const listFiles = (dir) =>
  walk(dir)
    .filter((p) => CACHE_FILE.test(p))
    .map((p) => ({ path: relative(dir, p).split(sep).join("/"), size: statSync(p).size }));

function writeIfChanged(target, text) {
  if (!existsSync(target) || readFileSync(target, "utf8") !== text) writeFileSync(target, text);
}

// Gallery order: by name, a rebuild's first build (`NAME-1`) before its second (`NAME`).
const galleryKey = (n) => (n.endsWith("-1") ? `${n.slice(0, -2)}\u0000` : `${n}\u0001`);

// Writes DIR/manifest.json. A sub-folder of DIR with a guide.md is a gallery sample: it
// gets its own DIR/NAME/manifest.json (loaded with #load=sample/NAME/) and is listed in
// DIR's manifest under "samples" with its guide's text; DIR's "files" are the rest (the
// default sample). A folder without gallery sub-folders lists all its files (and its
// guide.md, if any).
function sampleManifest(dir) {
  mkdirSync(dir, { recursive: true });
  const gallery = readdirSync(dir)
    .filter((n) => statSync(join(dir, n)).isDirectory() && existsSync(join(dir, n, "guide.md")))
    .sort((a, b) => (galleryKey(a) < galleryKey(b) ? -1 : 1));
  const samples = gallery.map((name) => {
    const files = listFiles(join(dir, name));
    writeIfChanged(join(dir, name, "manifest.json"), JSON.stringify({ files }, null, 1) + "\n");
    return { name, guide: readFileSync(join(dir, name, "guide.md"), "utf8") };
  });
  const files = listFiles(dir).filter((f) => !gallery.some((g) => f.path.startsWith(`${g}/`)));
  const manifest = JSON.stringify(samples.length ? { files, samples } : { files }, null, 1) + "\n";
  writeIfChanged(join(dir, "manifest.json"), manifest);
  console.log(`postbuild: ${join(dir, "manifest.json")}: ${files.length} sample file(s), ${samples.length} gallery sample(s)`);
}

function csp(dir) {
  if (!dir) die("csp: no directory (TRUNK_STAGING_DIR unset)");
  const file = join(dir, "index.html");
  let html = readFileSync(file, "utf8");
  const hashes = inlineScripts(html).map(sha256);
  html = replaceCsp(html, (c) => {
    if (!c.includes(PLACEHOLDER)) {
      if (hashes.every((h) => c.includes(h))) return c; // already done
      die(`csp: placeholder ${PLACEHOLDER} missing in ${file}`);
    }
    return c.replace(PLACEHOLDER, hashes.join(" "));
  });
  writeFileSync(file, html);
  console.log(`postbuild: CSP of ${file}: ${hashes.length} inline script hash(es)`);
}

function single(dist, out) {
  const indexPath = join(dist, "index.html");
  // Comments first (before anything is inlined and hashed).
  let html = readFileSync(indexPath, "utf8").replace(/<!--[\s\S]*?-->\s*/g, "");
  const asset = (href) => {
    const p = join(dist, href.replace(/^\.\//, "").split("?")[0]);
    if (!existsSync(p)) die(`single: ${href} not found in ${dist}`);
    return p;
  };

  // The loader trunk injected: import init from './x.js'; init({ module_or_path: './x_bg.wasm' })
  const loaderRe = /<script type="module"[^>]*>([\s\S]*?)<\/script>/i;
  const loader = html.match(loaderRe);
  if (!loader) die("single: trunk's loader script not found");
  const js = (loader[1].match(/from\s+'([^']+\.js)'/) || [])[1];
  const wasm = (loader[1].match(/'([^']+_bg\.wasm)'/) || [])[1];
  if (!js || !wasm) die("single: cannot find the JS glue / wasm in the loader script");

  let glue = readFileSync(asset(js), "utf8");
  // The init function: `export default X;` or `export { ..., X as default };`. The export
  // statements go (an inline module script exports to nobody); the boot code calls X.
  const def =
    glue.match(/export\s+default\s+([A-Za-z_$][\w$]*)\s*;/) ||
    glue.match(/export\s*\{[^}]*?\b([A-Za-z_$][\w$]*)\s+as\s+default\b[^}]*\}\s*;?/);
  if (!def) die("single: no default export (the init function) in the wasm-bindgen glue");
  glue = glue.replace(/^export\s+default\s+[A-Za-z_$][\w$]*\s*;\s*$/m, "").replace(/^export\s*\{[^}]*\}\s*;?\s*$/gm, "");
  const wasmGz = gzipSync(readFileSync(asset(wasm)), { level: 9 }).toString("base64");
  const script = `${glue}
// ---- single-file boot: the wasm and the sample are inlined (gzip, base64) ----
const gunzip = async (b64) => {
  const gz = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const stream = new Blob([gz]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
};
// Read by the app (web/src/load/sample.rs, web/src/gallery.rs).
const embedded = () => JSON.parse(document.getElementById("rodscope-sample").textContent);
const unpack = (list, blobs) => Promise.all(list.map(async (f) => ({ path: f.path, bytes: await gunzip(blobs[f.b]) })));
// The default sample: resolves to [{ path, bytes: Uint8Array }].
globalThis.rodscopeSample = async () => {
  const { files, blobs } = embedded();
  return unpack(files, blobs);
};
// A gallery folder (sample/NAME/): its files like rodscopeSample, or null.
globalThis.rodscopeFolder = async (base) => {
  const { folders, blobs } = embedded();
  return Object.hasOwn(folders, base) ? unpack(folders[base], blobs) : null;
};
// The gallery: [{ name, guide }].
globalThis.rodscopeGallery = () => embedded().samples;
await ${def[1]}({ module_or_path: await gunzip(document.getElementById("rodscope-wasm").textContent.trim()) });
`;

  // Drop preloads (they would fetch), inline the stylesheet(s) and the icon.
  html = html.replace(/<link\b[^>]*\brel=["']?(modulepreload|preload)["']?[^>]*>\s*/gi, "");
  const styles = [];
  html = html.replace(/<link\b[^>]*\brel=["']?stylesheet["']?[^>]*>/gi, (tag) => {
    const href = (tag.match(/\bhref=["']?([^"'\s>]+)/) || [])[1];
    const css = readFileSync(asset(href), "utf8");
    styles.push(css);
    return `<style>${css}</style>`;
  });
  html = html.replace(/<link\b[^>]*\brel=["']?icon["']?[^>]*>/gi, (tag) => {
    const href = (tag.match(/\bhref=["']?([^"'\s>]+)/) || [])[1];
    const type = href.endsWith(".svg") ? "image/svg+xml" : "image/png";
    const data = readFileSync(asset(href)).toString("base64");
    return `<link rel="icon" href="data:${type};base64,${data}">`;
  });

  // The samples, embedded as data (a non-executed JSON script element): the default
  // sample's files, each gallery folder's files, and their contents gzipped once per
  // distinct content (the gallery's system.rod etc. are byte-identical). Always present,
  // possibly empty: the app then never tries to fetch sample/manifest.json.
  let files = [];
  const folders = {};
  let samples = [];
  const blobs = [];
  const blobOf = new Map();
  const blob = (p) => {
    const bytes = readFileSync(p);
    const key = createHash("sha256").update(bytes).digest("hex");
    if (!blobOf.has(key)) {
      blobOf.set(key, blobs.length);
      blobs.push(gzipSync(bytes, { level: 9 }).toString("base64"));
    }
    return blobOf.get(key);
  };
  const manifestPath = join(dist, "sample", "manifest.json");
  if (existsSync(manifestPath)) {
    const m = JSON.parse(readFileSync(manifestPath, "utf8"));
    files = (m.files || []).map((f) => ({ path: f.path, b: blob(join(dist, "sample", f.path)) }));
    samples = m.samples || [];
    for (const s of samples) {
      const fm = JSON.parse(readFileSync(join(dist, "sample", s.name, "manifest.json"), "utf8"));
      folders[`sample/${s.name}/`] = (fm.files || []).map((f) => ({ path: f.path, b: blob(join(dist, "sample", s.name, f.path)) }));
    }
  }
  const json = JSON.stringify({ files, folders, samples, blobs }).replace(/</g, "\\u003c");
  const sample = `<script type="application/json" id="rodscope-sample" data-count="${files.length}">${json}</script>\n`;

  html = html.replace(loaderRe, () =>
    `<script type="application/octet-stream" id="rodscope-wasm">${wasmGz}</script>\n${sample}` +
    `<script type="module">${script}</script>`);

  // Opened from disk, 'self' means nothing useful: allow no network at all.
  const policy = [
    "default-src 'none'",
    `script-src 'wasm-unsafe-eval' ${inlineScripts(html).map(sha256).join(" ")}`,
    `style-src ${styles.map(sha256).join(" ") || "'none'"}`,
    "img-src data:",
    "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
  html = replaceCsp(html, () => policy);

  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, html);
  // A build output: keep it out of git even where .gitignore does not list it.
  writeFileSync(join(dirname(out), ".gitignore"), "*\n");
  console.log(`postbuild: ${out}: ${(statSync(out).size / 1024).toFixed(1)} KiB`);
}

const [cmd, ...args] = process.argv.slice(2);
switch (cmd) {
  case "sample-manifest":
    sampleManifest(args[0] || "static/sample");
    break;
  case "csp":
    csp(args[0] || process.env.TRUNK_STAGING_DIR);
    break;
  case "single":
    if (args.length !== 2) die("usage: single DIST OUT");
    single(args[0], args[1]);
    break;
  default:
    die("usage: postbuild.mjs sample-manifest DIR | csp [DIR] | single DIST OUT");
}
