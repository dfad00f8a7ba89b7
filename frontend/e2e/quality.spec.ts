/**
 * What a demanding user checks on every main page: at 375 px nothing scrolls sideways or sticks out of its box
 * (screenshots kept in test-results/screenshots/), axe-core finds no serious or critical violation, the stock
 * page in Korean shows no English sentence and in either language logs no console error, and the chart's legend
 * names the hovered bar's date (ET with the local time for 5-minute bars), OHLC, volume and indicator values.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";

const SHOTS = "test-results/screenshots";
mkdirSync(SHOTS, { recursive: true });

const password = "e2e-Password-123";
const PUBLIC_PAGES = ["/", "/market", "/stocks/AAPL", "/signin", "/signup"] as const;
const SIGNED_IN_PAGES = ["/dashboard", "/portfolio", "/watchlist", "/alerts", "/mypage"] as const;

/** Ticker-like words and abbreviations a Korean page may show in Latin letters. */
const ALLOWED_WORDS = new Set(["RSI", "MACD", "ETF", "USD", "KRW", "SMA", "EMA", "OBV", "ATR", "PER", "EPS", "VaR", "CVaR", "MAE", "TWR", "MWR", "CSV", "API", "AI", "ET", "HRP", "GDP", "CPI", "Stock-Vis"]);

async function signUp(page: Page, prefix: string) {
  const user = `${prefix}_${Date.now().toString(36)}`;
  await page.goto("/signup");
  await page.getByLabel("아이디").fill(user);
  await page.getByLabel("이메일").fill(`${user}@example.com`);
  await page.getByLabel("비밀번호", { exact: true }).fill(password);
  await page.getByLabel("비밀번호 확인").fill(password);
  await page.getByRole("button", { name: "가입하기" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
}

/** Waits until the page has drawn its content: no loading skeleton left, the chart (if any) ready. */
async function settled(page: Page) {
  await expect(page.getByRole("heading").first()).toBeVisible();
  await expect(page.locator("[aria-busy=true]")).toHaveCount(0, { timeout: 30_000 });
  if (await page.getByTestId("price-chart").count()) await expect(page.getByTestId("price-chart")).toHaveAttribute("data-ready", "true");
}

/** The page does not scroll sideways and no visible element sticks out of its parent's box (beyond 1 px). */
async function noOverflow(page: Page, name: string) {
  const report = await page.evaluate(() => {
    const doc = document.documentElement;
    const out: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll<HTMLElement>("*"))) {
      const parent = el.parentElement;
      if (!parent || el.closest("canvas, svg, [data-overflow-ok]")) continue;
      const style = getComputedStyle(el);
      if (style.position === "fixed" || style.position === "absolute" || style.display === "none" || style.visibility === "hidden") continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      // A parent that scrolls or clips sideways on purpose (tables in a scroll box, truncated text) contains it.
      let clip: HTMLElement | null = parent;
      while (clip && getComputedStyle(clip).overflowX === "visible") clip = clip.parentElement;
      const box = (clip ?? doc).getBoundingClientRect();
      if (clip && clip !== parent && clip.scrollWidth > clip.clientWidth) continue;
      if (!clip && (r.left < -1 || r.right > doc.clientWidth + 1)) out.push(`${el.tagName.toLowerCase()}.${el.className} [${Math.round(r.left)}, ${Math.round(r.right)}] > viewport ${doc.clientWidth}`);
      else if (clip && clip === parent && (r.left < box.left - 1 || r.right > box.right + 1) && getComputedStyle(clip).overflowX === "visible") out.push(`${el.tagName.toLowerCase()}.${el.className}`);
      // A number cut by its own box ("US$16,01…"): a truncating element with digits must fit them (a long company
      // name may end in an ellipsis).
      if (style.textOverflow === "ellipsis" && !el.closest("[lang]:not(html)") && /\d/.test(el.textContent ?? "") && el.scrollWidth > el.clientWidth + 1) out.push(`cut: ${el.tagName.toLowerCase()} "${el.textContent}"`);
    }
    return { scroll: doc.scrollWidth - doc.clientWidth, out };
  });
  expect.soft(report.scroll, `${name} scrolls sideways`).toBeLessThanOrEqual(0);
  expect.soft(report.out, `${name}: elements overflowing or cut`).toEqual([]);
}

async function axeClean(page: Page, name: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect.soft(bad, `axe on ${name}`).toEqual([]);
}

/** Runs of three or more Latin words in the visible text, outside elements marked as another language (lang="en"). */
async function englishRuns(page: Page, allowed: string[]): Promise<string[]> {
  return page.evaluate((allow) => {
    const allowSet = new Set(allow);
    const runs: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || el.closest("script, style, noscript, [lang]:not(html)")) continue;
      if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      const text = node.textContent ?? "";
      for (const match of text.matchAll(/[A-Za-z][A-Za-z'’-]*(?:[\s,.:;()/]+[A-Za-z][A-Za-z'’-]*){2,}/g)) {
        const words = match[0].split(/[\s,.:;()/]+/).filter((w) => w && !allowSet.has(w) && !/^[A-Z0-9.&-]+$/.test(w));
        if (words.length >= 3) runs.push(match[0]);
      }
    }
    return runs;
  }, allowed);
}

function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  return errors;
}

test("every main page at 375 px: no sideways scroll, nothing cut, axe clean; screenshots kept", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 812 });
  for (const path of PUBLIC_PAGES) {
    await page.goto(path);
    await settled(page);
    await noOverflow(page, path);
    await axeClean(page, path);
    await page.screenshot({ path: `${SHOTS}/375-${path === "/" ? "home" : path.slice(1).replace(/\//g, "-")}.png`, fullPage: true });
  }
  await signUp(page, "e2e_q");
  // A holding, so the dashboard and portfolio show their numbers rather than empty states.
  await page.goto("/portfolio");
  await page.getByRole("button", { name: "종목 추가" }).first().click();
  const dialog = page.getByRole("dialog", { name: "종목 추가" });
  await dialog.getByRole("combobox", { name: "종목 심볼" }).fill("AAPL");
  const option = dialog.getByRole("option", { name: /AAPL/ }).first();
  if (await option.isVisible({ timeout: 5_000 }).catch(() => false)) await option.click();
  await dialog.getByLabel("수량").fill("1000");
  await dialog.getByLabel("매수 단가 (주당)").fill("150");
  await dialog.getByRole("button", { name: "저장" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("holding-card").filter({ hasText: "AAPL" })).toBeVisible();
  for (const path of SIGNED_IN_PAGES) {
    await page.goto(path);
    await settled(page);
    await noOverflow(page, path);
    await axeClean(page, path);
    await page.screenshot({ path: `${SHOTS}/375-${path.slice(1)}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  for (const path of SIGNED_IN_PAGES) {
    await page.goto(path);
    await settled(page);
    await axeClean(page, `${path} (desktop)`);
  }
});

for (const lang of ["ko", "en"] as const) {
  test(`stock page in ${lang === "ko" ? "Korean" : "English"}: no console error${lang === "ko" ? ", no English sentence" : ""}, a legend people can read`, async ({ browser }) => {
    const context = await browser.newContext({ locale: lang === "ko" ? "ko-KR" : "en-US", timezoneId: "Asia/Seoul", viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = collectConsoleErrors(page);
    await page.goto("/stocks/AAPL");
    await expect(page.locator("html")).toHaveAttribute("lang", lang);
    if (lang === "ko") {
      // The browser tab too: page titles come from the catalogue of the request's language.
      await page.goto("/market");
      await expect(page).toHaveTitle("시장 개요 · Stock-Vis");
      await page.goto("/stocks/AAPL");
    }
    await settled(page);
    const chart = page.getByTestId("price-chart");
    await page.getByTestId("indicator-stoch").click();
    await expect(page.getByTestId("pane-title-stoch")).toBeVisible();
    await expect(page.getByTestId("pane-title-rsi")).toBeVisible();

    // The crosshair legend: date, OHLC, volume, each indicator's value.
    const box = (await chart.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.5, box.y + 120);
    const legend = page.getByTestId("chart-legend");
    await expect(legend).toHaveAttribute("data-time", /^\d{4}-\d{2}-\d{2}$/);
    const words = lang === "ko" ? ["시가", "고가", "저가", "종가", "거래량", "SMA", "RSI", "%K"] : ["Open", "High", "Low", "Close", "Volume", "SMA", "RSI", "%K"];
    for (const w of words) await expect(legend).toContainText(w);
    await expect(chart).toHaveAttribute("data-guides", "rsi:30,70;stoch:20,80");

    // MAX asks for every stored bar and the chart shows all of them.
    const maxResponse = page.waitForResponse((r) => r.url().includes("/api/v1/stocks/api/chart/AAPL/") && r.url().includes("period=max"));
    await page.getByTestId("period-max").click();
    const max = (await (await maxResponse).json()) as { count: number; data: Array<{ time: string }> };
    await expect(chart).toHaveAttribute("data-bars", String(max.data.length));
    await expect(chart).toHaveAttribute("data-first", max.data[0]!.time);
    await expect(chart).toHaveAttribute("data-fits-all", "true");
    const fiveYears = (await (await page.request.get("/api/v1/stocks/api/chart/AAPL/?type=daily&period=5y&adjustment=split")).json()) as { data: unknown[] };
    expect(max.data.length, "MAX: at least the bars of 5Y").toBeGreaterThanOrEqual(fiveYears.data.length);

    // 5-minute bars: the legend's time is New York time with the viewer's own (Seoul) time beside it.
    await page.getByTestId("period-1d").click();
    await expect(page.getByTestId("intraday-note")).toBeVisible();
    await expect(chart).toHaveAttribute("data-ready", "true");
    await page.mouse.move(box.x + box.width * 0.5, box.y + 120);
    await expect(legend).toContainText("ET");
    await expect(legend).toContainText(lang === "ko" ? "현지" : "local");

    await page.getByTestId("period-1y").click();
    await settled(page);
    await page.mouse.move(0, 0);
    const runs = await englishRuns(page, [...ALLOWED_WORDS]);
    if (lang === "ko") expect(runs, "English sentences on the Korean stock page").toEqual([]);
    // The same check finds the English page's sentences: it is not blind.
    else expect(runs.length, "English runs found on the English page").toBeGreaterThan(10);
    await page.screenshot({ path: `${SHOTS}/stock-${lang}.png`, fullPage: true });
    expect(errors, "console errors").toEqual([]);
    await context.close();
  });
}
