// Playground: the gallery of teaching samples and their guides, keeping dropped files
// across reloads (IndexedDB, opt-in), Save SVG; at 1400 px and 360 px, served and as the
// single file.
import { readFileSync } from "node:fs";
import { join } from "node:path";

export default function (h) {
  const { test, assert, assertEq, Failure, openPage, sameOrigin, loadApp, shot, waitLoaded, text, servers, DIST } = h;

  const manifest = () => {
    try {
      return JSON.parse(readFileSync(join(DIST, "sample", "manifest.json"), "utf8"));
    } catch {
      return { files: [] };
    }
  };
  const gallery = () => manifest().samples ?? [];
  const rodsOf = (name) =>
    JSON.parse(readFileSync(join(DIST, "sample", name, "manifest.json"), "utf8")).files.filter((f) => f.path.endsWith(".rod")).length;
  const noHorizontalScroll = async (page, what) => {
    const [sw, iw] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    assert(sw <= iw, `${what} at ${iw} px scrolls horizontally: ${sw} > ${iw}`);
  };

  /** Follows every step of the open guide: the view shows the node / symbol the step names. */
  async function followSteps(page, name) {
    const steps = await page.$$eval("#guide .guide-step-link", (ls) =>
      ls.map((l) => ({ href: l.getAttribute("href"), node: l.dataset.node ?? null, kind: l.dataset.kind ?? null, name: l.dataset.name ?? null, tag: l.tagName })),
    );
    assert(steps.length >= 3, `${name}: ${steps.length} steps`);
    let nodes = 0, syms = 0;
    for (const [i, s] of steps.entries()) {
      if (s.tag !== "A") throw new Failure(`${name}: step ${i} did not resolve: ${await text(page, `#guide li[data-step="${i}"]`)}`);
      // Focus and Enter, not a click at coordinates: the pane scrolls the current step
      // into view after each navigation, which can move a link under the pointer.
      await page.focus(`#guide a.guide-step-link[data-step="${i}"]`);
      await page.keyboard.press("Enter");
      await page.waitForFunction((href) => location.hash.startsWith(href), s.href, { timeout: 10_000 })
        .catch(async () => { throw new Failure(`${name}: step ${i} (${s.href}) did not navigate: the page is at ${await page.evaluate(() => location.hash)}`); });
      await page.waitForSelector(`#guide li[data-step="${i}"].current`);
      if (/\/sym\/-?\d+$/.test(s.href)) {
        await page.waitForSelector("#sym-name");
        assertEq(await text(page, "#sym-name"), s.name, `${name}: step ${i}: the symbol page's name`);
        syms++;
      } else if (s.node !== null && /\/(top|bodies|replay)\/\d+$/.test(s.href)) {
        await page.waitForSelector(`#tree [role=row][aria-selected="true"]`);
        const row = `#tree [role=row][aria-selected="true"]`;
        assertEq(await page.getAttribute(row, "data-key"), s.node, `${name}: step ${i}: the selected node`);
        assertEq(await text(page, `${row} .kind`), s.kind, `${name}: step ${i}: the selected node's kind`);
        nodes++;
      }
    }
    return { steps: steps.length, nodes, syms };
  }

  test("playground: the gallery lists the samples; each opens with its guide, sources and steps that land on their node or symbol", async () => {
    const list = gallery();
    if (!list.length) return console.log("    (no gallery in this build: skipped)");
    const { page, finish } = await openPage(sameOrigin(servers.dist.url));
    await page.setViewportSize({ width: 1400, height: 900 });
    await loadApp(page, servers.dist.url);
    await waitLoaded(page, null, "default sample");
    // linked from the header and the first-visit text
    assert(await page.locator("#gallery-link").count(), "header link to the gallery");
    assert(await page.locator('#sample-intro a[href="#/gallery"]').count(), "first-visit link to the gallery");
    await page.click("#gallery-link");
    await page.waitForSelector("#gallery-list");
    assertEq(await page.locator("#gallery-list .gallery-item").count(), list.length, "gallery entries");
    for (const s of list) assert((await text(page, `.gallery-item[data-sample="${s.name}"] .gallery-line`))?.length > 20, `${s.name}: one line`);
    await shot(page, "playground-gallery-1400");
    const totals = { steps: 0, nodes: 0, syms: 0 };
    for (const s of list) {
      await page.goto(servers.dist.url + "#/gallery");
      await page.waitForSelector(`.gallery-item[data-sample="${s.name}"] a`);
      await page.click(`.gallery-item[data-sample="${s.name}"] a`);
      // this sample's guide over this sample's cache (two samples can have as many modules)
      await page.waitForSelector(`#guide[data-base="sample/${s.name}/"] .guide-step`);
      await waitLoaded(page, rodsOf(s.name), `${s.name}`);
      const title = await text(page, "#guide-title");
      assert(title && title.length > 3, `${s.name}: guide title`);
      const r = await followSteps(page, s.name);
      for (const k of Object.keys(totals)) totals[k] += r[k];
    }
    console.log(`    ${list.length} samples, ${totals.steps} steps followed (${totals.nodes} nodes, ${totals.syms} symbols checked)`);
    // the source pane shows the sample's source at once (bundled with it)
    await page.goto(servers.dist.url + "#/gallery");
    await page.click('.gallery-item[data-sample="teach-generics"] a');
    await waitLoaded(page, rodsOf("teach-generics"), "teach-generics");
    await page.click("#guide a.guide-step-link[data-step=\"3\"]");
    await page.waitForSelector("#source-pane .src-text");
    const src = await text(page, "#source-pane");
    assert(src.includes("let small = biggest(3, 7)"), "the source pane shows main.nim of teach-generics");
    await shot(page, "playground-guide-1400");
    // a reload of a step's permalink comes back to the sample, its guide and the node
    const at = await page.evaluate(() => location.hash);
    await page.reload();
    await waitLoaded(page, rodsOf("teach-generics"), "reload");
    await page.waitForSelector("#guide .guide-step.current");
    assertEq(await page.evaluate(() => location.hash), at, "the permalink after a reload");
    // 360 px: the guide above the view, no horizontal scroll
    await page.setViewportSize({ width: 360, height: 740 });
    await page.waitForTimeout(200);
    await noHorizontalScroll(page, "a guided tree");
    // a step followed at 360 px: the guide keeps it in sight above the tree
    await page.click('#guide a.guide-step-link[data-step="0"]');
    await page.waitForSelector('#guide li[data-step="0"].current');
    await page.waitForSelector('#tree [role=row][aria-selected="true"]');
    await page.waitForTimeout(200);
    await noHorizontalScroll(page, "a guided tree after a step");
    await shot(page, "playground-guide-360");
    await page.goto(servers.dist.url + "#/gallery");
    await page.waitForSelector("#gallery-list");
    await noHorizontalScroll(page, "the gallery");
    await shot(page, "playground-gallery-360");
    await finish();
  });

  test("playground: the single file has the gallery and opens a sample without any request", async () => {
    const list = gallery();
    if (!list.length) return console.log("    (no gallery in this build: skipped)");
    const { page, finish, requests } = await openPage(sameOrigin(servers.single.url));
    await loadApp(page, servers.single.url + "rodscope.html#/gallery");
    await page.waitForSelector("#gallery-list");
    assertEq(await page.locator("#gallery-list .gallery-item").count(), list.length, "gallery entries in the single file");
    await page.click('.gallery-item[data-sample="teach-macros"] a');
    await waitLoaded(page, rodsOf("teach-macros"), "teach-macros (single file)");
    await page.waitForSelector("#guide .guide-step");
    const r = await followSteps(page, "teach-macros (single file)");
    assert(requests.every((u) => u.endsWith("rodscope.html") || u.startsWith("data:") || u.startsWith("blob:")), `requests: ${requests.filter((u) => !u.endsWith("rodscope.html"))}`);
    console.log(`    single file: ${r.steps} steps of teach-macros followed`);
    await finish();
  });

  test("playground: dropped files are kept across a reload when opted in, a permalink into them works, forget removes them", async () => {
    const list = gallery();
    if (!list.length) return console.log("    (no gallery in this build: skipped)");
    const dir = join(DIST, "sample", "teach-roots");
    const files = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")).files.map((f) => join(dir, f.path)).filter((p) => !p.endsWith(".md"));
    const n = files.filter((p) => p.endsWith(".rod")).length;
    const { page, finish } = await openPage(sameOrigin(servers.dist.url));
    await loadApp(page, servers.dist.url);
    await waitLoaded(page, null, "default sample");
    const basics = Number(await page.evaluate(() => document.querySelector(".app").dataset.loaded));
    assertEq(await page.isChecked("#keep-files-on"), false, "off by default");
    assert(/IndexedDB/.test(await text(page, "#keep-files-about")), "says where the files are kept");
    await page.check("#keep-files-on");
    await page.waitForFunction(() => localStorage.getItem("rodscope.keep-files") === "1");
    await h.dropFiles(page, files);
    await waitLoaded(page, n, "dropped teach-roots");
    try {
      await page.waitForFunction(
        (n) => Number((/(\d+) files? \(/.exec(document.querySelector("#keep-files-stored")?.textContent ?? "") ?? [])[1]) === n,
        files.length,
        { timeout: 10_000 },
      );
    } catch {
      throw new Failure(`kept files: ${await text(page, "#keep-files-stored")}, want ${files.length}`);
    }
    // a permalink into the dropped cache, then a reload
    await page.goto(servers.dist.url + "#/m/native.nim/top/1");
    await page.waitForSelector('#tree [role=row][aria-selected="true"]');
    await page.reload();
    await waitLoaded(page, n, "after the reload: the kept files");
    await page.waitForSelector('#tree [role=row][aria-selected="true"]');
    assertEq(await page.getAttribute('#tree [role=row][aria-selected="true"]', "data-key"), "1", "the permalink's node after the reload");
    await page.waitForSelector("#source-pane .src-text");
    // forget: nothing stored, a reload shows the sample again
    await page.goto(servers.dist.url + "#/");
    await page.waitForSelector("#keep-files-forget:not([disabled])");
    await page.click("#keep-files-forget");
    await page.waitForFunction(() => /nothing is stored/.test(document.querySelector("#keep-files-stored")?.textContent ?? ""));
    await page.reload();
    await waitLoaded(page, basics, "after forget: the default sample");
    await page.uncheck("#keep-files-on");
    await page.waitForFunction(() => localStorage.getItem("rodscope.keep-files") === null);
    console.log(`    ${files.length} files kept (${n} modules), reloaded, forgotten`);
    await finish();
  });

  test("playground: Save SVG downloads the picture as an SVG file", async () => {
    const { page, finish } = await openPage(sameOrigin(servers.dist.url));
    await loadApp(page, servers.dist.url + "#/m/main.nim");
    await waitLoaded(page, null, "sample");
    await page.waitForSelector("#file-parts-svg");
    const rects = await page.locator("#file-parts-svg rect").count();
    const [dl] = await Promise.all([page.waitForEvent("download"), page.click('.save-svg[data-target="file-parts-svg"]')]);
    assertEq(dl.suggestedFilename(), "file-parts.svg", "file name");
    const svg = readFileSync(await dl.path(), "utf8");
    assert(svg.startsWith("<?xml") && svg.includes('xmlns="http://www.w3.org/2000/svg"'), "a standalone SVG document");
    assertEq((svg.match(/<rect\b/g) ?? []).length, rects, "the same rectangles as the page");
    assert(/<rect[^>]*\bfill="rgb\(/.test(svg), "colours written into the file");
    console.log(`    file-parts.svg: ${svg.length} bytes, ${rects} rects`);
    await finish();
  });
}
