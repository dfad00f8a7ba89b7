#!/usr/bin/env node
/**
 * The web app's first view of a stock page in Debian's Chromium (Playwright): Largest Contentful Paint, and the
 * JavaScript the browser fetches for it, gzipped. Run by `make bench` (scripts/bench.sh) or
 * `node bench/web.mjs`; prints figures and asserts only that the page shows the stock.
 *
 * Without BASE_URL it starts the product as `make run` does on the embedded default (scripts/run.sh: production
 * build of the web app, fresh SQLite with the demo universe) on BENCH_WEB_PORT / BENCH_API_PORT and stops it after.
 * Each figure is the median of BENCH_WEB_RUNS (5) first visits, each in a fresh browser context (empty cache).
 * Baseline, same browser, same run: a one-paragraph HTML page from a bare node:http server (the browser's own
 * floor for LCP here), and for JavaScript the framework and layout alone (the app's not-found page).
 * JavaScript "initial" is every script the page's HTML names (its <script> tags, preloads and the chunk lists of
 * the client components it hydrates): what the first view needs before it is interactive. "Lazy" is every other
 * script fetched until the network is idle (dynamic imports such as the chart library). Sizes are gzip level 9.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const { chromium } = createRequire(join(ROOT, "frontend", "package.json"))("@playwright/test");

const SYMBOL = process.env.BENCH_WEB_SYMBOL || "AAPL";
const RUNS = Number(process.env.BENCH_WEB_RUNS || 5);
const GOAL_LCP_MS = 1000;
const GOAL_JS_KB = 200;
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const kb = (bytes) => (bytes / 1024).toFixed(1);

/** Start scripts/run.sh on a fresh embedded state; resolves with its base URL once it says it is running. */
async function productStart() {
  const state = mkdtempSync(join(tmpdir(), "stockvis-bench-web-"));
  const webPort = process.env.BENCH_WEB_PORT || "13900";
  const env = {
    ...process.env,
    API_PORT: process.env.BENCH_API_PORT || "18900",
    WEB_PORT: webPort,
    DATABASE_URL: `sqlite:///${state}/web.sqlite3`,
    CELERY_BROKER_URL: `sqla+sqlite:///${state}/broker.sqlite3`,
    DEMO_CLOCK: "true",
  };
  delete env.REDIS_URL;
  const child = spawn("bash", [join(ROOT, "scripts", "run.sh")], { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the product did not start in 15 min:\n${log}`)), 15 * 60_000);
    const onData = (data) => {
      log += data;
      if (log.includes("Stock-Vis is running")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`scripts/run.sh exited with ${code}:\n${log}`)));
  });
  child.removeAllListeners("exit");
  return {
    baseUrl: `http://127.0.0.1:${webPort}`,
    stop: async () => {
      // Ctrl-C as run.sh expects it, to the whole process group; what is still there after 30 s is killed.
      const exited = new Promise((resolve) => child.once("exit", resolve));
      process.kill(-child.pid, "SIGTERM");
      const timer = setTimeout(() => process.kill(-child.pid, "SIGKILL"), 30_000);
      await exited;
      clearTimeout(timer);
      try {
        process.kill(-child.pid, "SIGKILL"); // a worker that outlived run.sh
      } catch {
        // the group is gone already
      }
      rmSync(state, { recursive: true, force: true });
    },
  };
}

/** A bare HTTP server with one paragraph of text: what LCP costs in this browser with no app at all. */
async function bareStart() {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${SYMBOL}</title></head>
<body><h1>${SYMBOL}</h1><p>A one-paragraph page served by node:http, the LCP floor of this browser.</p></body></html>`;
  const server = createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(html);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { baseUrl: `http://127.0.0.1:${server.address().port}`, stop: () => new Promise((resolve) => server.close(resolve)) };
}

/** Record the last LCP entry (the final one when the page settles) and its element. */
function observeLcp() {
  window.__lcp = null;
  new PerformanceObserver((list) => {
    const entry = list.getEntries().at(-1);
    const el = entry.element;
    window.__lcp = { ms: entry.startTime, element: el ? `${el.tagName.toLowerCase()}${el.className ? "." + String(el.className).split(" ")[0] : ""}` : "?" };
  }).observe({ type: "largest-contentful-paint", buffered: true });
}

/** One first visit in a fresh context: LCP, and the gzipped size of the scripts the HTML names and of the rest. */
async function visit(browser, url, check, status = 200) {
  const context = await browser.newContext({ locale: "ko-KR" });
  const page = await context.newPage();
  await page.addInitScript(observeLcp);
  const bodies = new Map();
  page.on("response", (response) => {
    if (response.request().resourceType() !== "script") return;
    bodies.set(response.url(), response.body().then((body) => gzipSync(body, { level: 9 }).length, () => 0));
  });
  const response = await page.goto(url, { waitUntil: "load" });
  if (!response || response.status() !== status) throw new Error(`${url} answered ${response?.status()}`);
  // Paths as the HTML spells them: "/_next/static/chunks/x.js" in tags, "static/chunks/x.js" in flight data.
  const chunkPath = (path) => decodeURIComponent(path).replace(/^\/?_next\//, "");
  const named = new Set(((await response.text()).match(/static\/chunks\/[^"'\s\\]+?\.js/g) ?? []).map(chunkPath));
  await check(page);
  await page.waitForLoadState("networkidle");
  const { lcp, ttfb } = await page.evaluate(() => ({ lcp: window.__lcp, ttfb: performance.getEntriesByType("navigation")[0].responseStart }));
  let initial = 0;
  let lazy = 0;
  for (const [scriptUrl, size] of bodies) {
    if (named.has(chunkPath(new URL(scriptUrl).pathname))) initial += await size;
    else lazy += await size;
  }
  await context.close();
  return { lcp: lcp?.ms ?? NaN, element: lcp?.element ?? "none", ttfb, initial, lazy };
}

async function visits(browser, url, check, status = 200) {
  const results = [];
  for (let i = 0; i < RUNS; i++) results.push(await visit(browser, url, check, status));
  return {
    lcp: median(results.map((r) => r.lcp)),
    element: results.at(-1).element,
    ttfb: median(results.map((r) => r.ttfb)),
    initial: median(results.map((r) => r.initial)),
    lazy: median(results.map((r) => r.lazy)),
  };
}

const product = process.env.BASE_URL ? { baseUrl: process.env.BASE_URL, stop: async () => {} } : await productStart();
const bare = await bareStart();
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const showsStock = async (page) => {
    await page.getByRole("heading", { name: new RegExp(SYMBOL) }).first().waitFor({ timeout: 30_000 });
  };
  // One untimed visit first: Next.js compiles nothing in production, but the first request warms its caches.
  await visit(browser, `${product.baseUrl}/stocks/${SYMBOL}`, showsStock);
  const floor = await visits(browser, bare.baseUrl, async (page) => page.getByRole("heading", { name: SYMBOL }).waitFor());
  const framework = await visits(browser, `${product.baseUrl}/no-such-page-for-the-bench`, async () => {}, 404);
  const stock = await visits(browser, `${product.baseUrl}/stocks/${SYMBOL}`, showsStock);
  const lines = [
    `Stock page /stocks/${SYMBOL}, first visit with an empty cache, median of ${RUNS} (Chromium ${browser.version()})`,
    `  LCP: ${stock.lcp.toFixed(0)} ms (element ${stock.element}); bare HTML page ${floor.lcp.toFixed(0)} ms: ${(stock.lcp / floor.lcp).toFixed(2)}x; goal <= ${GOAL_LCP_MS} ms: ${stock.lcp <= GOAL_LCP_MS ? "met" : "missed"}`,
    `  first byte of the HTML: ${stock.ttfb.toFixed(0)} ms (bare page ${floor.ttfb.toFixed(0)} ms); the stock's own content streams in after the server has its data`,
    `  initial JavaScript: ${kb(stock.initial)} KB gzipped; goal <= ${GOAL_JS_KB} KB: ${(stock.initial / 1024 / GOAL_JS_KB).toFixed(2)}x of it, ${stock.initial / 1024 <= GOAL_JS_KB ? "met" : "missed"}`,
    `  framework + layout alone (the not-found page): ${kb(framework.initial)} KB gzipped; the stock page adds ${kb(stock.initial - framework.initial)} KB`,
    `  loaded later (dynamic imports: the chart library and other lazy chunks): ${kb(stock.lazy)} KB gzipped`,
  ];
  const text = lines.join("\n");
  console.log(text);
  mkdirSync(join(ROOT, "bench", "results"), { recursive: true });
  writeFileSync(join(ROOT, "bench", "results", "web.txt"), `${text}\n`);
} finally {
  await browser.close();
  await bare.stop();
  await product.stop();
}
