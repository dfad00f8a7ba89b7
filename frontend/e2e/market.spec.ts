/** The market overview against the real backend on the embedded default: demo universe, simulated indicators. */
import { expect, test } from "@playwright/test";

test("market overview from the navigation", async ({ page }) => {
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.goto("/");
  await page.getByRole("link", { name: "시장" }).first().click();
  await expect(page).toHaveURL(/\/market$/);
  await expect(page.getByRole("heading", { name: "시장 개요" })).toBeVisible();
  const breadth = page.getByTestId("breadth-50");
  await expect(breadth).toContainText("50일 이동평균 위");
  await expect(breadth).toContainText(/\d+\.\d\d%/);
  await expect(page.getByRole("table", { name: "상승 상위" })).toBeVisible();
  await expect(page.getByText("벤치마크: SPY")).toBeVisible();
  await expect(page.locator("canvas").first()).toBeVisible();
  const cpi = page.getByTestId("economic-CPI");
  await expect(cpi).toContainText("소비자물가지수 (CPI) · 월간");
  await expect(cpi).toContainText("시뮬레이션 데이터");
  await page.screenshot({ path: "test-results/screenshots/market.png", fullPage: true });
  expect(pageErrors).toEqual([]);
});
