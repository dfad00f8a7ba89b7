/** Turns statement reports into table rows: one row per line item, one column per period (newest first). */
import { zStatementReportWithItems } from "@/api";
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

export function buildRows(reports: StatementReport[]): FinancialRow[] {
  const keys: string[] = [];
  for (const r of reports) for (const k of Object.keys(r)) if (!DESCRIBED.has(k) && !keys.includes(k)) keys.push(k);
  return keys
    .map((key) => ({ key, label: humanize(key), values: reports.map((r) => lineItem(r, key)) }))
    .filter((row) => row.values.some((v) => v !== null) || reports.every((r) => r[row.key] === null));
}
