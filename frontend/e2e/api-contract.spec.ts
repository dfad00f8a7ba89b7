/**
 * Drift check against the real backend's OpenAPI document: every endpoint and method the web app calls must
 * exist there. (Response shapes are guarded at run time by the zod schemas in src/features/<feature>/schemas.)
 */
import { expect, test } from "@playwright/test";

// Keep in step with src/features/*/api: path template (parameters as {x}) and the methods used.
const CALLS: Array<[string, string[]]> = [
  ["/api/v1/users/register/", ["post"]],
  ["/api/v1/users/token/", ["post"]],
  ["/api/v1/users/token/refresh/", ["post"]],
  ["/api/v1/users/logout/", ["post"]],
  ["/api/v1/users/me/", ["get", "patch"]],
  ["/api/v1/users/me/password/", ["post"]],
  ["/api/v1/users/password-reset/", ["post"]],
  ["/api/v1/users/password-reset/confirm/", ["post"]],
  ["/api/v1/stocks/api/chart/{x}/", ["get"]],
  ["/api/v1/stocks/api/overview/{x}/", ["get"]],
  ["/api/v1/stocks/api/balance-sheet/{x}/", ["get"]],
  ["/api/v1/stocks/api/income-statement/{x}/", ["get"]],
  ["/api/v1/stocks/api/cashflow/{x}/", ["get"]],
  ["/api/v1/stocks/api/indicators/{x}/", ["get"]],
  ["/api/v1/stocks/api/search/symbols/", ["get"]],
  ["/api/v1/stocks/api/search/popular/", ["get"]],
  ["/api/v1/stocks/api/refresh-status/", ["get"]],
  ["/api/v1/analysis/predict/{x}/", ["get"]],
  ["/api/v1/users/portfolio/", ["get", "post"]],
  ["/api/v1/users/portfolio/{x}/", ["patch", "delete"]],
  ["/api/v1/users/portfolio/summary/", ["get"]],
  ["/api/v1/users/portfolio/history/", ["get"]],
  ["/api/v1/users/portfolio/symbol/{x}/status/", ["get"]],
  ["/api/v1/users/portfolio/transactions/", ["get", "post"]],
  ["/api/v1/users/portfolio/transactions/import/", ["post"]],
  ["/api/v1/users/watchlist/", ["get", "post"]],
  ["/api/v1/users/watchlist/{x}/", ["delete"]],
  ["/api/v1/users/alerts/", ["get", "post"]],
  ["/api/v1/users/alerts/{x}/", ["patch", "delete"]],
  ["/api/v1/users/alerts/notifications/", ["get"]],
];

const normalise = (path: string) => path.replace(/\{[^}]+\}/g, "{x}");

test("every endpoint the web app calls is in the backend's OpenAPI schema", async ({ request }) => {
  const res = await request.get("/api/schema/?format=json", { headers: { Accept: "application/json" } });
  expect(res.ok(), `GET /api/schema/ answered ${res.status()}`).toBe(true);
  const schema = (await res.json()) as { paths: Record<string, Record<string, unknown>> };
  const paths = new Map(Object.entries(schema.paths).map(([p, ops]) => [normalise(p), Object.keys(ops)]));
  const missing: string[] = [];
  for (const [path, methods] of CALLS) {
    const ops = paths.get(path);
    for (const method of methods) if (!ops?.includes(method)) missing.push(`${method.toUpperCase()} ${path}`);
  }
  expect(missing, "endpoints the web app calls but the API does not document").toEqual([]);
});
