#!/usr/bin/env node
// Does the page stay responsive while it loads a lot? (a measuring script, not a test)
//
//   node scripts/bench-web-load.mjs [CACHE_DIR...] [--headed] [--keep]
//
// Serves dist/ (scripts/build-web.sh) on loopback, opens it in Debian's chromium
// (playwright-core from tests/e2e/node_modules) and gives it every test cache at once
// through the folder picker: the 1.6 test programs of target/rodscope-corpus (made by
// `bash scripts/gen-corpus.sh target/rodscope-corpus`) and both compiler versions of
// ../shared/corpus (s1, s2), or the CACHE_DIRs given. They are copied below one temporary
// folder first (one subfolder per cache, so file names stay apart). It prints:
//   - the main thread's long tasks (PerformanceObserver `longtask` entries, > 50 ms)
//     from the picker's `change` event to the module list: the longest, how many, and
//     the total blocking time (the sum of each task's time past 50 ms);
//   - drop → module list (the next animation frame after the rows are in the DOM), and
//     the decode / link / live-set / index times measured in the wasm;
//   - the frame times (requestAnimationFrame deltas: median, p95, max) while scrolling
//     the bodies tree of the largest system.rod, fully expanded, and the long tasks of
//     expanding it;
//   - the wasm memory after the load against the input bytes.

import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "../tools/static-server.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const DIST = join(ROOT, "dist");
const { chromium } = await import(join(ROOT, "tests/e2e/node_modules/playwright-core/index.mjs"));

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const given = args.filter((a) => !a.startsWith("--"));

const isDir = (d) => existsSync(d) && statSync(d).isDirectory();
const subdirs = (d) => (isDir(d) ? readdirSync(d).map((f) => join(d, f)).filter(isDir) : []);
const caches = given.length
  ? given
  : [
      ...subdirs(join(ROOT, "target/rodscope-corpus")).map((d) => join(d, "cache")),
      ...subdirs(join(ROOT, "../shared/corpus")).flatMap((s) => subdirs(s).map((d) => join(d, "cache"))),
    ].filter(isDir);
if (!caches.length) {
  console.error("bench-web-load: no caches: run bash scripts/gen-corpus.sh target/rodscope-corpus, or pass folders");
  process.exit(1);
}
if (!existsSync(join(DIST, "index.html"))) {
  console.error("bench-web-load: dist/ missing: run scripts/build-web.sh");
  process.exit(1);
}

// One folder with a subfolder per cache (named after the cache's place).
const tmp = mkdtempSync(join(tmpdir(), "rodscope-bench-"));
const top = join(tmp, "all");
let inputBytes = 0;
let rodCount = 0;
for (const c of caches) {
  const name = c.replace(/\/cache$/, "").split("/").slice(-2).join("-");
  cpSync(c, join(top, name), { recursive: true });
  for (const f of readdirSync(c)) {
    if (/\.(rod|alivesyms)$/.test(f)) inputBytes += statSync(join(c, f)).size;
    if (f.endsWith(".rod")) rodCount++;
  }
}

const mb = (n) => `${(n / (1024 * 1024)).toFixed(1)} MiB`;
const fmt = (ms) => `${ms.toFixed(1)} ms`;

const server = await startServer({ root: DIST });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: !flag("--headed"),
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update"],
});

try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForSelector(".app");
  await page.waitForFunction(() => !document.getElementById("progress") && (document.querySelector(".app").dataset.loaded || document.querySelector(".welcome")), null, { timeout: 60_000 });
  await page.evaluate(() => {
    const b = (window.__bench = { tasks: [] });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.tasks.push({ start: e.startTime, ms: e.duration });
    }).observe({ type: "longtask", buffered: true });
    document.getElementById("input-folder").addEventListener("change", () => (b.t0 = performance.now()), { capture: true, once: true });
    const check = () => {
      const app = document.querySelector(".app");
      if (b.t0 && !document.getElementById("progress") && app?.dataset.loaded && app.dataset.loaded !== b.before && document.querySelectorAll("#modules tbody tr").length > 0) {
        requestAnimationFrame(() => (b.list = performance.now()));
        return;
      }
      requestAnimationFrame(check);
    };
    b.before = document.querySelector(".app")?.dataset.loaded;
    requestAnimationFrame(check);
  });
  await page.setInputFiles("#input-folder", top);
  await page.waitForFunction(() => window.__bench.list !== undefined, null, { timeout: 600_000 });
  // The list adds its rows in chunks: wait for all of them, and a moment more.
  await page.waitForFunction(
    (n) => document.querySelectorAll("#modules tbody tr").length >= n && (window.__bench.full ??= performance.now()),
    Number(await page.evaluate(() => document.querySelector(".app").dataset.loaded)),
    { timeout: 60_000, polling: "raf" },
  );
  await page.waitForTimeout(500);
  const load = await page.evaluate(() => {
    const b = window.__bench;
    const tasks = b.tasks.filter((t) => t.start >= b.t0 && t.start <= b.full + 500);
    return {
      marks: performance
        .getEntriesByType("mark")
        .filter((m) => m.name.startsWith("rodscope:") && m.startTime >= b.t0)
        .map((m) => `${m.name.slice(9)} ${(m.startTime - b.t0).toFixed(0)}`)
        .join(", "),
      all: tasks.map((t) => `${(t.start - b.t0).toFixed(0)}+${t.ms.toFixed(0)}`).join(" "),
      list: b.list - b.t0,
      full: b.full - b.t0,
      tasks: tasks.length,
      longest: Math.max(0, ...tasks.map((t) => t.ms)),
      blocking: tasks.reduce((n, t) => n + Math.max(0, t.ms - 50), 0),
      modules: Number(document.querySelector(".app").dataset.loaded),
      d: { ...document.body.dataset },
    };
  });

  // The largest system.rod: its bodies, expanded, scrolled one step per frame.
  const sys = await page.evaluate(() => {
    const rows = [...document.querySelectorAll("#modules tbody tr")].filter((r) => r.dataset.file.endsWith("@ssystem.rod"));
    const size = (r) => Number(r.querySelector("[data-col=nodes]")?.textContent ?? 0);
    rows.sort((a, b) => size(b) - size(a));
    return rows[0] ? { file: rows[0].dataset.file, href: rows[0].querySelector("th a").getAttribute("href") } : null;
  });
  let scroll = null;
  let expand = null;
  if (sys) {
    await page.evaluate((h) => (location.hash = h.replace(/^(#\/m\/[^/]+).*$/, "$1/bodies")), sys.href);
    await page.waitForSelector("#tree [role=row]");
    await page.evaluate(() => (window.__bench.t1 = performance.now()));
    await page.click("text=Expand all");
    await page.waitForFunction(() => Number(document.getElementById("tree").getAttribute("aria-rowcount")) > 1000);
    await page.waitForTimeout(300);
    expand = await page.evaluate(() => {
      const b = window.__bench;
      const tasks = b.tasks.filter((t) => t.start >= b.t1);
      return { rows: Number(document.getElementById("tree").getAttribute("aria-rowcount")), longest: Math.max(0, ...tasks.map((t) => t.ms)) };
    });
    scroll = await page.evaluate(async () => {
      const el = document.getElementById("tree");
      const frames = [];
      const t2 = performance.now();
      let last = t2;
      for (let i = 0; i < 300; i++) {
        el.scrollTop += 24 * 41;
        await new Promise((r) => requestAnimationFrame(r));
        const now = performance.now();
        frames.push(now - last);
        last = now;
      }
      frames.sort((a, b) => a - b);
      const tasks = window.__bench.tasks.filter((t) => t.start >= t2);
      return { median: frames[150], p95: frames[Math.floor(300 * 0.95)], max: frames[299], longest: Math.max(0, ...tasks.map((t) => t.ms)) };
    });
  }
  // The first symbol page builds the usage index (one scan of every node of every module).
  let symbol = null;
  if (sys) {
    await page.evaluate(() => (window.__bench.t3 = performance.now()));
    const t = Date.now();
    await page.evaluate((h) => (location.hash = h.replace(/^(#\/m\/[^/]+).*$/, "$1/sym/1")), sys.href);
    await page.waitForSelector("#sym-name", { timeout: 120_000 });
    await page.waitForTimeout(300);
    symbol = await page.evaluate(() => {
      const b = window.__bench;
      return Math.max(0, ...b.tasks.filter((t) => t.start >= b.t3).map((t) => t.ms));
    });
    symbol = { longest: symbol, ms: Date.now() - t };
  }
  await context.close();

  const wasm = Number(load.d.wasmBytes);
  const input = Number(load.d.inputBytes);
  console.log(`rodscope web: loading every test cache at once (headless chromium, ${process.env.CHROMIUM || "/usr/bin/chromium"})`);
  console.log(`caches: ${caches.length} (${caches.map((c) => c.replace(/\/cache$/, "").split("/").slice(-2).join("/")).join(", ")})`);
  console.log(`input: ${rodCount} .rod files, with the .alivesyms ${mb(inputBytes)} on disk; ${mb(input)} given to the decoder; ${load.modules} modules loaded`);
  console.log("");
  console.log(`longest main-thread task, drop → full list ${fmt(load.longest)}   (${load.tasks} long tasks > 50 ms, total blocking ${fmt(load.blocking)})`);
  if (load.tasks) console.log(`  long tasks (ms after the drop + duration): ${load.all}; stages done at (ms): ${load.marks}`);
  console.log(`drop → module list rendered                ${fmt(load.list)} (first rows; all ${load.modules} rows at ${fmt(load.full)})`);
  console.log(`  the longest decode of one file: ${fmt(Number(load.d.longestFileMs))} (${load.d.longestFile})`);
  console.log(`  read ${fmt(Number(load.d.readMs))} · decode ${fmt(Number(load.d.decodeMs))} · link ${fmt(Number(load.d.graphMs))} · live set ${fmt(Number(load.d.liveMs))} · indexes ${fmt(Number(load.d.indexMs))}`);
  if (scroll) {
    console.log(`${basename(sys.file)} (${sys.file}) bodies, expanded: ${expand.rows} rows; longest task of the expansion ${fmt(expand.longest)}`);
    console.log(`  scrolling: median ${fmt(scroll.median)}, p95 ${fmt(scroll.p95)}, max ${fmt(scroll.max)} per frame; longest task ${fmt(scroll.longest)}`);
  }
  if (symbol) console.log(`first symbol page (builds the usage index)  ${symbol.ms} ms; longest task ${fmt(symbol.longest)}`);
  console.log(`wasm memory after the load                 ${mb(wasm)} for ${mb(input)} of input (${(wasm / Math.max(1, input)).toFixed(2)}×)`);
} finally {
  await browser.close();
  await server.close();
  if (!flag("--keep")) rmSync(tmp, { recursive: true, force: true });
}
