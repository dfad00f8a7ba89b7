/** Locale-aware formatting helpers and `{var}` interpolation for catalog strings. */
export type Lang = "ko" | "en";

export function fmt(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
}

const localeOf = (lang: Lang) => (lang === "ko" ? "ko-KR" : "en-US");

export function formatNumber(lang: Lang, v: number | null | undefined, digits = 2): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "—";
  return new Intl.NumberFormat(localeOf(lang), { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(v);
}

export function formatMoney(lang: Lang, v: number | null | undefined, currency = "USD"): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "—";
  return new Intl.NumberFormat(localeOf(lang), { style: "currency", currency, maximumFractionDigits: 2 }).format(v);
}

export function formatCompact(lang: Lang, v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "—";
  return new Intl.NumberFormat(localeOf(lang), { notation: "compact", maximumFractionDigits: 2 }).format(v);
}

/** `v` is already a percentage (1.5 means 1.5 %). */
export function formatPercent(lang: Lang, v: number | null | undefined, signed = true): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "—";
  const s = new Intl.NumberFormat(localeOf(lang), { maximumFractionDigits: 2, minimumFractionDigits: 2 }).format(v);
  return `${signed && v > 0 ? "+" : ""}${s}%`;
}

export function formatSigned(lang: Lang, v: number | null | undefined, digits = 2): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "—";
  return `${v > 0 ? "+" : ""}${formatNumber(lang, v, digits)}`;
}

export function formatDateTime(lang: Lang, iso: string | null | undefined): string {
  if (!iso) return "—";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(localeOf(lang), { dateStyle: "medium", timeStyle: "short" }).format(d);
}

export function changeClass(v: number | null | undefined): string {
  if (v === null || v === undefined || v === 0) return "text-muted";
  return v > 0 ? "text-up" : "text-down";
}

/** The catalog label for a value the contract types as a plain string; a value without a label is shown as sent. */
export function labelOf<K extends string>(labels: Readonly<Record<K, string>>, value: string): string {
  return Object.hasOwn(labels, value) ? labels[value as K] : value;
}
