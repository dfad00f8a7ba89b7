#!/usr/bin/env node
/**
 * Sums the gzipped size of the JavaScript the /stocks/[symbol] route loads, from the Next build output:
 * root main files + the layout's and the page's entry chunks (from the page's client reference manifest),
 * plus the chart chunk loaded lazily by dynamic import (found by content). Prints figures; asserts nothing
 * unless --max-kb is given.
 * Usage: node scripts/bundle-size.mjs [--route /stocks/[symbol]/page] [--max-kb 300] [--json]
 */
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import vm from "node:vm";

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const route = arg("--route", "/stocks/[symbol]/page");
const maxKb = arg("--max-kb", null);
const root = join(process.cwd(), ".next");
if (!existsSync(join(root, "build-manifest.json"))) {
  console.error("No build found: run `npm run build` first.");
  process.exit(2);
}

const buildManifest = JSON.parse(readFileSync(join(root, "build-manifest.json"), "utf8"));
const manifestFile = join(root, "server", "app", ...route.replace(/^\//, "").split("/").slice(0, -1), "page_client-reference-manifest.js");
const sandbox = { globalThis: {} };
sandbox.globalThis = sandbox;
vm.runInNewContext(readFileSync(manifestFile, "utf8"), sandbox);
const rsc = sandbox.__RSC_MANIFEST[route];
const entry = rsc.entryJSFiles ?? {};
const pageKey = Object.keys(entry).find((k) => k.endsWith(`/src/app${route}`));
const layoutKey = Object.keys(entry).find((k) => k.endsWith("/src/app/layout"));

const initial = new Set([...(buildManifest.rootMainFiles ?? []), ...(entry[layoutKey] ?? []), ...(entry[pageKey] ?? [])].map((f) => f.replace(/^\/?_next\//, "")));

const chunkDir = join(root, "static", "chunks");
const lazy = new Set();
for (const f of readdirSync(chunkDir)) {
  if (!f.endsWith(".js")) continue;
  const rel = `static/chunks/${f}`;
  if (initial.has(rel)) continue;
  // lightweight-charts is imported dynamically by the price chart; identify its chunk by a library option name.
  if (readFileSync(join(chunkDir, f), "utf8").includes("attributionLogo")) lazy.add(rel);
}

const size = (rel) => {
  const buf = readFileSync(join(root, rel));
  return { raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
};
const rows = [];
let total = { raw: 0, gzip: 0 };
let initialTotal = { raw: 0, gzip: 0 };
for (const [kind, set] of [["initial", initial], ["lazy (chart)", lazy]]) {
  for (const rel of set) {
    const s = size(rel);
    rows.push({ kind, file: rel, ...s });
    total = { raw: total.raw + s.raw, gzip: total.gzip + s.gzip };
    if (kind === "initial") initialTotal = { raw: initialTotal.raw + s.raw, gzip: initialTotal.gzip + s.gzip };
  }
}
const kb = (n) => (n / 1024).toFixed(1);
if (args.includes("--json")) {
  console.log(JSON.stringify({ route, initial_gzip_bytes: initialTotal.gzip, total_gzip_bytes: total.gzip, files: rows }, null, 2));
} else {
  console.log(`JavaScript for ${route}`);
  for (const r of rows) console.log(`  ${r.kind.padEnd(13)} ${r.file.padEnd(40)} ${kb(r.raw).padStart(8)} KB raw ${kb(r.gzip).padStart(7)} KB gzip`);
  console.log(`  initial load: ${kb(initialTotal.gzip)} KB gzipped (${kb(initialTotal.raw)} KB raw)`);
  console.log(`  with lazy chart chunk: ${kb(total.gzip)} KB gzipped (${kb(total.raw)} KB raw)`);
}
if (maxKb !== null && total.gzip / 1024 > Number(maxKb)) {
  console.error(`Over budget: ${kb(total.gzip)} KB > ${maxKb} KB`);
  process.exit(1);
}
