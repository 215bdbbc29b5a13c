#!/usr/bin/env node
// Screenshots of the explorer as a user sees it (not a test): the module list, a module
// overview, a tree, a symbol page with its why-chain, the search, a table, the source pane, find in
// tree and the symbol table with its holes, at 1400 px
// and 360 px wide, on the bundled sample of dist/. Written to tests/e2e/artifacts/screens/.
//
//   node tests/e2e/screens.mjs

import { mkdirSync } from "node:fs";
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
await browser.close();
await server.close();
console.log(`screenshots in ${OUT}`);
