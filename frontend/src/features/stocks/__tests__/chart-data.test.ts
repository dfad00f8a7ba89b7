import { zStatementWithItems } from "@/api";
import { statementBody } from "@/test/fixtures";
import { describe, expect, it } from "vitest";
import { mergeLiveUpdate, toLine } from "../components/chart-data";
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
