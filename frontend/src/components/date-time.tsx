"use client";
/**
 * Renders a timestamp in the user's locale and time zone. The server does not know the browser's time
 * zone (and Node's ICU words dates differently from Chromium's), so the server and the hydration pass render
 * the ISO date only; the formatted value replaces it right after hydration. Every time is labelled with its zone;
 * `market` shows a market moment (an open or close) as New York time (ET) with the viewer's own time beside it.
 */
import { useSyncExternalStore } from "react";
import { catalogs } from "@/i18n/catalogs";
import { formatDateTime, formatMarketTime, type Lang } from "@/i18n/format";

const noopSubscribe = () => () => {};

export function useHydrated(): boolean {
  return useSyncExternalStore(noopSubscribe, () => true, () => false);
}

export function DateTime({ value, lang, market = false }: { value: string | null | undefined; lang: Lang; market?: boolean }) {
  const hydrated = useHydrated();
  if (!value) return <>—</>;
  const text = market ? formatMarketTime(lang, value, catalogs[lang].common.marketTime) : formatDateTime(lang, value);
  return <time dateTime={value}>{hydrated ? text : value.slice(0, 10)}</time>;
}
