/** Turns statement reports into table rows (one per line item, one column per period, newest first) and formats ratios. */
import { zStatementReportWithItems } from "@/api";
import { formatFraction, formatLarge, type Lang } from "@/i18n/format";
import type { StatementReport } from "../schemas";

/** The report's described fields (period, currency, ratios, provenance); every other key is a line item. */
const DESCRIBED = new Set(Object.keys(zStatementReportWithItems.shape));

export interface FinancialRow {
  key: string;
  label: string;
  values: Array<number | null>;
}

export function humanize(key: string): string {
  const s = key.replace(/_/g, " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function periodLabel(r: StatementReport): string {
  return r.fiscal_quarter ? `${r.fiscal_year} Q${r.fiscal_quarter}` : String(r.fiscal_year);
}

function lineItem(r: StatementReport, key: string): number | null {
  const v = r[key];
  return typeof v === "number" ? v : null;
}

/** `labels` names the line items (the catalogue's statements.items); an item it lacks is shown by its humanised key. */
export function buildRows(reports: StatementReport[], labels: Readonly<Record<string, string>> = {}): FinancialRow[] {
  const keys: string[] = [];
  for (const r of reports) for (const k of Object.keys(r)) if (!DESCRIBED.has(k) && !keys.includes(k)) keys.push(k);
  return keys
    .map((key) => ({ key, label: Object.hasOwn(labels, key) ? labels[key]! : humanize(key), values: reports.map((r) => lineItem(r, key)) }))
    .filter((row) => row.values.some((v) => v !== null) || reports.every((r) => r[row.key] === null));
}

/**
 * A derived ratio as shown: the backend sends fractions (0.503), shown as percentages (50.30%), growth signed;
 * free cash flow is an amount.
 */
export function formatRatio(lang: Lang, key: string, value: number | null): string {
  if (key === "free_cash_flow") return formatLarge(lang, value);
  return formatFraction(lang, value, key.endsWith("_growth_yoy"));
}
