import http from "node:http"; import fs from "node:fs"; import path from "node:path";
import { chromium } from "playwright-core";
const [dir, out, ...pages] = process.argv.slice(2);
const server = http.createServer((req, res) => { let u = decodeURIComponent(new URL(req.url, "http://x").pathname); let f = path.join(dir, u.endsWith("/") ? u + "index.html" : u); if (!fs.existsSync(f)) { res.writeHead(404); res.end(fs.readFileSync(path.join(dir, "404.html"))); return; } res.writeHead(200, {"content-type": f.endsWith(".html") ? "text/html; charset=utf-8" : f.endsWith(".css") ? "text/css" : f.endsWith(".svg") ? "image/svg+xml" : "application/octet-stream"}); res.end(fs.readFileSync(f)); });
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const b = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const p = await b.newPage({ viewport: { width: 1100, height: 900 } });
for (const pg of pages) { await p.goto(`http://127.0.0.1:${server.address().port}/${pg}`); await p.screenshot({ path: path.join(out, pg.replace(/\//g, "_") + ".png"), fullPage: true }); }
await b.close(); server.close();
