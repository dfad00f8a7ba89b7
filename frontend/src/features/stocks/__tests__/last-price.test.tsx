import { act, screen, waitFor } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ko } from "@/i18n/ko";
import { API, server } from "@/test/msw-server";
import { overviewBody, refreshStatusBody } from "@/test/fixtures";
import { renderWithProviders } from "@/test/render";
import { pickLastPrice, useLivePriceStore } from "../api/last-price";
import { ChartSection } from "../components/chart-section";
import { StockHeader } from "../components/stock-header";
import type { PriceUpdate } from "../schemas";

// The live feed's socket: the test delivers messages through the handler the page registers.
const socket = vi.hoisted(() => ({ handlers: [] as Array<(data: unknown) => void> }));
vi.mock("@/lib/use-websocket", () => ({
  useWebSocket: (_path: string, onMessage: (data: unknown) => void) => {
    socket.handlers.push(onMessage);
    return { status: "open" };
  },
}));
const lines = vi.hoisted(() => ({ created: [] as number[], moved: [] as number[] }));
vi.mock("lightweight-charts", () => {
  // Only the candles' price lines are recorded (the indicator panes' 30/70 guides are not the last price).
  const series = (kind: string) => ({
    setData: () => {},
    update: () => {},
    priceScale: () => ({ applyOptions: () => {} }),
    applyOptions: () => {},
    createPriceLine: (o: { price: number }) => {
      if (kind === "Candlestick") lines.created.push(o.price);
      return { applyOptions: (next: { price: number }) => lines.moved.push(next.price) };
    },
    removePriceLine: () => {},
  });
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

const stored = overviewBody.last_price; // 190.5, +1.5 against Wednesday's 189, observed Friday 16:05 UTC
const update = (price: number, observedAt: string): PriceUpdate => ({
  type: "price_update", symbol: "AAPL", price, change: price - 189, change_percent: ((price - 189) / 189) * 100, volume: 10,
  timestamp: observedAt, previous_close: 189, session: "2026-11-27", basis: "quote", observed_at: observedAt,
});

afterEach(() => {
  useLivePriceStore.setState({ bySymbol: {} });
  socket.handlers.length = 0;
  lines.created.length = 0;
  lines.moved.length = 0;
});

describe("pickLastPrice: the newer observation wins", () => {
  it("takes the stored price until a live one observed later arrives", () => {
    expect(pickLastPrice(stored, undefined)).toEqual({ price: 190.5, change: 1.5, change_percent: 0.7937, previous_close: 189, session: "2026-11-27", observed_at: "2026-11-27T16:05:00Z", live: false });
    const later = pickLastPrice(stored, update(191, "2026-11-27T16:06:00Z"));
    expect(later).toMatchObject({ price: 191, change: 2, previous_close: 189, observed_at: "2026-11-27T16:06:00Z", live: true });
  });

  it("keeps the stored price over a live message observed before it, and the live one on a tie", () => {
    expect(pickLastPrice(stored, update(188, "2026-11-27T16:00:00Z"))).toMatchObject({ price: 190.5, live: false });
    expect(pickLastPrice(stored, update(190.6, "2026-11-27T16:05:00Z"))).toMatchObject({ price: 190.6, live: true });
    expect(pickLastPrice(null, undefined)).toBeNull();
  });
});

describe("the stock page shows one price", () => {
  it("header = chart last-price line = live badge, and all three move with a pushed quote", async () => {
    server.use(
      http.get(`${API}/stocks/api/overview/AAPL/`, () => HttpResponse.json(overviewBody)),
      http.get(`${API}/stocks/api/refresh-status/`, () => HttpResponse.json(refreshStatusBody)),
      http.get(`${API}/stocks/api/chart/AAPL/`, () =>
        HttpResponse.json({
          symbol: "AAPL", type: "daily", period: "1y", days: null, count: 1, adjustment: "split", as_of: null, source: "simulated", simulated: true,
          data: [{ time: "2026-11-25", open: 188, high: 190, low: 187, close: 189, volume: 100 }], events: [],
        }),
      ),
    );
    renderWithProviders(
      <>
        <StockHeader symbol="AAPL" />
        <ChartSection symbol="AAPL" type="daily" period="1y" adjustment="split" onTypeChange={() => {}} onPeriodChange={() => {}} onAdjustmentChange={() => {}} />
      </>,
    );
    const header = await screen.findByTestId("header-price");
    expect(header).toHaveAttribute("data-price", "190.5");
    expect(header).toHaveTextContent("190.50+1.50 (+0.79%)");
    await waitFor(() => expect(screen.getByTestId("price-chart")).toHaveAttribute("data-last-price", "190.5"));
    expect(lines.created).toEqual([190.5]); // not the last candle's 189
    expect(screen.queryByTestId("live-price")).toBeNull();
    expect(screen.getByTestId("freshness")).toHaveTextContent(`${ko.common.asOf}:`);
    expect(screen.getByTestId("freshness").querySelector("time")).toHaveAttribute("dateTime", "2026-11-27T16:05:00Z");

    act(() => socket.handlers.forEach((handle) => handle(update(187.11, "2026-11-27T16:07:00Z"))));
    expect(header).toHaveAttribute("data-price", "187.11");
    expect(header).toHaveTextContent("187.11-1.89 (-1.00%)");
    expect(screen.getByTestId("live-price")).toHaveAttribute("data-price", "187.11");
    expect(screen.getByTestId("live-price")).toHaveTextContent("187.11 -1.89 (-1.00%)");
    expect(screen.getByTestId("price-chart")).toHaveAttribute("data-last-price", "187.11");
    expect(lines.moved).toEqual([187.11]);
    expect(screen.getByTestId("freshness").querySelector("time")).toHaveAttribute("dateTime", "2026-11-27T16:07:00Z");
  });

  it("says the next update is due rather than repeating the time of the planner's answer", async () => {
    const due = { ...refreshStatusBody, symbols: [{ ...refreshStatusBody.symbols[0], next_refresh: "2020-01-01T00:00:00Z" }] };
    server.use(
      http.get(`${API}/stocks/api/overview/AAPL/`, () => HttpResponse.json(overviewBody)),
      http.get(`${API}/stocks/api/refresh-status/`, () => HttpResponse.json(due)),
    );
    renderWithProviders(<StockHeader symbol="AAPL" />);
    await waitFor(() => expect(screen.getByTestId("freshness")).toHaveTextContent(`${ko.common.nextUpdate}: ${ko.common.nextUpdateDue}`));
  });
});
