"use client";
/** Returns the message catalog and formatting language for the current user preference. */
import { usePreferences } from "@/stores/preferences-store";
import { catalogs } from "./catalogs";
import type { Messages } from "./ko";
import type { Lang } from "./format";

export function useMessages(): { m: Messages; lang: Lang } {
  const lang = usePreferences((s) => s.lang);
  return { m: catalogs[lang], lang };
}
