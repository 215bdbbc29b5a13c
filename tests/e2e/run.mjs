#!/usr/bin/env node
// Browser tests of the rodscope web app: Debian's chromium (never a downloaded browser)
// driven by playwright-core.
//
//   node tests/e2e/run.mjs [--filter SUBSTRING] [--headed]
//
// Needs the builds: dist/ and dist-single/rodscope.html (scripts/build-web.sh). Serves them
// on 127.0.0.1 (dist/ also below a deep path, to check relative asset URLs), opens the
// single file from disk too, and checks in every test that the page logged no console
// error, threw nothing, and asked for nothing outside the origin it was served from.
// Screenshots go to tests/e2e/artifacts/. The last line is "N passed, N failed"; the exit
// code is non-zero if any test failed.
//
// The explorer tests use the bundled sample (dist/sample/, Nim 1.6) and, when present, the
// Nim 2.2 corpus ../shared/corpus/s1/nim-2.2.0/cache beside the repository (skipped with a message when
// absent). Expected counts come from `target/release/rodscope view` (cargo build --release
// -p rodscope); without it those comparisons are skipped with a message.

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { startServer } from "../../tools/static-server.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "../..");
const DIST = join(ROOT, "dist");
const SINGLE = join(ROOT, "dist-single", "rodscope.html");
const ARTIFACTS = join(HERE, "artifacts");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const TEST_TIMEOUT_MS = 90_000;

const args = process.argv.slice(2);
const filter = args.includes("--filter") ? args[args.indexOf("--filter") + 1] : null;
const headed = args.includes("--headed");

// ---------------------------------------------------------------------------------------
// Tiny harness.

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

class Failure extends Error {}
function assert(cond, msg) {
  if (!cond) throw new Failure(msg);
}
function assertEq(actual, expected, what) {
  if (actual !== expected)
    throw new Failure(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

let browser;
const servers = {};

/**
 * A fresh browser context + page that records console errors, page errors and every
 * request; requests outside `allowed` (a predicate on the URL) are aborted and recorded.
 */
async function openPage(allowed) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "assert") problems.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  await context.route("**/*", (route) => {
    const url = route.request().url();
    requests.push(url);
    if (allowed(url)) return route.continue();
    problems.push(`request outside the origin: ${url}`);
    return route.abort("blockedbyclient");
  });
  page.on("requestfailed", (r) => {
    if (allowed(r.url())) problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`);
  });
  const finish = async () => {
    await page.waitForTimeout(100); // let late console messages arrive
    await context.close();
    assert(problems.length === 0, `page problems:\n    ${problems.join("\n    ")}`);
  };
  return { page, context, problems, requests, finish };
}

const sameOrigin = (base) => (url) => url.startsWith("data:") || url.startsWith("blob:") || new URL(url).origin === new URL(base).origin;

/** Loads `url` and waits until the Yew app has rendered. */
async function loadApp(page, url) {
  await page.goto(url, { waitUntil: "load" });
  await page.waitForSelector(".app", { timeout: 20_000 });
}

const shot = (page, name) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
const hash = (page) => page.evaluate(() => location.hash);
const selectedLabel = (page) =>
  page.evaluate(() => document.querySelector('#tree [role=row][aria-selected="true"] .label')?.textContent ?? null);
const status = (page) => page.textContent("#status");

/** Waits (the app renders asynchronously) until the URL and/or the selected row are as given. */
async function expectAt(page, { hash: h = null, label = null }, what) {
  try {
    await page.waitForFunction(
      ([h, l]) =>
        (h === null || location.hash === h) &&
        (l === null || document.querySelector('#tree [role=row][aria-selected="true"] .label')?.textContent === l),
      [h, label],
      { timeout: 5000 },
    );
  } catch {
    throw new Failure(`${what}: expected ${h ?? "any URL"} / ${label ?? "any row"}, got ${await hash(page)} / ${await selectedLabel(page)}`);
  }
}

/** Waits until the element's attribute has the value. */
async function expectAttr(page, selector, attr, value, what) {
  try {
    await page.waitForFunction(
      ([s, a, v]) => document.querySelector(s)?.getAttribute(a) === v,
      [selector, attr, value],
      { timeout: 5000 },
    );
  } catch {
    const got = await page.evaluate(([s, a]) => document.querySelector(s)?.getAttribute(a), [selector, attr]);
    throw new Failure(`${what}: expected ${attr}=${JSON.stringify(value)}, got ${JSON.stringify(got)}`);
  }
}

// ---------------------------------------------------------------------------------------
// Helpers for the explorer.

const SAMPLE_DIR = join(DIST, "sample");
const SAMPLE = (() => {
  try {
    return JSON.parse(readFileSync(join(SAMPLE_DIR, "manifest.json"), "utf8")).files.map((f) => f.path);
  } catch {
    return [];
  }
})();
const SAMPLE_RODS = SAMPLE.filter((p) => p.endsWith(".rod"));
const sampleFile = (suffix) => SAMPLE.find((p) => p.endsWith(suffix));
const CORPUS_22 = join(ROOT, "../shared/corpus/s1/nim-2.2.0/cache");
// The CLI that gives the expected counts: the release build if there is one, else the
// debug build that `cargo test` (scripts/test.sh) leaves behind.
const RODSCOPE = [join(ROOT, "target", "release", "rodscope"), join(ROOT, "target", "debug", "rodscope")]
  .find((p) => existsSync(p)) ?? join(ROOT, "target", "release", "rodscope");

/** Waits until the app has loaded `n` modules (or any number) and is idle. */
async function waitLoaded(page, n = null, what = "load") {
  try {
    await page.waitForFunction(
      (n) => {
        const v = document.querySelector(".app")?.dataset.loaded;
        return v !== undefined && (n === null || Number(v) === n) && !document.getElementById("progress");
      },
      n,
      { timeout: 20_000 },
    );
  } catch {
    const got = await page.evaluate(() => document.querySelector(".app")?.dataset.loaded);
    throw new Failure(`${what}: expected ${n ?? "some"} modules loaded, got ${got}`);
  }
}

/** `rodscope view FILE`'s counts line, or null when the CLI is not built. */
function rodView(file) {
  if (!existsSync(RODSCOPE)) return null;
  const r = spawnSync(RODSCOPE, ["view", file], { encoding: "utf8" });
  const m = /symbols: (\d+) types: (\d+) top level nodes: (\d+) other nodes: (\d+) strings: (\d+) numbers: (\d+)/.exec(r.stdout);
  if (!m) throw new Failure(`rodscope view ${file}: no counts line`);
  const [symbols, types, topLevel, bodies, strings, numbers] = m.slice(1).map(Number);
  return { symbols, types, topLevel, bodies, strings, numbers };
}
let warnedCli = false;
function noCli() {
  // in CI the comparison is part of the test, never skipped
  if (process.env.CI) throw new Failure(`no rodscope CLI at ${RODSCOPE}: cargo build -p rodscope first`);
  if (!warnedCli) console.log(`    (skipped the count comparison: build ${RODSCOPE} with cargo build --release -p rodscope)`);
  warnedCli = true;
}

/** Waits for a selector's text to match. */
async function expectText(page, selector, re, what) {
  try {
    await page.waitForFunction(([s, src, flags]) => new RegExp(src, flags).test(document.querySelector(s)?.textContent ?? ""), [selector, re.source, re.flags], { timeout: 5000 });
  } catch {
    throw new Failure(`${what}: ${selector} should match ${re}, got ${JSON.stringify(await page.evaluate((s) => document.querySelector(s)?.textContent ?? null, selector))}`);
  }
}

const text = (page, sel) => page.evaluate((s) => document.querySelector(s)?.textContent ?? null, sel);
const num = async (page, sel) => Number(await page.getAttribute(sel, "data-value"));

/** Frame times while scrolling the tree: one step per animation frame. */
async function scrollFrames(page, selector, steps = 180, rowsPerFrame = 37) {
  return page.evaluate(
    async ([sel, steps, rpf]) => {
      const el = document.querySelector(sel);
      const frames = [];
      let last = performance.now();
      for (let i = 0; i < steps; i++) {
        el.scrollTop += 24 * rpf;
        await new Promise((r) => requestAnimationFrame(r));
        const now = performance.now();
        frames.push(now - last);
        last = now;
      }
      frames.sort((a, b) => a - b);
      return {
        median: frames[frames.length >> 1],
        p95: frames[Math.floor(frames.length * 0.95)],
        max: frames[frames.length - 1],
        rows: el.querySelectorAll("[role=row]").length,
      };
    },
    [selector, steps, rowsPerFrame],
  );
}

// ---------------------------------------------------------------------------------------
// Tests.

test("dist: the page starts on the bundled sample, strict CSP", async () => {
  const { page, finish, requests } = await openPage(sameOrigin(servers.dist.url));
  await loadApp(page, servers.dist.url);
  assertEq(await page.title(), "rodscope", "title");
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
  assert(csp && !csp.includes("inline-script-hashes"), `CSP placeholder not replaced: ${csp}`);
  assert(/script-src 'self' 'wasm-unsafe-eval' 'sha256-/.test(csp), `unexpected script-src: ${csp}`);
  assert(!csp.includes("unsafe-inline"), "CSP allows unsafe-inline");
  assert(requests.some((u) => u.endsWith(".wasm")), "no wasm request seen");
  if (SAMPLE_RODS.length) {
    await waitLoaded(page, SAMPLE_RODS.length, "sample");
    await page.waitForSelector("#modules tbody tr");
  } else {
    await page.waitForSelector(".welcome");
    console.log("    (no sample in this build: checked the welcome page only)");
  }
  await shot(page, "home");
  await finish();
});

test("dist: works from a deep URL path (relative asset URLs)", async () => {
  const { page, finish } = await openPage(sameOrigin(servers.deep.url));
  await loadApp(page, servers.deep.url + "#/demo");
  await page.waitForSelector("#tree [role=row]");
  if (SAMPLE_RODS.length) await waitLoaded(page, SAMPLE_RODS.length, "sample from a deep path");
  await finish();
});

test("demo: 100k rows, only a window of them in the DOM, smooth scrolling", async () => {
  const { page, finish } = await openPage(sameOrigin(servers.dist.url));
  await loadApp(page, servers.dist.url + "#/demo");
  await page.waitForSelector("#tree [role=row]");
  assertEq(await page.getAttribute("#tree", "aria-rowcount"), "100000", "aria-rowcount");
  const rendered = await page.locator("#tree [role=row]").count();
  assert(rendered > 10 && rendered < 120, `rendered rows: ${rendered}`);
  await shot(page, "demo-top");
  const m = await scrollFrames(page, "#tree", 240);
  console.log(`    scroll: median ${m.median.toFixed(1)} ms/frame, p95 ${m.p95.toFixed(1)} ms, max ${m.max.toFixed(1)} ms, ${m.rows} rows in DOM`);
  assert(m.rows < 120, `rows in DOM after scrolling: ${m.rows}`);
  const pos = await page.evaluate(() => {
    const el = document.getElementById("tree");
    const rows = el.querySelectorAll("[role=row]");
    const visible = [...rows].filter((r) => {
      const y = r.getBoundingClientRect().top - el.getBoundingClientRect().top;
      return y >= 0 && y < el.clientHeight;
    });
    return { top: el.scrollTop, first: Number(visible[0]?.getAttribute("aria-rowindex")) };
  });
  assertEq(pos.first, Math.floor(pos.top / 24) + 1, "first visible row matches scroll position");
  assert(m.p95 < 100, `scrolling too slow: p95 ${m.p95.toFixed(1)} ms per frame`);
  await page.evaluate(() => {
    const el = document.getElementById("tree");
    el.scrollTop = el.scrollHeight;
  });
  await page.waitForSelector("text=item_999_8_9");
  await shot(page, "demo-bottom");
  await finish();
});

test("demo: keyboard navigation updates selection, ARIA and URL", async () => {
  const { page, finish } = await openPage(sameOrigin(servers.dist.url));
  await loadApp(page, servers.dist.url + "#/demo");
  await page.waitForSelector("#tree [role=row]");
  const SEL = '#tree [role=row][aria-selected="true"]';
  await page.focus("#tree");
  await page.keyboard.press("Home");
  await expectAt(page, { hash: "#/demo/module/0", label: "module_0000.nim" }, "Home");
  await expectAttr(page, "#tree", "aria-activedescendant", "row-0", "tree after Home");
  // Three quick presses, without waiting for the app in between.
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowDown");
  await expectAt(page, { hash: "#/demo/module/0/symbols/1", label: "item_0_0_1" }, "3x ArrowDown");
  await expectAttr(page, SEL, "aria-level", "3", "selected row");
  await page.keyboard.press("ArrowLeft"); // to the parent section
  await expectAt(page, { hash: "#/demo/module/0/symbols", label: "symbols" }, "ArrowLeft to the parent");
  await expectAttr(page, SEL, "aria-expanded", "true", "section");
  await page.keyboard.press("ArrowLeft"); // collapse it
  await expectAttr(page, SEL, "aria-expanded", "false", "ArrowLeft collapses");
  await page.keyboard.press("ArrowRight"); // expand again
  await expectAttr(page, SEL, "aria-expanded", "true", "ArrowRight expands");
  await page.keyboard.press("End");
  await expectAt(page, { hash: "#/demo/module/999/imports/9", label: "item_999_8_9" }, "End");
  await page.keyboard.press("ArrowLeft");
  await expectAt(page, { hash: "#/demo/module/999/imports", label: "imports" }, "ArrowLeft from the last row");
  await page.keyboard.press("Enter"); // toggle (collapse) the section
  await expectAttr(page, SEL, "aria-expanded", "false", "Enter toggles");
  // Backspace is the browser's back: a click made a history entry, Backspace undoes it.
  await page.click('#tree [data-key="99978"]');
  await expectAt(page, { hash: "#/demo/module/999/methods", label: "methods" }, "click");
  await page.focus("#tree");
  await page.keyboard.press("Backspace");
  await expectAt(page, { hash: "#/demo/module/999/imports", label: "imports" }, "Backspace goes back");
  await shot(page, "demo-keyboard");
  await finish();
});

test("demo: clicks are history entries, back/forward restore the selection", async () => {
  const { page, finish } = await openPage(sameOrigin(servers.dist.url));
  await loadApp(page, servers.dist.url + "#/demo");
  await page.click("text=module_0000.nim");
  await expectAt(page, { hash: "#/demo/module/0", label: "module_0000.nim" }, "click");
  await page.click("text=item_0_0_2");
  await expectAt(page, { hash: "#/demo/module/0/symbols/2", label: "item_0_0_2" }, "second click");
  await page.goBack();
  await expectAt(page, { hash: "#/demo/module/0", label: "module_0000.nim" }, "back");
  await page.goForward();
  await expectAt(page, { hash: "#/demo/module/0/symbols/2", label: "item_0_0_2" }, "forward");
  await page.goto(servers.dist.url + "#/demo/module/500/types/3");
  await expectAt(page, { label: "item_500_1_3" }, "deep link");
  const inView = await page.evaluate(() => {
    const el = document.getElementById("tree");
    const r = el.querySelector('[aria-selected="true"]').getBoundingClientRect();
    const c = el.getBoundingClientRect();
    return r.top >= c.top && r.bottom <= c.bottom;
  });
  assert(inView, "deep-linked row is not scrolled into view");
  await page.goto(servers.dist.url + "#/demo/module/7/types/nope");
  await expectAt(page, { label: "types" }, "nearest ancestor");
  await finish();
});

test("sample: module list and counts match the decoder (rodscope view)", async () => {
  if (!SAMPLE_RODS.length) return console.log("    (no sample in this build: skipped)");
  const { page, finish } = await openPage(sameOrigin(servers.dist.url));
  await loadApp(page, servers.dist.url);
  await waitLoaded(page, SAMPLE_RODS.length, "sample");
  assertEq(await page.locator("#modules tbody tr").count(), SAMPLE_RODS.length, "module rows");
  assertEq(await page.getAttribute("#module-count", "data-count"), String(SAMPLE_RODS.length), "module count");
  for (const suffix of ["@mmain.rod", "@ssystem.rod"]) {
    const file = sampleFile(suffix);
    const want = rodView(join(SAMPLE_DIR, file));
    const row = `#modules tr[data-file="${file}"]`;
    if (!want) {
      noCli();
      break;
    }
    assertEq(Number(await text(page, `${row} [data-col=symbols]`)), want.symbols, `${file}: symbols in the list`);
    assertEq(Number(await text(page, `${row} [data-col=types]`)), want.types, `${file}: types in the list`);
    assert(Number(await text(page, `${row} [data-col=nodes]`)) >= want.topLevel + want.bodies, `${file}: nodes in the list`);
    await page.click(`${row} th a`);
    await page.waitForSelector("#count-symbols");
    assertEq(await num(page, "#count-symbols"), want.symbols, `${file}: symbols`);
    assertEq(await num(page, "#count-types"), want.types, `${file}: types`);
    assertEq(await num(page, "#count-toplevel"), want.topLevel, `${file}: top-level nodes`);
    assertEq(await num(page, "#count-bodies"), want.bodies, `${file}: bodies nodes`);
    assertEq(await num(page, "#count-strings"), want.strings, `${file}: strings`);
    assertEq(await num(page, "#count-numbers"), want.numbers, `${file}: numbers`);
    await expectText(page, "#module-compiler", /Nim 1\.6\.10/, "compiler");
    if (suffix === "@mmain.rod") await shot(page, "module-overview");
    await page.goBack();
    await page.waitForSelector("#modules");
  }
  // Sorting: by symbols, descending (keyboard: the header is a button).
  const sortButton = page.locator("#modules thead button", { hasText: "Symbols" });
  await sortButton.click();
  await sortButton.focus();
  await page.keyboard.press("Enter");
  await expectAttr(page, "#modules thead th:nth-child(4)", "aria-sort", "descending", "sort by symbols");
  await expectText(page, "#modules tbody tr:first-child th", /^system\.nim$/, "largest module first");
  // .alivesyms: every module matches.
  assertEq(await page.locator("#modules td.check .ok").count(), SAMPLE_RODS.length, "✓ against .alivesyms");
  await shot(page, "module-list");
  await finish();
});

test("sample: tree view of system.rod bodies, virtualized, keyboard and expansion", async () => {
  if (!SAMPLE_RODS.length) return console.log("    (no sample in this build: skipped)");
  const { page, finish } = await openPage(sameOrigin(servers.dist.url));
  await loadApp(page, servers.dist.url + "#/m/system.nim/bodies");
  await waitLoaded(page, SAMPLE_RODS.length);
  await page.waitForSelector("#tree [role=row]");
  const want = rodView(join(SAMPLE_DIR, sampleFile("@ssystem.rod")));
  const roots = Number(await page.getAttribute("#tree", "aria-rowcount"));
  await page.focus("#tree");
  await page.keyboard.press("Home");
  await expectAt(page, { hash: "#/m/system.nim/bodies/0" }, "Home");
  await page.keyboard.press("ArrowRight");
  await expectAttr(page, '#tree [role=row][aria-selected="true"]', "aria-expanded", "true", "ArrowRight expands");
  await page.keyboard.press("*");
  await page.waitForFunction((n) => Number(document.getElementById("tree").getAttribute("aria-rowcount")) > n, roots + 1);
  await page.click("text=Expand all");
  if (want) {
    // Every node is a row, except the two operand nodes of each nkModuleRef.
    const tree = spawnSync(RODSCOPE, ["tree", "--section", "bodies", join(SAMPLE_DIR, sampleFile("@ssystem.rod"))], { encoding: "utf8", maxBuffer: 1 << 28 });
    const refs = (tree.stdout.match(/ nkModuleRef /g) || []).length;
    await expectAttr(page, "#tree", "aria-rowcount", String(want.bodies - 2 * refs), "every bodies node is a row");
    await expectText(page, "#tree-caption", new RegExp(`bodies of system\\.nim · ${want.bodies} nodes`), "caption");
  }
  const m = await scrollFrames(page, "#tree", 180);
  console.log(`    system.rod bodies (${await page.getAttribute("#tree", "aria-rowcount")} rows): median ${m.median.toFixed(1)} ms/frame, p95 ${m.p95.toFixed(1)} ms, max ${m.max.toFixed(1)} ms, ${m.rows} rows in DOM`);
  assert(m.rows < 150, `rows in DOM: ${m.rows}`);
  assert(m.p95 < 100, `scrolling too slow: p95 ${m.p95.toFixed(1)} ms`);
  await page.click("text=Collapse all");
  await expectAttr(page, "#tree", "aria-rowcount", String(roots), "collapse all");
  await page.goto(servers.dist.url + "#/m/main.nim/top/35");
  await waitLoaded(page, SAMPLE_RODS.length);
  await expectAttr(page, '#tree [role=row][aria-selected="true"]', "data-key", "35", "deep link to a node");
  await shot(page, "tree");
  await finish();
});

test("sample: follow an nkModuleRef into another module, and back", async () => {
  if (!SAMPLE_RODS.length) return console.log("    (no sample in this build: skipped)");
  const { page, finish } = await openPage(sameOrigin(servers.dist.url));
  await loadApp(page, servers.dist.url + "#/m/main.nim/top/35");
  await waitLoaded(page, SAMPLE_RODS.length);
  await expectAttr(page, '#tree [role=row][aria-selected="true"]', "data-key", "35", "the nkModuleRef row");
  await expectText(page, '#tree [data-key="35"] .label', /nkModuleRef.*containers\.nim: Stack/, "row label");
  await page.focus("#tree");
  await page.keyboard.press("Enter"); // follow the link
  await expectAt(page, { hash: "#/m/containers.nim/sym/1" }, "Enter on an nkModuleRef");
  await expectText(page, "#sym-name", /^Stack$/, "symbol name");
  await expectText(page, "#sym-kind", /^skType$/, "symbol kind");
  await page.goBack();
  await expectAt(page, { hash: "#/m/main.nim/top/35" }, "back");
  await expectAttr(page, '#tree [role=row][aria-selected="true"]', "data-key", "35", "selection after back");
  // A click on the symbol link in a row, then Backspace in the tree goes back.
  await page.click('#tree [data-key="35"] a.sym');
  await expectAt(page, { hash: "#/m/containers.nim/sym/1" }, "click on the symbol");
  await page.focus("#tree");
  await page.keyboard.press("Backspace");
  await expectAt(page, { hash: "#/m/main.nim/top/35" }, "Backspace");
  await finish();
});

test("sample: search, a symbol with its why-alive chain and usages", async () => {
  if (!SAMPLE_RODS.length) return console.log("    (no sample in this build: skipped)");
  const { page, finish } = await openPage(sameOrigin(servers.dist.url));
  await loadApp(page, servers.dist.url);
  await waitLoaded(page, SAMPLE_RODS.length);
  await page.click("#search");
  await page.keyboard.type("totalAr");
  await expectAt(page, { hash: "#/search/totalAr" }, "search URL");
  await expectText(page, "#search-count", /1 match/, "search count");
  await shot(page, "search");
  await page.click("#search-results a.sym");
  await page.waitForSelector("#sym-name");
  await expectText(page, "#sym-name", /^totalArea$/, "symbol");
  await expectText(page, "#sym-alive", /alive/, "alive");
  await expectText(page, "#sym-file-check", /✓/, ".alivesyms agrees");
  const steps = await page.locator("#why-chain li").count();
  assert(steps >= 1, "no why-alive chain");
  await expectText(page, "#why-chain li:first-child", /top level of main\.nim/, "chain starts at a root");
  assert((await page.locator("#usages li").count()) >= 1, "no usages");
  // a usage inside a body names (and links) the routine whose body it is in
  await expectText(page, "#usages", /in report \(skProc #\d+\)/, "usage owner");
  assert((await page.locator('#usages li a.sym:has-text("report")').count()) >= 1, "usage owner is a link");
  await page.waitForSelector("#tree [role=row]"); // the definition tree
  await shot(page, "symbol-why");
  // Each step is clickable: the first goes to the top-level node that made it alive.
  await page.click("#why-chain li:first-child a.site");
  await page.waitForFunction(() => /^#\/m\/main\.nim\/top\/\d+$/.test(location.hash));
  await page.waitForSelector('#tree [role=row][aria-selected="true"]');
  // A dead symbol says why not.
  await page.goto(servers.dist.url + "#/search/square");
  await waitLoaded(page);
  await page.click('#search-results tr:has-text("skTemplate") a.sym');
  await expectText(page, "#why-dead", /Not alive/, "why dead");
  await finish();
});

test("sample: symbol table alive marks against .alivesyms, filters", async () => {
  if (!SAMPLE_RODS.length) return console.log("    (no sample in this build: skipped)");
  const { page, finish } = await openPage(sameOrigin(servers.dist.url));
  await loadApp(page, servers.dist.url + "#/m/main.nim/syms");
  await waitLoaded(page, SAMPLE_RODS.length);
  await page.waitForSelector("#symbols [role=row][data-sym]");
  assert((await page.locator("#symbols .c-file .ok").count()) > 5, "no ✓ marks");
  assertEq(await page.locator("#symbols .c-file .bad").count(), 0, "✗ marks");
  await page.selectOption("#sym-alive", "alive");
  await expectText(page, "#sym-count", /^100 shown/, "alive filter");
  assertEq(await page.locator("#symbols .mark.dead").count(), 0, "dead marks among alive symbols");
  await page.selectOption("#sym-alive", "dead");
  await page.waitForFunction(() => document.querySelectorAll("#symbols .mark.alive").length === 0 && document.querySelectorAll("#symbols .mark.dead").length > 0);
  await page.selectOption("#sym-alive", "all");
  await page.fill("#sym-filter", "totalArea");
  await expectText(page, "#sym-count", /^1 shown/, "name filter");
  await finish();
});

test("sample: the <img onerror> string literal renders as text", async () => {
  if (!SAMPLE_RODS.length) return console.log("    (no sample in this build: skipped)");
  const { page, finish, problems } = await openPage(sameOrigin(servers.dist.url));
  page.on("dialog", (d) => {
    problems.push(`dialog: ${d.message()}`);
    d.dismiss();
  });
  await loadApp(page, servers.dist.url + "#/m/literals.nim/top/113");
  await waitLoaded(page, SAMPLE_RODS.length);
  await expectText(page, '#tree [data-key="113"] .lit', /^"<img src=x onerror=alert\(1\)>"$/, "literal row");
  await expectText(page, "#node-detail code.lit", /<img src=x onerror=alert\(1\)>/, "detail pane");
  await page.goto(servers.dist.url + "#/m/literals.nim/strings");
  await page.fill("#strings-filter", "onerror");
  await expectText(page, "#strings .vrow:not(.vhead) .c-value", /<img src=x onerror=alert\(1\)>/, "strings table");
  assertEq(await page.evaluate(() => document.querySelectorAll("img").length), 0, "img elements");
  await page.waitForTimeout(200);
  await finish();
});

test("sample: a shared deep link reloads to the same place", async () => {
  if (!SAMPLE_RODS.length) return console.log("    (no sample in this build: skipped)");
  const { page, finish } = await openPage(sameOrigin(servers.dist.url));
  await loadApp(page, servers.dist.url + "#/m/containers.nim/sym/1");
  await waitLoaded(page, SAMPLE_RODS.length);
  await expectText(page, "#sym-name", /^Stack$/, "deep link");
  await page.reload();
  await page.waitForSelector(".app");
  await waitLoaded(page, SAMPLE_RODS.length);
  await expectText(page, "#sym-name", /^Stack$/, "after reload");
  await page.goto(servers.dist.url + "#/m/main.nim/actions");
  await page.goto(servers.dist.url + "#/m/native.nim/actions");
  await expectText(page, "#replay", /passc -DRODSCOPE_DEMO=1|passc "-DRODSCOPE_DEMO=1"/, "replay actions");
  await finish();
});

const activeTag = (page) =>
  page.evaluate(() => {
    const a = document.activeElement;
    return a ? `${a.tagName.toLowerCase()}${a.id ? "#" + a.id : ""}` : "none";
  });

test("sample: focus moves into the new view after Enter and loads; Backspace works outside trees", async () => {
  if (!SAMPLE_RODS.length) return console.log("    (no sample in this build: skipped)");
  const { page, finish } = await openPage(sameOrigin(servers.dist.url));
  await loadApp(page, servers.dist.url + "#/m/main.nim/top/35");
  await waitLoaded(page, SAMPLE_RODS.length);
  // after the load the focus is in the view, not on <body>
  await page.waitForFunction(() => document.activeElement && document.activeElement !== document.body);
  await page.focus("#tree");
  await page.keyboard.press("Enter"); // follow the nkModuleRef
  await expectAt(page, { hash: "#/m/containers.nim/sym/1" }, "Enter on an nkModuleRef");
  await page.waitForFunction(() => document.activeElement && document.activeElement !== document.body);
  const after = await activeTag(page);
  assert(after !== "body", `focus after Enter: ${after}`);
  await page.keyboard.press("Backspace"); // wherever the focus went, Backspace goes back
  await expectAt(page, { hash: "#/m/main.nim/top/35" }, "Backspace after Enter");
  await page.waitForFunction(() => document.activeElement && document.activeElement !== document.body);
  // Backspace on a page without a tree (the overview, focus on a tab) goes back too
  await page.click("#tab-overview");
  await expectAt(page, { hash: "#/m/main.nim" }, "overview tab");
  await page.keyboard.press("Backspace");
  await expectAt(page, { hash: "#/m/main.nim/top/35" }, "Backspace on the overview");
  // ...but not in a text input
  await page.goto(servers.dist.url + "#/m/main.nim/syms");
  await page.fill("#sym-filter", "ab");
  await page.focus("#sym-filter");
  await page.keyboard.press("Backspace");
  await expectAt(page, { hash: "#/m/main.nim/syms" }, "Backspace in a text input stays");
  assertEq(await page.inputValue("#sym-filter"), "a", "Backspace edits the input");
  // `/` focuses the search; ArrowDown moves into the results
  await page.focus("#tab-syms");
  await page.keyboard.press("/");
  assertEq(await activeTag(page), "input#search", "/ focuses the search");
  await page.keyboard.type("area");
  await expectAt(page, { hash: "#/search/area" }, "typing after /");
  await page.waitForSelector("#search-results a.sym");
  await page.keyboard.press("ArrowDown");
  await page.waitForFunction(() => document.activeElement?.matches("#search-results a.sym"));
  const first = await page.evaluate(() => document.activeElement.textContent);
  await page.keyboard.press("ArrowDown");
  await page.waitForFunction((f) => document.activeElement?.matches("#search-results a.sym") && document.activeElement.closest("tr") !== document.querySelector("#search-results tbody tr"), first);
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  assertEq(await activeTag(page), "input#search", "ArrowUp from the first result returns to the box");
  await finish();
});

test("sample: module tabs are one tab stop with arrow keys; counts say what they count", async () => {
  if (!SAMPLE_RODS.length) return console.log("    (no sample in this build: skipped)");
  const { page, finish } = await openPage(sameOrigin(servers.dist.url));
  await loadApp(page, servers.dist.url + "#/m/system.nim/syms");
  await waitLoaded(page, SAMPLE_RODS.length);
  await page.waitForSelector("#symbols [role=row][data-sym]");
  assertEq(await page.locator("[role=tablist] [role=tab]").count() > 3, true, "tabs");
  assertEq(await page.locator('[role=tablist] [role=tab][tabindex="0"]').count(), 1, "one tab stop");
  assertEq(await page.getAttribute("#tab-syms", "aria-selected"), "true", "the symbols tab is selected");
  assertEq(await page.getAttribute("#tab-panel", "aria-labelledby"), "tab-syms", "the panel names its tab");
  await page.focus("#tab-syms");
  await page.keyboard.press("ArrowRight");
  assertEq(await activeTag(page), "a#tab-types", "ArrowRight moves to the next tab");
  await page.keyboard.press("Home");
  assertEq(await activeTag(page), "a#tab-overview", "Home");
  await page.keyboard.press("ArrowLeft");
  assertEq(await activeTag(page), "a#tab-tables", "ArrowLeft wraps");
  // The symbols tab counts what the table lists; the holes are said, not hidden.
  const label = await text(page, "#tab-syms");
  const listed = Number(/\((\d+)\)/.exec(label)[1]);
  await expectText(page, "#sym-count", new RegExp(`^${listed} shown`), "tab count = rows listed without a filter");
  const holes = Number(await page.getAttribute("#sym-count", "data-holes"));
  if (holes > 0) await expectText(page, "#sym-count", new RegExp(`counts ${listed + holes}: ${holes} slots? (is|are) empty`), "holes");
  console.log(`    system.nim: ${listed} symbols listed, ${holes} holes`);
  // tree tabs count nodes, like the caption
  for (const slug of ["replay", "toplevel", "bodies"]) {
    const tab = page.locator(`#tab-${slug}`);
    if (!(await tab.count())) continue;
    const n = Number(/\((\d+)\)/.exec(await tab.textContent())[1]);
    await tab.click();
    await expectText(page, "#tree-caption", new RegExp(`· ${n} nodes`), `${slug} tab count = caption's nodes`);
  }
  // tree column headers
  assert((await page.locator("#tree-head [role=columnheader]").count()) >= 2, "column headers");
  assertEq(await page.getAttribute("#tree", "aria-owns"), "tree-head", "the treegrid owns its header row");
  // the details pane splitter works from the keyboard
  await page.goto(servers.dist.url + "#/m/main.nim/top/35");
  await page.waitForSelector("#detail-splitter");
  const w0 = await page.evaluate(() => document.querySelector(".split > .detail").getBoundingClientRect().width);
  await page.focus("#detail-splitter");
  await page.keyboard.press("Shift+ArrowLeft");
  await page.waitForFunction((w) => document.querySelector(".split > .detail").getBoundingClientRect().width > w + 30, w0);
  // and so does a column's
  const c0 = await page.evaluate(() => document.querySelector("#tree .cell-pos").getBoundingClientRect().width);
  await page.focus("#col-pos-splitter");
  await page.keyboard.press("Shift+ArrowLeft");
  await page.waitForFunction((w) => document.querySelector("#tree .cell-pos").getBoundingClientRect().width > w + 30, c0);
  // a mistyped module with a cache loaded
  await page.goto(servers.dist.url + "#/m/nosuch.nim");
  await expectText(page, "#welcome-notice", /has no module “nosuch\.nim”/, "mistyped module");
  // a deep link to a folded operand stays and says where it is shown
  await page.goto(servers.dist.url + "#/m/main.nim/top/36");
  await expectText(page, "#tree-note", /node 36 is an operand shown in row 35/, "folded node");
  assertEq(await hash(page), "#/m/main.nim/top/36", "the deep link stays");
  await finish();
});

test("sample: find in tree reaches a node in a collapsed subtree; next and previous", async () => {
  if (!SAMPLE_RODS.length) return console.log("    (no sample in this build: skipped)");
  const { page, finish } = await openPage(sameOrigin(servers.dist.url));
  await loadApp(page, servers.dist.url + "#/m/system.nim/bodies");
  await waitLoaded(page, SAMPLE_RODS.length);
  await page.waitForSelector("#tree [role=row]");
  const roots = Number(await page.getAttribute("#tree", "aria-rowcount"));
  // collapsed: every row is a root
  assertEq(await page.locator('#tree [role=row][aria-level="1"]').count(), await page.locator("#tree [role=row]").count(), "starts collapsed");
  await page.fill("#tree-find", "nkAsgn");
  await page.waitForFunction(() => Number(document.getElementById("tree-find-count")?.dataset.count) > 1);
  const n = Number(await page.getAttribute("#tree-find-count", "data-count"));
  await page.press("#tree-find", "Enter");
  await page.waitForFunction(() => /^#\/m\/system\.nim\/bodies\/\d+$/.test(location.hash));
  await page.waitForSelector('#tree [role=row][aria-selected="true"]');
  const sel = page.locator('#tree [role=row][aria-selected="true"]');
  assert(Number(await sel.getAttribute("aria-level")) > 1, "the match is below a root (was collapsed)");
  await expectText(page, '#tree [role=row][aria-selected="true"] .kind', /^nkAsgn$/, "the selected row is a match");
  await expectText(page, "#tree-find-count", new RegExp(`^1 of ${n}$`), "count");
  assert(Number(await page.getAttribute("#tree", "aria-rowcount")) > roots, "expanded to reach it");
  assertEq(await activeTag(page), "input#tree-find", "focus stays in the find box");
  const firstHash = await hash(page);
  await page.press("#tree-find", "Enter");
  await expectText(page, "#tree-find-count", new RegExp(`^2 of ${n}$`), "next");
  await page.press("#tree-find", "Shift+Enter");
  await page.press("#tree-find", "Shift+Enter");
  await expectText(page, "#tree-find-count", new RegExp(`^${n} of ${n}$`), "previous wraps to the last");
  await page.click("#tree-find-next");
  await expectAt(page, { hash: firstHash }, "next wraps to the first");
  // :LINE
  await page.fill("#tree-find", ":1");
  await page.waitForFunction(() => document.getElementById("tree-find-count")?.dataset.count !== undefined);
  await shot(page, "find-in-tree");
  console.log(`    system.nim bodies: ${n} nkAsgn matches`);
  await finish();
});

/** Clicks the source pane at LINE:COL (the middle of that character). */
async function clickSource(page, line, col) {
  const at = await page.evaluate(([line, col]) => {
    const row = document.querySelector(`#source [data-line="${line}"]`);
    if (!row) return null;
    row.scrollIntoView({ block: "center" });
    // find the text node holding column `col` (segments carry their first column)
    for (const seg of row.querySelectorAll("[data-off]")) {
      const off = Number(seg.dataset.off);
      const t = seg.firstChild;
      if (!t || off + t.length <= col) continue;
      const r = document.createRange();
      r.setStart(t, col - off);
      r.setEnd(t, col - off + 1);
      const b = r.getBoundingClientRect();
      return [b.left + b.width / 2, b.top + b.height / 2];
    }
    return null;
  }, [line, col]);
  if (!at) throw new Failure(`no source text at ${line}:${col}`);
  await page.mouse.click(at[0], at[1]);
}

test("sample: the source pane highlights the selected node's line:col; a click selects the node there", async () => {
  if (!SAMPLE_RODS.length) return console.log("    (no sample in this build: skipped)");
  if (!SAMPLE.some((p) => p.endsWith("main.nim"))) return console.log("    (the sample has no .nim sources: skipped)");
  const { page, finish } = await openPage(sameOrigin(servers.dist.url));
  await page.setViewportSize({ width: 1400, height: 900 });
  await loadApp(page, servers.dist.url + "#/m/main.nim/top/35");
  await waitLoaded(page, SAMPLE_RODS.length);
  await page.waitForSelector("#source-pane");
  await expectText(page, "#source-file", /^main\.nim$/, "the module's source");
  assertEq(await page.locator("#source-fresh").count(), 1, "the bundled source matches the recorded SHA-1");
  // For several nodes: the highlighted line and column are the node's recorded position.
  await page.click("text=Expand all");
  const keys = await page.evaluate(() =>
    [...document.querySelectorAll("#tree [role=row]")]
      .filter((r) => /^\d+:\d+$/.test(r.querySelector(".cell-pos")?.textContent ?? ""))
      .map((r) => [Number(r.dataset.key), r.querySelector(".cell-pos").textContent]),
  );
  assert(keys.length >= 10, `rows with positions: ${keys.length}`);
  let checked = 0;
  for (const [key, pos] of keys.filter((_, i) => i % Math.ceil(keys.length / 8) === 0)) {
    const [line, col] = pos.split(":").map(Number);
    await page.goto(servers.dist.url + `#/m/main.nim/top/${key}`);
    await expectAttr(page, "#source .src-line.hl", "data-line", String(line), `highlighted line of node ${key} (${pos})`);
    const markOff = await page.evaluate(() => document.querySelector("#source .src-line.hl mark.src-col")?.dataset.off ?? null);
    assertEq(markOff, String(col), `highlighted column of node ${key}`);
    const visible = await page.evaluate(() => {
      const r = document.querySelector("#source .src-line.hl").getBoundingClientRect();
      const b = document.getElementById("source").getBoundingClientRect();
      return r.top >= b.top && r.bottom <= b.bottom;
    });
    assert(visible, `line ${line} scrolled into view`);
    checked++;
  }
  // A click at a node's position selects that node (or a deeper one at the same place).
  let clicked = 0;
  const cstep = Math.max(2, Math.floor(keys.length / 6));
  for (const [key, pos] of keys.filter((_, i) => i % cstep === 1)) {
    const [line, col] = pos.split(":").map(Number);
    await page.goto(servers.dist.url + "#/m/main.nim/top/0");
    await page.waitForSelector("#source-pane");
    await clickSource(page, line, col);
    await page.waitForFunction((h) => location.hash !== h && /^#\/m\/main\.nim\/top\/\d+$/.test(location.hash), "#/m/main.nim/top/0");
    const got = Number((await hash(page)).split("/").pop());
    const gotPos = await text(page, `#tree [data-key="${got}"] .cell-pos`);
    assertEq(gotPos, pos, `click at ${pos} (node ${key}) selects a node at that position (got ${got})`);
    clicked++;
  }
  // The proc name of totalArea: its symbol node.
  await clickSource(page, 16, 7);
  await expectText(page, '#tree [role=row][aria-selected="true"] .label', /totalArea/, "click on the name totalArea");
  await shot(page, "source-pane");
  // A second drop of main.nim alone: changed, it is flagged stale; the same text again is fresh.
  const dir = mkdtempSync(join(tmpdir(), "rodscope-e2e-"));
  try {
    const orig = readFileSync(join(SAMPLE_DIR, sampleFile("src/main.nim")));
    writeFileSync(join(dir, "main.nim"), Buffer.concat([orig, Buffer.from("# changed\n")]));
    await page.setInputFiles("#input-files", [join(dir, "main.nim")]);
    await page.waitForSelector("#source-stale");
    assertEq(await hash(page), "#/m/main.nim/top/" + (await hash(page)).split("/").pop(), "the view stays");
    writeFileSync(join(dir, "main.nim"), orig);
    await page.setInputFiles("#input-files", [join(dir, "main.nim")]);
    await page.waitForSelector("#source-fresh");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`    main.nim: highlight checked for ${checked} nodes, click for ${clicked} positions`);
  await finish();
});

test("embed: no header, opens at the view and selection, keeps &embed", async () => {
  if (!SAMPLE_RODS.length) return console.log("    (no sample in this build: skipped)");
  const { page, finish } = await openPage(sameOrigin(servers.dist.url));
  await loadApp(page, servers.dist.url + "#/m/main.nim/top/35&embed");
  await waitLoaded(page, SAMPLE_RODS.length);
  assertEq(await page.locator(".topbar").count(), 0, "no header");
  await expectAttr(page, '#tree [role=row][aria-selected="true"]', "data-key", "35", "selection");
  const open = await page.getAttribute("#open-full", "href");
  assert(open.endsWith("#/m/main.nim/top/35") && !open.includes("embed"), `open in rodscope: ${open}`);
  await page.focus("#tree");
  await page.keyboard.press("ArrowDown");
  await page.waitForFunction(() => /^#\/m\/main\.nim\/top\/\d+&embed$/.test(location.hash) && location.hash !== "#/m/main.nim/top/35&embed");
  await finish();
});

test("embed: #load= loads a folder of the same origin by its manifest; 360 px", async () => {
  if (!SAMPLE_RODS.length) return console.log("    (no sample in this build: skipped)");
  const { page, finish, requests } = await openPage(sameOrigin(servers.dist.url));
  // here the folder is the sample's own (it has a manifest.json)
  await loadApp(page, servers.dist.url + "#load=sample/&embed");
  await waitLoaded(page, SAMPLE_RODS.length, "#load=");
  await page.waitForSelector("#modules");
  assert(requests.some((u) => u.endsWith("/sample/manifest.json")), "the folder's manifest was fetched");
  assertEq(await page.locator(".topbar").count(), 0, "no header with #load=&embed");
  await page.setViewportSize({ width: 360, height: 740 });
  for (const h of ["#/&embed", "#/m/main.nim/top/35&embed", "#/m/main.nim/syms&embed"]) {
    await page.goto(servers.dist.url + h);
    await page.waitForTimeout(200);
    const [sw, iw] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    assert(sw <= iw, `${h} at 360 px scrolls horizontally: ${sw} > ${iw}`);
  }
  await shot(page, "embed-360");
  await finish();
});

test("sample: copy a permalink and a subtree as JSON; export the symbol and type tables as CSV", async () => {
  if (!SAMPLE_RODS.length) return console.log("    (no sample in this build: skipped)");
  const { page, context, finish } = await openPage(sameOrigin(servers.dist.url));
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: servers.dist.url });
  await loadApp(page, servers.dist.url + "#/m/main.nim/top");
  await waitLoaded(page, SAMPLE_RODS.length);
  // a node with children
  const root = Number(await page.getAttribute("#tree [role=row][aria-expanded]", "data-key"));
  await page.goto(servers.dist.url + `#/m/main.nim/top/${root}`);
  await page.waitForSelector("#copy-permalink");
  await page.click("#copy-permalink");
  await expectText(page, "#copied", /permalink copied/, "permalink");
  assertEq(await page.evaluate(() => navigator.clipboard.readText()), servers.dist.url + `#/m/main.nim/top/${root}`, "the permalink");
  await page.click("#copy-json");
  await expectText(page, "#copied", /subtree copied as JSON/, "json");
  const doc = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
  assertEq(doc.module, "main.nim", "json module");
  assertEq(doc.root, root, "json root");
  assert(doc.nodes.length > 1 && doc.nodes.slice(1).every((x) => x.depth >= 1), "the subtree below its root");
  const size = Number(/(\d+) nodes?/.exec(await text(page, "#node-detail"))[1]);
  assertEq(doc.nodes.length, size, "json nodes = the subtree's size");
  assertEq(doc.nodes[0].depth, 0, "root depth");
  assertEq(doc.nodes[0].kind, await text(page, `#tree [data-key="${root}"] .kind`), "root kind");
  // CSV of the symbols: one row per listed symbol
  await page.goto(servers.dist.url + "#/m/main.nim/syms");
  await page.waitForSelector("#syms-csv");
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click("#syms-csv")]);
  const csv = readFileSync(await dl.path(), "utf8").trim().split("\r\n");
  const listed = Number(/\((\d+)\)/.exec(await text(page, "#tab-syms"))[1]);
  assertEq(csv[0], "id,name,kind,alive,in record,type,flags,position", "csv head");
  assertEq(csv.length - 1, listed, "csv rows = symbols listed");
  assert(csv.some((l) => /^\d+,totalArea,skProc,yes,yes,/.test(l)), "totalArea row");
  await page.goto(servers.dist.url + "#/m/main.nim/types");
  await page.waitForSelector("#types-csv");
  const [dl2] = await Promise.all([page.waitForEvent("download"), page.click("#types-csv")]);
  const tcsv = readFileSync(await dl2.path(), "utf8").trim().split("\r\n");
  assertEq(tcsv[0], "id,kind,type,symbol,flags", "types csv head");
  const types = Number(/\((\d+)\)/.exec(await text(page, "#tab-types"))[1]);
  assertEq(tcsv.length - 1, types, "types csv rows");
  console.log(`    main.nim: json ${doc.nodes.length} nodes, csv ${listed} symbols, ${types} types`);
  await finish();
});

test("sample: a lone .alivesyms gives one message and keeps what was loaded", async () => {
  if (!SAMPLE_RODS.length) return console.log("    (no sample in this build: skipped)");
  const dir = mkdtempSync(join(tmpdir(), "rodscope-e2e-"));
  try {
    const rel = SAMPLE.find((p) => p.endsWith("@mmain.alivesyms"));
    writeFileSync(join(dir, "@mmain.alivesyms"), readFileSync(join(SAMPLE_DIR, rel)));
    const { page, finish } = await openPage(sameOrigin(servers.dist.url));
    await loadApp(page, servers.dist.url);
    await waitLoaded(page, SAMPLE_RODS.length);
    await page.setInputFiles("#input-files", [join(dir, "@mmain.alivesyms")]);
    await expectText(page, ".statusbar [role=alert]", /1 \.alivesyms record but no \.rod file/, "the message");
    assertEq(await page.locator("[role=alert]").count(), 1, "one message");
    assertEq(Number(await page.evaluate(() => document.querySelector(".app").dataset.loaded)), SAMPLE_RODS.length, "the sample stays");
    assertEq(await page.locator("#module-count").count(), 1, "the module list stays");
    await finish();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("sample: first visit explains the sample and how to make a cache; no horizontal scroll at 360 px", async () => {
  if (!SAMPLE_RODS.length) return console.log("    (no sample in this build: skipped)");
  const { page, context, finish } = await openPage(sameOrigin(servers.dist.url));
  await loadApp(page, servers.dist.url);
  await waitLoaded(page, SAMPLE_RODS.length);
  await expectText(page, "#sample-intro", /This is a sample/, "intro");
  await expectText(page, "#howto", /--incremental:on --nimcache:DIR/, "1.6 command");
  await expectText(page, "#howto", /--ic:on/, "2.x command");
  await expectText(page, "#howto", /~\/\.cache\/nim\/<project>_d/, "where a nimcache lives");
  assert(await page.isVisible("#drop-target"), "the drop area is visible without dragging");
  await page.setViewportSize({ width: 360, height: 740 });
  for (const h of ["#/", "#/m/main.nim", "#/m/main.nim/top/35", "#/m/system.nim/bodies", "#/m/main.nim/syms", "#/m/containers.nim/sym/1", "#/search/area", "#/m/native.nim/actions"]) {
    await page.goto(servers.dist.url + h);
    await waitLoaded(page, SAMPLE_RODS.length);
    await page.waitForTimeout(150);
    const [sw, iw] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    assert(sw <= iw, `${h} at 360 px scrolls horizontally: ${sw} > ${iw}`);
  }
  await finish();
});

test("files: picking files loads them by content, counts others, shows decode errors", async () => {
  if (!SAMPLE_RODS.length) return console.log("    (no sample in this build: skipped)");
  const dir = mkdtempSync(join(tmpdir(), "rodscope-e2e-"));
  try {
    const names = ["@mmain", "@mshapes", "@mcolors", "@mliterals", "@ssystem"];
    const files = [];
    for (const n of names) {
      const rel = SAMPLE.find((p) => p.endsWith(`${n}.rod`));
      const bytes = readFileSync(join(SAMPLE_DIR, rel));
      const base = rel.split("/").pop();
      if (n === "@ssystem") {
        // A deliberately corrupted copy: truncated in the middle.
        writeFileSync(join(dir, base), bytes.subarray(0, bytes.length >> 1));
      } else if (n === "@mcolors") {
        // An IC file without the usual extension: recognised by its content.
        writeFileSync(join(dir, "colors.data"), bytes);
        files.push(join(dir, "colors.data"));
        continue;
      } else {
        writeFileSync(join(dir, base), bytes);
        writeFileSync(join(dir, base.replace(/\.rod$/, ".alivesyms")), readFileSync(join(SAMPLE_DIR, rel.replace(/\.rod$/, ".alivesyms"))));
        files.push(join(dir, base.replace(/\.rod$/, ".alivesyms")));
      }
      files.push(join(dir, base));
    }
    writeFileSync(join(dir, "notes.txt"), "hello");
    files.push(join(dir, "notes.txt"));
    const { page, finish } = await openPage(sameOrigin(servers.dist.url));
    await loadApp(page, servers.dist.url);
    await waitLoaded(page, SAMPLE_RODS.length);
    await page.setInputFiles("#input-files", files);
    await waitLoaded(page, 4, "picked files");
    assertEq(await page.locator("#modules tbody tr").count(), 5, "rows (4 modules + 1 failed)");
    const failed = page.locator("#modules tr.failed");
    assertEq(await failed.count(), 1, "failed rows");
    const err = await failed.locator("td.status").textContent();
    assert(/in section \w+ \(at offset 0x[0-9a-f]+\)/.test(err), `error names section and offset: ${err}`);
    await expectText(page, "#status", /1 error, 1 skipped/, "status");
    await shot(page, "module-list-error");
    // The others work; references into the broken system module are unresolved.
    await page.goto(servers.dist.url + "#/m/main.nim/top/1");
    await page.waitForSelector('#tree [data-key="1"]');
    await page.click("text=Expand all");
    const unresolved = await page.locator("#tree .unresolved").first().textContent();
    assert(/system\.nim.*module not loaded/.test(unresolved), `unresolved reference: ${unresolved}`);
    await finish();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("files: picking a folder keeps relative paths", async () => {
  if (!SAMPLE_RODS.length) return console.log("    (no sample in this build: skipped)");
  const dir = mkdtempSync(join(tmpdir(), "rodscope-e2e-"));
  try {
    mkdirSync(join(dir, "nimcache", "sub"), { recursive: true });
    const src = (n) => readFileSync(join(SAMPLE_DIR, sampleFile(n)));
    writeFileSync(join(dir, "nimcache", "@mmain.rod"), src("@mmain.rod"));
    writeFileSync(join(dir, "nimcache", "sub", "@mshapes.rod"), src("@mshapes.rod"));
    writeFileSync(join(dir, "nimcache", "m.nim.c"), "int x;");
    const { page, finish } = await openPage(sameOrigin(servers.dist.url));
    await loadApp(page, servers.dist.url);
    await waitLoaded(page, SAMPLE_RODS.length);
    await page.setInputFiles("#input-folder", join(dir, "nimcache"));
    // two folders are two caches (never linked): one module each, by relative path
    await waitLoaded(page, 1, "picked folder");
    assertEq(await page.locator("#cache-picker a.cache-choice").count(), 2, "one cache per folder");
    const files = await page.$$eval("#modules tbody tr", (els) => els.map((e) => e.dataset.file));
    await page.click('#cache-picker a[data-cache="1"]');
    await page.waitForFunction(() => document.querySelector("#modules tbody tr")?.dataset.file === "nimcache/sub/@mshapes.rod");
    files.push(...(await page.$$eval("#modules tbody tr", (els) => els.map((e) => e.dataset.file))));
    assertEq(JSON.stringify(files), JSON.stringify(["nimcache/@mmain.rod", "nimcache/sub/@mshapes.rod"]), "file paths");
    await expectText(page, "#status", /1 skipped/, "status");
    await finish();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("files: dropping files on the page loads them", async () => {
  if (!SAMPLE_RODS.length) return console.log("    (no sample in this build: skipped)");
  const { page, finish } = await openPage(sameOrigin(servers.dist.url));
  await loadApp(page, servers.dist.url);
  await waitLoaded(page, SAMPLE_RODS.length);
  const bytes = [...readFileSync(join(SAMPLE_DIR, sampleFile("@mshapes.rod")))];
  await page.evaluate((bytes) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(bytes)], "dropped.rod"));
    const zone = document.querySelector(".drop-zone");
    zone.dispatchEvent(new DragEvent("dragenter", { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, bytes);
  await waitLoaded(page, 1, "dropped file");
  await expectText(page, "#modules tbody tr th", /^shapes\.nim$/, "dropped module");
  await finish();
});

test("corpus: a Nim 2.2 cache with its .alivesyms (and mixing it with 1.6)", async () => {
  if (!existsSync(CORPUS_22)) return console.log(`    (skipped: ${CORPUS_22} is absent)`);
  const all = readdirSync(CORPUS_22).map((f) => join(CORPUS_22, f));
  const rods = all.filter((f) => f.endsWith(".rod"));
  const { page, finish } = await openPage(sameOrigin(servers.dist.url));
  await loadApp(page, servers.dist.url);
  if (SAMPLE_RODS.length) await waitLoaded(page, SAMPLE_RODS.length);
  await page.setInputFiles("#input-files", all);
  await waitLoaded(page, rods.length, "corpus");
  assertEq(await page.locator("#modules tbody tr").count(), rods.length, "module rows");
  assertEq(await page.locator('#modules tbody td:text-is("Nim 2.2.0")').count(), rods.length, "compiler column");
  assertEq(await page.locator("#modules td.check .ok").count(), rods.length, "✓ against .alivesyms");
  const want = rodView(join(CORPUS_22, "@ms1.rod"));
  await page.click('#modules tr[data-file="@ms1.rod"] th a');
  await page.waitForSelector("#count-symbols");
  await expectText(page, "#module-compiler", /Nim 2\.2\.0/, "overview compiler");
  await expectText(page, "#module-version", /Nim 2\.2\.0/, "module badge");
  if (want) {
    assertEq(await num(page, "#count-symbols"), want.symbols, "s1: symbols");
    assertEq(await num(page, "#count-types"), want.types, "s1: types");
    assertEq(await num(page, "#count-toplevel"), want.topLevel, "s1: top-level nodes");
    assertEq(await num(page, "#count-bodies"), want.bodies, "s1: bodies nodes");
  } else noCli();
  await shot(page, "corpus-22-overview");
  // Mixed with the 1.6 sample: two programs (one per compiler) in one drop are two
  // caches, never linked, each of one version with all its ✓ marks.
  if (SAMPLE.length) {
    const sample = SAMPLE.map((p) => join(SAMPLE_DIR, p));
    await page.setInputFiles("#input-files", [...all, ...sample]);
    await page.waitForFunction(() => document.querySelectorAll("#cache-picker a.cache-choice").length === 2);
    const labels = await page.$$eval("#cache-picker a.cache-choice", (as) => as.map((a) => a.textContent));
    for (const [v, n] of [["2.2.0", rods.length], ["1.6.10", SAMPLE_RODS.length]]) {
      const i = labels.findIndex((l) => l.includes(`Nim ${v}`) && l.includes(`(${n} modules)`) && /program /.test(l));
      assert(i >= 0, `mixed: a cache of Nim ${v} with ${n} modules: ${JSON.stringify(labels)}`);
      await page.click(`#cache-picker a[data-cache="${i}"]`);
      await waitLoaded(page, n, `mixed: Nim ${v}`);
      assertEq(await page.locator("#modules td.check .ok").count(), n, `mixed: Nim ${v}: ✓ against .alivesyms`);
    }
    await shot(page, "mixed-versions");
  }
  await finish();
});

// ---------------------------------------------------------------------------------------
// Every format: text .rod (Nimrod 0.9.0), rodfiles.db (Nim 1.4.8), nimony NIF, and a drop
// of several formats at once (one cache each, the picker switches between them).

const SHARED = join(ROOT, "../shared");
const LEGACY_TEXT = join(SHARED, "corpus-legacy/text-0.9.0/p1");
const LEGACY_DB = join(SHARED, "corpus-legacy/sqlite-1.4.8/p1/rodfiles.db");
const NIF_CACHE = join(SHARED, "corpus-nif/p1_hello/nimcache");
/** The `SKIP:` line of a test whose ../shared data is absent (paths relative to the repo). */
function skipWithout(...paths) {
  const missing = paths.filter((p) => !existsSync(p));
  if (!missing.length) return false;
  console.log(`SKIP: ${missing.map((p) => "../shared/" + p.slice(SHARED.length + 1)).join(", ")} absent`);
  return true;
}
// What the view layer makes of them (module counts and keys, trees with cross-module
// references), as `rod_view`'s own tests of these caches find.
const LEGACY_TEXT_MODULES = 9; // 6 .rod files and the 3 they name (system, strutils, tables)
const LEGACY_DB_MODULES = 23;
const LEGACY_DB_MAIN = "main";
const LEGACY_DB_TREE = "top";
const NIF_MODULES = 5;
const NIF_MAIN = "mai3r4ykk"; // main.nim
const NIF_TREE = "s";
const filesIn = (dir) => readdirSync(dir).map((f) => join(dir, f)).filter((f) => !statSync(f).isDirectory());

/** Drops files on the page as a real drop does (a DataTransfer of File objects). */
async function dropFiles(page, paths) {
  const files = paths.map((p) => ({ name: basename(p), b64: readFileSync(p).toString("base64") }));
  await page.evaluate((files) => {
    const dt = new DataTransfer();
    for (const f of files) {
      const bin = atob(f.b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      dt.items.add(new File([bytes], f.name));
    }
    const zone = document.querySelector(".drop-zone");
    zone.dispatchEvent(new DragEvent("dragenter", { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, files);
}

/** The module list's rows: [key from the link, row text]. */
const moduleRows = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll("#modules tbody tr")].map((r) => [
      decodeURIComponent((r.querySelector("th a")?.getAttribute("href") ?? "").replace(/^#\/(c=\d+\/)?m\//, "")),
      r.textContent,
    ]),
  );

/**
 * Opens tree `word` of module `key`, expands it all and scrolls through it until a row
 * links a symbol of another module; returns that row's key and the link.
 */
async function findCrossModuleLink(page, prefix, key, word) {
  await page.goto(page.url().replace(/#.*$/, "") + `${prefix}m/${encodeURIComponent(key)}/${word}`);
  await page.waitForSelector("#tree [role=row]");
  await page.click("#tree-panel button:text-is('Expand all'), button:text-is('Expand all')");
  for (let i = 0; i < 400; i++) {
    const hit = await page.evaluate(
      ([own]) => {
        for (const r of document.querySelectorAll("#tree [role=row]")) {
          for (const a of r.querySelectorAll("a.sym")) {
            const m = /^#\/(?:c=\d+\/)?m\/([^/]+)\/sym\//.exec(a.getAttribute("href") ?? "");
            if (m && decodeURIComponent(m[1]) !== own) return { row: r.dataset.key, href: a.getAttribute("href"), text: a.textContent };
          }
        }
        const t = document.querySelector("#tree");
        if (t.scrollTop + t.clientHeight >= t.scrollHeight) return "end";
        t.scrollTop += t.clientHeight;
        return null;
      },
      [key],
    );
    if (hit === "end") break;
    if (hit) return hit;
    await page.waitForTimeout(30);
  }
  throw new Failure(`${key}/${word}: no row links a symbol of another module`);
}

/** Follows the link found by `findCrossModuleLink` and checks the symbol page it opens. */
async function followCrossModule(page, hit, what, check = null) {
  await page.click(`#tree [data-key="${hit.row}"] a.sym[href="${hit.href}"]`);
  await expectAt(page, { hash: hit.href }, `${what}: click on ${hit.text}`);
  await page.waitForSelector("#sym-name");
  const name = await text(page, "#sym-name");
  assert(name && hit.text.includes(name), `${what}: the symbol page of ${hit.text} shows ${name}`);
  if (check) await check();
  await page.goBack();
  await page.waitForSelector("#tree [role=row]");
}

/** Checks the module list and one tree of a single-cache load. */
async function browseModules(page, want, what) {
  const rows = await moduleRows(page);
  assertEq(rows.length, want.modules, `${what}: module rows`);
  assert(rows.some(([k]) => k === want.main), `${what}: module ${want.main} listed (${rows.map((r) => r[0]).join(", ")})`);
  assertEq(await page.locator("#cache-picker").count(), 0, `${what}: no picker for one cache`);
}

test("legacy: a Nimrod 0.9.0 text .rod cache dropped: module list, a tree, a reference across modules", async () => {
  if (skipWithout(LEGACY_TEXT)) return;
  const files = filesIn(LEGACY_TEXT);
  const { page, finish } = await openPage(sameOrigin(servers.dist.url));
  await loadApp(page, servers.dist.url);
  if (SAMPLE_RODS.length) await waitLoaded(page, SAMPLE_RODS.length);
  await dropFiles(page, files);
  await waitLoaded(page, LEGACY_TEXT_MODULES, "text .rod");
  await browseModules(page, { modules: LEGACY_TEXT_MODULES, main: "main" }, "text .rod");
  await expectText(page, "#modules", /Nimrod 0\.9\.0/, "compiler column");
  await shot(page, "legacy-text-list");
  const hit = await findCrossModuleLink(page, "#/", "main", "asts");
  assert(Number(await page.locator("#tree [role=row]").count()) > 0, "text .rod: tree rows");
  await followCrossModule(page, hit, "text .rod");
  console.log(`    ORACLE: text .rod 0.9.0: ${LEGACY_TEXT_MODULES} modules, main row ${hit.row} -> ${hit.href}`);
  await finish();
});

test("legacy: a Nim 1.4.8 rodfiles.db dropped: module list, a reference across modules", async () => {
  if (skipWithout(LEGACY_DB)) return;
  const { page, finish } = await openPage(sameOrigin(servers.dist.url));
  await loadApp(page, servers.dist.url);
  if (SAMPLE_RODS.length) await waitLoaded(page, SAMPLE_RODS.length);
  await dropFiles(page, [LEGACY_DB]);
  await waitLoaded(page, LEGACY_DB_MODULES, "rodfiles.db");
  await browseModules(page, { modules: LEGACY_DB_MODULES, main: LEGACY_DB_MAIN }, "rodfiles.db");
  await expectText(page, "#modules", /Nim 1\.4\.8/, "compiler column");
  await shot(page, "legacy-db-list");
  const hit = await findCrossModuleLink(page, "#/", LEGACY_DB_MAIN, LEGACY_DB_TREE);
  await followCrossModule(page, hit, "rodfiles.db");
  console.log(`    ORACLE: rodfiles.db 1.4.8: ${LEGACY_DB_MODULES} modules, ${LEGACY_DB_MAIN} row ${hit.row} -> ${hit.href}`);
  await finish();
});

test("nif: a nimony nimcache dropped: a symbol of another module followed, live marks", async () => {
  if (skipWithout(NIF_CACHE)) return;
  const { page, finish } = await openPage(sameOrigin(servers.dist.url));
  await loadApp(page, servers.dist.url);
  if (SAMPLE_RODS.length) await waitLoaded(page, SAMPLE_RODS.length);
  // the folder picker: the compiler's .live.nif is in a folder of the nimcache
  await page.setInputFiles("#input-folder", NIF_CACHE);
  await waitLoaded(page, NIF_MODULES, "NIF");
  await browseModules(page, { modules: NIF_MODULES, main: NIF_MAIN }, "NIF");
  // the live set, checked against the compiler's .live.nif: a mark in every row
  assertEq(await page.locator("#modules td.check .ok").count(), NIF_MODULES, "✓ against the .live.nif");
  await shot(page, "nif-list");
  const hit = await findCrossModuleLink(page, "#/", NIF_MAIN, NIF_TREE);
  assert(await page.locator("#tree .mark.alive").count() > 0, "NIF: alive marks in the tree");
  await followCrossModule(page, hit, "NIF", async () => expectText(page, "#sym-alive", /alive/, "NIF: the symbol is alive"));
  console.log(`    ALIVE: NIF p1_hello: ${NIF_MODULES} modules checked, ${NIF_MAIN} row ${hit.row} -> ${hit.href}`);
  await finish();
});

test("caches: a drop of several formats gives one cache each, the picker switches (mouse and keyboard)", async () => {
  if (skipWithout(LEGACY_TEXT, LEGACY_DB, NIF_CACHE)) return;
  const { page, finish } = await openPage(sameOrigin(servers.dist.url));
  await loadApp(page, servers.dist.url);
  if (SAMPLE_RODS.length) await waitLoaded(page, SAMPLE_RODS.length);
  const sample = SAMPLE.map((p) => join(SAMPLE_DIR, p));
  await dropFiles(page, [...sample, ...filesIn(LEGACY_TEXT), LEGACY_DB, ...filesIn(NIF_CACHE)]);
  const first = SAMPLE_RODS.length || LEGACY_TEXT_MODULES;
  await waitLoaded(page, first, "mixed drop");
  const want = [
    ...(SAMPLE_RODS.length ? [[/packed \.rod/, SAMPLE_RODS.length]] : []),
    [/text \.rod/, LEGACY_TEXT_MODULES],
    [/rodfiles\.db/, LEGACY_DB_MODULES],
    [/NIF/, NIF_MODULES],
  ];
  const choices = page.locator("#cache-picker a.cache-choice");
  assertEq(await choices.count(), want.length, "caches in the picker");
  for (let i = 0; i < want.length; i++) {
    const t = await choices.nth(i).textContent();
    assert(want[i][0].test(t) && t.includes(`${want[i][1]} module`), `picker entry ${i}: ${t}`);
  }
  assertEq(await page.getAttribute('#cache-picker a[aria-current="true"]', "data-cache"), "0", "first cache shown");
  await shot(page, "caches-picker");
  // a click: the rodfiles.db cache, its module list, its URL
  const db = want.findIndex((w) => w[0].source.includes("rodfiles"));
  await choices.nth(db).click();
  await expectAt(page, { hash: `#/c=${db}/` }, "picker click");
  await waitLoaded(page, LEGACY_DB_MODULES, "rodfiles.db shown");
  assertEq((await moduleRows(page)).length, LEGACY_DB_MODULES, "rodfiles.db module rows");
  // links inside carry the cache
  await page.click(`#modules tbody th a[href="#/c=${db}/m/${LEGACY_DB_MAIN}"]`);
  await expectAt(page, { hash: `#/c=${db}/m/${LEGACY_DB_MAIN}` }, "module link in cache " + db);
  assertEq(await page.getAttribute('.crumbs a:text-is("Modules")', "href"), `#/c=${db}/`, "the way back to this cache's list");
  assertEq(await page.getAttribute(".brand a", "href"), `#/c=${db}/`, "the brand link stays in the cache");
  // the keyboard alone: Tab to the NIF entry, Enter
  const nif = want.length - 1;
  await page.focus(`#cache-picker a[data-cache="0"]`);
  for (let i = 0; i < nif; i++) await page.keyboard.press("Tab");
  assertEq(await page.evaluate(() => document.activeElement?.dataset.cache), String(nif), "Tab reaches the NIF entry");
  await page.keyboard.press("Enter");
  await expectAt(page, { hash: `#/c=${nif}/` }, "picker Enter");
  await waitLoaded(page, NIF_MODULES, "NIF shown");
  assertEq(await page.getAttribute('#cache-picker a[aria-current="true"]', "data-cache"), String(nif), "NIF marked current");
  // back: the rodfiles.db module again; back again: its list; an old link: the first cache
  await page.goBack();
  await expectAt(page, { hash: `#/c=${db}/m/${LEGACY_DB_MAIN}` }, "back");
  await waitLoaded(page, LEGACY_DB_MODULES, "back to rodfiles.db");
  await page.evaluate(() => (location.hash = "#/"));
  await waitLoaded(page, first, "a link without c= shows the first cache");
  await shot(page, "caches-back");
  // narrow: the entries are one sideways row, and the shown cache's entry is in view
  await page.setViewportSize({ width: 360, height: 740 });
  await page.evaluate((h) => (location.hash = h), `#/c=${nif}/`);
  await waitLoaded(page, NIF_MODULES, "NIF shown, narrow");
  await page.waitForTimeout(100);
  const inView = await page.evaluate(() => {
    const ul = document.querySelector("#cache-picker ul").getBoundingClientRect();
    const cur = document.querySelector('#cache-picker a[aria-current="true"]').getBoundingClientRect();
    return cur.left >= ul.left - 1 && cur.right <= ul.right + 1 && ul.height < 60;
  });
  assert(inView, "narrow: the picker is one row with the shown cache in view");
  console.log(`    ORACLE: mixed drop: ${want.length} caches (${want.map((w) => w[1]).join(", ")} modules), switched by click, Enter, back and a plain link`);
  await finish();
});

test("single file: works from disk with no network at all", async () => {
  const url = pathToFileURL(SINGLE).href;
  const { page, finish, requests } = await openPage((u) => u === url || u.startsWith(url + "#") || u.startsWith("data:"));
  await loadApp(page, url + "#/demo");
  await page.waitForSelector("#tree [role=row]");
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
  assert(/default-src 'none'/.test(csp) && /connect-src 'none'/.test(csp), `single-file CSP: ${csp}`);
  assert(!csp.includes("unsafe-inline"), "single-file CSP allows unsafe-inline");
  assert(requests.every((u) => !u.endsWith(".wasm") && !u.endsWith(".js")), `requests: ${requests}`);
  if (SAMPLE_RODS.length) {
    await waitLoaded(page, SAMPLE_RODS.length, "embedded sample");
    await page.goto(url + "#/m/main.nim/top/35");
    await page.waitForSelector('#tree [role=row][aria-selected="true"]');
    await page.focus("#tree");
    await page.keyboard.press("Enter");
    await expectText(page, "#sym-name", /^Stack$/, "link from file://");
    await shot(page, "single-sample");
  }
  await finish();
});

test("single file: also works when served", async () => {
  const { page, finish } = await openPage(sameOrigin(servers.single.url));
  await loadApp(page, servers.single.url + "rodscope.html");
  if (SAMPLE_RODS.length) await waitLoaded(page, SAMPLE_RODS.length, "embedded sample");
  else await page.waitForSelector(".welcome");
  await finish();
});

// ---------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------
// Further suites: every tests/e2e/suites/*.mjs exports a default function that is given
// the harness (test, assertions, page helpers, paths) and registers its tests with `test`.
// One file per pane or feature, so work on different panes never edits the same file.

const SUITES = join(HERE, "suites");
const harness = {
  test, assert, assertEq, Failure, openPage, sameOrigin, loadApp, shot, hash, selectedLabel, status,
  expectAt, expectAttr, waitLoaded, rodView, noCli, expectText, text, num, scrollFrames,
  skipWithout, dropFiles, moduleRows, findCrossModuleLink, followCrossModule, browseModules, filesIn,
  servers, ROOT, DIST, SINGLE, ARTIFACTS, SAMPLE, SAMPLE_DIR, SAMPLE_RODS, sampleFile, SHARED, RODSCOPE,
  get browser() { return browser; },
};
if (existsSync(SUITES))
  for (const f of readdirSync(SUITES).filter((f) => f.endsWith(".mjs")).sort()) {
    const suite = await import(pathToFileURL(join(SUITES, f)).href);
    suite.default(harness);
  }

async function main() {
  for (const [what, p] of [["dist/ (scripts/build-web.sh)", join(DIST, "index.html")], ["dist-single/rodscope.html (scripts/build-web.sh)", SINGLE]])
    if (!existsSync(p)) {
      console.error(`e2e: missing ${what}`);
      console.log("0 passed, 1 failed");
      process.exit(1);
    }
  mkdirSync(ARTIFACTS, { recursive: true });
  servers.dist = await startServer({ root: DIST });
  servers.deep = await startServer({ root: DIST, prefix: "/some/deep/path/" });
  servers.single = await startServer({ root: dirname(SINGLE) });
  // playwright's launch() starts chromium with a new, empty profile (--user-data-dir of its
  // own in a temporary folder), removed on close.
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: !headed,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  let passed = 0;
  let failed = 0;
  for (const t of tests) {
    if (filter && !t.name.includes(filter)) continue;
    const t0 = Date.now();
    try {
      let timer;
      await Promise.race([
        t.fn(),
        new Promise((_, fail) => (timer = setTimeout(() => fail(new Failure(`timed out after ${TEST_TIMEOUT_MS} ms`)), TEST_TIMEOUT_MS))),
      ]).finally(() => clearTimeout(timer));
      passed++;
      console.log(`ok   ${t.name} (${Date.now() - t0} ms)`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${t.name} (${Date.now() - t0} ms)\n    ${e instanceof Failure ? e.message : e.stack}`);
    }
  }
  await browser.close();
  await Promise.all(Object.values(servers).map((s) => s.close()));
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  console.log("0 passed, 1 failed");
  process.exit(1);
});
