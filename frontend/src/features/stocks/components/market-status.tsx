"use client";
/** Market open/closed with the next open or close, and the provider quota left today. */
import { useMessages } from "@/i18n/use-messages";
import { formatNumber } from "@/i18n/format";
import { DateTime } from "@/components/date-time";
import { Badge } from "@/components/ui";
import { useRefreshStatus } from "../api/get-refresh-status";

export function MarketStatus() {
  const { m, lang } = useMessages();
  const q = useRefreshStatus();
  if (!q.data?.market) return null;
  const { market, quota } = q.data;
  return (
    <div className="flex flex-wrap items-center gap-2 text-xs text-muted" data-testid="market-status">
      <Badge tone={market.is_open ? "up" : "neutral"}>{market.is_open ? m.dashboard.marketOpen : m.dashboard.marketClosed}</Badge>
      <span>
        {market.is_open ? m.dashboard.nextClose : m.dashboard.nextOpen}: <DateTime value={market.is_open ? market.next_close : market.next_open} lang={lang} market />
      </span>
      {quota && quota.remaining_today !== null && (
        <span>
          {m.dashboard.quota}: {formatNumber(lang, quota.remaining_today, 0)}
          {quota.limit_per_day !== null ? ` / ${formatNumber(lang, quota.limit_per_day, 0)}` : ""}
        </span>
      )}
    </div>
  );
}
