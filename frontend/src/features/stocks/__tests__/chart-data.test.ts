import { zStatementWithItems } from "@/api";
import { statementBody } from "@/test/fixtures";
import { describe, expect, it } from "vitest";
import { eventsByBar, mergeLiveUpdate, toEventMarkers, toLine } from "../components/chart-data";
import { buildRows, formatRatio, periodLabel } from "../components/financials-table";
import { ko } from "@/i18n/ko";
import { en } from "@/i18n/en";

const bar = { time: "2026-11-26", open: 10, high: 12, low: 9, close: 11, volume: 100 };
const tick = (price: number, timestamp: string) => ({ type: "price_update" as const, symbol: "AAPL", price, change: null, change_percent: null, volume: 150, timestamp });

describe("chart data", () => {
  it("drops warm-up nulls and keeps alignment with dates", () => {
    expect(toLine(["2026-01-01", "2026-01-02", "2026-01-03"], [null, 2, 3])).toEqual([
      { time: "2026-01-02", value: 2 },
      { time: "2026-01-03", value: 3 },
    ]);
  });

  it("merges a same-day tick into the last bar and widens high/low", () => {
    expect(mergeLiveUpdate(bar, tick(13, "2026-11-26T15:00:00Z"), "daily")).toEqual({ ...bar, high: 13, close: 13, volume: 150 });
    expect(mergeLiveUpdate(bar, tick(8, "2026-11-26T15:00:00Z"), "daily")).toMatchObject({ low: 8, close: 8 });
  });

  it("starts a new bar on a later day and ignores stale ticks", () => {
    expect(mergeLiveUpdate(bar, tick(12, "2026-11-27T15:00:00Z"), "daily")).toEqual({ time: "2026-11-27", open: 12, high: 12, low: 12, close: 12, volume: 150 });
    expect(mergeLiveUpdate(bar, tick(12, "2026-11-25T15:00:00Z"), "daily")).toBeNull();
  });

  it("puts a tick on the session the server names, not the UTC day of its timestamp", () => {
    // 20:30 New York on 2026-11-25 is already the 26th in UTC; the quote still belongs to Wednesday's session.
    const wednesday = { ...bar, time: "2026-11-25" };
    const late = { ...tick(12.5, "2026-11-26T01:30:00Z"), session: "2026-11-25" };
    expect(mergeLiveUpdate(wednesday, late, "daily")).toEqual({ ...wednesday, high: 12.5, close: 12.5, volume: 150 });
  });
});

describe("split and dividend marks", () => {
  const weeks = ["2020-08-21", "2020-08-28", "2020-09-04", "2020-11-06"].map((time) => ({ ...bar, time }));
  const split = { date: "2020-08-31", kind: "split" as const, value: 4, label: "4:1" };
  const dividend = { date: "2020-08-07", kind: "dividend" as const, value: 0.82, label: "0.82" };
  const sameWeek = { date: "2020-09-01", kind: "dividend" as const, value: 0.205, label: "0.205" };
  const later = { date: "2020-11-06", kind: "dividend" as const, value: 0.205, label: "0.205" };

  it("puts each event on the first bar dated on or after its ex-date, as the API does", () => {
    const byBar = eventsByBar(weeks, [later, sameWeek, split, dividend]);
    expect([...byBar.entries()]).toEqual([
      ["2020-08-21", [dividend]],
      ["2020-09-04", [split, sameWeek]],
      ["2020-11-06", [later]],
    ]);
  });

  it("leaves out events after the newest bar", () => {
    expect(eventsByBar(weeks.slice(0, 2), [split]).size).toBe(0);
  });

  it("marks a split above its bar with its ratio and a dividend as a dot below", () => {
    const markers = toEventMarkers(eventsByBar(weeks, [split, sameWeek, dividend]), { split: "purple", dividend: "teal" });
    expect(markers).toEqual([
      { time: "2020-08-21", position: "belowBar", shape: "circle", color: "teal", text: "", id: "dividend-2020-08-21" },
      { time: "2020-09-04", position: "aboveBar", shape: "arrowDown", color: "purple", text: "4:1", id: "split-2020-09-04" },
      { time: "2020-09-04", position: "belowBar", shape: "circle", color: "teal", text: "", id: "dividend-2020-09-04" },
    ]);
  });
});

describe("financial rows", () => {
  it("builds one row per line item with values per period, and labels quarters", () => {
    const { reports } = zStatementWithItems.parse(statementBody);
    const rows = buildRows(reports, ko.statements.items);
    expect(rows.map((r) => r.key)).toEqual(["total_revenue", "net_income", "non_interest_income"]);
    expect(rows[1]?.values).toEqual([100, 90]);
    expect(rows.map((r) => r.label)).toEqual(["매출액", "당기순이익", "비이자수익"]);
    expect(buildRows(reports, en.statements.items)[0]?.label).toBe("Revenue");
    expect(buildRows(reports)[0]?.label).toBe("Total revenue");
    expect(periodLabel(reports[0]!)).toBe("2026");
    const [quarter] = zStatementWithItems.parse({ ...statementBody, reports: [{ ...statementBody.reports[0]!, period_type: "quarterly", fiscal_quarter: 3 }] }).reports;
    expect(periodLabel(quarter!)).toBe("2026 Q3");
  });
});

describe("ratios", () => {
  it("shows fractions as percentages, growth signed and free cash flow as an amount", () => {
    expect(formatRatio("en", "gross_margin", 0.503)).toBe("50.30%");
    expect(formatRatio("ko", "revenue_growth_yoy", 0.0712)).toBe("+7.12%");
    expect(formatRatio("en", "net_income_growth_yoy", -0.05)).toBe("-5.00%");
    expect(formatRatio("en", "current_ratio", 1.5)).toBe("150.00%");
    expect(formatRatio("en", "free_cash_flow", 2_500_000_000)).toBe("2.5B");
    expect(formatRatio("en", "gross_margin", null)).toBe("—");
  });
});
