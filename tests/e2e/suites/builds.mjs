// Builds: two builds compared and what-if (web/src/components/compare_page.rs,
// whatif_page.rs). An edit-and-rebuild pair (scripts/gen-corpus.sh's `rebuild` program:
// target/rodscope-corpus/rebuild-1 = build 1, rebuild = build 2; made at test time with
// nim when absent) is picked as one folder with before/ and after/ subfolders; the
// comparison must list the regenerated modules, reasons and entered / left symbols of
// `rodscope diff A B --json`, and a what-if on a statement the dies of `rodscope whatif`.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export default function (h) {
  const { test, assert, assertEq, Failure, openPage, sameOrigin, loadApp, shot, hash, waitLoaded, servers, ROOT, RODSCOPE, SHARED, skipWithout, dropFiles, filesIn } = h;

  /** The rebuild pair's two caches: target/rodscope-corpus, else generated now with nim (null: no nim). */
  function rebuildPair() {
    const have = (c) => existsSync(join(c, "rebuild", "cache")) && existsSync(join(c, "rebuild-1", "cache"));
    const corpus = process.env.RODSCOPE_CORPUS || join(ROOT, "target", "rodscope-corpus");
    if (have(corpus)) return { before: join(corpus, "rebuild-1", "cache"), after: join(corpus, "rebuild", "cache"), tmp: null };
    if (spawnSync("nim", ["--version"]).status !== 0) return null;
    const tmp = mkdtempSync(join(tmpdir(), "rodscope-rebuild-"));
    const r = spawnSync("bash", [join(ROOT, "scripts", "gen-corpus.sh"), tmp], { env: { ...process.env, PROGRAMS: "rebuild" }, encoding: "utf8" });
    if (r.status !== 0 || !have(tmp)) throw new Failure(`gen-corpus.sh rebuild failed: ${r.stderr}`);
    return { before: join(tmp, "rebuild-1", "cache"), after: join(tmp, "rebuild", "cache"), tmp };
  }

  /** A folder `pair/` with `before/` and `after/` holding the two caches' .rod and .alivesyms. */
  function pairFolder(p) {
    const dir = mkdtempSync(join(tmpdir(), "rodscope-pair-"));
    for (const [side, from] of [["before", p.before], ["after", p.after]]) {
      mkdirSync(join(dir, "pair", side), { recursive: true });
      for (const f of readdirSync(from).filter((f) => /\.(rod|alivesyms)$/.test(f))) copyFileSync(join(from, f), join(dir, "pair", side, f));
    }
    return dir;
  }

  function cli(args) {
    if (!existsSync(RODSCOPE)) throw new Failure(`no rodscope CLI at ${RODSCOPE}: cargo build --release -p rodscope`);
    const r = spawnSync(RODSCOPE, args, { encoding: "utf8", maxBuffer: 1 << 28 });
    if (r.status !== 0) throw new Failure(`rodscope ${args.join(" ")}: exit ${r.status}: ${r.stderr}`);
    return JSON.parse(r.stdout);
  }

  const noHorizontalScroll = async (page, what) => {
    const [sw, iw] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    assert(sw <= iw, `${what} scrolls horizontally: ${sw} > ${iw}`);
  };

  /** Screenshots `name`-1400 and `name`-360 (no horizontal page scroll at 360 px), then back to 1400 px. */
  async function shotsAtBothWidths(page, name, what) {
    await shot(page, `${name}-1400`);
    await page.setViewportSize({ width: 360, height: 740 });
    await page.waitForTimeout(150);
    await noHorizontalScroll(page, `${what} at 360 px`);
    await shot(page, `${name}-360`);
    await page.setViewportSize({ width: 1400, height: 900 });
  }

  /** Opens the page on the pair, picked as one folder (relative paths kept): two caches. */
  async function openPair(dir) {
    const opened = await openPage(sameOrigin(servers.dist.url));
    const { page } = opened;
    await page.setViewportSize({ width: 1400, height: 900 });
    await loadApp(page, servers.dist.url);
    await waitLoaded(page);
    await page.setInputFiles("#input-folder", join(dir, "pair"));
    await page.waitForFunction(() => document.querySelectorAll("#cache-picker a.cache-choice").length === 2 && !document.getElementById("progress"), null, { timeout: 20_000 });
    return opened;
  }

  /** An object as JSON with its keys in sorted order: the page lists modules in its own order,
   * the CLI sorts them by path, and where the checkout lives decides how paths sort. */
  function keysSorted(o) {
    return JSON.stringify(Object.keys(o).sort().map((k) => [k, o[k]]));
  }

  /** The statement root of main.nim at `line` (the smallest toplevel node recorded there). */
  function statementAt(cache, line) {
    const at = cli(["at", cache, `main.nim:${line}`, "--json"]).filter((n) => n.tree === "toplevel" && n.module.endsWith("/main.nim"));
    assert(at.length > 0, `no toplevel node at main.nim:${line}`);
    return Math.min(...at.map((n) => n.node));
  }

  test("builds: compare before/after of a rebuild equals rodscope diff --json; keyboard; 1400 and 360 px", async () => {
    const p = rebuildPair();
    if (!p) return console.log("    (no rebuild pair and no nim: skipped)");
    const dir = pairFolder(p);
    try {
      const want = cli(["diff", join(dir, "pair", "before"), join(dir, "pair", "after"), "--json", "--trees"]).modules;
      const wantRegen = want.filter((m) => m.regenerated).map((m) => m.module).sort();
      assert(wantRegen.length > 0, "the rebuild regenerates something");
      const { page, finish } = await openPair(dir);
      const labels = await page.$$eval("#cache-picker a.cache-choice", (as) => as.map((a) => a.textContent));
      assert(/pair\/after/.test(labels[0]) && /pair\/before/.test(labels[1]), `cache labels name the folders: ${labels}`);
      // keyboard: the picker's link, then the two selects
      await page.focus("#compare-link");
      await page.keyboard.press("Enter");
      await page.waitForSelector("#compare-before");
      assertEq(await page.inputValue("#compare-before"), "1", "before preselected by its folder name");
      assertEq(await page.inputValue("#compare-after"), "0", "after preselected");
      await page.selectOption("#compare-after", "0");
      await page.focus("#compare-before");
      await page.selectOption("#compare-before", "1");
      await page.waitForSelector("#compare-modules");
      const regen = async () => (await page.$$eval('#compare-modules li[data-regenerated="yes"]', (ls) => ls.map((l) => l.dataset.path))).sort();
      assertEq(JSON.stringify(await regen()), JSON.stringify(wantRegen), "regenerated modules as rodscope diff --json");
      const count = async (slug) => Number(await page.getAttribute(`#compare-counts li[data-count="${slug}"]`, "data-value"));
      assertEq(await count("regenerated"), wantRegen.length, "summary: regenerated");
      assertEq(await count("modules"), want.length, "summary: modules");
      // all modules, each with the CLI's reasons
      await page.focus("#compare-only-regenerated");
      await page.keyboard.press("Space");
      await page.waitForFunction((n) => document.querySelectorAll("#compare-modules li.cmp-module").length === n, want.length);
      const rows = await page.$$eval("#compare-modules li.cmp-module", (ls) =>
        ls.map((l) => [l.dataset.path, l.dataset.regenerated, [...l.querySelectorAll(".cmp-reason")].map((r) => r.dataset.reason).join(",")]));
      assertEq(JSON.stringify(rows), JSON.stringify(want.map((m) => [m.module, m.regenerated ? "yes" : "no", m.reasons.join(",")])), "every module, regenerated and reasons");
      // the edited module: entered / left symbols and the tree diff
      // back to the regenerated ones: the open module and the counts fit one screen
      await page.keyboard.press("Space");
      await page.waitForFunction((n) => document.querySelectorAll("#compare-modules li.cmp-module").length === n, wantRegen.length);
      const lib = want.find((m) => m.module.endsWith("/lib.nim"));
      const row = `#compare-modules li[data-path="${lib.module}"] a.cmp-name`;
      await page.focus(row);
      await page.keyboard.press("Enter");
      await page.waitForSelector("#compare-detail");
      assert((await hash(page)).startsWith("#/compare/1/0/"), `module detail in the URL: ${await hash(page)}`);
      const ids = (sel) => page.$$eval(`${sel} li`, (ls) => ls.map((l) => Number(l.dataset.id)));
      assertEq(JSON.stringify(await ids("#compare-entered")), JSON.stringify(lib.entered), "entered as the CLI");
      assertEq(JSON.stringify(await ids("#compare-left")), JSON.stringify(lib.left), "left as the CLI");
      const items = await page.locator("#compare-tree-diff li.cmp-item").count();
      assert(items > 0, "lib.nim's trees differ");
      assertEq(items, lib.trees.length, "as many differing items as rodscope diff --trees --json");
      await shotsAtBothWidths(page, "builds-compare", "comparison");
      // a changed node of the newer build opens in that build's tree
      const node = page.locator("#compare-tree-diff .cmp-nodes a.node").last();
      const href = await node.getAttribute("href");
      assert(/^#\/m\/lib\.nim\/(top|bodies)\/\d+&diff=1,0$/.test(href), `a changed node of the after build (cache 0), marked against 1: ${href}`);
      const wantMarked = Number(await node.getAttribute("data-node"));
      const wantMark = await node.evaluate((a) => a.closest("li.cmp-item").dataset.change);
      await node.click();
      await page.waitForSelector('#tree [role=row][aria-selected="true"]');
      // the tree marks the differences from the build before; next/previous step through them
      await page.waitForSelector("#tree-diff-summary");
      assertEq(await page.getAttribute('#tree [role=row][aria-selected="true"]', "data-mark"), wantMark, "the opened node is marked as its item changed");
      assertEq(await page.getAttribute("#tree-diff", "data-side"), "after", "shown as the after build");
      const marked = Number(await page.getAttribute("#tree-diff-summary", "data-count"));
      assert(marked >= 1, "at least one marked subtree");
      const openedTree = /\/top\//.test(href) ? "toplevel" : "bodies";
      const cliRoots = new Set(lib.trees.filter((t) => t.tree === openedTree).flatMap((t) => t.changed_new));
      assert(marked <= cliRoots.size, `marked subtrees (${marked}) are among the CLI's changed roots of ${openedTree} (${cliRoots.size})`);
      const roots = [];
      await page.focus("#tree-diff-next");
      for (let i = 0; i < marked; i++) {
        const was = await hash(page);
        await page.keyboard.press("Enter");
        if (marked > 1) await page.waitForFunction((w) => location.hash !== w, was);
        const m = (await hash(page)).match(/\/(\d+)&diff=1,0$/);
        assert(m, `next keeps the option: ${await hash(page)}`);
        roots.push(`${Number(m[1])}`);
        await page.waitForFunction((n) => document.querySelector(`#row-${n}`)?.dataset.mark, Number(m[1]));
      }
      assert(roots.includes(String(wantMarked)), `next visits the linked node ${wantMarked}: ${roots}`);
      assertEq(new Set(roots).size, marked, `next visits every marked root once: ${roots}`);
      assert(roots.every((r) => cliRoots.has(Number(r))), `every marked root is a changed root of rodscope diff --trees: ${roots}`);
      await shotsAtBothWidths(page, "builds-tree-marked", "marked tree");
      await page.focus("#tree-diff-stop");
      await page.keyboard.press("Enter");
      await page.waitForFunction(() => !document.getElementById("tree-diff") && !location.hash.includes("diff="));
      assertEq(await page.locator("#tree [role=row][data-mark]").count(), 0, "no marks after stop marking");
      // and a left symbol opens in the before build (cache 1)
      await page.goBack();
      await page.waitForSelector("#compare-left");
      const leftHref = await page.getAttribute("#compare-left li a", "href");
      assert(leftHref.startsWith("#/c=1/m/lib.nim/sym/"), `a left symbol links into the before build: ${leftHref}`);
      // a changed node of the older build opens in its tree, marked from the before side
      const oldNode = page.locator('#compare-tree-diff .cmp-nodes a.node[href^="#/c=1/"]').first();
      const oldHref = await oldNode.getAttribute("href");
      assert(/&diff=1,0$/.test(oldHref), `a before node carries the comparison: ${oldHref}`);
      await oldNode.click();
      await page.waitForSelector('#tree-diff[data-side="before"]');
      const oldMark = await page.getAttribute('#tree [role=row][aria-selected="true"]', "data-mark");
      assert(oldMark === "changed" || oldMark === "removed", `the before node is marked: ${oldMark}`);
      assert(/differences from the build after/.test(await page.textContent("#tree-diff-summary")), "the bar names the other build");
      console.log(`    ${want.length} modules, ${wantRegen.length} regenerated (${wantRegen.map((p) => p.split("/").pop()).join(", ")}), lib.nim: +${lib.entered.length} -${lib.left.length}, ${items} tree items differ (${marked} marked subtrees in the opened tree); compared in ${await page.getAttribute("body", "data-compare-ms")} ms`);
      await finish();
    } finally {
      rmSync(dir, { recursive: true, force: true });
      if (p.tmp) rmSync(p.tmp, { recursive: true, force: true });
    }
  });

  test("builds: what-if on a statement and a symbol equals rodscope whatif --json; 1400 and 360 px", async () => {
    const p = rebuildPair();
    if (!p) return console.log("    (no rebuild pair and no nim: skipped)");
    const dir = pairFolder(p);
    try {
      const after = join(dir, "pair", "after");
      const line = 5; // echo "lib v", Version, ": ", framed("world")
      const want = cli(["whatif", after, "--without-stmt", `main.nim:${line}`, "--json"]);
      const node = statementAt(after, line);
      const { page, finish } = await openPair(dir);
      await page.goto(servers.dist.url + `#/m/main.nim/top/${node}`);
      await page.waitForSelector("#whatif-link");
      await page.focus("#whatif-link");
      await page.keyboard.press("Enter");
      await page.waitForSelector("#whatif-summary");
      assertEq(await hash(page), `#/whatif/main.nim/top/${node}`, "what-if URL");
      const dies = async () => Object.fromEntries(await page.$$eval("#whatif-dies li.wi-module", (ls) => ls.map((l) => [l.dataset.path, l.dataset.ids.split(" ").map(Number)])));
      const got = await dies();
      await shot(page, "builds-whatif-1400");
      assertEq(keysSorted(got), keysSorted(want.dies), "dies as rodscope whatif --without-stmt");
      const regen = (await page.$$eval("#whatif-regenerated li", (ls) => ls.map((l) => l.dataset.path))).sort();
      assertEq(JSON.stringify(regen), JSON.stringify(want.regenerated), "regenerated as rodscope whatif");
      const ms = await page.getAttribute("body", "data-whatif-ms");
      await shotsAtBothWidths(page, "builds-whatif", "what-if");
      // from a symbol page: lib.nim's framed
      const wantSym = cli(["whatif", after, "--without-sym", "framed@lib", "--json"]);
      await page.goto(servers.dist.url + "#/search/framed@lib");
      const symHref = await page.getAttribute("#search-results a[href*='/sym/'], .search-results a[href*='/sym/']", "href").catch(() => null);
      assert(symHref, "a search result for framed@lib");
      await page.goto(servers.dist.url + symHref);
      await page.waitForSelector("#whatif-link");
      await page.click("#whatif-link");
      await page.waitForSelector("#whatif-summary");
      assertEq(keysSorted(await dies()), keysSorted(wantSym.dies), "dies as rodscope whatif --without-sym");
      console.log(`    main.nim:${line} (topLevel node ${node}): ${Object.values(want.dies).flat().length} ids die in ${Object.keys(want.dies).length} modules, ${want.regenerated.length} regenerated; what-if ${ms} ms; framed@lib: ${Object.values(wantSym.dies).flat().length} die`);
      await finish();
    } finally {
      rmSync(dir, { recursive: true, force: true });
      if (p.tmp) rmSync(p.tmp, { recursive: true, force: true });
    }
  });

  test("builds: formats without a comparison say so; one cache asks for two", async () => {
    const { page, finish } = await openPage(sameOrigin(servers.dist.url));
    await loadApp(page, servers.dist.url + "#/compare");
    await waitLoaded(page);
    await page.waitForSelector("#compare-none");
    assert(/two builds/.test(await page.textContent("#compare-none")), "the sample is one cache: the page says what to add");
    assert(await page.isVisible("#open-build"), "an 'Add a build folder' button");
    await finish();
  });

  test("builds: a second folder added on the compare page joins the load; the comparison equals rodscope diff --json", async () => {
    const p = rebuildPair();
    if (!p) return console.log("    (no rebuild pair and no nim: skipped)");
    const dir = pairFolder(p);
    try {
      const want = cli(["diff", join(dir, "pair", "before"), join(dir, "pair", "after"), "--json"]).modules;
      const wantRegen = want.filter((m) => m.regenerated).map((m) => m.module).sort();
      const { page, finish } = await openPage(sameOrigin(servers.dist.url));
      await page.setViewportSize({ width: 1400, height: 900 });
      await loadApp(page, servers.dist.url);
      await waitLoaded(page);
      await page.setInputFiles("#input-folder", join(dir, "pair", "before"));
      await page.waitForFunction(() => document.querySelector(".app")?.dataset.loaded === "32" && !document.getElementById("progress"), null, { timeout: 20_000 });
      await page.goto(servers.dist.url + "#/compare");
      await page.waitForSelector("#compare-none #open-build");
      await page.setInputFiles("#input-build", join(dir, "pair", "after"));
      await page.waitForSelector("#compare-modules", { timeout: 20_000 });
      assertEq(await hash(page), "#/compare/0/1", "the comparison of the shown cache with the added one");
      const labels = await page.$$eval("#cache-picker a.cache-choice", (as) => as.map((a) => a.textContent));
      assert(labels.length === 2 && /^before — /.test(labels[0]) && /^after — /.test(labels[1]), `two caches named by their folders: ${labels}`);
      const regen = (await page.$$eval('#compare-modules li[data-regenerated="yes"]', (ls) => ls.map((l) => l.dataset.path))).sort();
      assertEq(JSON.stringify(regen), JSON.stringify(wantRegen), "regenerated modules as rodscope diff --json");
      await shot(page, "builds-added-folder-1400");
      // a drop on the compare page adds a build too (here the before build again: nothing regenerated)
      await dropFiles(page, filesIn(join(dir, "pair", "before")));
      await page.waitForFunction(() => document.querySelectorAll("#cache-picker a.cache-choice").length === 3 && !document.getElementById("progress"), null, { timeout: 20_000 });
      assertEq(await hash(page), "#/compare/0/2", "the dropped build compared with the shown one");
      await page.waitForSelector("#compare-counts");
      assertEq(await page.getAttribute('#compare-counts li[data-count="regenerated"]', "data-value"), "0", "the same build again: nothing regenerated");
      console.log(`    before loaded, after added: ${want.length} modules compared, ${regen.length} regenerated`);
      await finish();
    } finally {
      rmSync(dir, { recursive: true, force: true });
      if (p.tmp) rmSync(p.tmp, { recursive: true, force: true });
    }
  });

  /** Times what-ifs in the page on a cache folder (`name`: its folder name in the drop). */
  async function timeWhatIf(cache, name, shown) {
    const files = readdirSync(cache).filter((f) => /\.(rod|alivesyms)$/.test(f));
    // the program's own module (the others are the standard library's, named @m..@s…)
    const main = files.find((f) => !f.includes("@s") && f.endsWith(".rod"));
    assert(main, `a main module in ${shown}`);
    const { page, finish } = await openPage(sameOrigin(servers.dist.url));
    await page.setViewportSize({ width: 1400, height: 900 });
    await loadApp(page, servers.dist.url);
    await waitLoaded(page);
    const dir = mkdtempSync(join(tmpdir(), "rodscope-timing-"));
    try {
      mkdirSync(join(dir, name));
      for (const f of files) copyFileSync(join(cache, f), join(dir, name, f));
      await page.setInputFiles("#input-folder", join(dir, name));
      await waitLoaded(page, files.filter((f) => f.endsWith(".rod")).length, shown);
      const key = main.replace(/^@m/, "").replace(/\.rod$/, ".nim");
      // its top-level statements (roots: a position and one space before the kind)
      const tree = spawnSync(RODSCOPE, ["tree", join(cache, main), "--section", "toplevel", "--depth", "1"], { encoding: "utf8", maxBuffer: 1 << 28 }).stdout ?? "";
      const roots = [...tree.matchAll(/^\s*(\d+) nk/gm)].map((m) => m[1]);
      assert(roots.length > 0, `no top-level statements of ${main} from rodscope tree`);
      const times = [];
      // three statements, each twice (a what-if is recomputed on every visit)
      const picks = [roots[0], roots[Math.floor(roots.length / 2)], roots[roots.length - 1]];
      for (const stmt of [...picks, ...picks]) {
        await page.goto(servers.dist.url + "#/");
        await page.goto(servers.dist.url + `#/whatif/${key}/top/${stmt}`);
        await page.waitForSelector("#whatif-summary");
        const ms = await page.getAttribute("body", "data-whatif-ms");
        if (ms) times.push(Number(ms));
        await page.evaluate(() => document.body.removeAttribute("data-whatif-ms"));
      }
      // a symbol of system (many dependants): the heaviest kind of what-if
      await page.goto(servers.dist.url + "#/search/echo@system");
      const symHref = await page.getAttribute("#search-results a[href*='/sym/'], .search-results a[href*='/sym/']", "href").catch(() => null);
      if (symHref) {
        const m = /#\/m\/([^/]+)\/sym\/(-?\d+)/.exec(symHref);
        await page.goto(servers.dist.url + `#/whatif/${m[1]}/sym/${m[2]}`);
        await page.waitForSelector("#whatif-summary");
        times.push(Number(await page.getAttribute("body", "data-whatif-ms")));
      }
      assert(times.length > 0, `no what-if ran on ${key} (${roots.length} rows)`);
      const sorted = [...times].sort((a, b) => a - b);
      console.log(`    what-if on ${files.length} files of ${shown}: ${times.map((t) => t.toFixed(1)).join(", ")} ms (median ${sorted[Math.floor(sorted.length / 2)].toFixed(1)}, max ${sorted[sorted.length - 1].toFixed(1)} ms)`);
      await finish();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  test("builds: what-if timing on the largest test cache (2.0 s2)", async () => {
    const cache = join(SHARED, "corpus/s2/nim-2.0.0/cache");
    if (skipWithout(cache)) return;
    await timeWhatIf(cache, "s2", "../shared/corpus/s2/nim-2.0.0/cache");
  });

  test("builds: what-if timing on the biggest 1.6 test cache (stdlib)", async () => {
    const cache = join(process.env.RODSCOPE_CORPUS || join(ROOT, "target", "rodscope-corpus"), "stdlib", "cache");
    if (!existsSync(cache)) return console.log("    (no target/rodscope-corpus/stdlib: run scripts/gen-corpus.sh target/rodscope-corpus; skipped)");
    await timeWhatIf(cache, "stdlib", "target/rodscope-corpus/stdlib/cache");
  });
}
