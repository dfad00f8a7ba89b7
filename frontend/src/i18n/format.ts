/**
 * The one formatting module: numbers, money, signed changes with their percent, large amounts in one unit per
 * row or axis (조/억/만 in Korean, T/B/M/K in English, with separators), and times labelled with their zone.
 * Every screen formats through these; a missing value is "—". `{var}` interpolation for catalogue strings too.
 */
export type Lang = "ko" | "en";

export function fmt(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
}

export const localeOf = (lang: Lang) => (lang === "ko" ? "ko-KR" : "en-US");

type Maybe = number | null | undefined;
const missing = (v: Maybe): v is null | undefined => v === null || v === undefined || !Number.isFinite(v);
const DASH = "—";

/** Up to `digits` decimals, with separators: 1234.5 -> "1,234.5". */
export function formatNumber(lang: Lang, v: Maybe, digits = 2): string {
  if (missing(v)) return DASH;
  return new Intl.NumberFormat(localeOf(lang), { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(v);
}

/** Exactly `digits` decimals (prices): 31.8 -> "31.80". */
export function formatFixed(lang: Lang, v: Maybe, digits = 2): string {
  if (missing(v)) return DASH;
  return new Intl.NumberFormat(localeOf(lang), { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(v);
}

/** An amount in its currency (the holding's, or the user's base currency for totals): "US$16,017.88" / "$16,017.88". */
export function formatMoney(lang: Lang, v: Maybe, currency = "USD"): string {
  if (missing(v)) return DASH;
  return new Intl.NumberFormat(localeOf(lang), { style: "currency", currency }).format(v);
}

/** A change with its sign, "+" for gains, "-" for losses, none for zero; with `currency` as money. */
export function formatSigned(lang: Lang, v: Maybe, digits = 2, currency?: string): string {
  if (missing(v)) return DASH;
  const options: Intl.NumberFormatOptions = currency
    ? { style: "currency", currency, signDisplay: "exceptZero" }
    : { maximumFractionDigits: digits, minimumFractionDigits: digits, signDisplay: "exceptZero" };
  return new Intl.NumberFormat(localeOf(lang), options).format(v);
}

/** `v` is already a percentage (1.5 means 1.5 %); two decimals, signed unless `signed` is false. */
export function formatPercent(lang: Lang, v: Maybe, signed = true): string {
  if (missing(v)) return DASH;
  return new Intl.NumberFormat(localeOf(lang), { maximumFractionDigits: 2, minimumFractionDigits: 2, signDisplay: signed ? "exceptZero" : "auto" }).format(v) + "%";
}

/** A fraction as a percentage (the API's ratios, rates and weights: 0.503 -> "50.30%"). */
export function formatFraction(lang: Lang, v: Maybe, signed = false): string {
  return formatPercent(lang, missing(v) ? null : v * 100, signed);
}

/** A change and its percent together: "+US$518.24 (+3.35%)"; without a percent, the change alone. */
export function formatChange(lang: Lang, change: Maybe, percent: Maybe, currency?: string): string {
  if (missing(change)) return DASH;
  const amount = formatSigned(lang, change, 2, currency);
  return missing(percent) ? amount : `${amount} (${formatPercent(lang, percent)})`;
}

/** A unit large amounts are shown in: 1,934.1억 is 1934.1 × 10^8. */
export interface Scale {
  divisor: number;
  suffix: string;
}

const SCALES: Record<Lang, Scale[]> = {
  ko: [
    { divisor: 1e12, suffix: "조" },
    { divisor: 1e8, suffix: "억" },
    { divisor: 1e4, suffix: "만" },
  ],
  en: [
    { divisor: 1e12, suffix: "T" },
    { divisor: 1e9, suffix: "B" },
    { divisor: 1e6, suffix: "M" },
    { divisor: 1e3, suffix: "K" },
  ],
};
const UNSCALED: Scale = { divisor: 1, suffix: "" };

/**
 * The one unit for a row, a column or an axis: the largest unit the largest magnitude reaches, so that every value
 * beside it is read in the same unit (never 만 next to 억).
 */
export function scaleFor(lang: Lang, values: Iterable<Maybe>): Scale {
  let largest = 0;
  for (const v of values) if (!missing(v)) largest = Math.max(largest, Math.abs(v));
  return SCALES[lang].find((s) => largest >= s.divisor) ?? UNSCALED;
}

/** `v` in `scale` with separators: one decimal when scaled ("1,934.1억", "193.4B"), up to `digits` otherwise. */
export function formatScaled(lang: Lang, v: Maybe, scale: Scale, digits = 2): string {
  if (missing(v)) return DASH;
  const scaled = scale.divisor === 1 ? formatNumber(lang, v, digits) : formatFixed(lang, v / scale.divisor, 1);
  return scaled + scale.suffix;
}

/** One large amount in its own unit: 193_410_000_000 -> "1,934.1억" / "193.4B". */
export function formatLarge(lang: Lang, v: Maybe): string {
  return formatScaled(lang, v, scaleFor(lang, [v]));
}

/** A tick formatter for a chart axis whose values are `values`: every tick in the unit of the largest. */
export function axisFormatter(lang: Lang, values: Iterable<Maybe>, digits = 2): (v: number) => string {
  const scale = scaleFor(lang, values);
  return (v: number) => formatScaled(lang, v, scale, digits);
}

/** The time zone US market times are given in. */
export const MARKET_TIME_ZONE = "America/New_York";

const DATE_TIME: Intl.DateTimeFormatOptions = { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" };

/** A moment in the viewer's zone (or `timeZone`), labelled with the zone: "Dec 7, 2026, 23:30 GMT+9". */
export function formatDateTime(lang: Lang, iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return DASH;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(localeOf(lang), { ...DATE_TIME, timeZoneName: "short", timeZone }).format(d);
}

/**
 * A market moment as New York time labelled ET, with the viewer's own time beside it; `template` is the
 * catalogue's common.marketTime ("{market} ET ({local} local)").
 */
export function formatMarketTime(lang: Lang, iso: string | null | undefined, template: string, timeZone?: string): string {
  if (!iso) return DASH;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const market = new Intl.DateTimeFormat(localeOf(lang), { ...DATE_TIME, year: undefined, timeZone: MARKET_TIME_ZONE }).format(d);
  const local = new Intl.DateTimeFormat(localeOf(lang), { ...DATE_TIME, year: undefined, timeZone }).format(d);
  return fmt(template, { market, local });
}

/** A trading day (YYYY-MM-DD, no time of day) in the chosen language: "2026. 12. 7." / "Dec 7, 2026". */
export function formatDay(lang: Lang, day: string): string {
  const [y, mo, d] = day.slice(0, 10).split("-").map(Number);
  if (!y || !mo || !d) return day;
  return new Intl.DateTimeFormat(localeOf(lang), { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" }).format(Date.UTC(y, mo - 1, d));
}

export function changeClass(v: Maybe): string {
  if (v === null || v === undefined || v === 0) return "text-muted";
  return v > 0 ? "text-up" : "text-down";
}

/** The catalog label for a value the contract types as a plain string; a value without a label is shown as sent. */
export function labelOf<K extends string>(labels: Readonly<Record<K, string>>, value: string): string {
  return Object.hasOwn(labels, value) ? labels[value as K] : value;
}
