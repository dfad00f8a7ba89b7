/**
 * The main path against the real backend: sign up, add AAPL, watch data collection finish, open the stock
 * page, see chart and indicators, switch period and tab, receive a live price, sign out.
 * Screenshots of each main page go to test-results/screenshots/. LCP and JS bytes are printed, not asserted.
 */
import { expect, test, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";

const SHOTS = "test-results/screenshots";
mkdirSync(SHOTS, { recursive: true });

const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

async function noHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, "page scrolls horizontally").toBeLessThanOrEqual(0);
}

test.describe.configure({ mode: "serial" });

const username = `e2e_${Date.now().toString(36)}`;
const password = "e2e-Password-123";

test("main path", async ({ page }) => {
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  // Public home page (Korean by default).
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "ko");
  await expect(page.getByRole("search").first()).toBeVisible();
  await shot(page, "01-home");

  // Sign up (signs in and lands on the dashboard).
  await page.getByRole("link", { name: "회원가입" }).first().click();
  await expect(page.getByRole("heading", { name: "회원가입" })).toBeVisible();
  await shot(page, "02-signup");
  await page.getByLabel("아이디").fill(username);
  await page.getByLabel("이메일").fill(`${username}@example.com`);
  await page.getByLabel("비밀번호", { exact: true }).fill(password);
  await page.getByLabel("비밀번호 확인").fill(password);
  await page.getByRole("button", { name: "가입하기" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { name: "대시보드" })).toBeVisible();
  await expect(page.getByRole("link", { name: "포트폴리오" }).first()).toBeVisible();

  // Add AAPL from the portfolio page with the autocomplete.
  await page.getByRole("link", { name: "포트폴리오" }).first().click();
  await expect(page.getByRole("heading", { name: "포트폴리오" })).toBeVisible();
  await page.getByRole("button", { name: "종목 추가" }).first().click();
  const dialog = page.getByRole("dialog", { name: "종목 추가" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("combobox", { name: "종목 심볼" }).fill("AAPL");
  const option = dialog.getByRole("option", { name: /AAPL/ }).first();
  if (await option.isVisible({ timeout: 5_000 }).catch(() => false)) await option.click();
  await dialog.getByLabel("수량").fill("10");
  await dialog.getByLabel("매수 단가 (주당)").fill("150");
  await dialog.getByRole("button", { name: "저장" }).click();
  await expect(dialog).toBeHidden();
  const card = page.getByTestId("holding-card").filter({ hasText: "AAPL" });
  await expect(card).toBeVisible();

  // Collection finishes (the card polls the status endpoint every 10 s).
  await expect(card.getByTestId("collection-complete")).toBeVisible({ timeout: 120_000 });
  await shot(page, "03-portfolio");

  // Dashboard with a holding.
  await page.goto("/dashboard");
  await expect(page.getByTestId("summary")).toBeVisible();
  await shot(page, "04-dashboard");

  // Stock page: chart, indicators, signals.
  await page.goto("/stocks/AAPL");
  await expect(page.getByRole("heading", { name: "AAPL", level: 1 })).toBeVisible();
  const chart = page.getByTestId("price-chart");
  await expect(chart).toHaveAttribute("data-ready", "true");
  await expect(chart.locator("canvas").first()).toBeVisible();
  await expect(page.getByTestId("indicator-rsi")).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByRole("heading", { name: "매매 신호" })).toBeVisible();
  await expect(page.getByTestId("overview-metrics")).toBeVisible();
  await expect(page.getByRole("heading", { name: "AI 예측" })).toBeVisible();

  // Switch period and interval: a new chart request is made and the button reflects it.
  const chartReq = page.waitForResponse((r) => r.url().includes("/api/v1/stocks/api/chart/AAPL/") && r.url().includes("period=3m"));
  await page.getByTestId("period-3m").click();
  expect((await chartReq).ok()).toBe(true);
  await expect(page.getByTestId("period-3m")).toHaveAttribute("aria-pressed", "true");
  await page.getByTestId("indicator-macd").click();
  await expect(page.getByTestId("indicator-macd")).toHaveAttribute("aria-pressed", "true");
  const weeklyReq = page.waitForResponse((r) => r.url().includes("/api/v1/stocks/api/chart/AAPL/") && r.url().includes("type=weekly"));
  await page.getByRole("button", { name: "주봉" }).click();
  expect((await weeklyReq).ok()).toBe(true);
  // Raw prices on request (split-adjusted by default); the response lists the splits and dividends it marks.
  const rawReq = page.waitForResponse((r) => r.url().includes("/api/v1/stocks/api/chart/AAPL/") && r.url().includes("adjustment=raw"));
  await page.getByRole("button", { name: "조정 없음" }).click();
  const raw = await rawReq;
  expect(raw.ok()).toBe(true);
  expect((await raw.json()).adjustment).toBe("raw");
  await expect(page.getByRole("button", { name: "조정 없음" })).toHaveAttribute("aria-pressed", "true");
  await page.getByRole("button", { name: "분할 조정" }).click();
  await expect(page.getByRole("button", { name: "분할 조정" })).toHaveAttribute("aria-pressed", "true");

  // 1D: the day's 5-minute bars (the demo data includes them), in New York time and labelled as such.
  const dayReq = page.waitForResponse((r) => r.url().includes("/api/v1/stocks/api/chart/AAPL/") && r.url().includes("period=1d"));
  await page.getByTestId("period-1d").click();
  const day = await (await dayReq).json();
  expect(day.interval).toBe("5min");
  expect(day.timezone).toBe("America/New_York");
  expect(day.count).toBeGreaterThanOrEqual(42);
  expect(day.data[0].time).toMatch(/T09:30:00-0[45]:00$/);
  await expect(page.getByTestId("intraday-note")).toHaveText("5분봉 · 미국 동부(뉴욕) 시각");
  await expect(page.getByTestId("price-chart")).toHaveAttribute("data-ready", "true");

  // Financial tabs.
  const tab = page.getByRole("tab", { name: "재무상태표" });
  await tab.click();
  await expect(tab).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("tabpanel").getByTestId("financials-table").or(page.getByRole("tabpanel").getByText("재무 데이터가 아직"))).toBeVisible();
  await page.getByRole("button", { name: "분기" }).click();
  await expect(page.getByRole("button", { name: "분기" })).toHaveAttribute("aria-pressed", "true");

  // A live price arrives over the WebSocket.
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "open", { timeout: 30_000 });
  await expect(page.getByTestId("live-price")).toBeVisible({ timeout: 90_000 });
  // One price: after a pushed quote the header, the chart's last-price line and the live badge agree.
  const shownPrices = () =>
    page.evaluate(() =>
      ["[data-testid=header-price]", "[data-testid=price-chart]", "[data-testid=live-price]"].map((selector) => {
        const el = document.querySelector(selector);
        return el?.getAttribute("data-price") ?? el?.getAttribute("data-last-price") ?? null;
      }),
    );
  await expect.poll(async () => new Set(await shownPrices()).size).toBe(1);
  const [headerPrice] = await shownPrices();
  expect(Number(headerPrice)).toBeGreaterThan(0);
  await shot(page, "05-stock");

  // Other signed-in pages.
  for (const [path, heading, name] of [
    ["/watchlist", "관심 종목", "06-watchlist"],
    ["/alerts", "가격 알림", "07-alerts"],
    ["/mypage", "마이페이지", "08-mypage"],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: heading, level: 1 })).toBeVisible();
    await shot(page, name);
  }

  // English from my page, then back to Korean.
  await page.getByLabel("언어", { exact: true }).selectOption("en");
  await expect(page.getByRole("heading", { name: "My page", level: 1 })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByLabel("Language", { exact: true }).selectOption("ko");
  await expect(page.getByRole("heading", { name: "마이페이지", level: 1 })).toBeVisible();

  // Signed-in pages at 375 px: no horizontal scrolling.
  await page.setViewportSize({ width: 375, height: 812 });
  for (const path of ["/dashboard", "/portfolio", "/watchlist", "/alerts", "/mypage", "/stocks/AAPL"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
    await noHorizontalScroll(page);
  }
  await page.goto("/portfolio");
  await expect(page.getByTestId("holding-card").first()).toBeVisible();
  await shot(page, "11-portfolio-375");
  await page.setViewportSize({ width: 1280, height: 720 });

  // Sign out: the header goes back to the signed-out navigation.
  await page.getByRole("button", { name: "로그아웃" }).first().click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("link", { name: "로그인" }).first()).toBeVisible();
  await page.goto("/portfolio");
  await expect(page).toHaveURL(/\/signin\?next=%2Fportfolio/);
  await shot(page, "09-signin");
  expect(pageErrors, "uncaught errors in the page").toEqual([]);
});

test("stock page LCP and JavaScript bytes (printed, not asserted)", async ({ page }) => {
  // One warm-up request so a just-started server's first compile/cache fill is not what gets measured.
  await page.request.get("/stocks/AAPL");
  await page.goto("/stocks/AAPL", { waitUntil: "load" });
  await expect(page.getByTestId("price-chart")).toHaveAttribute("data-ready", "true");
  const lcp = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let value = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) value = Math.max(value, e.startTime);
        }).observe({ type: "largest-contentful-paint", buffered: true });
        setTimeout(() => resolve(value), 1000);
      }),
  );
  const js = await page.evaluate(() =>
    performance
      .getEntriesByType("resource")
      .filter((e) => e.name.endsWith(".js"))
      .reduce((sum, e) => sum + (e as PerformanceResourceTiming).encodedBodySize, 0),
  );
  console.log(`[perf] /stocks/AAPL LCP: ${lcp.toFixed(0)} ms`);
  console.log(`[perf] /stocks/AAPL JS transferred (encoded, as served): ${(js / 1024).toFixed(1)} KB`);
  test.info().annotations.push({ type: "lcp_ms", description: lcp.toFixed(0) }, { type: "js_kb", description: (js / 1024).toFixed(1) });

  // The whole history (MAX): time to draw it, then frame rate while panning with the mouse.
  const started = Date.now();
  const maxResponse = page.waitForResponse((r) => r.url().includes("/api/v1/stocks/api/chart/AAPL/") && r.url().includes("period=max"));
  await page.getByTestId("period-max").click();
  const bars = ((await (await maxResponse).json()) as { data: unknown[] }).data.length;
  await expect(page.getByTestId("period-max")).toHaveAttribute("aria-pressed", "true");
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const drawMs = Date.now() - started;
  const box = await page.getByTestId("price-chart").boundingBox();
  if (box) {
    const frames = page.evaluate(
      () =>
        new Promise<{ frames: number; worst: number }>((resolve) => {
          let frames = 0;
          let worst = 0;
          let last = performance.now();
          const end = last + 1000;
          const tick = (now: number) => {
            frames += 1;
            worst = Math.max(worst, now - last);
            last = now;
            if (now < end) requestAnimationFrame(tick);
            else resolve({ frames, worst });
          };
          requestAnimationFrame(tick);
        }),
    );
    const y = box.y + box.height * 0.3;
    await page.mouse.move(box.x + box.width * 0.8, y);
    await page.mouse.down();
    for (let i = 0; i < 30; i += 1) await page.mouse.move(box.x + box.width * (0.8 - i * 0.02), y);
    await page.mouse.up();
    const f = await frames;
    console.log(`[perf] MAX chart: ${bars} bars drawn in ${drawMs} ms (request + render); panning: ${f.frames} frames in 1 s, worst frame ${f.worst.toFixed(0)} ms`);
  }
});

test("375 px wide: no horizontal scroll, English from the browser, dark mode", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, locale: "en-US", colorScheme: "dark" });
  const page = await context.newPage();
  await page.goto("/stocks/AAPL");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.locator("html")).toHaveClass(/dark/);
  await expect(page.getByRole("heading", { name: "Price chart" })).toBeVisible();
  await expect(page.getByTestId("price-chart")).toHaveAttribute("data-ready", "true");
  await noHorizontalScroll(page);
  await shot(page, "10-stock-375-en-dark");
  await page.goto("/");
  await noHorizontalScroll(page);
  await page.goto("/signin");
  await noHorizontalScroll(page);
  await context.close();
});

test("CSV import shows a per-row report", async ({ page }) => {
  const user = `e2e_csv_${Date.now().toString(36)}`;
  await page.goto("/signup");
  await page.getByLabel("아이디").fill(user);
  await page.getByLabel("이메일").fill(`${user}@example.com`);
  await page.getByLabel("비밀번호", { exact: true }).fill(password);
  await page.getByLabel("비밀번호 확인").fill(password);
  await page.getByRole("button", { name: "가입하기" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto("/portfolio");
  // A file with a bad row is refused as a whole, and the report names the row.
  const bad = "date,symbol,type,quantity,price,fee\n2026-01-05,AAPL,buy,2,150,1\n2026-01-06,AAPL,gift,1,10,0\n";
  await page.getByLabel("CSV 파일").setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
  await page.getByRole("button", { name: "CSV 가져오기" }).click();
  const report = page.getByTestId("import-report");
  await expect(report).toContainText("거부된 행: 1");
  await expect(report).toContainText("'gift'은(는) 거래 유형이 아닙니다");
  await expect(report).not.toContainText("is not one of");
  await expect(report.getByRole("cell", { name: "3", exact: true })).toBeVisible();
  // A clean file is imported.
  const good = "date,symbol,type,quantity,price,fee\n2026-01-05,AAPL,buy,2,150,1\n";
  await page.getByLabel("CSV 파일").setInputFiles({ name: "good.csv", mimeType: "text/csv", buffer: Buffer.from(good) });
  await page.getByRole("button", { name: "CSV 가져오기" }).click();
  await expect(report).toContainText("가져온 행: 1");
  await expect(page.getByRole("cell", { name: "AAPL" }).first()).toBeVisible();
});

test("an unknown symbol gets one not-found page; an unknown address the generic one", async ({ page }) => {
  await page.goto("/stocks/ZZZZQ");
  await expect(page.getByRole("heading", { level: 1, name: "ZZZZQ: 데이터 없음" })).toBeVisible();
  // Search and validate never wait for the provider: the page says "looking up" while a worker asks, then the answer.
  await expect(page.getByTestId("unknown-symbol")).toContainText("ZZZZQ이라는 종목을 찾을 수 없습니다", { timeout: 60_000 });
  await expect(page.getByRole("main").getByRole("alert")).toHaveCount(0); // no error cards (Next's route announcer is outside main)
  await expect(page.getByText("실시간 연결됨")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "가격 차트" })).toHaveCount(0);
  await shot(page, "12-unknown-symbol");
  await page.goto("/no-such-page");
  await expect(page.getByText("요청한 페이지가 없습니다. 주소를 확인하세요.")).toBeVisible();
  await expect(page.getByText("종목을 찾을 수 없습니다")).toHaveCount(0);
});
