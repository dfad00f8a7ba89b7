"use client";
/**
 * Renders a timestamp in the user's locale and time zone. The server does not know the browser's time
 * zone (and Node's ICU words dates differently from Chromium's), so the server and the hydration pass render
 * the ISO date only; the formatted value replaces it right after hydration.
 */
import { useSyncExternalStore } from "react";
import { formatDateTime, type Lang } from "@/i18n/format";

const noopSubscribe = () => () => {};

export function useHydrated(): boolean {
  return useSyncExternalStore(noopSubscribe, () => true, () => false);
}

export function DateTime({ value, lang }: { value: string | null | undefined; lang: Lang }) {
  const hydrated = useHydrated();
  if (!value) return <>—</>;
  return <time dateTime={value}>{hydrated ? formatDateTime(lang, value) : value.slice(0, 10)}</time>;
}
