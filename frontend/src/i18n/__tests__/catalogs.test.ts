import { describe, expect, it } from "vitest";
import { pickLanguage } from "@/lib/request-preferences";
import { en } from "../en";
import { ko } from "../ko";

function keys(obj: object, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === "object" && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe("message catalogs", () => {
  it("have the same keys and no empty strings", () => {
    expect(keys(en).sort()).toEqual(keys(ko).sort());
    for (const cat of [ko, en]) for (const k of keys(cat)) expect(k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], cat)).not.toBe("");
  });

  it("keeps the seed's 429 message in Korean", () => {
    expect(ko.search.rateLimited).toBe("해당 종목은 관찰되지 않습니다.");
  });

  it("defaults to Korean and follows the cookie, then the browser", () => {
    expect(pickLanguage(undefined, null)).toBe("ko");
    expect(pickLanguage(undefined, "en-US,en;q=0.9")).toBe("en");
    expect(pickLanguage(undefined, "fr-FR,ko;q=0.8,en;q=0.5")).toBe("ko");
    expect(pickLanguage("ko", "en-US")).toBe("ko");
    expect(pickLanguage("en", "ko-KR")).toBe("en");
  });
});
