#!/usr/bin/env node
// Browser timings of the rodscope web app (a measuring script, not a test).
//
//   node scripts/bench-web.mjs [CACHE_DIR] [--runs N] [--headed]
//
// Serves dist/ (scripts/build-web.sh) on loopback, opens it in Debian's chromium
// (playwright-core from tests/e2e/node_modules), gives it a whole nimcache through the
// file picker and prints:
//   - drop → module list: from the picker's `change` event to the module list rendered
//     (the next animation frame after the rows are in the DOM), and the decode / link /
//     live-set / index times measured inside the wasm (performance.now(), published on
//     <body data-*-ms>);
//   - drop → first tree paint: the same, then the bodies tree of the largest module
//     (system.rod) opened and painted;
//   - the live-set computation alone (graph DCE over every module);
//   - frame times while scrolling the largest tree fully expanded (requestAnimationFrame
//     deltas: median, p95, max);
//   - the wasm's size, raw and gzip -9.
// CACHE_DIR defaults to the largest of the known test caches that exists:
// ../shared/corpus/s2/nim-2.0.0/cache (beside the repository), the stdlib cache of the
// generated corpus ($RODSCOPE_CORPUS, default target/rodscope-corpus:
// bash scripts/gen-corpus.sh target/rodscope-corpus), static/sample/basics.
// Every file of the folder is given to the page, as a user would drop it (.nim.c, .o,
// main.json included: the page sniffs and ignores them). The load is over when the page
// publishes its timings for the new workspace (whatever number of modules it took).

import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { startServer } from "../tools/static-server.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const DIST = join(ROOT, "dist");
const { chromium } = await import(join(ROOT, "tests/e2e/node_modules/playwright-core/index.mjs"));

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const runs = Number(opt("--runs", "3"));
const positional = args.filter((a, i) => !a.startsWith("--") && !(i > 0 && args[i - 1] === "--runs"));

const CORPUS16 = process.env.RODSCOPE_CORPUS || join(ROOT, "target/rodscope-corpus");
const CANDIDATES = [join(ROOT, "../shared/corpus/s2/nim-2.0.0/cache"), join(CORPUS16, "stdlib/cache"), join(ROOT, "static/sample/basics")];
const dirSize = (d) => readdirSync(d).reduce((n, f) => n + (/\.(rod|alivesyms)$/.test(f) ? statSync(join(d, f)).size : 0), 0);
const cache =
  positional[0] ??
  CANDIDATES.filter(existsSync)
    .map((d) => [d, dirSize(d)])
    .sort((a, b) => b[1] - a[1])[0]?.[0];
if (!cache || !existsSync(cache)) {
  console.error("bench-web: no cache found; pass a nimcache folder");
  process.exit(1);
}
if (!existsSync(join(DIST, "index.html"))) {
  console.error("bench-web: dist/ missing: run scripts/build-web.sh");
  process.exit(1);
}

const files = readdirSync(cache)
  .filter((f) => statSync(join(cache, f)).isFile())
  .map((f) => join(cache, f));
const rods = files.filter((f) => f.endsWith(".rod"));
const rodBytes = rods.reduce((n, f) => n + statSync(f).size, 0);
const largest = rods.map((f) => [f, statSync(f).size]).sort((a, b) => b[1] - a[1])[0][0];

const wasmFile = readdirSync(DIST).find((f) => f.endsWith("_bg.wasm"));
const wasm = readFileSync(join(DIST, wasmFile));
const wasmGz = gzipSync(wasm, { level: 9 }).length;

const median = (v) => [...v].sort((a, b) => a - b)[v.length >> 1];
const fmt = (ms) => `${ms.toFixed(1)} ms`;

const server = await startServer({ root: DIST });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: !flag("--headed"),
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update"],
});

async function oneRun() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForSelector(".app");
  // Let the bundled sample finish loading first (if the build has one).
  await page.waitForFunction(() => !document.getElementById("progress") && (document.querySelector(".app").dataset.loaded || document.querySelector(".welcome")), null, { timeout: 30_000 });
  // The drop's load is over when the page has published the timings of the new
  // workspace (data-decode-ms, removed here first), shows no progress bar and has
  // rendered module rows. (Waiting for a module count instead hangs when the page
  // takes another number of modules than there are .rod files, and stops at once
  // when the dropped cache has as many modules as the sample.)
  await page.evaluate(() => {
    window.__bench = {};
    delete document.body.dataset.decodeMs;
    document.getElementById("input-files").addEventListener("change", () => (window.__bench.t0 = performance.now()), { capture: true, once: true });
    const check = () => {
      const done = window.__bench.t0 && document.body.dataset.decodeMs !== undefined && !document.getElementById("progress");
      if (done && document.querySelectorAll("#modules tbody tr").length > 0) {
        requestAnimationFrame(() => (window.__bench.list = performance.now() - window.__bench.t0));
        return;
      }
      requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
  await page.setInputFiles("#input-files", files);
  try {
    await page.waitForFunction(() => window.__bench.list !== undefined, null, { timeout: 120_000 });
  } catch (e) {
    const state = await page.evaluate(() => ({
      loaded: document.querySelector(".app")?.dataset.loaded,
      progress: document.getElementById("progress")?.outerHTML ?? null,
      rows: document.querySelectorAll("#modules tbody tr").length,
    }));
    throw new Error(`bench-web: the page did not finish loading ${cache} within 120 s: ${JSON.stringify(state)}`);
  }
  const loaded = Number(await page.evaluate(() => document.querySelector(".app")?.dataset.loaded));
  const inWasm = await page.evaluate(() => ({
    read: Number(document.body.dataset.readMs),
    decode: Number(document.body.dataset.decodeMs),
    graph: Number(document.body.dataset.graphMs),
    live: Number(document.body.dataset.liveMs),
    index: Number(document.body.dataset.indexMs),
  }));
  const list = await page.evaluate(() => window.__bench.list);

  // First paint of the largest module's bodies tree (clicking its link).
  const key = await page.evaluate((file) => {
    const base = file.split("/").pop();
    const row = [...document.querySelectorAll("#modules tbody tr")].find((r) => r.dataset.file === base);
    return row?.querySelector("th a")?.getAttribute("href");
  }, largest);
  const bodiesHash = key.replace(/^#\/m\/([^/]+).*$/, "#/m/$1/bodies");
  const treePaint = await page.evaluate(async (h) => {
    const t0 = performance.now();
    location.hash = h;
    await new Promise((ok) => {
      const check = () => (document.querySelector("#tree [role=row]") ? requestAnimationFrame(ok) : requestAnimationFrame(check));
      check();
    });
    return performance.now() - t0;
  }, bodiesHash);

  // Expand everything and scroll through it, one step per frame.
  const t1 = Date.now();
  await page.click("text=Expand all");
  await page.waitForFunction(() => Number(document.getElementById("tree").getAttribute("aria-rowcount")) > 1000);
  const expandMs = Date.now() - t1;
  const rowsTotal = Number(await page.getAttribute("#tree", "aria-rowcount"));
  const scroll = await page.evaluate(async () => {
    const el = document.getElementById("tree");
    const frames = [];
    let last = performance.now();
    for (let i = 0; i < 300; i++) {
      el.scrollTop += 24 * 41;
      await new Promise((r) => requestAnimationFrame(r));
      const now = performance.now();
      frames.push(now - last);
      last = now;
    }
    frames.sort((a, b) => a - b);
    return { median: frames[150], p95: frames[Math.floor(300 * 0.95)], max: frames[299], dom: el.querySelectorAll("[role=row]").length };
  });
  await context.close();
  return { list, loaded, inWasm, treePaint, firstTree: list + treePaint, expandMs, rowsTotal, scroll };
}

const results = [];
for (let i = 0; i < runs; i++) results.push(await oneRun());
await browser.close();
await server.close();

const pick = (f) => median(results.map(f));
const mb = (n) => `${(n / (1024 * 1024)).toFixed(1)} MiB`;
console.log(`rodscope web figures (median of ${runs} runs, headless chromium, ${process.env.CHROMIUM || "/usr/bin/chromium"})`);
console.log(`cache: ${cache}: ${files.length} files, ${rods.length} .rod (${mb(rodBytes)} of .rod); the page loaded ${pick((r) => r.loaded)} modules`);
console.log(`largest module: ${largest.split("/").pop()} (${mb(statSync(largest).size)})`);
console.log("");
console.log(`drop → module list rendered     ${fmt(pick((r) => r.list))}   (target < 500 ms)`);
console.log(`  waiting for the reads         ${fmt(pick((r) => r.inWasm.read))}`);
console.log(`  read + decode in wasm         ${fmt(pick((r) => r.inWasm.decode))}`);
console.log(`  link modules                  ${fmt(pick((r) => r.inWasm.graph))}`);
console.log(`  live set (graph DCE)          ${fmt(pick((r) => r.inWasm.live))}   (target < 150 ms)`);
console.log(`  alive check + search index    ${fmt(pick((r) => r.inWasm.index))}`);
console.log(`drop → first tree paint         ${fmt(pick((r) => r.firstTree))}   (bodies of the largest module; ${fmt(pick((r) => r.treePaint))} after the list)`);
console.log(`expand all (${pick((r) => r.rowsTotal)} rows)         ${fmt(pick((r) => r.expandMs))}   (click to rows, round trip through playwright)`);
console.log(
  `scrolling that tree             median ${fmt(pick((r) => r.scroll.median))}, p95 ${fmt(pick((r) => r.scroll.p95))}, max ${fmt(pick((r) => r.scroll.max))} per frame; ${pick((r) => r.scroll.dom)} rows in the DOM`,
);
console.log(`wasm                            ${wasm.length} bytes raw, ${wasmGz} bytes gzip -9 (${(wasmGz / 1024).toFixed(1)} KiB; target ≤ 400 KiB)`);
console.log("");
console.log("per run: " + results.map((r) => `list ${r.list.toFixed(0)} / tree ${r.firstTree.toFixed(0)} / live ${r.inWasm.live.toFixed(1)} ms`).join("; "));
