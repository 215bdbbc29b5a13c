import { readdirSync } from "node:fs";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startServer } from "../../tools/static-server.mjs";
const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "../..");
const server = await startServer({ root: join(ROOT, "dist") });
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
page.on("console", (m) => console.log(`console.${m.type()}: ${m.text()}`));
await page.goto(server.url);
await page.waitForSelector(".app");
await page.waitForTimeout(1500);
const dir = process.argv[2];
const files = dir.endsWith(".db") ? [dir] : readdirSync(dir, { withFileTypes: true }).filter((d) => d.isFile()).map((d) => join(dir, d.name));
if (process.argv[5] === "folder") await page.setInputFiles("#input-folder", dir); else await page.setInputFiles("#input-files", files);
await page.waitForFunction(() => document.querySelector(".app")?.dataset.loaded && !document.getElementById("progress"), null, { timeout: 60000 });
await page.waitForTimeout(500);
console.log("loaded", await page.evaluate(() => document.querySelector(".app").dataset.loaded));
console.log(await page.evaluate(() => [...document.querySelectorAll("#modules tbody tr")].map((r) => r.dataset.file + " | " + r.textContent).slice(0, 30).join("\n")));
console.log(await page.evaluate(() => document.querySelector("#cache-picker")?.textContent));
const key = process.argv[3];
if (key) {
  await page.goto(server.url + "#/m/" + key);
  await page.waitForTimeout(500);
  console.log(await page.evaluate(() => [...document.querySelectorAll(".tab")].map((a) => a.getAttribute("href") + " " + a.textContent).join("\n")));
  await page.goto(server.url + "#/m/" + key + "/" + (process.argv[4] || "top"));
  await page.waitForTimeout(500);
  await page.click("text=Expand all").catch(() => {});
  await page.waitForTimeout(500);
  for (let k = 0; k < 6; k++) {
    console.log(await page.evaluate(() => [...document.querySelectorAll("#tree [role=row]")].map((r) => r.dataset.key + " " + r.querySelector(".label")?.textContent + " " + [...r.querySelectorAll("a")].map((a) => a.getAttribute("href")).join(",")).join("\n")));
    await page.evaluate(() => (document.querySelector("#tree").scrollTop += 600));
    await page.waitForTimeout(200);
  }
}
await browser.close();
await server.close();
