import { act, render, screen, waitFor } from "@testing-library/react";
import { createRef } from "react";
import { describe, expect, it, vi } from "vitest";
import { ko } from "@/i18n/ko";
import { PreferencesProvider } from "@/stores/preferences-store";
import { PriceChart, type PriceChartHandle } from "../components/price-chart";

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
        timeScale: () => ({ fitContent: () => {} }),
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
