import { describe, expect, it } from "vitest";
import { alertFiredText } from "../alert-text";
import { en } from "../en";
import { ko } from "../ko";

describe("alertFiredText", () => {
  it("words a fired alert from its kind, value and threshold, without repeating the symbol", () => {
    expect(alertFiredText(ko, "ko", { kind: "price_above", value: 324.7972, threshold: 1 })).toBe("가격이 기준가 1 이상으로 올랐습니다 (현재 324.8).");
    expect(alertFiredText(en, "en", { kind: "rsi_below", value: 28.456, threshold: 30 })).toBe("RSI(14) is 28.46, at or below 30.");
    expect(alertFiredText(ko, "ko", { kind: "change_pct_below", value: -3.2, threshold: -3 })).toBe("일간 등락률이 -3% 이하입니다 (현재 -3.2%).");
  });

  it("falls back to the generic label for a kind this build does not know", () => {
    expect(alertFiredText(ko, "ko", { kind: "volume_above", value: 1, threshold: 1 })).toBe(ko.dashboard.alertFired);
  });
});
