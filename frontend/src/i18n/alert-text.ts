/** A fired alert in words: the catalogue's sentence for its kind with the observed value and the threshold. */
import { fmt, formatNumber, labelOf, type Lang } from "./format";
import type { Messages } from "./ko";

export function alertFiredText(m: Messages, lang: Lang, alert: { kind: string; value: number | null; threshold: number | null }): string {
  const template = labelOf(m.alerts.firedText, alert.kind);
  if (template === alert.kind) return m.dashboard.alertFired;
  return fmt(template, { value: formatNumber(lang, alert.value), threshold: formatNumber(lang, alert.threshold) });
}
