import { act, render, screen, waitFor } from "@testing-library/react";
import { createRef } from "react";
import { describe, expect, it, vi } from "vitest";
import { ko } from "@/i18n/ko";
import { PreferencesProvider } from "@/stores/preferences-store";
import { PriceChart, type PriceChartHandle } from "../components/price-chart";
import type { Indicators } from "../schemas";

// A fake lightweight-charts: records what the component does to the chart and its series.
const calls = vi.hoisted(() => ({
  createChart: 0,
  setData: [] as string[],
  update: [] as unknown[],
  markers: [] as unknown[][],
  guides: [] as string[],
  crosshair: [] as Array<(param: { time?: unknown; point?: { x: number; y: number } }) => void>,
}));
vi.mock("lightweight-charts", () => {
  const series = (kind: string) => ({
    setData: () => calls.setData.push(kind),
    update: (bar: unknown) => calls.update.push(bar),
    priceScale: () => ({ applyOptions: () => {} }),
    applyOptions: () => {},
    createPriceLine: (o: { price: number }) => calls.guides.push(`${kind}:${o.price}`),
  });
  return {
    CandlestickSeries: "Candlestick",
    HistogramSeries: "Histogram",
    LineSeries: "Line",
    createSeriesMarkers: () => ({ setMarkers: (markers: unknown[]) => calls.markers.push(markers) }),
    createChart: () => {
      calls.createChart += 1;
      return {
        addSeries: (kind: string) => series(kind),
        removeSeries: () => {},
        panes: () => [{ setStretchFactor: () => {}, getHeight: () => 300 }],
        removePane: () => {},
        applyOptions: () => {},
        timeScale: () => ({ fitContent: () => {}, getVisibleLogicalRange: () => ({ from: -0.5, to: 1.5 }) }),
        subscribeCrosshairMove: (handler: (typeof calls.crosshair)[number]) => calls.crosshair.push(handler),
        remove: () => {},
      };
    },
  };
});

const bars = [
  { time: "2026-11-25", open: 10, high: 11, low: 9, close: 10.5, volume: 100 },
  { time: "2026-11-26", open: 10.5, high: 12, low: 10, close: 11, volume: 120 },
];

describe("PriceChart", () => {
  it("creates the chart once and sends live ticks to the series, not through a re-render", async () => {
    const ref = createRef<PriceChartHandle>();
    const ui = (b: typeof bars) => (
      <PreferencesProvider initial={{ lang: "ko", theme: "light" }}>
        <PriceChart ref={ref} bars={b} type="daily" enabled={new Set()} label="chart" />
      </PreferencesProvider>
    );
    const { rerender, getByTestId } = render(ui(bars));
    await waitFor(() => expect(getByTestId("price-chart")).toHaveAttribute("data-ready", "true"));
    await waitFor(() => expect(calls.setData).toEqual(expect.arrayContaining(["Candlestick", "Histogram"])));

    ref.current?.applyLiveUpdate({ type: "price_update", symbol: "AAPL", price: 12.5, change: 1.5, change_percent: 13.6, volume: 130, timestamp: "2026-11-26T16:00:00Z" });
    expect(calls.update[0]).toEqual({ time: "2026-11-26", open: 10.5, high: 12.5, low: 10, close: 12.5 });

    rerender(ui([...bars]));
    expect(calls.createChart).toBe(1);
  });

  it("marks splits and dividends on their bars and names them in a tooltip on hover", async () => {
    const events = [
      { date: "2026-11-26", kind: "split" as const, value: 4, label: "4:1" },
      { date: "2026-11-26", kind: "dividend" as const, value: 0.24, label: "0.24" },
    ];
    render(
      <PreferencesProvider initial={{ lang: "ko", theme: "light" }}>
        <PriceChart bars={bars} events={events} type="daily" enabled={new Set()} label="chart" />
      </PreferencesProvider>,
    );
    await waitFor(() => expect(calls.markers.at(-1)).toHaveLength(2));
    expect(calls.markers.at(-1)).toEqual([
      expect.objectContaining({ time: "2026-11-26", text: "4:1", position: "aboveBar" }),
      expect.objectContaining({ time: "2026-11-26", position: "belowBar" }),
    ]);

    const hover = calls.crosshair.at(-1)!;
    act(() => hover({ time: "2026-11-25", point: { x: 40, y: 10 } }));
    expect(screen.queryByRole("tooltip")).not.toBeInTheDocument();
    act(() => hover({ time: { year: 2026, month: 11, day: 26 }, point: { x: 80, y: 10 } }));
    const tooltip = screen.getByRole("tooltip");
    expect(tooltip).toHaveTextContent(`${ko.stock.adjust.splitEvent} 4:1 2026-11-26`);
    expect(tooltip).toHaveTextContent(`${ko.stock.adjust.dividendEvent} 0.24 2026-11-26`);
    act(() => hover({}));
    expect(screen.queryByRole("tooltip")).not.toBeInTheDocument();
  });
});

describe("PriceChart legend, pane titles and guides", () => {
  const indicators = {
    symbol: "AAPL", type: "daily", period: "1y", as_of: null, source: "simulated", simulated: true,
    dates: ["2026-11-25", "2026-11-26"],
    indicators: {
      sma: { params: { timeperiod: 20 }, sma: [10.25, 10.75] },
      rsi: { params: { timeperiod: 14 }, rsi: [48.5, 55.25] },
      stoch: { params: { fastk_period: 14, slowk_period: 3, slowd_period: 3 }, k: [70, 85.5], d: [65, 80.125] },
    },
    signals: null,
  } as unknown as Indicators;

  it("shows the hovered bar's date, OHLC, volume and each indicator's value, and the last bar without a crosshair", async () => {
    calls.guides.length = 0;
    render(
      <PreferencesProvider initial={{ lang: "ko", theme: "light" }}>
        <PriceChart bars={bars} type="daily" enabled={new Set(["sma", "rsi", "stoch"] as const)} indicators={indicators} label="chart" />
      </PreferencesProvider>,
    );
    const legend = await screen.findByTestId("chart-legend");
    expect(legend).toHaveAttribute("data-time", "2026-11-26");
    expect(legend).toHaveTextContent("2026년 11월 26일시가 10.50고가 12.00저가 10.00종가 11.00거래량 120SMA(20) 10.75RSI(14) 55.25%K 85.50%D 80.13");
    const hover = calls.crosshair.at(-1)!;
    act(() => hover({ time: "2026-11-25", point: { x: 40, y: 10 } }));
    expect(legend).toHaveAttribute("data-time", "2026-11-25");
    expect(legend).toHaveTextContent("2026년 11월 25일시가 10.00고가 11.00저가 9.00종가 10.50거래량 100SMA(20) 10.25RSI(14) 48.50%K 70.00%D 65.00");
    // RSI gets its 30/70 lines and Stochastic its 20/80 (on %K only, once), and each pane its title.
    await waitFor(() => expect(screen.getByTestId("price-chart")).toHaveAttribute("data-guides", "rsi:30,70;stoch:20,80"));
    expect(calls.guides).toEqual(["Line:30", "Line:70", "Line:20", "Line:80"]);
    expect(await screen.findByTestId("pane-title-rsi")).toHaveTextContent("RSI(14) · 30/70");
    expect(screen.getByTestId("pane-title-stoch")).toHaveTextContent("스토캐스틱 %K/%D(14, 3, 3) · 20/80");
    expect(screen.getByTestId("pane-title-volume")).toHaveTextContent(ko.stock.volume);
    expect(screen.getByTestId("price-chart")).toHaveAttribute("data-fits-all", "true");
  });

  it("words the legend in English", async () => {
    render(
      <PreferencesProvider initial={{ lang: "en", theme: "light" }}>
        <PriceChart bars={bars} type="daily" enabled={new Set(["rsi"] as const)} indicators={indicators} label="chart" />
      </PreferencesProvider>,
    );
    expect(await screen.findByTestId("chart-legend")).toHaveTextContent("Nov 26, 2026Open 10.50High 12.00Low 10.00Close 11.00Volume 120RSI(14) 55.25");
  });
});
