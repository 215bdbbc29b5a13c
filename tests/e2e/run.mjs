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

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { startServer } from "../../tools/static-server.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "../..");
const DIST = join(ROOT, "dist");
const SINGLE = join(ROOT, "dist-single", "rodscope.html");
const ARTIFACTS = join(HERE, "artifacts");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const TEST_TIMEOUT_MS = 60_000;

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
// Tests.

test("dist: the start page loads without errors, strict CSP", async () => {
  const { page, finish, requests } = await openPage(sameOrigin(servers.dist.url));
  await loadApp(page, servers.dist.url);
  assertEq(await page.title(), "rodscope", "title");
  await page.waitForSelector(".welcome");
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
  assert(csp && !csp.includes("inline-script-hashes"), `CSP placeholder not replaced: ${csp}`);
  assert(/script-src 'self' 'wasm-unsafe-eval' 'sha256-/.test(csp), `unexpected script-src: ${csp}`);
  assert(!csp.includes("unsafe-inline"), "CSP allows unsafe-inline");
  assert(requests.some((u) => u.endsWith(".wasm")), "no wasm request seen");
  await shot(page, "home");
  await finish();
});

test("dist: works from a deep URL path (relative asset URLs)", async () => {
  const { page, finish } = await openPage(sameOrigin(servers.deep.url));
  await loadApp(page, servers.deep.url + "#/demo");
  await page.waitForSelector("#tree [role=row]");
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

  // Scroll through a long stretch, one step per animation frame, and time the frames.
  const m = await page.evaluate(async () => {
    const el = document.getElementById("tree");
    const frames = [];
    let last = performance.now();
    for (let i = 0; i < 240; i++) {
      el.scrollTop += 24 * 37; // ~37 rows per frame: 8880 rows in all
      await new Promise((r) => requestAnimationFrame(r));
      const now = performance.now();
      frames.push(now - last);
      last = now;
    }
    frames.sort((a, b) => a - b);
    const rows = el.querySelectorAll("[role=row]");
    const top = el.scrollTop;
    const visible = [...rows].filter((r) => {
      const y = r.getBoundingClientRect().top - el.getBoundingClientRect().top;
      return y >= 0 && y < el.clientHeight;
    });
    return {
      median: frames[frames.length >> 1],
      p95: frames[Math.floor(frames.length * 0.95)],
      max: frames[frames.length - 1],
      rows: rows.length,
      top,
      firstVisible: Number(visible[0]?.getAttribute("aria-rowindex")),
    };
  });
  console.log(`    scroll: median ${m.median.toFixed(1)} ms/frame, p95 ${m.p95.toFixed(1)} ms, max ${m.max.toFixed(1)} ms, ${m.rows} rows in DOM`);
  assert(m.rows < 120, `rows in DOM after scrolling: ${m.rows}`);
  assertEq(m.firstVisible, Math.floor(m.top / 24) + 1, "first visible row matches scroll position");
  assert(m.p95 < 100, `scrolling too slow: p95 ${m.p95.toFixed(1)} ms per frame`);

  // The very end.
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
  const before = await page.evaluate(() => history.length);
  await page.keyboard.press("Backspace"); // to the parent, as a history entry
  await expectAt(page, { hash: "#/demo/module/999/imports", label: "imports" }, "Backspace");
  assertEq(await page.evaluate(() => history.length), before + 1, "history entries after Backspace");
  await page.keyboard.press("Enter"); // toggle (collapse) the section
  await expectAttr(page, SEL, "aria-expanded", "false", "Enter toggles");
  await shot(page, "demo-keyboard");
  await page.goBack();
  await expectAt(page, { hash: "#/demo/module/999/imports/9", label: "item_999_8_9" }, "back after Backspace");
  await expectAttr(page, SEL, "aria-level", "3", "row restored by back");
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
  // Deep link far down: the row is selected and scrolled into view.
  await page.goto(servers.dist.url + "#/demo/module/500/types/3");
  await expectAt(page, { label: "item_500_1_3" }, "deep link");
  const inView = await page.evaluate(() => {
    const el = document.getElementById("tree");
    const r = el.querySelector('[aria-selected="true"]').getBoundingClientRect();
    const c = el.getBoundingClientRect();
    return r.top >= c.top && r.bottom <= c.bottom;
  });
  assert(inView, "deep-linked row is not scrolled into view");
  // A path that does not exist selects its nearest existing ancestor, and the URL follows.
  await page.goto(servers.dist.url + "#/demo/module/7/types/nope");
  await expectAt(page, { hash: "#/demo/module/7/types", label: "types" }, "nearest ancestor");
  await shot(page, "demo-deeplink");
  await finish();
});

test("files: picking files loads .rod/.alivesyms and skips the rest", async () => {
  const { page, finish } = await openPage(sameOrigin(servers.dist.url));
  await loadApp(page, servers.dist.url);
  const bytes = Buffer.from([0x52, 0x4f, 0x44, 0x31, 1, 2, 3, 4]);
  await page.setInputFiles("#input-files", [
    { name: "a.rod", mimeType: "application/octet-stream", buffer: bytes },
    { name: "a.alivesyms", mimeType: "application/octet-stream", buffer: Buffer.from("x") },
    { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hello") },
  ]);
  await expectAt(page, { hash: "#/module/0", label: "a.alivesyms" }, "after loading");
  const st = await status(page);
  assert(st.includes("2 files loaded, 1 skipped"), `status: ${st}`);
  await page.click("text=a.rod");
  await expectAt(page, { hash: "#/module/1", label: "a.rod" }, "click on the second file");
  const hex = await page.textContent(".detail .hex");
  assert(hex.startsWith("52 4f 44 31"), `first bytes: ${hex}`);
  await shot(page, "files");
  await finish();
});

test("files: picking a folder keeps relative paths", async () => {
  const dir = mkdtempSync(join(tmpdir(), "rodscope-e2e-"));
  try {
    mkdirSync(join(dir, "nimcache", "sub"), { recursive: true });
    writeFileSync(join(dir, "nimcache", "m.rod"), "rod");
    writeFileSync(join(dir, "nimcache", "sub", "n.rod"), "rod");
    writeFileSync(join(dir, "nimcache", "m.nim.c"), "c");
    const { page, finish } = await openPage(sameOrigin(servers.dist.url));
    await loadApp(page, servers.dist.url);
    await page.setInputFiles("#input-folder", join(dir, "nimcache"));
    await expectAt(page, { hash: "#/module/0", label: "nimcache/m.rod" }, "after picking the folder");
    const labels = await page.$$eval("#tree [role=row] .label", (els) => els.map((e) => e.textContent));
    assertEq(JSON.stringify(labels), JSON.stringify(["nimcache/m.rod", "nimcache/sub/n.rod"]), "labels");
    const st = await status(page);
    assert(st.includes("2 files loaded, 1 skipped"), `status: ${st}`);
    await finish();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("files: dropping files on the page loads them", async () => {
  const { page, finish } = await openPage(sameOrigin(servers.dist.url));
  await loadApp(page, servers.dist.url);
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array([1, 2, 3])], "dropped.rod"));
    const zone = document.querySelector(".drop-zone");
    zone.dispatchEvent(new DragEvent("dragenter", { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await expectAt(page, { hash: "#/module/0", label: "dropped.rod" }, "dropped file");
  await finish();
});

test("sample: the bundled sample loads (if the build has one)", async () => {
  const manifest = JSON.parse(readFileSync(join(DIST, "sample", "manifest.json"), "utf8"));
  const { page, finish } = await openPage(sameOrigin(servers.dist.url));
  await loadApp(page, servers.dist.url);
  if (!manifest.files.length) {
    await page.waitForTimeout(300);
    assertEq(await page.locator("#load-sample").count(), 0, "Load sample button without a sample");
    console.log("    (no sample in this build: only checked that the button is absent)");
  } else {
    await page.click("#load-sample");
    await page.waitForFunction(() => location.hash === "#/module/0");
    const rows = await page.locator("#tree [role=row]").count();
    assert(rows > 0, "no rows after loading the sample");
    const st = await status(page);
    assert(st.includes(`${manifest.files.length} file`), `status: ${st}`);
    await shot(page, "sample");
  }
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
  await shot(page, "single-demo");
  if ((await page.locator("#load-sample").count()) > 0) {
    await page.click("#load-sample");
    await page.waitForFunction(() => location.hash === "#/module/0");
    await shot(page, "single-sample");
  }
  await finish();
});

test("single file: also works when served", async () => {
  const { page, finish } = await openPage(sameOrigin(servers.single.url));
  await loadApp(page, servers.single.url + "rodscope.html");
  await page.waitForSelector(".welcome");
  await finish();
});

// ---------------------------------------------------------------------------------------

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
