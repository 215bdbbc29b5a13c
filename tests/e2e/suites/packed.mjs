// The packed-array pane and "What is this?" (issue 9, parts 4 and 6).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

export default function (h) {
  const { test, assert, assertEq, openPage, sameOrigin, loadApp, shot, expectAt, expectAttr, expectText, waitLoaded, servers } = h;
  const MAIN = "#/m/main.nim/top";

  /** The subtree end of node `n` of main.rod's topLevel as the CLI's tree shows it. */
  function cliSubtreeEnd(n) {
    const file = h.sampleFile("@mmain.rod");
    if (!existsSync(h.RODSCOPE) || !file) return null;
    const r = spawnSync(h.RODSCOPE, ["tree", join(h.SAMPLE_DIR, file), "--section", "toplevel", "--root", String(n)], { encoding: "utf8" });
    const lines = r.stdout.split("\n").filter((l) => /^\s*\d+ /.test(l));
    assert(lines.length > 0, `rodscope tree --root ${n}: no lines`);
    const last = lines[lines.length - 1];
    // an nkModuleRef row folds its two operand children
    return Number(last.trim().split(/\s+/)[0]) + (/nkModuleRef/.test(last) ? 3 : 1);
  }

  async function openPane(page) {
    if ((await page.getAttribute("#packed-toggle", "aria-pressed")) !== "true") await page.click("#packed-toggle");
    await page.waitForSelector("#packed-pane[data-flat=true]");
  }

  const spanOf = async (page) => [Number(await page.getAttribute("#packed-pane", "data-span-start")), Number(await page.getAttribute("#packed-pane", "data-span-end"))];

  test("packed: the pane brackets the selected node's subtree [n, subtree_end) as the tree and the CLI have it", async () => {
    const { page, finish } = await openPage(sameOrigin(servers.dist.url));
    await loadApp(page, servers.dist.url + `${MAIN}/1`);
    await expectAt(page, { hash: `${MAIN}/1` }, "deep link");
    await openPane(page);
    await expectAttr(page, "#packed-pane", "data-span-start", "1", "span start");
    const [s, e] = await spanOf(page);
    // the tree's own count: the detail pane's "Subtree: N nodes"
    const detail = await page.evaluate(() => {
      const dt = [...document.querySelectorAll("#node-detail dt")].find((d) => d.textContent === "Subtree");
      return dt?.nextElementSibling?.textContent ?? "";
    });
    assertEq(e - s, Number(/^(\d+)/.exec(detail)?.[1]), "span = the tree's subtree size");
    const cli = cliSubtreeEnd(1);
    if (cli === null) h.noCli();
    else assertEq(e, cli, "subtree end = rodscope tree --root 1");
    // the bracket: every rendered row inside [s, e) is marked, no other
    const rows = await page.evaluate(() => [...document.querySelectorAll("#packed [role=row]")].map((r) => [Number(r.dataset.node), r.dataset.inSpan === "true", r.className]));
    assert(rows.length > 0 && rows.length < 120, `virtualized: ${rows.length} rows in the DOM`);
    for (const [n, inSpan] of rows) assertEq(inSpan, n >= s && n < e, `row ${n} in span`);
    assert(rows.find(([n]) => n === s)?.[2].includes("span-start"), "first row of the span is its start");
    assert(rows.find(([n]) => n === e - 1)?.[2].includes("span-end"), "last row of the span is its end");
    // the operand's meaning: kind and raw operand, a span, a symbol, an nkModuleRef's operand children
    await expectText(page, "#prow-1 .p-op", new RegExp(`^span ${e - s}$`), "nkProcDef's operand is its span");
    await expectText(page, "#prow-2 .p-op", /^symbol banner \(skProc #\d+\)/, "nkSym's operand is its symbol");
    await expectText(page, "#prow-7 .p-op", /^module LitId \d+ = system\.nim$/, "nkModuleRef's first operand child");
    await expectText(page, "#prow-8 .p-op", /^item \d+ of that module$/, "nkModuleRef's second operand child");
    await expectText(page, "#prow-1 .p-raw", /^79 · \d+$/, "raw kind ordinal and operand");
    console.log(`    ORACLE: packed pane: main.nim topLevel node 1 bracketed [${s}, ${e}) = tree's ${detail}${cli === null ? "" : " = CLI"}; ${rows.length} rows in the DOM`);
    await finish();
  });

  test("packed: a click or arrows + Enter in the pane select the node in the tree and the URL; the tree's selection scrolls the pane", async () => {
    const { page, finish } = await openPage(sameOrigin(servers.dist.url));
    await loadApp(page, servers.dist.url + `${MAIN}/1`);
    await openPane(page);
    await page.click("#prow-5 .p-idx");
    await expectAt(page, { hash: `${MAIN}/5` }, "click on packed row 5");
    await expectText(page, '#tree [role=row][aria-selected="true"] .kind', /^nkFormalParams$/, "tree selection follows");
    await expectAttr(page, "#packed-pane", "data-span-start", "5", "bracket follows");
    await page.focus("#packed");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await expectAt(page, { hash: `${MAIN}/5` }, "arrows move the cursor only");
    await page.keyboard.press("Enter");
    await expectAt(page, { hash: `${MAIN}/7` }, "Enter selects the cursor's node");
    // node 7 is an operand child folded into the nkModuleRef row: the tree says so
    await page.waitForSelector("#tree-note");
    // the tree's keyboard moves the selection; the pane follows and scrolls
    await page.focus("#tree");
    await page.keyboard.press("End");
    await page.waitForFunction(() => !location.hash.endsWith("/7"));
    const last = Number((await page.evaluate(() => location.hash)).split("/").pop());
    await page.waitForSelector(`#prow-${last}`);
    const inView = await page.evaluate((n) => {
      const r = document.getElementById(`prow-${n}`).getBoundingClientRect();
      const v = document.getElementById("packed").getBoundingClientRect();
      return r.top >= v.top - 1 && r.bottom <= v.bottom + 1;
    }, last);
    assert(inView, `packed row ${last} scrolled into view`);
    await expectAttr(page, "#packed-pane", "data-span-start", String(last), "bracket on the tree's selection");
    // back: End replaced the entry in place, so back returns to the row clicked first
    await page.goBack();
    await expectAt(page, { hash: `${MAIN}/5` }, "back");
    await expectAttr(page, "#packed-pane", "data-span-start", "5", "bracket after back");
    await finish();
  });

  test("packed: What is this? explains an nkModuleRef node, a symbol, a type, a table and a module", async () => {
    const { page, finish } = await openPage(sameOrigin(servers.dist.url));
    await loadApp(page, servers.dist.url + `${MAIN}/6`);
    await expectAttr(page, "#node-detail .what-is-this", "data-first", "nkModuleRef", "nkModuleRef node");
    await expectText(page, "#node-detail .what-is-this", /two operand children/, "the nkModuleRef entry");
    await expectText(page, "#node-detail .what-is-this", /PackedNode #6/, "the node's own record");
    // keyboard: the summary is a tab stop; Enter closes and opens
    await page.focus("#node-detail .what-is-this summary");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => !document.querySelector("#node-detail .what-is-this").open);
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.querySelector("#node-detail .what-is-this").open);
    // a symbol
    await page.goto(servers.dist.url + "#/m/containers.nim/sym/1");
    await page.waitForSelector("#symbol-detail .what-is-this");
    const kind = await h.text(page, "#sym-kind");
    await expectAttr(page, "#symbol-detail .what-is-this", "data-first", kind, "symbol's kind first");
    await expectText(page, "#symbol-detail .what-is-this", /PackedSym/, "the PackedSym entry");
    // a type (the symbol's), a table, a module
    const typeHref = await page.getAttribute("#sym-type a", "href");
    assert(typeHref, "the symbol has a type link");
    await page.goto(servers.dist.url + typeHref);
    await expectAttr(page, ".type-page .what-is-this", "data-first", "PackedType", "type");
    await page.goto(servers.dist.url + "#/m/literals.nim/strings");
    await expectAttr(page, ".table-nav .what-is-this", "data-first", "strings", "strings table");
    await expectText(page, ".table-nav .what-is-this", /LitId[\s\S]*256/, "LitId and 1.6's base 256");
    await page.goto(servers.dist.url + "#/m/main.nim");
    await expectAttr(page, ".overview .what-is-this", "data-first", "PackedModule", "module");
    console.log(`    ORACLE: What is this?: nkModuleRef node, symbol (${kind}), type, strings table, module explained`);
    await finish();
  });

  test("packed: 1400 px and 360 px screenshots; at 360 px the pane stacks under the tree, What is this? shows, no horizontal page scroll", async () => {
    const { page, finish } = await openPage(sameOrigin(servers.dist.url));
    await page.setViewportSize({ width: 1400, height: 900 });
    await loadApp(page, servers.dist.url + `${MAIN}/1`);
    await openPane(page);
    await page.waitForSelector("#prow-1.span-start");
    await shot(page, "packed-1400");
    await page.goto(servers.dist.url + `${MAIN}/6`);
    await expectAttr(page, "#packed-pane", "data-span-start", "6", "module ref");
    await shot(page, "packed-1400-moduleref");
    // a symbol's definition tree keeps the pane (the session's choice), limited to the definition
    await page.goto(servers.dist.url + "#/m/main.nim/sym/7");
    await page.waitForSelector("#packed-pane[data-flat=true]");
    await page.waitForSelector("#symbol-detail .what-is-this");
    await shot(page, "packed-1400-symbol");
    await page.setViewportSize({ width: 360, height: 740 });
    for (const route of [`${MAIN}/1`, `${MAIN}/6`, "#/m/containers.nim/sym/1", "#/m/literals.nim/strings", "#/m/main.nim"]) {
      await page.goto(servers.dist.url + route);
      await page.waitForTimeout(250);
      const [sw, iw] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      assert(sw <= iw, `${route} at 360 px scrolls horizontally: ${sw} > ${iw}`);
      if (route === `${MAIN}/6`) {
        await page.waitForSelector("#packed-pane", { state: "visible" });
        await page.waitForSelector(".narrow-glossary .what-is-this", { state: "visible" });
        await expectAttr(page, ".narrow-glossary .what-is-this", "data-first", "nkModuleRef", "360 px glossary");
        const [tree, pane] = await page.evaluate(() => ["#tree", "#packed"].map((s) => document.querySelector(s).getBoundingClientRect().toJSON()));
        await shot(page, "packed-360");
        assert(pane.top >= tree.bottom - 1, `stacked: pane top ${pane.top} under tree bottom ${tree.bottom}`);
        assert(tree.height > 60 && pane.height > 60, `both usable: tree ${tree.height} px, pane ${pane.height} px`);
        // closed at first under the tree; Enter on its summary opens it
        await page.focus(".narrow-glossary summary");
        await page.keyboard.press("Enter");
        await page.waitForFunction(() => document.querySelector(".narrow-glossary .what-is-this").open);
        await expectText(page, ".narrow-glossary .what-is-this", /two operand children/, "360 px nkModuleRef entry");
        await shot(page, "packed-360-glossary");
      }
      if (route.includes("/sym/")) await shot(page, "packed-360-symbol");
    }
    await finish();
  });

  test("packed: Nim 2.2 system.rod bodies (>100k nodes): virtualized, End + Enter reach the last record, What is this? says where flags, type and position came from", async () => {
    const dir = join(h.SHARED, "corpus/s1/nim-2.2.0/cache");
    if (h.skipWithout(dir)) return;
    const { page, finish } = await openPage(sameOrigin(servers.dist.url));
    await loadApp(page, servers.dist.url);
    if (h.SAMPLE_RODS.length) await waitLoaded(page, h.SAMPLE_RODS.length);
    const files = h.filesIn(dir);
    await h.dropFiles(page, files);
    await waitLoaded(page, files.filter((f) => f.endsWith(".rod")).length, "2.2 cache");
    await page.goto(servers.dist.url + "#/m/system.nim/bodies/100000");
    await page.waitForSelector("#tree [role=row]");
    await openPane(page);
    const n = Number(await page.getAttribute("#packed-pane", "data-rows"));
    assert(n > 100_000, `system.rod bodies: ${n} records`);
    await page.waitForSelector("#prow-100000.span-start");
    const inDom = await page.locator("#packed [role=row]").count();
    assert(inDom < 120, `virtualized: ${inDom} rows in the DOM for ${n}`);
    await expectText(page, "#packed-caption", /PackedNode records of 8 bytes/, "2.2 record size");
    await expectText(page, "#node-detail .what-is-this", /Stored words 0x[0-9a-f]{8} 0x[0-9a-f]{8}\. Flags: [^.]*withFlags[\s\S]*Type: [\s\S]*Position: /, "2.2 field origins");
    await expectText(page, "#node-detail .what-is-this", /withTypes[\s\S]*PackedLineInfo/, "2.2 side-table entries");
    await shot(page, "packed-22-system");
    await page.focus("#packed");
    await page.keyboard.press("End");
    await page.keyboard.press("Enter");
    await expectAt(page, { hash: `#/m/system.nim/bodies/${n - 1}` }, "End + Enter in the pane");
    await expectAttr(page, "#packed-pane", "data-span-start", String(n - 1), "bracket on the last record");
    // a figure, not a goal (timing goals live in benchmarks): frame times scrolling the pane
    await page.evaluate(() => (document.getElementById("packed").scrollTop = 0));
    const f = await h.scrollFrames(page, "#packed", 120, 37);
    assert(f.rows < 120, `virtualized while scrolling: ${f.rows} rows`);
    console.log(`    ORACLE: packed pane 2.2 system.rod bodies: ${n} records, ${inDom} rows in the DOM; scrolling: median ${f.median.toFixed(1)} ms/frame, p95 ${f.p95.toFixed(1)} ms, ${f.rows} rows in the DOM`);
    await finish();
  });

  test("packed: a format without a flat array says how it stores trees", async () => {
    const dir = join(h.SHARED, "corpus-legacy/text-0.9.0/p1");
    if (h.skipWithout(dir)) return;
    const { page, finish } = await openPage(sameOrigin(servers.dist.url));
    await loadApp(page, servers.dist.url);
    if (h.SAMPLE_RODS.length) await waitLoaded(page, h.SAMPLE_RODS.length);
    await h.dropFiles(page, h.filesIn(dir));
    await waitLoaded(page, 9, "text .rod");
    await page.goto(servers.dist.url + "#/m/main/top/0");
    await page.waitForSelector("#tree [role=row]");
    await page.click("#packed-toggle");
    await page.waitForSelector("#packed-pane[data-flat=false]");
    await expectText(page, "#packed-pane", /not a flat array[\s\S]*no node records/, "not-flat words");
    assertEq(await page.locator("#packed [role=row]").count(), 0, "no rows");
    await finish();
  });
}
