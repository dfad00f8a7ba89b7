import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import type { EconomicIndicators, MarketOverview, StockMove } from "@/api";
import { ko } from "@/i18n/ko";
import { API, server } from "@/test/msw-server";
import { renderWithProviders } from "@/test/render";
import { MarketOverviewView } from "../components/market-overview";

const move = (symbol: string, day: number, week: number): StockMove => ({
  symbol, name: `${symbol} Corp`, sector: "ENERGY", as_of: "2026-05-29", close: 110.45, day_change_percent: day, week_change_percent: week,
});

const overview = {
  as_of: "2026-05-29", stocks: 4,
  day: { gainers: [move("YOUNG", 0.926, 4.81), move("UP", 0.325, 1.65)], losers: [move("DOWN", -0.521, -2.58)] },
  week: { gainers: [move("YOUNG", 0.926, 4.81)], losers: [move("DOWN", -0.521, -2.58), move("UP", 0.325, -1.0)] },
  sectors: [{ sector: "ENERGY", stocks: 2, day_change_percent: 0.486, week_change_percent: 2.46 }],
  breadth: [{ days: 50, above: 3, eligible: 4, share: 0.75 }, { days: 200, above: 0, eligible: 0, share: null }],
  benchmark_symbol: "SPY", benchmark: null,
} satisfies MarketOverview;

const economic = {
  indicators: [
    {
      name: "CPI", interval: "monthly", unit: "index 1982-1984=100", source: "simulated", fetched_at: "2026-11-25T22:00:00Z", count: 2,
      latest: { date: "2026-10-01", value: 329.872 }, previous: { date: "2026-09-01", value: 328.917 },
      data: [{ date: "2026-09-01", value: 328.917 }, { date: "2026-10-01", value: 329.872 }],
    },
    { name: "UNEMPLOYMENT", interval: "monthly", unit: "", source: null, fetched_at: null, count: 0, latest: null, previous: null, data: [] },
  ],
} satisfies EconomicIndicators;

describe("market overview page", () => {
  it("shows breadth, movers by day and week, sectors, a missing benchmark and the economic indicators", async () => {
    server.use(
      http.get(`${API}/stocks/api/market/overview/`, () => HttpResponse.json(overview)),
      http.get(`${API}/stocks/api/market/economic/`, () => HttpResponse.json(economic)),
    );
    const user = userEvent.setup();
    renderWithProviders(<MarketOverviewView />);
    const breadth50 = await screen.findByTestId("breadth-50");
    expect(breadth50).toHaveTextContent("75.00%");
    expect(breadth50).toHaveTextContent("4개 중 3개");
    expect(screen.getByTestId("breadth-200")).toHaveTextContent("200일 이상 이력이 있는 종목이 없습니다.");
    expect(screen.getByTestId("market-as-of")).toHaveTextContent("기준일 2026-05-29, 종목 4개");

    const gainers = screen.getByRole("table", { name: ko.market.gainers });
    expect(within(gainers).getAllByRole("row").map((r) => r.textContent)).toEqual([
      "종목이름종가등락률", "YOUNGYOUNG Corp110.45+0.93%", "UPUP Corp110.45+0.33%",
    ]);
    await user.click(screen.getByRole("button", { name: ko.market.week }));
    const losers = screen.getByRole("table", { name: ko.market.losers });
    expect(within(losers).getByText("-2.58%")).toBeInTheDocument();
    expect(within(losers).getByText("-1.00%")).toBeInTheDocument();

    expect(screen.getByRole("cell", { name: "ENERGY" })).toBeInTheDocument();
    expect(screen.getByText("벤치마크 SPY이(가) 저장되어 있지 않습니다.")).toBeInTheDocument();

    const cpi = await screen.findByTestId("economic-CPI");
    expect(cpi).toHaveTextContent("소비자물가지수 (CPI) · 월간");
    expect(cpi).toHaveTextContent("329.872");
    expect(cpi).toHaveTextContent(ko.common.simulated);
    expect(screen.getByTestId("economic-UNEMPLOYMENT")).toHaveTextContent(ko.market.notFetched);
  });
});
