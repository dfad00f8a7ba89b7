import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { API, server } from "@/test/msw-server";
import { renderWithProviders } from "@/test/render";
import { ko } from "@/i18n/ko";
import { useIndicators } from "../api/get-indicators";
import { SignalsPanel } from "../components/signals-panel";
import { StockHeader } from "../components/stock-header";
import { indicatorsSchema, overviewSchema } from "../schemas";

// Payloads in the backend's shapes (stocks/selectors.py, analysis/signals.py).
const overview = {
  symbol: "AAPL", as_of: "2026-11-27T09:00:00Z", source: "simulated", simulated: true, has_overview: true,
  overview: { name: "Apple Inc", exchange: "NASDAQ", currency: "USD", sector: "TECHNOLOGY", industry: "Electronics", description: "Phones", market_capitalization: 3.0e12, pe_ratio: 30.1, eps: 6.4, dividend_yield: 0.0044, beta: 1.2, week_52_high: 200, week_52_low: 160, real_time_price: 190.5, previous_close: 189, change: 1.5, change_percent: 0.79, volume: 5e7, latest_trading_day: "2026-11-26", overview_fetched_at: "2026-11-27T09:00:00Z" },
};

const record = (events: number) => ({ events, positive_rate: 0.6, hit_rate: 0.55, mean_return: 0.012, buy_and_hold_mean_return: 0.008 });
const indicators = {
  symbol: "AAPL", type: "daily", period: "1y", days: null, count: 2, as_of: null, source: "simulated", simulated: true,
  dates: ["2026-11-25", "2026-11-26"],
  indicators: { rsi: { params: { timeperiod: 14 }, rsi: [null, 55.2] } },
  signals: {
    as_of: "2026-11-26",
    composite: { score: 0.35, stance: "buy", explanation: { en: "2 signals average +0.35: bullish.", ko: "2개 신호의 평균은 +0.35입니다: 매수." }, signals_used: 2 },
    rules: {
      rsi: { score: 0.2, stance: "buy", values: { rsi: 55.2 }, explanation: { en: "RSI is 55.", ko: "RSI는 55입니다." }, recent_events: [{ date: "2026-11-20", direction: 1 }], track_record: { "5d": { bullish: record(12), bearish: record(9) }, "20d": { bullish: record(11), bearish: record(8) } } },
      obv: { score: null, stance: "unavailable", values: {}, explanation: { en: "Not enough history.", ko: "이력이 부족합니다." }, recent_events: [], track_record: {} },
    },
  },
};

function Signals() {
  return <SignalsPanel query={useIndicators({ symbol: "AAPL", type: "daily", period: "1y" })} />;
}

describe("stock schemas accept the backend's shapes", () => {
  it("flattens the nested overview", () => {
    expect(overviewSchema.parse(overview)).toMatchObject({ name: "Apple Inc", market_cap: 3.0e12, price: 190.5, simulated: true });
  });

  it("labels simulated data and shows the price", async () => {
    server.use(
      http.get(`${API}/stocks/api/overview/AAPL/`, () => HttpResponse.json(overview)),
      http.get(`${API}/stocks/api/refresh-status/`, () => HttpResponse.json({ provider: "simulated", quota: { remaining_today: null, limit_per_day: null, unlimited: true }, market: { is_open: false, next_open: "2026-11-27T14:30:00Z", next_close: "2026-11-27T21:00:00Z" }, quote_period_seconds: 60, symbols: [{ symbol: "AAPL", as_of: "2026-11-27T09:00:00Z", next_refresh: "2026-11-27T10:00:00Z", datasets: {} }] })),
    );
    renderWithProviders(<StockHeader symbol="AAPL" />);
    expect(await screen.findByText(ko.common.simulated)).toBeInTheDocument();
    expect(screen.getByText("190.5")).toBeInTheDocument();
    expect(screen.getByTestId("freshness")).toHaveTextContent(ko.common.nextUpdate);
  });

  it("renders rules with stance, explanation and track record", async () => {
    expect(indicatorsSchema.parse(indicators).signals?.items).toHaveLength(2);
    server.use(http.get(`${API}/stocks/api/indicators/AAPL/`, () => HttpResponse.json(indicators)));
    const user = userEvent.setup();
    renderWithProviders(<Signals />);
    expect(await screen.findByText("RSI는 55입니다.")).toBeInTheDocument();
    expect(screen.getByText("2개 신호의 평균은 +0.35입니다: 매수.")).toBeInTheDocument();
    expect(screen.getByText(ko.stock.stances.unavailable)).toBeInTheDocument();
    await user.click(screen.getAllByText(ko.stock.trackRecord)[0]!);
    expect(screen.getAllByRole("row")).toHaveLength(5);
    expect(screen.getAllByText("55.00%").length).toBeGreaterThan(0);
  });
});
