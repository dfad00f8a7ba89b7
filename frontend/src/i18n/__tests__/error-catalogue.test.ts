import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api-error";
import { en } from "../en";
import { ko } from "../ko";
import { errorText, fieldErrorTexts, rowReasonText } from "../errors";
// The backend's list of every code it can send (manage.py error_codes; a backend test keeps it current).
import listed from "../../../../docs/error-codes.json";

const allCodes = [...listed.codes, ...listed.field_codes];
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();

describe("error catalogues", () => {
  it("read a non-trivial list of codes from the backend", () => {
    expect(listed.codes).toContain("unknown_symbol");
    expect(listed.field_codes).toContain("required");
    expect(allCodes.length).toBeGreaterThan(50);
  });

  it.each(allCodes)("word %s in Korean and English with the same values", (code) => {
    const koText = (ko.errors.codes as Record<string, string>)[code];
    const enText = (en.errors.codes as Record<string, string>)[code];
    expect(koText, `ko.errors.codes lacks ${code}`).toBeTruthy();
    expect(enText, `en.errors.codes lacks ${code}`).toBeTruthy();
    expect(koText).toMatch(/[가-힣]/);
    expect(placeholders(koText!)).toEqual(placeholders(enText!));
  });

  it("word no code the backend does not send", () => {
    expect(Object.keys(ko.errors.codes).filter((c) => !allCodes.includes(c))).toEqual([]);
  });
});

const unknownSymbol = new ApiError({
  status: 400,
  message: "symbol: 'ZZZZQ' is not known to the market-data provider.",
  code: "unknown_symbol",
  extra: { symbol: "ZZZZQ", fields: { symbol: ["'ZZZZQ' is not a known symbol."] }, field_codes: { symbol: ["unknown_symbol"] } },
});

describe("errorText", () => {
  it("words a known code with its values in the chosen language, never the server's English in Korean", () => {
    expect(errorText(unknownSymbol, ko, "ko")).toBe("'ZZZZQ'은(는) 알 수 없는 종목입니다.");
    expect(errorText(unknownSymbol, en, "en")).toBe("“ZZZZQ” is not a known symbol.");
    expect(fieldErrorTexts(unknownSymbol, ko, "ko")).toEqual({ symbol: "'ZZZZQ'은(는) 알 수 없는 종목입니다." });
  });

  it("names the first refused field for bad input", () => {
    const bad = new ApiError({ status: 400, message: "quantity: Ensure this value is greater than or equal to 0.000001.", code: "invalid_input", extra: { fields: { quantity: ["x"], symbol: ["y"] }, field_codes: { quantity: ["min_value"], symbol: ["required"] } } });
    expect(errorText(bad, ko, "ko")).toBe("수량: 값이 너무 작습니다.");
    expect(fieldErrorTexts(bad, en, "en")).toEqual({ quantity: "Too small.", symbol: "This field is required." });
  });

  it("falls back to the server's message only in English, and to a Korean sentence naming the code in Korean", () => {
    const future = new ApiError({ status: 400, message: "The moon is not open.", code: "moon_closed", extra: { field_codes: { when: ["moon_closed"] } } });
    expect(errorText(new ApiError({ status: 400, message: "The moon is not open.", code: "moon_closed" }), en, "en")).toBe("The moon is not open.");
    expect(errorText(new ApiError({ status: 400, message: "The moon is not open.", code: "moon_closed" }), ko, "ko")).toBe("요청을 처리하지 못했습니다 (오류 코드: moon_closed).");
    expect(fieldErrorTexts(future, ko, "ko")).toEqual({ when: "값을 확인하세요 (오류 코드: moon_closed)." });
  });

  it("says why a file is not a transaction file", () => {
    const notCsv = new ApiError({ status: 400, message: "file: not a transaction file: ...", code: "not_a_transaction_file", extra: { reason: "missing_columns", columns: "type", expected: "date,symbol,type,quantity,price,fee" } });
    expect(errorText(notCsv, ko, "ko")).toBe("거래 내역 CSV 파일이 아닙니다. 머리글에 type 열이 없습니다 (필요한 열: date,symbol,type,quantity,price,fee).");
  });

  it("words an import row from its code and params", () => {
    const row = { line: 8, field: "quantity", reason: "AAPL: selling 50 on 2024-01-07 exceeds the 10 held on that date.", code: "insufficient_quantity", params: { symbol: "AAPL", quantity: "50", date: "2024-01-07", held: "10" } };
    expect(rowReasonText(ko, "ko", row)).toBe("2024-01-07에 50주를 매도하면 그날 보유한 10주를 넘습니다.");
    expect(rowReasonText(en, "en", row)).toBe("Selling 50 on 2024-01-07 exceeds the 10 held on that date.");
  });
});
