/**
 * Stock page strategy lab against the real backend: candlestick patterns listed (and marked on the daily chart)
 * with their record, and a backtest with costs opened under the composite score and under one signal.
 */
import { expect, test } from "@playwright/test";
import { mkdirSync } from "node:fs";

const SHOTS = "test-results/screenshots";
mkdirSync(SHOTS, { recursive: true });

test("patterns and backtests on the stock page", async ({ page }) => {
  const patternsReq = page.waitForResponse((r) => r.url().includes("/api/v1/analysis/patterns/AAPL/"));
  await page.goto("/stocks/AAPL");
  const patterns = await patternsReq;
  expect(patterns.ok()).toBe(true);
  const body = await patterns.json();
  expect(body.patterns).toHaveLength(61);
  await expect(page.getByRole("heading", { name: "캔들 패턴" })).toBeVisible();
  if (body.recent.length > 0) {
    const first = body.patterns.find((p: { name: string }) => p.name === body.recent.at(-1).pattern);
    await expect(page.getByTestId("pattern-list").getByText(first.meaning.ko).first()).toBeVisible();
  } else {
    await expect(page.getByText("최근 60개 봉에 나타난 캔들 패턴이 없습니다.")).toBeVisible();
  }

  const compositeReq = page.waitForResponse((r) => r.url().includes("/api/v1/analysis/backtest/AAPL/") && r.url().includes("rule=composite"));
  await page.getByText("종합 점수로 매매했다면 (백테스트)").click();
  const composite = await compositeReq;
  expect(composite.ok()).toBe(true);
  const result = await composite.json();
  expect(result.execution).toBe("next_open");
  const table = page.getByTestId("backtest-composite").getByTestId("backtest-table");
  await expect(table.getByRole("row", { name: /총수익률/ })).toBeVisible();
  await expect(table.getByRole("row", { name: /최대 낙폭/ })).toBeVisible();

  const rsiReq = page.waitForResponse((r) => r.url().includes("rule=rsi") && r.url().includes("commission_bps=25"));
  const rsi = page.getByTestId("backtest-rsi");
  await rsi.locator("summary").click();
  await rsi.getByRole("spinbutton", { name: "수수료 (bp)" }).fill("25");
  expect((await rsiReq).ok()).toBe(true);
  await expect(rsi.getByTestId("backtest-table")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/strategy.png`, fullPage: true });
});
