// End-to-end checks of the built guide site in a real browser (headless Chromium).
//
// Usage: node e2e.mjs SITE_DIR SCREENSHOT_DIR
// Serves SITE_DIR on 127.0.0.1 both at / and under /guide/, then for every page:
// no console error, no failed request, every link and asset resolves; search
// finds a phrase from a week page and opens it; axe-core finds no WCAG 2.1 AA
// violation on each kind of page, light and dark; screenshots at 375 and 1280 px.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [siteArg, shotDir] = process.argv.slice(2);
const siteDir = siteArg && path.resolve(siteArg);
if (!siteArg || !shotDir) {
  console.error("usage: node e2e.mjs SITE_DIR SCREENSHOT_DIR");
  process.exit(2);
}
fs.mkdirSync(shotDir, { recursive: true });

const types = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".pdf": "application/pdf", ".xml": "application/xml",
  ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp", ".svg": "image/svg+xml" };
// Serves the site at / and at /guide/; anything outside the site is a 404.
const server = http.createServer((req, res) => {
  let url = decodeURIComponent(new URL(req.url, "http://x").pathname);
  if (url.startsWith("/guide/")) url = url.slice("/guide".length);
  const file = path.join(siteDir, url.endsWith("/") ? url + "index.html" : url);
  if (!file.startsWith(path.resolve(siteDir)) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    res.writeHead(404, { "content-type": "text/html" });
    res.end(fs.readFileSync(path.join(siteDir, "404.html")));
    return;
  }
  res.writeHead(200, { "content-type": types[path.extname(file)] || "application/octet-stream" });
  res.end(fs.readFileSync(file));
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic"],
});
let failures = 0, checks = 0;
const fail = (msg) => { failures++; console.error("FAIL " + msg); };
const ok = () => { checks++; };

const pages = [];
(function walk(dir) {
  for (const name of fs.readdirSync(dir)) {
    const p = path.join(dir, name);
    if (fs.statSync(p).isDirectory()) walk(p);
    else if (name.endsWith(".html") && name !== "404.html") pages.push(path.relative(siteDir, p).split(path.sep).join("/"));
  }
})(siteDir);

const firstOf = (re) => pages.filter((p) => re.test(p)).sort()[0];
// The week page the search and print checks use: week 2, or the first there is.
const week = pages.includes("weeks/week-2.html") ? "weeks/week-2.html" : firstOf(/^weeks\//);

async function visit(context, url) {
  const page = await context.newPage();
  const errors = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("requestfailed", (r) => errors.push("request failed: " + r.url()));
  page.on("response", (r) => { if (r.status() >= 400) errors.push(`HTTP ${r.status()} ${r.url()}`); });
  await page.goto(url, { waitUntil: "load" });
  return { page, errors };
}

// 1. Every page, from the root and from a subpath: loads cleanly, and every link resolves.
for (const prefix of ["/", "/guide/"]) {
  const context = await browser.newContext();
  for (const p of pages) {
    const { page, errors } = await visit(context, origin + prefix + p);
    if (errors.length) fail(`${prefix}${p}: ${errors.join("; ")}`); else ok();
    const hrefs = await page.$$eval("a[href], link[href], script[src]", (els) => els.map((e) => e.href || e.src));
    for (const h of hrefs) {
      if (!h.startsWith(origin)) continue;
      const target = new URL(h);
      if (!target.pathname.startsWith(prefix)) { fail(`${prefix}${p}: ${h} leaves the site's folder`); continue; }
      const rel = decodeURIComponent(target.pathname.slice(prefix.length)) || "index.html";
      if (!fs.existsSync(path.join(siteDir, rel))) fail(`${prefix}${p}: broken link ${h}`); else ok();
    }
    await page.close();
  }
  await context.close();
}

// 2. Search finds a phrase from a week page and opens it.
{
  const context = await browser.newContext();
  const { page } = await visit(context, origin + "/guide/index.html");
  const weekHtml = fs.readFileSync(path.join(siteDir, week), "utf8");
  // Five words from the first long paragraph, read as text (links and notes inside it dropped).
  const paragraphs = [...weekHtml.matchAll(/<p>([\s\S]*?)<\/p>/g)].map((m) => m[1].replace(/<sup[\s\S]*?<\/sup>/g, "").replace(/<[^>]*>/g, ""));
  const long = paragraphs.find((t) => t.split(/\s+/).length >= 8);
  if (!long) fail(`${week} has no paragraph to search for`);
  const phrase = (long || "").split(/\s+/).slice(2, 7).join(" ");
  await page.fill("#search-input", phrase);
  const first = page.locator("#search-results a").first();
  await first.waitFor({ timeout: 5000 });
  await page.keyboard.press("Enter");
  await page.waitForURL((u) => u.pathname.endsWith("/" + week), { timeout: 5000 }).then(ok, () => fail(`search for "${phrase}" did not open ${week} (first result: ${page.url()})`));
  await context.close();
}

// 2b. Printing a week page hides the navigation and search, keeping the text.
{
  const context = await browser.newContext();
  const { page } = await visit(context, origin + "/" + week);
  await page.emulateMedia({ media: "print" });
  const hidden = await page.evaluate(() => ["header.site-header", ".crumbs", ".pager", ".search"].map((s) => getComputedStyle(document.querySelector(s)).display));
  if (hidden.some((d) => d !== "none")) fail(`print view still shows navigation: ${hidden}`); else ok();
  const pdf = await page.pdf({ format: "A4" });
  if (pdf.length < 1000) fail(`printing ${week} gave an empty PDF`); else ok();
  await context.close();
}

// 3. Accessibility (axe-core, WCAG 2.1 AA) on every kind of page, light and dark.
// One page of each kind the program has: a program may leave out rituals,
// tables, scripts, exercises or the FAQ, and then the site has no such page.
const templates = [
  "index.html", "plan.html", "search.html", firstOf(/^weeks\//),
  "exercises/index.html", firstOf(/^exercises\/(?!index)/),
  "scripts/index.html", firstOf(/^scripts\/(?!index)/),
  "worksheets/index.html", firstOf(/^worksheets\/(?!index)/),
  "rituals.html", firstOf(/^tables\//), "faq.html",
].filter((t) => t && pages.includes(t));
for (const must of ["index.html", "plan.html", "search.html"]) if (!templates.includes(must)) fail(`missing page ${must}`);
for (const scheme of ["light", "dark"]) {
  const context = await browser.newContext({ colorScheme: scheme });
  for (const t of templates) {
    const { page } = await visit(context, origin + "/" + t);
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(async () => await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
    for (const v of result.violations) fail(`axe ${scheme} ${t}: ${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
    if (!result.violations.length) ok();
    await page.close();
  }
  await context.close();
}

// 4. The header: one row at 1280 px with the search box in it; on a phone the
// menu folds behind its button, so the page opens on its content.
{
  const desk = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const { page: d } = await visit(desk, origin + "/" + week);
  const row = await d.evaluate(() => {
    const top = (s) => document.querySelector(s).getBoundingClientRect();
    return { brand: top(".brand").top, search: top(".search input").top, searchBottom: top(".search input").bottom, header: top(".site-header").bottom };
  });
  if (row.searchBottom > row.header || row.search > row.brand + 20) fail(`the search box is not on the header's first row at 1280px: ${JSON.stringify(row)}`); else ok();
  if (await d.isVisible(".menu-toggle")) fail("the menu button shows at 1280px"); else ok();
  await desk.close();
  const phone = await browser.newContext({ viewport: { width: 375, height: 812 } });
  const { page: p } = await visit(phone, origin + "/" + week);
  const firstNav = "#site-menu nav a";
  if (await p.isVisible(firstNav)) fail("the menu is open when a page opens on a phone"); else ok();
  const headerBottom = await p.evaluate(() => document.querySelector(".site-header").getBoundingClientRect().bottom);
  if (headerBottom > 120) fail(`the folded header takes ${headerBottom}px of a 375px phone`); else ok();
  await p.click(".menu-toggle");
  const open = (await p.isVisible(firstNav)) && (await p.isVisible(".search input"))
    && (await p.getAttribute(".menu-toggle", "aria-expanded")) === "true";
  if (!open) fail("the menu button does not open the menu and the search box"); else ok();
  await p.keyboard.press("Escape");
  if (await p.isVisible(firstNav)) fail("Escape does not fold the menu again"); else ok();
  await phone.close();
}

// 4b. The fonts: the ones brand.css names load from the site itself (the
// same faces as the PDF), and no request of a page leaves the site.
{
  const context = await browser.newContext();
  const page = await context.newPage();
  const outside = [];
  page.on("request", (r) => { if (!r.url().startsWith(origin) && !r.url().startsWith("data:")) outside.push(r.url()); });
  await page.goto(origin + "/" + week, { waitUntil: "load" });
  const fonts = await page.evaluate(async () => {
    await document.fonts.ready;
    const css = getComputedStyle(document.documentElement);
    const family = (v) => css.getPropertyValue(v).split(",")[0].trim().replace(/"/g, "");
    const body = family("--font-body"), heading = family("--font-heading");
    const loaded = [...document.fonts].filter((f) => f.status === "loaded").map((f) => f.family.replace(/"/g, ""));
    return { body, heading, loaded, bodyUsed: getComputedStyle(document.body).fontFamily };
  });
  if (!fonts.body || !fonts.loaded.includes(fonts.body)) fail(`the body font ${fonts.body} did not load from the site: ${JSON.stringify(fonts)}`); else ok();
  if (!fonts.loaded.includes(fonts.heading)) fail(`the heading font ${fonts.heading} did not load: ${JSON.stringify(fonts)}`); else ok();
  if (!fonts.bodyUsed.includes(fonts.body)) fail(`the body is not set in ${fonts.body}: ${fonts.bodyUsed}`); else ok();
  if (outside.length) fail(`requests outside the site: ${outside.join(", ")}`); else ok();
  await context.close();
}

// 5. Screenshots at phone and desktop widths, light and dark, kept for people to look at.
for (const [w, h] of [[375, 812], [1280, 900]]) {
  for (const scheme of ["light", "dark"]) {
    const context = await browser.newContext({ viewport: { width: w, height: h }, colorScheme: scheme });
    for (const t of ["index.html", week, firstOf(/^tables\//)].filter(Boolean)) {
      const { page } = await visit(context, origin + "/" + t);
      const name = `${t.replace(/[\/.]/g, "_")}-${w}-${scheme}.png`;
      await page.screenshot({ path: path.join(shotDir, name), fullPage: true });
      // No sideways scrolling on a phone.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 1) fail(`${t} at ${w}px scrolls sideways by ${overflow}px`); else ok();
      await page.close();
    }
    await context.close();
  }
}

await browser.close();
server.close();
console.log(`browser: ${checks} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
