/** Page titles in the request's language: the browser tab of the Korean UI says "관심 종목 · Stock-Vis". */
import type { Metadata } from "next";
import { catalogs } from "@/i18n/catalogs";
import type { Messages } from "@/i18n/ko";
import { requestPreferences } from "./request-preferences";

export function titled(title: (m: Messages) => string): () => Promise<Metadata> {
  return async () => {
    const { lang } = await requestPreferences();
    return { title: title(catalogs[lang]) };
  };
}
