// The author's loop in a real browser: `kintsugi serve` reloads an open page
// after an edit, shows a broken edit in an overlay while the page stays
// usable, and clears it when the file is fixed.
//
// Usage: node live.mjs KINTSUGI_BINARY PROJECT_DIR [SCREENSHOT_DIR]
// PROJECT_DIR is edited (use a copy); content/weeks/week-2.md must exist.
// With SCREENSHOT_DIR, the error overlay is saved there as serve-overlay.png.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";

const [bin, projectArg, shotDir] = process.argv.slice(2);
if (!bin || !projectArg) {
  console.error("usage: node live.mjs KINTSUGI_BINARY PROJECT_DIR");
  process.exit(2);
}
const project = path.resolve(projectArg);
const weekFile = path.join(project, "content/weeks/week-2.md");
const original = fs.readFileSync(weekFile, "utf8");

let failures = 0, checks = 0;
const fail = (msg) => { failures++; console.error("FAIL " + msg); };
const ok = () => { checks++; };

const server = spawn(bin, ["serve", "--root", project, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
let log = "";
server.stderr.on("data", (d) => { log += d; });
const origin = await new Promise((resolve, reject) => {
  let out = "";
  server.stdout.on("data", (d) => {
    out += d;
    log += d;
    const m = out.match(/serving (http:\/\/127\.0\.0\.1:\d+)/);
    if (m) resolve(m[1]);
  });
  server.on("exit", (code) => reject(new Error(`kintsugi serve exited with ${code}: ${log}`)));
  setTimeout(() => reject(new Error("kintsugi serve did not start: " + log)), 30000);
});

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  // Requests the server has not answered yet: printed if a step times out,
  // since a request left hanging is the likeliest cause.
  const pending = new Map();
  page.on("request", (r) => pending.set(r, Date.now()));
  page.on("requestfinished", (r) => pending.delete(r));
  page.on("requestfailed", (r) => pending.delete(r));
  const unanswered = () => [...pending].map(([r, t]) => `${r.url()} (${Date.now() - t} ms)`).join(", ") || "none";
  await page.goto(origin + "/weeks/week-2.html", { waitUntil: "load", timeout: 15000 }).catch((e) => {
    throw new Error(`${e.message}\nrequests not answered: ${unanswered()}\nserver log: ${log}`);
  });
  // Give the page a moment to ask for the status, as an author's open tab would have.
  await page.waitForTimeout(300);

  // 1. An edit shows up in the open page by itself, within a second.
  const sentence = "A sentence added while the page was open.";
  let t = Date.now();
  fs.writeFileSync(weekFile, original + "\n" + sentence + "\n");
  await page.getByText(sentence).waitFor({ timeout: 5000 }).then(
    () => { const ms = Date.now() - t; console.log(`edit shown in the open page after ${ms} ms`); if (ms < 1000) ok(); else fail(`the edit took ${ms} ms to show`); },
    () => fail("the edit never showed in the open page"));

  // 2. A broken edit: an overlay with check's message; the page underneath stays.
  fs.writeFileSync(weekFile, original.replace("exercises: [two-minute-truth]", "exercises: [two-minute-truht]"));
  const overlay = page.locator("#kintsugi-error");
  await overlay.waitFor({ timeout: 5000 }).then(ok, () => fail("no overlay after a broken edit"));
  const message = await overlay.textContent().catch(() => "");
  if (/content\/weeks\/week-2\.md:\d+:\d+: error: no exercise has the id `two-minute-truht`/.test(message) && message.includes("did you mean `two-minute-truth`?")) ok();
  else fail("the overlay does not show check's message: " + message);
  if (shotDir) {
    fs.mkdirSync(shotDir, { recursive: true });
    await page.screenshot({ path: path.join(shotDir, "serve-overlay.png") });
  }
  if (await page.getByText(sentence).count()) ok(); else fail("the last good page went away under the overlay");
  const reload = await page.request.get(origin + "/weeks/week-2.html");
  if (reload.status() === 200 && (await reload.text()).includes(sentence)) ok();
  else fail("the last good page is not served while the content is broken");

  // 3. Fixing the file clears the overlay.
  t = Date.now();
  fs.writeFileSync(weekFile, original);
  await overlay.waitFor({ state: "detached", timeout: 5000 }).then(
    () => { ok(); console.log(`overlay cleared after ${Date.now() - t} ms`); },
    () => fail("the overlay stayed after the fix"));
  await page.getByText(sentence).waitFor({ state: "detached", timeout: 5000 }).then(ok, () => fail("the fixed page was not reloaded"));

  // 4. The workbook is served too, built when asked for.
  const pdf = await page.request.get(origin + "/downloads/workbook.pdf");
  if (pdf.status() === 200 && (await pdf.body()).subarray(0, 5).toString() === "%PDF-") ok();
  else fail(`the workbook is not served: HTTP ${pdf.status()}`);

  if (errors.length) fail("script errors: " + errors.join("; ")); else ok();
} finally {
  fs.writeFileSync(weekFile, original);
  await browser.close();
  server.kill();
}
console.log(`live reload: ${checks} checks passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
