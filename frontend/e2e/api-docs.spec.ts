/**
 * The API docs work without internet: with every request to a host other than this machine aborted, Swagger UI
 * (/api/docs/) lists the operations, because its assets are served by the app (drf-spectacular-sidecar).
 */
import { expect, test, type BrowserContext } from "@playwright/test";

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** Abort every request that leaves this machine; returns the list of what was aborted. */
async function cutTheNetwork(context: BrowserContext): Promise<string[]> {
  const blocked: string[] = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    const { protocol, hostname } = new URL(url);
    if (protocol === "data:" || protocol === "blob:" || LOCAL_HOSTS.has(hostname)) return route.continue();
    blocked.push(url);
    return route.abort("internetdisconnected");
  });
  return blocked;
}

test("Swagger UI lists the operations with the network cut", async ({ page, context }) => {
  const blocked = await cutTheNetwork(context);
  await page.goto("/api/docs/");
  await expect(page.locator(".swagger-ui .info .title")).toContainText("Stock-Vis API");
  const chart = page.locator(".opblock-summary-path", { hasText: "/api/v1/stocks/api/chart/{symbol}/" });
  await expect(chart).toBeVisible();
  await expect(page.locator(".opblock-summary-path", { hasText: "/readyz" })).toBeVisible();
  expect(await page.locator(".opblock").count()).toBeGreaterThan(30);
  expect(blocked, "requests that tried to leave this machine").toEqual([]);
});
