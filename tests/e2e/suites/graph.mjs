// builds: graph and integrity — the module graph page (#/graph), the integrity panel
// (#/integrity) and caches kept apart in the picker.
//
// - graph: one box per module row (the sample, and the 2.0 / 2.2 s2 caches of
//   ../shared), a click and Enter open the module, the buttons, keys and the wheel
//   change the viewBox; the layout time measured in the page is printed; screenshots
//   of the largest cache at 1400 and 360 px (no horizontal scroll at 360 px);
// - integrity: a cache with one module's .rod removed lists the dangling references
//   naming that module, as many problems as `rodscope check DIR` counts;
// - picking: two programs' caches in one parent folder give two picker entries and
//   no ✗ mark.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export default function (h) {
  const { test, assert, assertEq, Failure, openPage, sameOrigin, loadApp, shot, waitLoaded, expectAt, expectText, servers, SHARED, ROOT, RODSCOPE, SAMPLE_RODS, skipWithout } = h;
  const S2 = ["2.0.0", "2.2.0"].map((v) => [v, join(SHARED, `corpus/s2/nim-${v}/cache`)]);
  const S1 = join(SHARED, "corpus/s1/nim-2.0.0/cache");

  /** Module rows of the list that decoded (failed files have no module). */
  const moduleRowCount = (page) => page.locator("#modules tbody tr:not(.failed)").count();
  const viewBox = (page) => page.getAttribute("#graph-svg", "viewBox");

  /** Opens the graph of the shown cache; checks one box per module row; returns the count. */
  async function graphOfShown(page, what) {
    await page.goto(servers.dist.url + "#/");
    await page.waitForSelector("#modules tbody tr");
    const rows = await moduleRowCount(page);
    await page.click("#graph-link");
    await expectAt(page, { hash: "#/graph" }, `${what}: graph link`);
    await page.waitForSelector("#graph-svg .gnode");
    const nodes = await page.locator("#graph-svg .gnode").count();
    assertEq(nodes, rows, `${what}: one box per module row`);
    assertEq(Number(await page.getAttribute("#graph-stats", "data-nodes")), rows, `${what}: stats`);
    // every box focusable, named, a link
    const bad = await page.$$eval("#graph-svg .gnode", (gs) =>
      gs.filter((g) => g.getAttribute("tabindex") !== "0" || g.getAttribute("role") !== "link" || !/alive|no live set/.test(g.getAttribute("aria-label") ?? "")).length,
    );
    assertEq(bad, 0, `${what}: boxes without tabindex / role / aria-label`);
    return rows;
  }

  /** The zoom controls change the viewBox: buttons, keys, wheel, fit. */
  async function zoomAndPan(page, what) {
    const v0 = await viewBox(page);
    await page.click("#graph-zoom-in");
    await page.waitForFunction((v) => document.querySelector("#graph-svg").getAttribute("viewBox") !== v, v0);
    const v1 = await viewBox(page);
    const w = (v) => Number(v.split(" ")[2]);
    assert(w(v1) < w(v0), `${what}: zoom in narrows the viewBox (${v0} -> ${v1})`);
    // keyboard: focus the canvas through a box, "-" zooms out, an arrow pans
    await page.focus("#graph-svg .gnode");
    await page.keyboard.press("-");
    await page.waitForFunction((v) => document.querySelector("#graph-svg").getAttribute("viewBox") !== v, v1);
    const v2 = await viewBox(page);
    assert(w(v2) > w(v1), `${what}: "-" zooms out (${v1} -> ${v2})`);
    await page.keyboard.press("ArrowRight");
    await page.waitForFunction((v) => document.querySelector("#graph-svg").getAttribute("viewBox") !== v, v2);
    const v3 = await viewBox(page);
    assert(Number(v3.split(" ")[0]) > Number(v2.split(" ")[0]) && w(v3) === w(v2), `${what}: ArrowRight pans (${v2} -> ${v3})`);
    // the wheel zooms at the pointer; the page does not scroll
    const box = await page.locator("#graph-svg").boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const y0 = await page.evaluate(() => window.scrollY);
    await page.mouse.wheel(0, -200);
    await page.waitForFunction((v) => document.querySelector("#graph-svg").getAttribute("viewBox") !== v, v3);
    const v4 = await viewBox(page);
    assert(w(v4) < w(v3), `${what}: the wheel zooms in (${v3} -> ${v4})`);
    assertEq(await page.evaluate(() => window.scrollY), y0, `${what}: the wheel does not scroll the page`);
    // drag pans
    await page.mouse.move(box.x + 40, box.y + 40);
    await page.mouse.down();
    await page.mouse.move(box.x + 140, box.y + 90, { steps: 5 });
    await page.mouse.up();
    const v5 = await viewBox(page);
    assert(v5 !== v4 && w(v5) === w(v4), `${what}: a drag pans (${v4} -> ${v5})`);
    await page.click("#graph-fit");
    await page.waitForFunction((v) => document.querySelector("#graph-svg").getAttribute("viewBox") !== v, v5);
    return [v0, v1, v2, v3, v4, v5];
  }

  test("graph: the sample's module graph, one box per module, click and Enter open the module, zoom and pan", async () => {
    if (!SAMPLE_RODS.length) return console.log("    (no sample in this build: skipped)");
    const { page, finish } = await openPage(sameOrigin(servers.dist.url));
    await loadApp(page, servers.dist.url);
    await waitLoaded(page, SAMPLE_RODS.length);
    const n = await graphOfShown(page, "sample");
    assertEq(n, SAMPLE_RODS.length, "sample: boxes = .rod files");
    await shot(page, "graph-sample-1400");
    const views = await zoomAndPan(page, "sample");
    // a click opens the module's page
    const key = await page.getAttribute("#graph-svg .gnode >> nth=0", "data-module");
    await page.click("#graph-fit");
    await page.locator("#graph-svg .gnode").first().click();
    await expectAt(page, { hash: `#/m/${encodeURIComponent(key).replace(/%40/g, "@").replace(/%3A/g, ":")}` }, "click on a box");
    // the keyboard: back, Tab to the second box, Enter
    await page.goBack();
    await page.waitForSelector("#graph-svg .gnode");
    const key2 = await page.getAttribute("#graph-svg .gnode >> nth=1", "data-module");
    await page.focus("#graph-svg .gnode >> nth=0");
    await page.keyboard.press("Tab");
    assertEq(await page.evaluate(() => document.activeElement?.dataset.module), key2, "Tab moves to the next box");
    await page.keyboard.press("Enter");
    await page.waitForFunction((k) => decodeURIComponent(location.hash) === `#/m/${k}`, key2);
    // save: the CLI printer's SVG, downloaded
    await page.goBack();
    await page.waitForSelector("#graph-svg .gnode");
    const [dl] = await Promise.all([page.waitForEvent("download"), page.click("#graph-save")]);
    const path = await dl.path();
    const svg = (await import("node:fs")).readFileSync(path, "utf8");
    const rects = (svg.match(/<rect /g) ?? []).length;
    assertEq(rects, n, "saved SVG: one box per module");
    console.log(`    ORACLE: graph sample: ${n} boxes = ${n} module rows; viewBox ${views[0]} -> zoom/pan -> ${views[5]}; saved SVG ${rects} boxes`);
    await finish();
  });

  test("graph: the largest test caches (s2 2.0 and 2.2): one box per module, layout time, screenshots at 1400 and 360 px", async () => {
    if (skipWithout(...S2.map((s) => s[1]))) return;
    const { page, finish } = await openPage(sameOrigin(servers.dist.url));
    await page.setViewportSize({ width: 1400, height: 900 });
    await loadApp(page, servers.dist.url);
    if (SAMPLE_RODS.length) await waitLoaded(page, SAMPLE_RODS.length);
    const lines = [];
    for (const [v, dir] of S2) {
      await page.setInputFiles("#input-folder", dir);
      const rods = readdirSync(dir).filter((f) => f.endsWith(".rod")).length;
      await waitLoaded(page, rods, `s2 ${v}`);
      const n = await graphOfShown(page, `s2 ${v}`);
      assertEq(n, rods, `s2 ${v}: boxes = .rod files`);
      const ms = Number(await page.getAttribute("#graph-stats", "data-layout-ms"));
      const edges = Number(await page.getAttribute("#graph-stats", "data-edges"));
      const cycles = await page.locator("#graph-svg .gedge.cycle").count();
      assert(ms >= 0 && ms < 10_000, `s2 ${v}: layout time ${ms} ms`);
      // labels: no two boxes overlap, each label fits its box or is the longest a box takes
      const overlaps = await page.$$eval("#graph-svg .gnode rect", (rs) => {
        const b = rs.map((r) => r.getBoundingClientRect());
        let n = 0;
        for (let i = 0; i < b.length; i++)
          for (let j = i + 1; j < b.length; j++)
            if (b[i].left < b[j].right - 0.5 && b[j].left < b[i].right - 0.5 && b[i].top < b[j].bottom - 0.5 && b[j].top < b[i].bottom - 0.5) n++;
        return n;
      });
      assertEq(overlaps, 0, `s2 ${v}: overlapping boxes`);
      // the reference-only edges are hidden at first on a graph this large; the box shows them
      const imports = await page.locator("#graph-svg .gedge").count();
      await page.click("#graph-refs");
      const all = await page.locator("#graph-svg .gedge").count();
      assertEq(all, edges, `s2 ${v}: every edge drawn with references-only edges shown`);
      assert(imports < all, `s2 ${v}: ${imports} import edges < ${all} edges`);
      await page.click("#graph-refs");
      await shot(page, `graph-s2-${v}-1400`);
      await page.click("#graph-fit");
      await page.waitForTimeout(100);
      await shot(page, `graph-s2-${v}-1400-fit`);
      lines.push(`s2 ${v}: ${n} boxes = ${n} module rows, ${edges} edges (${imports} imports drawn at first, ${cycles} in import cycles), layout ${ms.toFixed(1)} ms`);
      await zoomAndPan(page, `s2 ${v}`);
    }
    // narrow: the picture fits the width, the page does not scroll sideways
    await page.setViewportSize({ width: 360, height: 740 });
    await page.evaluate(() => (location.hash = "#/"));
    await page.waitForSelector("#modules tbody tr");
    await page.evaluate(() => (location.hash = "#/graph"));
    await page.waitForSelector("#graph-svg .gnode");
    await page.waitForTimeout(150);
    const wide = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, win: window.innerWidth, svg: document.querySelector("#graph-svg").getBoundingClientRect().right }));
    assert(wide.doc <= wide.win && wide.svg <= wide.win, `360 px: no horizontal scroll (${JSON.stringify(wide)})`);
    await shot(page, "graph-s2-360");
    await page.click("#graph-fit");
    await page.waitForTimeout(100);
    await shot(page, "graph-s2-360-fit");
    for (const l of lines) console.log(`    ORACLE: graph ${l}`);
    await finish();
  });

  test("graph: integrity of a cache with one module's .rod removed names the dangling references, as rodscope check", async () => {
    if (skipWithout(S1)) return;
    const dir = mkdtempSync(join(tmpdir(), "rodscope-e2e-integrity-"));
    try {
      const cache = join(dir, "cache");
      mkdirSync(cache);
      const gone = "@ms1_util.rod";
      for (const f of readdirSync(S1)) if (f !== gone) copyFileSync(join(S1, f), join(cache, f));
      const { page, finish } = await openPage(sameOrigin(servers.dist.url));
      await loadApp(page, servers.dist.url);
      if (SAMPLE_RODS.length) await waitLoaded(page, SAMPLE_RODS.length);
      await page.setInputFiles("#input-folder", cache);
      const rods = readdirSync(cache).filter((f) => f.endsWith(".rod")).length;
      await waitLoaded(page, rods, "s1 without s1_util.rod");
      await page.waitForSelector("#integrity-count");
      const badge = Number(await page.getAttribute("#integrity-count", "data-count"));
      await page.click("#integrity-link");
      await expectAt(page, { hash: "#/integrity" }, "integrity link");
      await page.waitForSelector("#integrity tbody tr");
      const rows = await page.$$eval("#integrity tbody tr", (trs) => trs.map((t) => ({ kind: t.dataset.kind, bad: t.classList.contains("bad-row"), text: t.textContent, module: t.querySelector("th a")?.getAttribute("href") })));
      const dangling = rows.filter((r) => r.kind === "dangling-module");
      assert(dangling.length > 0 && dangling.every((r) => /s1_util\.nim/.test(r.text) && r.module), `dangling rows name s1_util.nim: ${JSON.stringify(rows)}`);
      const problems = rows.filter((r) => r.bad).length;
      assertEq(badge, problems, "badge = problem rows");
      let cli = null;
      if (existsSync(RODSCOPE)) {
        const r = spawnSync(RODSCOPE, ["check", cache], { encoding: "utf8" });
        const m = /integrity: (\d+) modules, (\d+) problems?, (\d+) remarks?/.exec(r.stdout);
        if (!m) throw new Failure(`rodscope check: no integrity line in ${r.stdout}`);
        cli = { modules: Number(m[1]), problems: Number(m[2]), remarks: Number(m[3]), dangling: (r.stdout.match(/dangling: .*s1_util\.nim/g) ?? []).length };
        assertEq(problems, cli.problems, "problems: page vs rodscope check");
        assertEq(dangling.length, cli.dangling, "dangling rows naming s1_util.nim: page vs rodscope check");
      } else h.noCli();
      // a row's module link opens the module
      await page.click("#integrity tbody tr[data-kind=dangling-module] th a");
      await page.waitForFunction(() => location.hash.startsWith("#/m/"));
      await page.goBack();
      await page.waitForSelector("#integrity tbody tr");
      await page.setViewportSize({ width: 360, height: 740 });
      await shot(page, "integrity-360");
      await page.setViewportSize({ width: 1400, height: 900 });
      await shot(page, "integrity-1400");
      // the whole cache: no problems
      await page.setInputFiles("#input-folder", S1);
      await waitLoaded(page, rods + 1, "s1 whole");
      await page.evaluate(() => (location.hash = "#/integrity"));
      await page.waitForSelector("#integrity-clean, #integrity-summary");
      await expectText(page, ".integrity-page", /no problems found/, "whole s1: no problems");
      console.log(`    DETECT: integrity: s1 2.0 without ${gone}: ${dangling.length} dangling rows naming s1_util.nim, ${problems} problems` +
        (cli ? ` = rodscope check (${cli.problems} problems, ${cli.dangling} dangling naming it, ${cli.remarks} remarks)` : "") + "; whole s1: no problems found");
      await finish();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("graph: picking caches: two programs' caches in one parent folder give two picker entries, never merged", async () => {
    const c16 = join(ROOT, "target/rodscope-corpus");
    let pair = ["basics", "stdlib"].map((p) => [p, join(c16, p, "cache")]);
    if (!pair.every((p) => existsSync(p[1]))) pair = [["s1", S1], ["s2", S2[0][1]]];
    if (!pair.every((p) => existsSync(p[1]))) return console.log("SKIP: no two caches (target/rodscope-corpus from scripts/gen-corpus.sh, or ../shared/corpus)");
    const dir = mkdtempSync(join(tmpdir(), "rodscope-e2e-two-"));
    try {
      const parent = join(dir, "nimcache-root");
      const want = [];
      for (const [name, src] of pair) {
        mkdirSync(join(parent, name), { recursive: true });
        const files = readdirSync(src).filter((f) => f.endsWith(".rod") || f.endsWith(".alivesyms"));
        for (const f of files) copyFileSync(join(src, f), join(parent, name, f));
        want.push([name, files.filter((f) => f.endsWith(".rod")).length]);
      }
      const { page, finish } = await openPage(sameOrigin(servers.dist.url));
      await loadApp(page, servers.dist.url);
      if (SAMPLE_RODS.length) await waitLoaded(page, SAMPLE_RODS.length);
      await page.setInputFiles("#input-folder", parent);
      await page.waitForSelector("#cache-picker a.cache-choice");
      const choices = page.locator("#cache-picker a.cache-choice");
      assertEq(await choices.count(), 2, "two picker entries");
      const seen = [];
      for (let i = 0; i < 2; i++) {
        const t = await choices.nth(i).textContent();
        const [name, n] = want[i];
        assert(t.includes(`nimcache-root/${name}`) && t.includes(`${n} module`), `entry ${i}: ${t} (want ${name}, ${n} modules)`);
        await choices.nth(i).click();
        await waitLoaded(page, n, `cache ${name}`);
        const bad = await page.locator("#modules td.check .bad").count();
        const ok = await page.locator("#modules td.check .ok").count();
        assertEq(bad, 0, `${name}: no ✗ mark`);
        assert(ok > 0, `${name}: ✓ marks (${ok})`);
        seen.push(`${name} ${n} modules ${ok} ✓`);
      }
      await shot(page, "graph-two-caches");
      console.log(`    ALIVE: picking: one parent folder, 2 caches (${seen.join("; ")}), 0 ✗`);
      await finish();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("graph: a format without a module graph or integrity checks says so (text .rod of Nimrod 0.9)", async () => {
    const legacy = join(SHARED, "corpus-legacy/text-0.9.0/p1");
    if (skipWithout(legacy)) return;
    const { page, finish } = await openPage(sameOrigin(servers.dist.url));
    await loadApp(page, servers.dist.url);
    if (SAMPLE_RODS.length) await waitLoaded(page, SAMPLE_RODS.length);
    await h.dropFiles(page, h.filesIn(legacy));
    await waitLoaded(page, 9, "legacy: 6 .rod files and the 3 modules they name");
    await page.evaluate(() => (location.hash = "#/graph"));
    await expectText(page, "#graph-none", /not available for this format \(text \.rod symbol files\)/, "legacy graph");
    await page.evaluate(() => (location.hash = "#/integrity"));
    await expectText(page, "#integrity-none", /not available for this format/, "legacy integrity");
    console.log("    DETECT: graph/integrity of a text .rod cache: not available for this format (the view layer's words)");
    await finish();
  });
}
