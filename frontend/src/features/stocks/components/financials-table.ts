/** Turns statement reports into table rows: one row per numeric line item, one column per period (newest first). */
import type { StatementReport } from "../schemas";

const META = new Set(["ratios", "period_type", "fiscal_date_ending", "fiscal_year", "fiscal_quarter", "reported_currency", "id", "symbol", "stock", "period_type", "source", "fetched_at", "created_at", "updated_at", "provider"]);

export interface FinancialRow {
  key: string;
  label: string;
  values: Array<number | null>;
}

function toNumber(v: unknown): number | null {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(v)) return Number(v);
  return null;
}

export function humanize(key: string): string {
  const s = key.replace(/_/g, " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function periodLabel(r: StatementReport): string {
  if (r.fiscal_quarter) return `${r.fiscal_year ?? r.fiscal_date_ending.slice(0, 4)} Q${r.fiscal_quarter}`;
  return String(r.fiscal_year ?? r.fiscal_date_ending.slice(0, 4));
}

export function buildRows(reports: StatementReport[]): FinancialRow[] {
  const keys: string[] = [];
  for (const r of reports) for (const k of Object.keys(r)) if (!META.has(k) && !keys.includes(k)) keys.push(k);
  return keys
    .map((key) => ({ key, label: humanize(key), values: reports.map((r) => toNumber(r[key])) }))
    .filter((row) => row.values.some((v) => v !== null) || reports.every((r) => r[row.key] === null));
}
