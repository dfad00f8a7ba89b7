import { screen, waitFor } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it, vi } from "vitest";
import { en } from "@/i18n/en";
import { ko } from "@/i18n/ko";
import { API, server } from "@/test/msw-server";
import { renderWithProviders } from "@/test/render";
import { ChartSection } from "../components/chart-section";
import { chartTime, marketTimeLabel, mergeLiveIntraday } from "../components/chart-data";

interface Options {
  timeScale?: { timeVisible?: boolean; tickMarkFormatter?: (time: unknown, tickType: number) => string | null };
}
const recorded = vi.hoisted(() => ({ data: [] as unknown[][], options: [] as unknown[] }));

vi.mock("../api/live-price", () => ({ useLivePrice: () => ({ status: "closed", last: null }) }));
vi.mock("lightweight-charts", () => {
  const series = () => ({ setData: (d: unknown[]) => recorded.data.push(d), update: () => {}, priceScale: () => ({ applyOptions: () => {} }), applyOptions: () => {}, createPriceLine: () => ({ applyOptions: () => {} }) });
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
      applyOptions: (o: unknown) => recorded.options.push(o),
      timeScale: () => ({ fitContent: () => {}, getVisibleLogicalRange: () => ({ from: -0.5, to: 1.5 }) }),
      subscribeCrosshairMove: () => {},
      remove: () => {},
    }),
  };
});

const BAR = { open: 10, high: 11, low: 9, close: 10.5, volume: 100 };

function intradayBody(fallback: "no_intraday_bars" | null) {
  return {
    symbol: "AAPL", type: "daily", period: "1d", days: null, count: 2, adjustment: "split",
    interval: fallback ? "daily" : "5min", timezone: "America/New_York", fallback,
    as_of: "2026-11-25T22:00:00Z", source: "simulated", simulated: true,
    data: fallback
      ? [{ time: "2026-11-25", ...BAR }]
      : [{ time: "2026-11-25T09:30:00-05:00", ...BAR }, { time: "2026-11-25T09:35:00-05:00", ...BAR, close: 10.8 }],
    events: [],
  };
}

function serve(body: object) {
  server.use(http.get(`${API}/stocks/api/chart/AAPL/`, () => HttpResponse.json(body)));
}

const section = <ChartSection symbol="AAPL" type="daily" period="1d" adjustment="split" onTypeChange={() => {}} onPeriodChange={() => {}} onAdjustmentChange={() => {}} />;

describe("the 1D/5D chart", () => {
  it("draws 5-minute bars at their UTC instants, labelled in New York time, and says they are 5-minute bars", async () => {
    recorded.data.length = 0;
    recorded.options.length = 0;
    serve(intradayBody(null));
    renderWithProviders(section);
    expect(await screen.findByTestId("intraday-note")).toHaveTextContent(`${ko.stock.intraday.bars} · ${ko.stock.intraday.times}`);
    expect(ko.stock.intraday.bars).toBe("5분봉");
    expect(en.stock.intraday.bars).toBe("5-minute bars");
    // 09:30 New York on 2026-11-25 (EST, UTC-5) is 14:30 UTC.
    await waitFor(() => expect(recorded.data.some((d) => (d[0] as { time: unknown } | undefined)?.time === Date.UTC(2026, 10, 25, 14, 30) / 1000)).toBe(true));
    const timeScale = (recorded.options as Options[]).map((o) => o.timeScale).find((t) => t?.timeVisible);
    expect(timeScale?.tickMarkFormatter?.(Date.UTC(2026, 10, 25, 14, 35) / 1000, 3)).toBe("09:35");
  });

  it("says when it falls back to daily candles", async () => {
    serve(intradayBody("no_intraday_bars"));
    renderWithProviders(section);
    expect(await screen.findByRole("note")).toHaveTextContent(ko.stock.intraday.fallback);
    expect(screen.queryByText(`${ko.stock.intraday.bars} · ${ko.stock.intraday.times}`)).not.toBeInTheDocument();
  });
});

describe("intraday chart data", () => {
  it("turns bar datetimes into UTC seconds and leaves dates alone", () => {
    expect(chartTime("2026-05-15T09:30:00-04:00")).toBe(Date.UTC(2026, 4, 15, 13, 30) / 1000);
    expect(chartTime("2026-05-15")).toBe("2026-05-15");
  });

  it("labels instants in market time whatever the viewer's zone", () => {
    const summer = Date.UTC(2026, 4, 15, 13, 30) / 1000; // 09:30 EDT
    expect(marketTimeLabel(summer, "en", "time")).toBe("09:30");
    expect(marketTimeLabel(summer, "en", "day")).toBe("May 15");
  });

  it("merges a tick into the 5-minute bar it falls in and leaves other bars to the refetch", () => {
    const last = { time: "2026-11-25T15:55:00-05:00", ...BAR };
    const tick = (price: number, timestamp: string) => ({ type: "price_update" as const, symbol: "AAPL", price, change: null, change_percent: null, volume: 9_999, timestamp });
    expect(mergeLiveIntraday(last, tick(11.5, "2026-11-25T20:57:00Z"))).toEqual({ ...last, high: 11.5, close: 11.5 });
    expect(mergeLiveIntraday(last, tick(8, "2026-11-25T20:59:59Z"))).toEqual({ ...last, low: 8, close: 8 });
    expect(mergeLiveIntraday(last, tick(11, "2026-11-25T21:00:00Z"))).toBeNull();
    expect(mergeLiveIntraday({ time: "2026-11-25", ...BAR }, tick(11, "2026-11-25T20:57:00Z"))).toBeNull();
  });
});
