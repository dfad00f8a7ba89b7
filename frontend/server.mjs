/**
 * Same-origin server: Next.js for pages, and a reverse proxy to Django for /api/, /ws/ (including the
 * WebSocket upgrade), /healthz, /readyz, /admin/ and /static/. Production: `next build && node server.mjs`.
 * Env: WEB_PORT (3000), API_PORT (8000), HOST (0.0.0.0); `--dev` runs Next in development mode.
 */
import { createServer } from "node:http";
import { parse } from "node:url";
import httpProxy from "http-proxy";
import next from "next";

const dev = process.argv.includes("--dev");
const port = Number(process.env.WEB_PORT || 3000);
const host = process.env.HOST || "0.0.0.0";
const apiPort = Number(process.env.API_PORT || 8000);
const target = `http://127.0.0.1:${apiPort}`;

if (!Number.isInteger(port) || !Number.isInteger(apiPort)) {
  console.error("WEB_PORT and API_PORT must be integers");
  process.exit(1);
}

const PROXIED = ["/api/", "/ws/", "/healthz", "/readyz", "/admin/", "/static/"];
const isProxied = (url = "/") => PROXIED.some((p) => url === p.replace(/\/$/, "") || url.startsWith(p));

const proxy = httpProxy.createProxyServer({ target, xfwd: true, ws: true, changeOrigin: false });
proxy.on("error", (err, req, res) => {
  // `res` is a socket for WebSocket upgrades.
  if (res && "writeHead" in res && !res.headersSent) {
    res.writeHead(502, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ message: `API unavailable (${err.code ?? err.message})`, code: "bad_gateway", extra: {} }));
  } else if (res && "destroy" in res) {
    res.destroy();
  }
});

const app = next({ dev, hostname: "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();
const nextUpgrade = typeof app.getUpgradeHandler === "function" ? app.getUpgradeHandler() : null;

const server = createServer((req, res) => {
  if (isProxied(req.url)) {
    proxy.web(req, res);
    return;
  }
  handle(req, res, parse(req.url ?? "/", true));
});

server.on("upgrade", (req, socket, head) => {
  if (req.url?.startsWith("/ws/")) proxy.ws(req, socket, head);
  else if (nextUpgrade) nextUpgrade(req, socket, head);
  else socket.destroy();
});

server.listen(port, host, () => {
  console.log(`Stock-Vis web: http://localhost:${port}  (API proxied to ${target})`);
});

for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => {
    server.close();
    proxy.close();
    process.exit(0);
  });
}
