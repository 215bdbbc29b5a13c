// The hex pane and the section size maps (issue 9): the selection's bytes are the CLI's
// (`rodscope bytes FILE --node TREE:N --json`, `--sym ID`), a click on a byte opens its
// record, the offset is in the URL (back restores it), the treemaps open the hex pane at
// their section, nothing scrolls sideways at 360 px, and the hex pane of 2.2's system.rod
// scrolls with only a window of rows in the DOM.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

export default function (h) {
  const { test, assert, assertEq, openPage, sameOrigin, loadApp, waitLoaded, expectAt, shot, servers, SAMPLE_DIR, SAMPLE_RODS, sampleFile, RODSCOPE, ROOT } = h;
  const CORPUS_22 = join(ROOT, "../shared/corpus/s1/nim-2.2.0/cache");

  /** `rodscope bytes FILE ARGS --json`, parsed (null without the CLI). */
  function cliBytes(file, ...args) {
    if (!existsSync(RODSCOPE)) return null;
    const r = spawnSync(RODSCOPE, ["bytes", file, ...args, "--json"], { encoding: "utf8", maxBuffer: 1 << 28 });
    assertEq(r.status, 0, `rodscope bytes ${args.join(" ")}: exit code (${r.stderr})`);
    return JSON.parse(r.stdout);
  }
  /** Ids `rodscope view` lists for a 1.6 file. */
  function listedIds(file) {
    const r = spawnSync(RODSCOPE, ["view", file], { encoding: "utf8" });
    // holes and anonymous slots are listed as "<anon symbol?>": the symbol pages skip them
    return new Set([...r.stdout.matchAll(/^\s*(\S.*?) local ID: (\d+)/gm)].filter((m) => !m[1].startsWith("<anon")).map((m) => Number(m[2])));
  }
  const mainRod = () => join(SAMPLE_DIR, sampleFile("@mmain.rod"));
  async function hexAttrs(page, sel) {
    return page.evaluate((s) => {
      const el = document.querySelector(s);
      return el && { start: Number(el.dataset.hlStart), end: Number(el.dataset.hlEnd), cursor: el.dataset.cursor === undefined ? null : Number(el.dataset.cursor) };
    }, sel);
  }
  async function waitHighlight(page, sel, want, what) {
    try {
      await page.waitForFunction(
        ([s, a, b]) => {
          const el = document.querySelector(s);
          return el && Number(el.dataset.hlStart) === a && Number(el.dataset.hlEnd) === b;
        },
        [sel, want.start, want.end],
        { timeout: 5000 },
      );
    } catch {
      throw new h.Failure(`${what}: expected bytes ${want.start}..${want.end}, got ${JSON.stringify(await hexAttrs(page, sel))}`);
    }
  }
  /** Where byte `offset` is drawn in grid `sel` (cells are runs of `data-n` bytes from
   *  `data-o`, 3 characters a byte): the centre of its two hex digits. */
  async function bytePoint(page, sel, offset) {
    await page.waitForFunction(
      ([s, o]) => [...document.querySelectorAll(`${s} .hb`)].some((c) => Number(c.dataset.o) <= o && o < Number(c.dataset.o) + Number(c.dataset.n)),
      [sel, offset],
      { timeout: 5000 },
    );
    return page.evaluate(([s, o]) => {
      const c = [...document.querySelectorAll(`${s} .hb`)].find((c) => Number(c.dataset.o) <= o && o < Number(c.dataset.o) + Number(c.dataset.n));
      const r = c.getBoundingClientRect();
      const n = Number(c.dataset.n);
      const w = r.width / (3 * n - 1);
      return { x: r.left + w * (3 * (o - Number(c.dataset.o)) + 1), y: r.top + r.height / 2 };
    }, [sel, offset]);
  }
  const clickByte = async (page, sel, offset, dbl = false) => {
    const p = await bytePoint(page, sel, offset);
    await (dbl ? page.mouse.dblclick(p.x, p.y) : page.mouse.click(p.x, p.y));
  };
  /** Bytes marked in grid `sel`. */
  const markedBytes = (page, sel) => page.$$eval(`${sel} .hb.hl`, (cs) => cs.reduce((n, c) => n + Number(c.dataset.n), 0));
  const noSideScroll = async (page, what) => {
    const [sw, iw] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    assert(sw <= iw, `${what} at 360 px scrolls horizontally: ${sw} > ${iw}`);
  };

  test("bytes: a tree row's bytes are marked in the hex pane beside it, as the CLI says; a click opens the next node", async () => {
    if (!SAMPLE_RODS.length) return console.log("    (no sample in this build: skipped)");
    const { page, context, finish } = await openPage(sameOrigin(servers.dist.url));
    await context.setDefaultTimeout(10_000);
    await page.setViewportSize({ width: 1400, height: 860 });
    await loadApp(page, servers.dist.url + "#/m/main.nim/top/35&bytes");
    await waitLoaded(page, SAMPLE_RODS.length);
    await page.waitForSelector("#dock-hex [role=row]");
    const want = cliBytes(mainRod(), "--node", "toplevel:35");
    if (want) {
      await waitHighlight(page, "#dock-hex", want, "top/35");
      assertEq(want.kind, "node", "CLI region kind");
      const marked = await markedBytes(page, "#dock-hex");
      assertEq(marked, want.end - want.start, "marked byte cells");
      const first = await page.getAttribute(`#dock-hex-b-${want.start}`, "class");
      assert(/\bhl\b/.test(first) && /\brs\b/.test(first), `first byte of the node is marked and starts a region: ${first}`);
      // the field breakdown of the selection: the CLI's fields
      await page.waitForSelector("#dock-region-fields tbody tr");
      const names = await page.$$eval("#dock-region-fields tbody th", (th) => th.map((x) => x.textContent));
      assertEq(names.join(","), want.fields.map((f) => f.name).join(","), "field names");
      const meaning = await page.textContent("#dock-region-fields tbody tr:first-child .meaning");
      assertEq(meaning, want.fields[0].meaning, "first field's meaning");
      // the tree and the hex side by side at 1400 px
      const [tree, hex] = await page.evaluate(() => ["#tree", "#dock-hex"].map((s) => document.querySelector(s).getBoundingClientRect().width));
      assert(tree >= 300 && hex >= 300, `tree (${tree} px) and hex (${hex} px) both visible`);
      await shot(page, "bytes-dock-1400");
      // a click on a byte of the next record selects it in the tree (node 35's next
      // records are its folded operands: from node 1, a nkProcDef, to its first child)
      await page.goto(servers.dist.url + "#/m/main.nim/top/1&bytes");
      const one = cliBytes(mainRod(), "--node", "toplevel:1");
      await waitHighlight(page, "#dock-hex", one, "top/1");
      const next = cliBytes(mainRod(), "--at", String(one.end));
      assertEq(`${next.kind} ${next.section} ${next.index}`, "node topLevel 2", "the record after node 1");
      await clickByte(page, "#dock-hex", one.end + 1);
      await expectAt(page, { hash: `#/m/main.nim/top/2&bytes` }, "click on a node's byte");
      await waitHighlight(page, "#dock-hex", next, "after the click");
      const sel = await page.getAttribute('#tree [role=row][aria-selected="true"]', "data-key");
      assertEq(sel, "2", "selected tree row");
      // back restores
      await page.goBack();
      await expectAt(page, { hash: "#/m/main.nim/top/1&bytes" }, "back");
      await waitHighlight(page, "#dock-hex", one, "back");
    } else h.noCli();
    await finish();
  });

  test("bytes: a click on a byte of a symbol record opens that symbol; Enter on the cursor does too", async () => {
    if (!SAMPLE_RODS.length) return console.log("    (no sample in this build: skipped)");
    if (!existsSync(RODSCOPE)) return h.noCli();
    const ids = listedIds(mainRod());
    const a = [...ids].sort((x, y) => x - y).find((i) => ids.has(i + 1) && ids.has(i + 2));
    assert(a !== undefined, "three consecutive symbol ids in main.nim");
    const [sa, sb, sc] = [a, a + 1, a + 2].map((i) => cliBytes(mainRod(), "--sym", String(i)));
    const { page, finish } = await openPage(sameOrigin(servers.dist.url));
    await page.setViewportSize({ width: 1400, height: 860 });
    await loadApp(page, servers.dist.url + `#/m/main.nim/sym/${a}&bytes`);
    await waitLoaded(page, SAMPLE_RODS.length);
    await waitHighlight(page, "#dock-hex", sa, `sym ${a}`);
    assertEq(await page.getAttribute("#sym-bytes", "href"), `#/m/main.nim/bytes/${sa.start}`, "the symbol's bytes link");
    await clickByte(page, "#dock-hex", sb.start + 7);
    await expectAt(page, { hash: `#/m/main.nim/sym/${a + 1}&bytes` }, "click inside the next symbol record");
    await page.waitForSelector("#sym-name");
    await waitHighlight(page, "#dock-hex", sb, `sym ${a + 1}`);
    // keyboard: focus the grid, move the cursor one record on (Down steps 16 bytes), Enter
    await page.focus("#dock-hex");
    const rows = Math.ceil((sc.start - sb.start + 1) / 16);
    for (let i = 0; i < rows; i++) await page.keyboard.press("ArrowDown");
    const cur = Number(await page.getAttribute("#dock-hex", "data-cursor"));
    assert(cur >= sc.start && cur < sc.end, `cursor ${cur} inside sym ${a + 2} (${sc.start}..${sc.end})`);
    assertEq(await page.getAttribute("#dock-hex", "aria-activedescendant"), `dock-hex-b-${cur}`, "active cell");
    await page.keyboard.press("Enter");
    await expectAt(page, { hash: `#/m/main.nim/sym/${a + 2}&bytes` }, "Enter on the cursor");
    await page.goBack();
    await expectAt(page, { hash: `#/m/main.nim/sym/${a + 1}&bytes` }, "back");
    await finish();
  });

  test("bytes: the Bytes tab keeps the offset in the URL; back restores it; a double click opens the record", async () => {
    if (!SAMPLE_RODS.length) return console.log("    (no sample in this build: skipped)");
    const { page, finish } = await openPage(sameOrigin(servers.dist.url));
    await page.setViewportSize({ width: 1400, height: 860 });
    await loadApp(page, servers.dist.url + "#/m/main.nim/bytes");
    await waitLoaded(page, SAMPLE_RODS.length);
    await page.waitForSelector("#hex [role=row]");
    // the section strip: jump to the symbols
    const syms = await page.getAttribute("#strip-syms", "data-offset");
    await page.focus("#strip-syms");
    await page.keyboard.press("Enter");
    await expectAt(page, { hash: `#/m/main.nim/bytes/${syms}` }, "strip: Enter on syms");
    await page.waitForSelector(`#hex-b-${syms}`);
    await h.expectText(page, "#strip-where", /^syms$/, "strip says where the cursor is");
    const at = Number(syms) + 40;
    await clickByte(page, "#hex", at);
    await expectAt(page, { hash: `#/m/main.nim/bytes/${at}` }, "click a byte");
    assertEq(await page.getAttribute("#hex", "aria-activedescendant"), `hex-b-${at}`, "the clicked byte is the active cell");
    await h.expectText(page, "#region-title", /PackedSym 0/, "region of the byte");
    // keys move the cursor in place
    await page.focus("#hex");
    await page.keyboard.press("ArrowRight");
    await expectAt(page, { hash: `#/m/main.nim/bytes/${at + 1}` }, "ArrowRight");
    await page.keyboard.press("ArrowDown");
    await expectAt(page, { hash: `#/m/main.nim/bytes/${at + 17}` }, "ArrowDown");
    await page.keyboard.press("Control+Home");
    await expectAt(page, { hash: "#/m/main.nim/bytes/0" }, "Ctrl+Home");
    await h.expectText(page, "#region-title", /cookie/i, "the cookie");
    await page.goBack();
    await expectAt(page, { hash: `#/m/main.nim/bytes/${Number(syms)}` }, "back: the keys moved in place, so back is the jump");
    await page.goForward();
    await expectAt(page, { hash: `#/m/main.nim/bytes/0` }, "forward");
    await page.goto(servers.dist.url + `#/m/main.nim/bytes/${at}`);
    await page.waitForSelector(`#hex-b-${at}`);
    await shot(page, "bytes-tab-1400");
    await clickByte(page, "#hex", at, true);
    await page.waitForFunction(() => /#\/m\/main\.nim\/sym\/0$/.test(location.hash), null, { timeout: 5000 });
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(servers.dist.url + `#/m/main.nim/bytes/${at}`);
    await page.waitForSelector(`#hex-b-${at}`);
    await page.waitForTimeout(150);
    await noSideScroll(page, "the Bytes tab");
    await shot(page, "bytes-tab-360");
    for (const hh of ["#/m/main.nim/top/35&bytes", "#/m/main.nim&bytes", "#/"]) {
      await page.goto(servers.dist.url + hh);
      await waitLoaded(page, SAMPLE_RODS.length);
      await page.waitForTimeout(200);
      await noSideScroll(page, hh);
    }
    await finish();
  });

  test("bytes: a string's and a number's table rows link to their bytes; the hex pane marks that record", async () => {
    if (!SAMPLE_RODS.length) return console.log("    (no sample in this build: skipped)");
    const map = cliBytes(mainRod());
    if (!map) return h.noCli();
    const { page, finish } = await openPage(sameOrigin(servers.dist.url));
    await page.setViewportSize({ width: 1400, height: 860 });
    for (const [table, kind] of [["strings", "string"], ["numbers", "number"]]) {
      await page.goto(servers.dist.url + `#/m/main.nim/${table}`);
      await waitLoaded(page, SAMPLE_RODS.length);
      const link = `#${table} .vrow:not(.vhead) .c-bytes a`;
      await page.waitForSelector(link);
      const want = map.find((r) => r.kind === kind && r.index === 0);
      assertEq(await page.getAttribute(link, "href"), `#/m/main.nim/bytes/${want.start}`, `${table} row 0: its bytes`);
      await page.click(link);
      await waitHighlight(page, "#hex", want, `${kind} 0 in the hex pane`);
      await h.expectText(page, "#region-where", new RegExp(`^${want.section} · ${kind}`), `${kind} region`);
    }
    await finish();
  });

  test("bytes: the section size maps (module, whole cache) open the hex pane at their section", async () => {
    if (!SAMPLE_RODS.length) return console.log("    (no sample in this build: skipped)");
    const { page, finish } = await openPage(sameOrigin(servers.dist.url));
    await page.setViewportSize({ width: 1400, height: 900 });
    await loadApp(page, servers.dist.url + "#/m/main.nim");
    await waitLoaded(page, SAMPLE_RODS.length);
    await page.waitForSelector("#module-map .tile");
    const tiles = await page.$$eval("#module-map .tile", (t) => t.map((a) => [a.dataset.section, Number(a.dataset.offset)]));
    const sections = cliSections(mainRod());
    if (sections) {
      for (const [name, off] of tiles) assert(sections.get(name) === off, `tile ${name} at ${off}: the CLI says ${sections.get(name)}`);
      console.log(`    main.nim: ${tiles.length} section tiles at the CLI's offsets`);
    }
    await page.locator("#module-map").scrollIntoViewIfNeeded();
    await shot(page, "treemap-module-1400");
    // keyboard: the largest tile is the first link; Enter opens the hex pane there
    const [name, off] = tiles[0];
    await page.focus("#module-map-t0");
    await page.keyboard.press("Enter");
    await expectAt(page, { hash: `#/m/main.nim/bytes/${off}` }, `Enter on the ${name} tile`);
    await page.waitForSelector(`#hex-b-${off}.cur`);
    await h.expectText(page, "#strip-where", new RegExp(`^${name}$`), "the hex pane is in that section");
    await page.goBack();
    await expectAt(page, { hash: "#/m/main.nim" }, "back to the overview");
    // the cache map on the module list: a click on a tile of another module
    await page.goto(servers.dist.url + "#/");
    await page.focus("#cache-map-title");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#cache-map .tile");
    const groups = await page.$$eval("#cache-map .group", (g) => g.length);
    assertEq(groups, SAMPLE_RODS.length, "one frame per module");
    const t = await page.$eval('#cache-map .tile[data-section="bodies"]', (a) => [a.id, a.getAttribute("href"), Number(a.dataset.offset), a.dataset.module]);
    assertEq(t[1], `#/m/${t[3]}/bytes/${t[2]}`, "a tile's link");
    await page.click(`#${t[0]}`);
    await expectAt(page, { hash: t[1] }, "cache map click");
    await page.waitForSelector(`#hex-b-${t[2]}`);
    await page.goto(servers.dist.url + "#/");
    await page.waitForSelector("#cache-map-title");
    if (!(await page.$("#cache-map .tile"))) await page.click("#cache-map-title");
    await page.waitForSelector("#cache-map .tile");
    await page.locator("#cache-map").scrollIntoViewIfNeeded();
    await shot(page, "treemap-cache-1400");
    await page.setViewportSize({ width: 360, height: 740 });
    await page.waitForTimeout(300);
    await noSideScroll(page, "the module list with its map");
    // the sample's intro fills a 740 px high screen: a tall one shows the map below it
    await page.setViewportSize({ width: 360, height: 1800 });
    await page.waitForTimeout(300);
    await noSideScroll(page, "the module list with its map (tall)");
    await page.locator("#cache-map").scrollIntoViewIfNeeded();
    await shot(page, "treemap-cache-360");
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(servers.dist.url + "#/m/main.nim");
    await page.waitForSelector("#module-map .tile");
    await page.waitForTimeout(200);
    await noSideScroll(page, "the overview with its map");
    await page.locator("#module-map").scrollIntoViewIfNeeded();
    await shot(page, "treemap-module-360");
    await finish();
  });

  /** Section name → offset, from `rodscope sections`. */
  function cliSections(file) {
    if (!existsSync(RODSCOPE)) return null;
    const r = spawnSync(RODSCOPE, ["sections", file], { encoding: "utf8" });
    const out = new Map([["header", 0]]);
    for (const m of r.stdout.matchAll(/^\s*\d+\s+(\S+)\s+0x([0-9a-f]+)\s/gm)) out.set(m[1], parseInt(m[2], 16));
    return out;
  }

  test("bytes: the hex pane of 2.2's system.rod scrolls with a window of rows, regions by binary search", async () => {
    if (!existsSync(CORPUS_22)) return console.log(`SKIP: ../shared/corpus/s1/nim-2.2.0/cache absent`);
    const all = readdirSync(CORPUS_22).map((f) => join(CORPUS_22, f));
    const rods = all.filter((f) => f.endsWith(".rod"));
    const { page, finish } = await openPage(sameOrigin(servers.dist.url));
    await page.setViewportSize({ width: 1400, height: 860 });
    await loadApp(page, servers.dist.url);
    if (SAMPLE_RODS.length) await waitLoaded(page, SAMPLE_RODS.length);
    await page.setInputFiles("#input-files", all);
    await waitLoaded(page, rods.length, "corpus");
    const sys = await page.$eval('#modules tr[data-file$="@slib@ssystem.rod"] th a', (a) => a.getAttribute("href"));
    await page.goto(servers.dist.url + sys + "/bytes");
    await page.waitForSelector("#hex [role=row]");
    const n = Number(await page.getAttribute("#hex", "aria-rowcount"));
    assert(n > 100_000, `system.rod has ${n} rows of 16 bytes`);
    const f = await h.scrollFrames(page, "#hex", 180, 37);
    console.log(`    system.rod: ${n} rows; scrolling: median ${f.median.toFixed(1)} ms, p95 ${f.p95.toFixed(1)} ms, max ${f.max.toFixed(1)} ms per frame, ${f.rows} rows in the DOM`);
    assert(f.rows < 150, `only a window of rows in the DOM: ${f.rows}`);
    assert(f.p95 < 100, `scrolling frames p95 ${f.p95} ms`);
    // a jump to the last section and the end of the file
    await page.focus("#hex");
    await page.keyboard.press("Control+End");
    await page.waitForFunction(() => /\/bytes\/\d+/.test(location.hash), null, { timeout: 5000 });
    await page.waitForSelector("#hex .hb.cur");
    await shot(page, "bytes-system22-end");
    await finish();
  });
}
