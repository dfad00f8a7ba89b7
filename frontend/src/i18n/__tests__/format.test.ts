import { describe, expect, it } from "vitest";
import { axisFormatter, formatChange, formatDateTime, formatDay, formatFixed, formatFraction, formatLarge, formatMarketTime, formatMoney, formatPercent, formatScaled, formatSigned, scaleFor } from "../format";
import { en } from "../en";
import { ko } from "../ko";

describe("money", () => {
  it("shows the currency, two decimals and separators", () => {
    expect(formatMoney("ko", 16017.88)).toBe("US$16,017.88");
    expect(formatMoney("en", 16017.88)).toBe("$16,017.88");
    expect(formatMoney("en", 0)).toBe("$0.00");
    expect(formatMoney("ko", 1_500_000, "KRW")).toBe("₩1,500,000");
    expect(formatMoney("ko", null)).toBe("—");
  });
});

describe("signed changes", () => {
  it("gives gains a plus, losses a minus, zero none, always with the same decimals", () => {
    expect(formatSigned("ko", 518.24)).toBe("+518.24");
    expect(formatSigned("ko", -31.8)).toBe("-31.80");
    expect(formatSigned("en", 0)).toBe("0.00");
    expect(formatSigned("en", 518.24, 2, "USD")).toBe("+$518.24");
  });
  it("puts the percent beside the amount", () => {
    expect(formatChange("ko", 518.24, 3.3512, "USD")).toBe("+US$518.24 (+3.35%)");
    expect(formatChange("en", -31.8, -0.2, "USD")).toBe("-$31.80 (-0.20%)");
    expect(formatChange("en", -31.8, null)).toBe("-31.80");
    expect(formatChange("en", undefined, 1)).toBe("—");
  });
  it("shows fractions and percentages as percentages", () => {
    expect(formatFraction("ko", 0.503)).toBe("50.30%");
    expect(formatFraction("ko", 0.0123, true)).toBe("+1.23%");
    expect(formatPercent("en", -1.5)).toBe("-1.50%");
    expect(formatPercent("en", 1.5, false)).toBe("1.50%");
    expect(formatFixed("en", 31.8)).toBe("31.80");
  });
});

describe("large amounts", () => {
  it("uses 조/억/만 in Korean and T/B/M/K in English, with separators", () => {
    expect(formatLarge("ko", 193_410_000_000)).toBe("1,934.1억");
    expect(formatLarge("en", 193_410_000_000)).toBe("193.4B");
    expect(formatLarge("ko", 5_300_000_000_000)).toBe("5.3조");
    expect(formatLarge("ko", 12_345)).toBe("1.2만");
    expect(formatLarge("ko", -34_104_350_031)).toBe("-341.0억");
    expect(formatLarge("ko", 999.5)).toBe("999.5");
  });
  it("never mixes units within a row: the largest value picks the one unit", () => {
    const row = [193_410_000_000, 45_000_000, -9_000];
    const scale = scaleFor("ko", row);
    expect(row.map((v) => formatScaled("ko", v, scale))).toEqual(["1,934.1억", "0.5억", "-0.0억"]);
    const en = scaleFor("en", row);
    expect(row.map((v) => formatScaled("en", v, en))).toEqual(["193.4B", "0.0B", "-0.0B"]);
    expect(scaleFor("ko", [null, undefined, Number.NaN])).toEqual({ divisor: 1, suffix: "" });
  });
  it("labels an axis in one unit (OBV, not 34104350031.00)", () => {
    const tick = axisFormatter("ko", [34_104_350_031, 30_000_000_000]);
    expect(tick(34_104_350_031)).toBe("341.0억");
    expect(tick(30_000_000_000)).toBe("300.0억");
    expect(axisFormatter("en", [70, 30])(70)).toBe("70");
    expect(axisFormatter("en", [1.2345])(1.2345)).toBe("1.23");
  });
});

describe("times with their zone", () => {
  const iso = "2026-12-07T14:30:00Z";
  it("labels a moment with the zone it is shown in", () => {
    expect(formatDateTime("ko", iso, "Asia/Seoul")).toBe("2026년 12월 7일 23:30 GMT+9");
    expect(formatDateTime("en", iso, "America/New_York")).toBe("Dec 7, 2026, 09:30 EST");
  });
  it("shows market times as ET with the viewer's own time", () => {
    expect(formatMarketTime("ko", iso, ko.common.marketTime, "Asia/Seoul")).toBe("12월 7일 09:30 ET (현지 12월 7일 23:30)");
    expect(formatMarketTime("en", iso, en.common.marketTime, "Asia/Seoul")).toBe("Dec 7, 09:30 ET (Dec 7, 23:30 local)");
  });
  it("words a trading day in the chosen language", () => {
    expect(formatDay("ko", "2026-12-07")).toBe("2026년 12월 7일");
    expect(formatDay("en", "2026-12-07")).toBe("Dec 7, 2026");
  });
});
