#!/usr/bin/env node
// A tiny static file server for dist/ (loopback only, no dependencies).
//
//   node tools/static-server.mjs DIR [PORT] [--prefix /some/path/]
//
// Serves DIR on http://127.0.0.1:PORT/ (PORT 0 or omitted: a free port), or below
// PREFIX to check that the site works from any URL path. Prints the URL on stdout.
// Also imported by tests/e2e/run.mjs (startServer).

import { createReadStream, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};

/** Starts serving `root`; resolves to { server, url, close() }. */
export function startServer({ root, port = 0, host = "127.0.0.1", prefix = "/", log = false }) {
  const base = resolve(root);
  if (!prefix.startsWith("/")) prefix = "/" + prefix;
  if (!prefix.endsWith("/")) prefix += "/";
  const server = createServer((req, res) => {
    const send = (code, body) => {
      res.writeHead(code, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
      res.end(body);
    };
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    } catch {
      return send(400, "bad request");
    }
    if (log) console.error(`${req.method} ${req.url}`);
    if (req.method !== "GET" && req.method !== "HEAD") return send(405, "method not allowed");
    if (path + "/" === prefix) {
      res.writeHead(301, { location: prefix });
      return res.end();
    }
    if (!path.startsWith(prefix)) return send(404, "not found");
    let file = join(base, path.slice(prefix.length));
    if (file !== base && !file.startsWith(base + sep)) return send(403, "forbidden");
    let st;
    try {
      st = statSync(file);
      if (st.isDirectory()) {
        file = join(file, "index.html");
        st = statSync(file);
      }
    } catch {
      return send(404, "not found");
    }
    res.writeHead(200, {
      "content-type": TYPES[extname(file).toLowerCase()] || "application/octet-stream",
      "content-length": st.size,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    });
    if (req.method === "HEAD") return res.end();
    createReadStream(file).pipe(res);
  });
  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, host, () => {
      const url = `http://${host}:${server.address().port}${prefix}`;
      ok({ server, url, close: () => new Promise((done) => server.close(done)) });
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] || "").href) {
  const args = process.argv.slice(2);
  let prefix = "/";
  const i = args.indexOf("--prefix");
  if (i >= 0) {
    prefix = args[i + 1] || "/";
    args.splice(i, 2);
  }
  const [root, port] = args;
  if (!root) {
    console.error("usage: static-server.mjs DIR [PORT] [--prefix /path/]");
    process.exit(2);
  }
  const { url } = await startServer({ root, port: Number(port || 0), prefix, log: !!process.env.SERVE_LOG });
  console.log(url);
}
