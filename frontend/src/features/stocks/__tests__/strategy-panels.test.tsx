import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { API, server } from "@/test/msw-server";
import { renderWithProviders } from "@/test/render";
import { en } from "@/i18n/en";
import { ko } from "@/i18n/ko";
import { usePatterns } from "../api/get-patterns";
import { BacktestDetails, equityPaths } from "../components/backtest-details";
import { mergeMarkers, toPatternMarkers, type Patterns } from "../components/pattern-markers";
import { PatternsPanel, recentPatterns } from "../components/patterns-panel";

const stats = (total: number, trades: number) => ({
  total_return: total,
  cagr: 0.0712,
  volatility: 0.18,
  sharpe: 0.43,
  max_drawdown: -0.2512,
  hit_rate: 0.6,
  trades,
  exposure: 0.55,
  turnover: 4.2,
  costs_paid: 0.012,
});

const backtestBody = {
  symbol: "AAPL",
  rule: "macd",
  mode: "long_flat",
  execution: "next_open",
  commission_bps: 5,
  slippage_bps: 5,
  start: "2024-01-02",
  end: "2024-01-05",
  bars: 4,
  as_of: "2024-01-05",
  strategy: stats(0.1234, 12),
  buy_and_hold: stats(-0.05, 1),
  equity: { dates: ["2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05"], strategy: [1, 1.05, 1.1, 1.1234], buy_and_hold: [1, 0.98, 0.96, 0.95], position: [0, 1, 1, 0] },
  trades: [{ entry: "2024-01-03", exit: "2024-01-05", direction: "long", net_return: 0.07 }],
};

const record = (events: number, mean: number) => ({
  occurrences: events,
  horizons: {
    "1d": { events, mean_return: mean, positive_rate: 0.5, hit_rate: 0.5 },
    "5d": { events, mean_return: mean * 2, positive_rate: 0.6, hit_rate: 0.6 },
    "20d": { events: events - 1, mean_return: mean * 3, positive_rate: 0.7, hit_rate: 0.7 },
  },
});

const patternsBody: Patterns = {
  symbol: "AAPL",
  as_of: "2024-01-05",
  bars: 600,
  recent_bars: 60,
  horizons: ["1d", "5d", "20d"],
  base_rate: {
    "1d": { count: 599, mean_return: 0.0004, positive_rate: 0.51 },
    "5d": { count: 595, mean_return: 0.0021, positive_rate: 0.53 },
    "20d": { count: 580, mean_return: 0.0083, positive_rate: 0.56 },
  },
  patterns: [
    {
      name: "engulfing",
      function: "CDLENGULFING",
      label: { en: "Engulfing Pattern", ko: "장악형" },
      meaning: { en: "A candle whose body engulfs the previous opposite one.", ko: "직전 반대 색 봉의 몸통을 감싸는 봉." },
      neutral: false,
      occurrences: 9,
      last_date: "2024-01-04",
      record: { bullish: record(5, 0.01), bearish: record(4, -0.02) },
    },
    {
      name: "doji",
      function: "CDLDOJI",
      label: { en: "Doji", ko: "도지" },
      meaning: { en: "Indecision.", ko: "망설임." },
      neutral: true,
      occurrences: 30,
      last_date: "2023-10-02",
      record: { neutral: record(30, 0.001) },
    },
  ],
  recent: [
    // Oldest first, then by name, as the API sorts them.
    { date: "2023-12-01", pattern: "doji", direction: "neutral", value: 100 },
    { date: "2024-01-03", pattern: "engulfing", direction: "bearish", value: -100 },
    { date: "2024-01-04", pattern: "doji", direction: "neutral", value: 100 },
    { date: "2024-01-04", pattern: "engulfing", direction: "bullish", value: 100 },
  ],
};

describe("pattern markers", () => {
  it("groups a bar's patterns per direction, names them in the language, and leaves out neutral shapes and bars the chart lacks", () => {
    const markers = toPatternMarkers(patternsBody, new Set(["2024-01-03", "2024-01-04"]), "ko");
    expect(markers).toEqual([
      { time: "2024-01-03", position: "aboveBar", shape: "arrowDown", color: "#dc2626", text: "장악형", id: "pattern-bearish-2024-01-03" },
      { time: "2024-01-04", position: "belowBar", shape: "arrowUp", color: "#16a34a", text: "장악형", id: "pattern-bullish-2024-01-04" },
    ]);
    expect(toPatternMarkers(patternsBody, new Set(["2024-01-04"]), "en").map((m) => m.text)).toEqual(["Engulfing Pattern"]);
  });

  it("merges with the split and dividend marks in time order", () => {
    const merged = mergeMarkers([{ time: "2024-01-04", id: "split" }], [{ time: "2024-01-03", id: "p1" }, { time: "2024-01-05", id: "p2" }]);
    expect(merged.map((m) => m.id)).toEqual(["p1", "split", "p2"]);
  });
});

describe("PatternsPanel", () => {
  function Panel() {
    return <PatternsPanel query={usePatterns("AAPL")} />;
  }

  it("lists the recent patterns newest first with their meaning, record and the base rate", async () => {
    let asked: string | null = null;
    server.use(
      http.get(`${API}/analysis/patterns/AAPL/`, ({ request }) => {
        asked = new URL(request.url).searchParams.get("recent_bars");
        return HttpResponse.json(patternsBody);
      }),
    );
    renderWithProviders(<Panel />, { lang: "en" });
    const list = await screen.findByTestId("pattern-list");
    expect(asked).toBe("60");
    const items = within(list).getAllByRole("listitem");
    expect(items.map((li) => li.querySelector("span")?.textContent)).toEqual(["Engulfing Pattern", "Doji"]);
    const engulfing = items[0]!;
    expect(engulfing).toHaveTextContent("A candle whose body engulfs the previous opposite one.");
    expect(engulfing).toHaveTextContent("9 times in all");
    const rows = within(engulfing).getAllByRole("row");
    expect(rows).toHaveLength(1 + 2 * 3); // header, then bullish and bearish x 1d, 5d, 20d
    expect(rows[1]).toHaveTextContent(/1 days.*Bullish.*5.*\+1\.00%.*50\.00%.*\+0\.04%/);
    expect(rows[6]).toHaveTextContent(/20 days.*Bearish.*3.*-6\.00%.*70\.00%.*\+0\.83%/);
  });

  it("speaks Korean and says when nothing was seen", async () => {
    server.use(http.get(`${API}/analysis/patterns/AAPL/`, () => HttpResponse.json({ ...patternsBody, recent: [] })));
    renderWithProviders(<Panel />, { lang: "ko" });
    expect(await screen.findByText("최근 60개 봉에 나타난 캔들 패턴이 없습니다.")).toBeInTheDocument();
    expect(screen.getByText(ko.patterns.title)).toBeInTheDocument();
  });

  it("shows the six most recent patterns until asked for all", async () => {
    const names = ["hammer", "harami", "kicking", "marubozu", "piercing", "tristar", "takuri", "onneck"] as const;
    const many: Patterns = {
      ...patternsBody,
      patterns: names.map((n) => ({ ...patternsBody.patterns[0]!, name: n, label: { en: `Pattern ${n}`, ko: `패턴 ${n}` } })),
      recent: names.map((n, i) => ({ date: `2024-01-0${i + 1}`, pattern: n, direction: "bullish" as const, value: 100 })),
    };
    server.use(http.get(`${API}/analysis/patterns/AAPL/`, () => HttpResponse.json(many)));
    renderWithProviders(<Panel />, { lang: "en" });
    const list = await screen.findByTestId("pattern-list");
    expect(within(list).getAllByRole("listitem").map((li) => li.querySelector("span")?.textContent)).toEqual(["onneck", "takuri", "tristar", "piercing", "marubozu", "kicking"].map((n) => `Pattern ${n}`));
    fireEvent.click(screen.getByRole("button", { name: "Show all 8" }));
    expect(within(list).getAllByRole("listitem")).toHaveLength(8);
    fireEvent.click(screen.getByRole("button", { name: en.patterns.showFewer }));
    expect(within(list).getAllByRole("listitem")).toHaveLength(6);
  });

  it("puts the most recently seen pattern first, with its directions and dates newest first", () => {
    const items = recentPatterns(patternsBody);
    expect(items.map((i) => [i.pattern.name, i.directions, i.dates])).toEqual([
      ["engulfing", ["bullish", "bearish"], ["2024-01-04", "2024-01-03"]],
      ["doji", ["neutral"], ["2024-01-04", "2023-12-01"]],
    ]);
  });
});

describe("BacktestDetails", () => {
  it("fetches only when opened, with the costs, and compares the strategy with buy-and-hold", async () => {
    const asked: URLSearchParams[] = [];
    server.use(
      http.get(`${API}/analysis/backtest/AAPL/`, ({ request }) => {
        asked.push(new URL(request.url).searchParams);
        return HttpResponse.json(backtestBody);
      }),
    );
    renderWithProviders(<BacktestDetails symbol="AAPL" rule="macd" />, { lang: "en" });
    const details = screen.getByTestId("backtest-macd");
    expect(asked).toHaveLength(0);
    (details as HTMLDetailsElement).open = true;
    fireEvent(details, new Event("toggle"));
    const table = await screen.findByTestId("backtest-table");
    expect(Object.fromEntries(asked[0]!)).toEqual({ rule: "macd", mode: "long_flat", commission_bps: "5", slippage_bps: "5" });
    expect(within(table).getByRole("row", { name: /Total return/ })).toHaveTextContent(/12\.34%.*-5\.00%/);
    expect(within(table).getByRole("row", { name: /Trades/ })).toHaveTextContent(/12.*1/);
    expect(within(table).getByRole("row", { name: /Max drawdown/ })).toHaveTextContent("-25.12%");
    expect(screen.getByText(/2024-01-02 to 2024-01-05, 4 bars/)).toBeInTheDocument();
    expect(screen.getByRole("img", { name: en.backtest.equity })).toBeInTheDocument();

    fireEvent.change(screen.getByRole("spinbutton", { name: en.backtest.commission }), { target: { value: "20" } });
    fireEvent.change(screen.getByRole("combobox", { name: en.backtest.mode }), { target: { value: "long_short" } });
    await waitFor(() => expect(Object.fromEntries(asked.at(-1)!)).toEqual({ rule: "macd", mode: "long_short", commission_bps: "20", slippage_bps: "5" }));
  });

  it("draws both curves on one scale", () => {
    const [strategy, hold] = equityPaths([1, 2], [1, 0.5], 100, 10);
    expect(strategy).toBe("0.0,6.7 100.0,0.0");
    expect(hold).toBe("0.0,6.7 100.0,10.0");
  });
});
