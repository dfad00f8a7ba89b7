/** Server-side: language and theme for this request from cookies, else the browser's Accept-Language. */
import { cookies, headers } from "next/headers";
import type { Lang } from "@/i18n/format";
import type { Theme } from "@/stores/preferences-store";

export function pickLanguage(cookie: string | undefined, acceptLanguage: string | null): Lang {
  if (cookie === "ko" || cookie === "en") return cookie;
  if (!acceptLanguage) return "ko";
  // First language the browser lists that we support; Korean otherwise.
  for (const part of acceptLanguage.split(",")) {
    const tag = part.split(";")[0]?.trim().toLowerCase() ?? "";
    if (tag.startsWith("ko")) return "ko";
    if (tag.startsWith("en")) return "en";
  }
  return "ko";
}

export async function requestPreferences(): Promise<{ lang: Lang; theme: Theme }> {
  const [c, h] = await Promise.all([cookies(), headers()]);
  const theme = c.get("theme")?.value;
  return {
    lang: pickLanguage(c.get("lang")?.value, h.get("accept-language")),
    theme: theme === "light" || theme === "dark" ? theme : "system",
  };
}
