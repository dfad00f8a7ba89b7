import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { ko } from "@/i18n/ko";
import { overviewBody } from "@/test/fixtures";
import { API, server } from "@/test/msw-server";
import { renderWithProviders } from "@/test/render";
import { getPriceBarsQueryOptions } from "../api/get-price-bars";
import { ChartSection } from "../components/chart-section";
import { DEFAULT_ADJUSTMENT, type Adjustment } from "../schemas";

vi.mock("../api/live-price", () => ({ useLivePrice: () => ({ status: "closed" }) }));
vi.mock("lightweight-charts", () => {
  const series = () => ({ setData: () => {}, update: () => {}, priceScale: () => ({ applyOptions: () => {} }), applyOptions: () => {}, createPriceLine: () => ({ applyOptions: () => {} }), removePriceLine: () => {} });
  return {
    CandlestickSeries: "Candlestick",
    HistogramSeries: "Histogram",
    LineSeries: "Line",
    createSeriesMarkers: () => ({ setMarkers: () => {} }),
    createChart: () => ({
      addSeries: series,
      removeSeries: () => {},
      panes: () => [{ setStretchFactor: () => {}, getHeight: () => 300 }],
      removePane: () => {},
      applyOptions: () => {},
      timeScale: () => ({ fitContent: () => {}, getVisibleLogicalRange: () => ({ from: -0.5, to: 1.5 }) }),
      subscribeCrosshairMove: () => {},
      remove: () => {},
    }),
  };
});

function chartBody(adjustment: string) {
  return {
    symbol: "AAPL", type: "daily", period: "1y", days: null, count: 1, adjustment,
    as_of: "2026-11-26T22:00:00Z", source: "simulated", simulated: true,
    data: [{ time: "2026-11-26", open: 10, high: 11, low: 9, close: 10.5, volume: 100 }],
    events: [{ date: "2026-11-26", kind: "dividend", value: 0.24, label: "0.24" }],
  };
}

function Section() {
  const [adjustment, setAdjustment] = useState<Adjustment>(DEFAULT_ADJUSTMENT);
  return <ChartSection symbol="AAPL" type="daily" period="1y" adjustment={adjustment} onTypeChange={() => {}} onPeriodChange={() => {}} onAdjustmentChange={setAdjustment} />;
}

describe("the chart's adjustment switch", () => {
  it("asks for split-adjusted bars by default and for raw or total-return bars when switched", async () => {
    const asked: Array<string | null> = [];
    server.use(
      http.get(`${API}/stocks/api/overview/AAPL/`, () => HttpResponse.json(overviewBody)),
      http.get(`${API}/stocks/api/chart/AAPL/`, ({ request }) => {
        const adjustment = new URL(request.url).searchParams.get("adjustment");
        asked.push(adjustment);
        return HttpResponse.json(chartBody(adjustment ?? "split"));
      }),
    );
    const user = userEvent.setup();
    renderWithProviders(<Section />);
    const group = await screen.findByRole("group", { name: ko.stock.adjust.label });
    await waitFor(() => expect(asked).toEqual(["split"]));
    expect(screen.getByRole("button", { name: ko.stock.adjust.split })).toHaveAttribute("aria-pressed", "true");
    expect(group).toHaveTextContent(`${ko.stock.adjust.raw}${ko.stock.adjust.split}${ko.stock.adjust.total}`);

    await user.click(screen.getByRole("button", { name: ko.stock.adjust.raw }));
    await waitFor(() => expect(asked).toEqual(["split", "raw"]));
    expect(screen.getByRole("button", { name: ko.stock.adjust.raw })).toHaveAttribute("aria-pressed", "true");
    // Indicators are split-adjusted: the price overlays are switched off on raw candles, the panes stay.
    expect(screen.getByTestId("indicator-sma")).toBeDisabled();
    expect(screen.getByTestId("indicator-sma")).toHaveAttribute("aria-pressed", "false");
    expect(screen.getByTestId("indicator-sma")).toHaveAttribute("title", ko.stock.adjust.overlaysSplitOnly);
    expect(screen.getByTestId("indicator-rsi")).toHaveAttribute("aria-pressed", "true");

    await user.click(screen.getByRole("button", { name: ko.stock.adjust.total }));
    await waitFor(() => expect(asked).toEqual(["split", "raw", "total"]));
    await user.click(screen.getByRole("button", { name: ko.stock.adjust.split }));
    expect(screen.getByTestId("indicator-sma")).toBeEnabled();
    expect(screen.getByTestId("indicator-sma")).toHaveAttribute("aria-pressed", "true");
  });

  it("keeps each adjustment under its own query key, which the server prefetch shares", () => {
    const key = (adjustment: Adjustment) => getPriceBarsQueryOptions({ symbol: "AAPL", type: "daily", period: "1y", adjustment }).queryKey;
    expect(key("split")).toEqual(["stocks", "AAPL", "chart", "daily", "1y", "split"]);
    expect(key("raw")).not.toEqual(key("split"));
  });
});
