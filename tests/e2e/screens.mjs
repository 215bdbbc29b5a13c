#!/usr/bin/env node
// Screenshots of the explorer as a user sees it (not a test): the module list, a module
// overview, a tree, a symbol page with its why-chain, the search, a table, the source pane,
// find in tree and the symbol table with its holes, at 1400 px and 360 px wide, on the
// bundled sample of dist/; then, when ../shared is beside the repository, the sample with
// a Nimrod 0.9.0 text cache, a Nim 1.4.8 rodfiles.db and a nimony nimcache opened
// together: the cache picker, and the module list and a tree of the legacy and NIF
// caches. Written to tests/e2e/artifacts/screens/.
//
//   node tests/e2e/screens.mjs

import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startServer } from "../../tools/static-server.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const OUT = join(HERE, "artifacts", "screens");
mkdirSync(OUT, { recursive: true });
const server = await startServer({ root: resolve(HERE, "../../dist") });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const places = [
  ["list", "#/"],
  ["overview", "#/m/main.nim"],
  ["tree", "#/m/main.nim/top/35"],
  ["symbol", "#/search/totalArea", "#search-results a.sym"],
  ["search", "#/search/area"],
  ["table", "#/m/native.nim/actions"],
  ["types", "#/m/main.nim/types"],
  ["source", "#/m/main.nim/top/20"],
  ["find", "#/m/system.nim/bodies", null, async (page) => { await page.fill("#tree-find", "nkAsgn"); await page.press("#tree-find", "Enter"); }],
  ["syms-holes", "#/m/system.nim/syms"],
];
for (const width of [1400, 360]) {
  const context = await browser.newContext({ viewport: { width, height: width > 800 ? 900 : 740 } });
  const page = await context.newPage();
  page.on("console", (m) => m.type() === "error" && console.log(`console error: ${m.text()}`));
  await page.goto(server.url);
  await page.waitForFunction(() => document.querySelector(".app")?.dataset.loaded && !document.getElementById("progress"));
  for (const [name, hash, click, act] of places) {
    await page.goto(server.url + hash);
    await page.waitForFunction(() => document.querySelector(".app")?.dataset.loaded && !document.getElementById("progress"));
    if (click) await page.click(click);
    if (act) await act(page);
    await page.waitForTimeout(250);
    await page.screenshot({ path: join(OUT, `${name}-${width}.png`) });
  }
  await context.close();
}

// Several caches of one load (see tests/e2e/run.mjs for what they hold).
const SHARED = resolve(HERE, "../../../shared");
const DIRS = ["corpus-legacy/text-0.9.0/p1", "corpus-legacy/sqlite-1.4.8/p1", "corpus-nif/p1_hello/nimcache"].map((d) => join(SHARED, d));
const SAMPLE = join(HERE, "../../dist/sample");
// every file below (the nimcache's .live.nif is in a folder of it)
const filesIn = (dir) => readdirSync(dir, { recursive: true }).map((f) => join(dir, f)).filter((f) => statSync(f).isFile() && !f.endsWith(".json"));
const mixed = [
  ["picker", "#/"],
  ["legacy-list", "#/c=1/"],
  ["legacy-tree", "#/c=1/m/main/asts/6"],
  ["db-list", "#/c=2/"],
  ["db-tree", "#/c=2/m/main/top/1"],
  ["nif-list", "#/c=3/"],
  ["nif-tree", "#/c=3/m/mai3r4ykk/s/15"],
];
if (!DIRS.every(existsSync)) console.log("SKIP: the legacy and NIF screenshots: ../shared/corpus-legacy or corpus-nif absent");
else
  for (const width of [1400, 360]) {
    const context = await browser.newContext({ viewport: { width, height: width > 800 ? 900 : 740 } });
    const page = await context.newPage();
    page.on("console", (m) => m.type() === "error" && console.log(`console error: ${m.text()}`));
    await page.goto(server.url);
    await page.waitForFunction(() => document.querySelector(".app")?.dataset.loaded && !document.getElementById("progress"));
    const sample = existsSync(SAMPLE) ? filesIn(SAMPLE) : [];
    if (!sample.length) throw new Error("no sample in dist/: the cache numbers below assume it (scripts/build-web.sh)");
    const files = [...sample, ...DIRS.flatMap(filesIn)];
    await page.setInputFiles("#input-files", files);
    await page.waitForFunction(() => document.querySelectorAll("#cache-picker a").length > 1 && !document.getElementById("progress"), null, { timeout: 60_000 });
    for (const [name, hash] of mixed) {
      await page.evaluate((h) => (location.hash = h), hash);
      await page.waitForTimeout(400);
      await page.screenshot({ path: join(OUT, `${name}-${width}.png`) });
    }
    // the picker with the keyboard: focus on the second entry
    await page.evaluate(() => (location.hash = "#/"));
    await page.focus('#cache-picker a[data-cache="0"]');
    await page.keyboard.press("Tab");
    await page.waitForTimeout(150);
    await page.screenshot({ path: join(OUT, `picker-focus-${width}.png`) });
    await context.close();
  }
await browser.close();
await server.close();
console.log(`screenshots in ${OUT}`);
