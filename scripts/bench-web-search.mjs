#!/usr/bin/env node
// Search per keystroke in the page (a measuring script, not a test).
//
//   node scripts/bench-web-search.mjs [CACHE_DIR] [--headed]
//
// Serves dist/ (scripts/build-web.sh), opens it in Debian's chromium (playwright-core of
// tests/e2e/node_modules), loads CACHE_DIR (default: the largest test cache,
// ../shared/corpus/s2/nim-2.0.0/cache, 53 modules) through the folder picker, then types
// queries into the symbol search box one key at a time. Per keystroke it prints the time
// from the `input` event's dispatch (performance.now() just before it) to the results in
// the DOM (the count line naming the query) and to the next animation frame after that,
// and the search call alone as the wasm measured it (`<body data-search-ms>`, the
// Cache::search call in components/search.rs). Queries: one letter, two letters, and
// `name@module`. Prints `SKIP:` when the cache is missing.

import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { startServer } from "../tools/static-server.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const DIST = join(ROOT, "dist");
const args = process.argv.slice(2);
const cache = args.find((a) => !a.startsWith("--")) ?? join(ROOT, "../shared/corpus/s2/nim-2.0.0/cache");
if (!existsSync(cache)) {
  console.log(`SKIP: bench-web-search: no ${cache}`);
  process.exit(0);
}
if (!existsSync(join(DIST, "index.html"))) {
  console.error("bench-web-search: dist/ missing: run scripts/build-web.sh");
  process.exit(1);
}
const { chromium } = await import(join(ROOT, "tests/e2e/node_modules/playwright-core/index.mjs"));
const server = await startServer({ root: DIST });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: !args.includes("--headed"),
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update"],
});
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
try {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => document.querySelector(".app")?.dataset.loaded && !document.getElementById("progress"), null, { timeout: 60_000 });
  const before = await page.evaluate(() => document.querySelector(".app").dataset.loaded);
  await page.setInputFiles("#input-folder", cache);
  await page.waitForFunction((b) => { const v = document.querySelector(".app")?.dataset.loaded; return v && v !== b && !document.getElementById("progress"); }, before, { timeout: 600_000 });
  const modules = await page.evaluate(() => document.querySelector(".app").dataset.loaded);
  console.log(`bench-web-search: ${cache}: ${modules} modules`);
  for (const word of ["s", "t", "to", "se", "len@system", "add@strutils"]) {
    const times = [];
    for (let round = 0; round < 5; round++) {
      // type the word one key at a time from an empty box; time every keystroke
      await page.fill("#search", "");
      for (let i = 1; i <= word.length; i++) {
        const q = word.slice(0, i);
        const t = await page.evaluate(async (q) => {
          const box = document.getElementById("search");
          const shown = () => (document.getElementById("search-count")?.textContent ?? "").includes(`“${q}”`);
          const t0 = performance.now();
          box.value = q;
          box.dispatchEvent(new Event("input", { bubbles: true }));
          while (!shown()) await new Promise((r) => setTimeout(r, 0));
          const dom = performance.now() - t0;
          await new Promise((r) => requestAnimationFrame(r));
          return { dom, frame: performance.now() - t0, search: Number(document.body.dataset.searchMs ?? NaN), total: document.getElementById("search-count").dataset.total };
        }, q);
        if (i === word.length) times.push(t);
      }
    }
    const pick = (k) => median(times.map((t) => t[k])).toFixed(1);
    console.log(`  "${word}" (${times[0].total} matches): input → results ${pick("dom")} ms, → next frame ${pick("frame")} ms, Cache::search ${pick("search")} ms (median of ${times.length})`);
  }
} finally {
  await browser.close();
  await server.close();
}
