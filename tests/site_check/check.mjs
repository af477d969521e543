// Checks an exported web site (sasaeai site export) in headless Chromium, from file:// with every
// other request aborted and recorded:
//   - axe-core's WCAG 2.x A/AA rules on every page (desktop width) and on the index at phone width;
//     with --every N, on every list page and every N-th activity page (one template: the run stays
//     short in CI while the sample still holds activities with and without photos and contacts);
//   - no request to anything but the folder's own files, no script error;
//   - the search: each --search WORD typed on the index lists activities (their names are printed),
//     and the header search of an activity page leads to the index with the same hits.
// Usage: node check.mjs --site DIR [--every N] [--search WORD ...] [--screenshots DIR]
// Prints one JSON report on stdout; exit 0 when it could run (the pytest test judges the report).
import { chromium } from "playwright-core";
import { createRequire } from "node:module";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const axePath = require.resolve("axe-core/axe.min.js");

const args = process.argv.slice(2);
const site = resolve(args[args.indexOf("--site") + 1]);
const words = args.flatMap((a, i) => (a === "--search" ? [args[i + 1]] : []));
const shotsAt = args.indexOf("--screenshots");
const shots = shotsAt >= 0 ? resolve(args[shotsAt + 1]) : null;
const everyAt = args.indexOf("--every");
const every = everyAt >= 0 ? Number(args[everyAt + 1]) : 1;

function pages(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return pages(path);
    return name.endsWith(".html") ? [path] : [];
  });
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"],
});
const report = { pages: 0, violations: [], external: [], errors: [], search: {}, headerSearch: {} };
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
await context.route("**/*", (route) => {
  const url = route.request().url();
  if (url.startsWith("file:")) return route.continue();
  report.external.push(url);
  return route.abort();
});
async function newPage() {
  const tab = await context.newPage();
  tab.on("pageerror", (err) => report.errors.push(`${tab.url()}: ${err.message}`));
  tab.on("console", (msg) => { if (msg.type() === "error") report.errors.push(`${tab.url()}: ${msg.text()}`); });
  return tab;
}
const page = await newPage();

// preload: false — axe would otherwise fetch the style sheets by XMLHttpRequest, which file:// refuses.
async function axe(label, tab = page) {
  await tab.addScriptTag({ path: axePath });
  const result = await tab.evaluate(() => window.axe.run(document, {
    preload: false,
    runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
  }));
  for (const v of result.violations) {
    report.violations.push({ page: label, id: v.id, impact: v.impact, help: v.help,
                             targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) });
  }
}

const all = pages(site).sort();
const activityPages = all.filter((file) => file.includes("/activities/"));
const queue = all.filter((file) => !file.includes("/activities/") || activityPages.indexOf(file) % every === 0);
async function worker() {  // a few tabs at once: ~250 pages take a minute instead of three
  const tab = await newPage();
  for (let file = queue.shift(); file; file = queue.shift()) {
    await tab.goto(pathToFileURL(file).href);
    await axe(file.slice(site.length + 1), tab);
    report.pages += 1;
  }
  await tab.close();
}
await Promise.all([worker(), worker(), worker()]);

const index = pathToFileURL(join(site, "index.html")).href;
async function hits() {
  return page.$$eval("#search-results li a", (links) => links.map((a) => a.textContent));
}
for (const word of words) {
  await page.goto(index);
  await page.focus("#q");
  await page.keyboard.type(word);
  await page.waitForFunction(() => document.getElementById("search-status").textContent !== "");
  report.search[word] = await hits();
}

// An activity with photos (for the screenshots), else any.
const activities = all.filter((f) => f.includes("/activities/"));
const activity = activities.find((f) => readFileSync(f, "utf8").includes("<figure")) || activities[0];
if (activity && words.length) {
  await page.goto(pathToFileURL(activity).href);
  await page.focus("#site-q");
  await page.keyboard.type(words[0]);
  await Promise.all([page.waitForURL(/index\.html\?q=/), page.keyboard.press("Enter")]);
  await page.waitForFunction(() => document.getElementById("search-status").textContent !== "");
  report.headerSearch[words[0]] = await hits();
}

if (shots) {
  for (const [name, width, height] of [["desktop", 1280, 900], ["phone", 390, 844]]) {
    await page.setViewportSize({ width, height });
    await page.goto(index);
    await page.screenshot({ path: join(shots, `index-${name}.png`), fullPage: false });
    if (activity) {
      await page.goto(pathToFileURL(activity).href);
      await page.screenshot({ path: join(shots, `activity-${name}.png`), fullPage: true });
    }
    if (words.length) {
      await page.goto(`${index}?q=${encodeURIComponent(words[0])}`);
      await page.waitForFunction(() => document.getElementById("search-status").textContent !== "");
      await page.locator("#search-heading").scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(shots, `search-${name}.png`), fullPage: false });
    }
  }
}
await page.setViewportSize({ width: 390, height: 844 });
await page.goto(index);
await axe("index.html (phone)");
await browser.close();
process.stdout.write(JSON.stringify(report, null, 1) + "\n");
