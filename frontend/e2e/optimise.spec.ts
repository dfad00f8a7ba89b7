/**
 * Portfolio optimisation on the real backend: a signed-up user imports two demo holdings, optimises them from the
 * portfolio page and sees the frontier with both portfolios, the trades and the out-of-sample record.
 */
import { expect, test } from "@playwright/test";

const password = "e2e-Password-123";

test("a portfolio of two demo stocks is optimised with its out-of-sample record", async ({ page }) => {
  const user = `e2e_opt_${Date.now().toString(36)}`;
  await page.goto("/signup");
  await page.getByLabel("아이디").fill(user);
  await page.getByLabel("이메일").fill(`${user}@example.com`);
  await page.getByLabel("비밀번호", { exact: true }).fill(password);
  await page.getByLabel("비밀번호 확인").fill(password);
  await page.getByRole("button", { name: "가입하기" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto("/portfolio");
  const csv = "date,symbol,type,quantity,price,fee\n2026-01-05,AAPL,buy,10,150,0\n2026-01-05,MSFT,buy,5,400,0\n";
  await page.getByLabel("CSV 파일").setInputFiles({ name: "two.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "CSV 가져오기" }).click();
  await expect(page.getByTestId("import-report")).toContainText("가져온 행: 2");

  const panel = page.getByRole("region", { name: "포트폴리오 최적화" });
  await expect(panel).toBeVisible();
  await panel.getByLabel("종목당 최대 비중 (%)").fill("80");
  await panel.getByLabel("추가 투자 금액 (USD)").fill("10000");
  await panel.getByRole("button", { name: "최적화" }).click();
  // The first optimisation in a server process imports the solvers and compiles the problem: allow for it.
  const chart = panel.getByRole("img", { name: /효율적 투자선: 변동성/ });
  await expect(chart).toBeVisible({ timeout: 90_000 });
  await expect(chart.getByTestId("marker-current")).toHaveCount(1);
  await expect(chart.getByTestId("marker-optimal")).toHaveCount(1);
  const targets = panel.getByRole("table", { name: "목표 비중과 매매" });
  await expect(targets.getByRole("row", { name: /AAPL/ })).toBeVisible();
  await expect(targets.getByRole("row", { name: /MSFT/ })).toBeVisible();
  const record = panel.getByRole("table", { name: "표본 외 검증 (워크포워드)" });
  await expect(record.getByRole("row")).toHaveCount(4); // header + optimised, current, equal weight
  await expect(panel.getByRole("list", { name: "주식 수" })).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/13-optimise.png", fullPage: true });

  // A limit no two positions can meet is refused under its field, in Korean.
  await panel.getByLabel("종목당 최대 비중 (%)").fill("40");
  await panel.getByRole("button", { name: "최적화" }).click();
  await expect(panel.getByText("종목 2개의 비중 한도로는 합계 100%를 만들 수 없습니다.")).toBeVisible();
});
