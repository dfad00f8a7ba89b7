/**
 * Browser end-to-end tests in Debian's Chromium against the real backend.
 * BASE_URL: an already running product (scripts/e2e.sh sets it); otherwise `node server.mjs` is started on
 * WEB_PORT and proxies to the backend on API_PORT, which must already be running.
 * E2E_BEHIND_TLS_PROXY=1 (scripts/deployed-stack.sh): the backend runs the production settings, which redirect plain
 * HTTP to HTTPS; requests then carry the X-Forwarded-Proto header that the TLS proxy of a deployment adds.
 */
import { defineConfig, devices } from "@playwright/test";

const webPort = Number(process.env.WEB_PORT || 3000);
const apiPort = Number(process.env.API_PORT || 8000);
const baseURL = process.env.BASE_URL || `http://127.0.0.1:${webPort}`;
const executablePath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

export default defineConfig({
  testDir: "./e2e",
  outputDir: "./test-results/artifacts",
  timeout: 180_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"], ["html", { outputFolder: "playwright-report", open: "never" }]],
  use: {
    baseURL,
    extraHTTPHeaders: process.env.E2E_BEHIND_TLS_PROXY === "1" ? { "X-Forwarded-Proto": "https" } : undefined,
    locale: "ko-KR",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: process.env.BASE_URL
    ? undefined
    : {
        command: "node server.mjs",
        url: `${baseURL}/`,
        reuseExistingServer: true,
        timeout: 60_000,
        env: { WEB_PORT: String(webPort), API_PORT: String(apiPort) },
      },
});
