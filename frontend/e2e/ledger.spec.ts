/**
 * Portfolio actions against the real backend (Korean UI): a holding bought before today with its purchase date,
 * price and fee; an edited and a deleted transaction (each replayed by the server); a CSV import undone; a deposit
 * into the cash account.
 */
import { expect, test, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";

const SHOTS = "test-results/screenshots";
mkdirSync(SHOTS, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

const username = `ledger_${Date.now().toString(36)}`;
const password = "e2e-Password-123";

/** A date `days` before today on the exchange's clock (New York), as YYYY-MM-DD. */
function daysAgo(days: number): string {
  const format = new Intl.DateTimeFormat("en-CA", { timeZone: "America/New_York", year: "numeric", month: "2-digit", day: "2-digit" });
  return format.format(new Date(Date.now() - days * 86_400_000));
}

test("backdated holding, edit, delete and an undone import", async ({ page }) => {
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));

  await page.goto("/signup");
  await page.getByLabel("아이디").fill(username);
  await page.getByLabel("이메일").fill(`${username}@example.com`);
  await page.getByLabel("비밀번호", { exact: true }).fill(password);
  await page.getByLabel("비밀번호 확인").fill(password);
  await page.getByRole("button", { name: "가입하기" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);

  // A holding bought 90 days ago, at 100 with a fee of 5: its opening buy is dated then.
  const opened = daysAgo(90);
  await page.goto("/portfolio");
  await page.getByRole("button", { name: "종목 추가" }).first().click();
  const dialog = page.getByRole("dialog", { name: "종목 추가" });
  await dialog.getByRole("combobox", { name: "종목 심볼" }).fill("AAPL");
  const option = dialog.getByRole("option", { name: /AAPL/ }).first();
  if (await option.isVisible({ timeout: 5_000 }).catch(() => false)) await option.click();
  await dialog.getByLabel("수량").fill("10");
  await dialog.getByLabel("매수 단가 (주당)").fill("100");
  await dialog.getByLabel("매수일").fill(opened);
  await dialog.getByLabel("매수 수수료").fill("5");
  await dialog.getByRole("button", { name: "저장" }).click();
  await expect(dialog).toBeHidden();
  const table = page.getByRole("region", { name: "거래 내역" });
  const openingRow = table.getByRole("row").filter({ hasText: opened });
  await expect(openingRow).toContainText("매수");
  await expect(openingRow).toContainText("10");
  await shot(page, "ledger-01-backdated");

  // Edit the opening buy: 12 shares instead of 10.
  await page.getByRole("button", { name: `${opened} AAPL 매수 수정` }).click();
  const edit = page.getByRole("dialog", { name: "거래 수정: AAPL" });
  await edit.getByLabel("수량").fill("12");
  await edit.getByRole("button", { name: "저장" }).click();
  await expect(edit).toBeHidden();
  await expect(openingRow.getByRole("cell").nth(3)).toHaveText("12");

  // Record a sale, then delete it after confirming.
  const sold = daysAgo(30);
  const form = page.getByRole("form", { name: "거래 기록", exact: true });
  await form.getByLabel("날짜").fill(sold);
  await form.getByLabel("종목 심볼").fill("AAPL");
  await form.getByLabel("유형").selectOption("sell");
  await form.getByLabel("수량").fill("2");
  await form.getByLabel("단가").fill("110");
  await form.getByRole("button", { name: "거래 기록" }).click();
  await expect(page.getByText("거래가 기록되었습니다.")).toBeVisible();
  await page.getByRole("button", { name: `${sold} AAPL 매도 삭제` }).click();
  const confirm = page.getByRole("dialog", { name: "거래 삭제" });
  await expect(confirm).toContainText("삭제할까요?");
  await confirm.getByRole("button", { name: "삭제" }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole("button", { name: `${sold} AAPL 매도 삭제` })).toHaveCount(0);
  await expect(page.getByText("거래가 삭제되었습니다.")).toBeVisible();

  // Import a CSV of one more buy, then undo the import.
  const imported = daysAgo(20);
  const csv = `date,symbol,type,quantity,price,fee\n${imported},AAPL,buy,3,105,1\n`;
  await page.getByLabel("CSV 파일").setInputFiles({ name: `${username}.csv`, mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "CSV 가져오기" }).click();
  await expect(page.getByTestId("import-report")).toContainText("가져온 행: 1");
  await expect(page.getByRole("button", { name: `${imported} AAPL 매수 삭제` })).toBeVisible();
  const imports = page.getByRole("region", { name: "가져온 파일" });
  await expect(imports.getByRole("cell", { name: `${username}.csv`, exact: true })).toBeVisible();
  await shot(page, "ledger-02-imported");
  await imports.getByRole("button", { name: `${username}.csv 가져오기 취소` }).click();
  const undo = page.getByRole("dialog", { name: "가져오기 취소" });
  await undo.getByRole("button", { name: "가져오기 취소" }).click();
  await expect(undo).toBeHidden();
  await expect(page.getByText("가져오기를 취소했습니다.")).toBeVisible();
  await expect(page.getByRole("button", { name: `${imported} AAPL 매수 삭제` })).toHaveCount(0);
  await expect(imports.getByText("가져온 파일이 없습니다.")).toBeVisible();
  await expect(openingRow.getByRole("cell").nth(3)).toHaveText("12");
  await shot(page, "ledger-03-undone");

  // The cash account: 12 x 100 + 5 bought with nothing deposited, plus any dividends booked from the stored
  // calendar since the purchase; a deposit of 2,000 raises it by exactly that.
  const cash = page.getByRole("region", { name: "현금 계좌" });
  const dividends = page.getByRole("region", { name: "배당", exact: true });
  const amount = (text: string | null) => Number((text ?? "").replace(/[^0-9.-]/g, ""));
  const received = amount(await dividends.getByTestId("dividends-total").textContent());
  await expect(cash.getByTestId("cash-balance")).toHaveText(`-US$${(1205 - received).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);
  const before = amount(await cash.getByTestId("cash-balance").textContent());
  const cashForm = cash.getByRole("form", { name: "현금 거래 기록" });
  await cashForm.getByLabel("날짜").fill(opened);
  await cashForm.getByLabel("금액").fill("2000");
  await cashForm.getByRole("button", { name: "현금 거래 기록" }).click();
  await expect(cash.getByTestId("cash-balance")).toHaveText(`US$${(before + 2000).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);

  expect(pageErrors).toEqual([]);
});
