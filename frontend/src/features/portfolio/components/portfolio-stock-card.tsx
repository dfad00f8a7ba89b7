"use client";
/** One holding (a list row) with its summary row when priced: price, day change, P/L, collection progress, actions. */
import Link from "next/link";
import { useQueryClient } from "@tanstack/react-query";
import { Pencil, Trash2 } from "lucide-react";
import { useCallback } from "react";
import { useMessages } from "@/i18n/use-messages";
import { changeClass, formatChange, formatFixed, formatMoney, formatNumber } from "@/i18n/format";
import { Badge, Button } from "@/components/ui";
import type { Holding, PricedHolding } from "../schemas";
import { CollectionProgress } from "./collection-progress";

export function PortfolioStockCard({ holding, priced, onEdit, onDelete }: { holding: Holding; priced?: PricedHolding; onEdit: () => void; onDelete: () => void }) {
  const { m, lang } = useMessages();
  const qc = useQueryClient();
  const refresh = useCallback(() => void qc.invalidateQueries({ queryKey: ["portfolio", "holdings"] }), [qc]);
  const h = holding;
  return (
    <article className="flex min-w-0 flex-col gap-3 rounded-lg border border-line bg-surface p-4 shadow-sm" aria-labelledby={`holding-${h.id}`} data-testid="holding-card">
      <div className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 id={`holding-${h.id}`} className="text-lg font-bold">
            <Link href={`/stocks/${h.symbol}`} className="hover:underline">
              {h.symbol}
            </Link>
          </h3>
          <p lang="en" className="truncate text-xs text-muted">{h.name}</p>
        </div>
        {priced?.price?.source === "simulated" && <Badge tone="warn">{m.common.simulated}</Badge>}
      </div>
      <dl className="grid grid-cols-2 gap-x-3 gap-y-1 text-sm">
        <dt className="text-muted">{m.portfolio.price}</dt>
        <dd className="text-right tabular-nums">{formatFixed(lang, priced?.price?.price)}</dd>
        <dt className="text-muted">{m.portfolio.change}</dt>
        <dd className={`text-right tabular-nums ${changeClass(priced?.day_change)}`}>{formatChange(lang, priced?.day_change, priced?.day_change_percent, "USD")}</dd>
        <dt className="text-muted">{m.portfolio.quantity}</dt>
        <dd className="text-right tabular-nums">{formatNumber(lang, h.quantity, 4)}</dd>
        <dt className="text-muted">{m.portfolio.averagePrice}</dt>
        <dd className="text-right tabular-nums">{formatFixed(lang, h.average_price)}</dd>
        <dt className="text-muted">{m.portfolio.currency}</dt>
        <dd className="text-right" data-testid="holding-currency">
          {priced?.currency ?? "—"}
          {priced?.currency_source === "default" && <span className="text-xs text-muted"> ({m.portfolio.currencyDefault})</span>}
        </dd>
        <dt className="text-muted">{m.portfolio.marketValue}</dt>
        <dd className="text-right tabular-nums">{formatMoney(lang, priced?.market_value, priced?.currency)}</dd>
        {priced && priced.base?.currency !== priced.currency && (
          <>
            <dt className="text-muted">{m.portfolio.baseValue}</dt>
            <dd className="text-right tabular-nums" data-testid="holding-base-value">
              {priced.base ? formatMoney(lang, priced.base.market_value, priced.base.currency) : m.portfolio.noRate}
            </dd>
          </>
        )}
        <dt className="text-muted">{m.portfolio.pl}</dt>
        <dd className={`text-right tabular-nums ${changeClass(priced?.unrealized_pl)}`}>
          {formatChange(lang, priced?.unrealized_pl, priced?.unrealized_pl_percent, "USD")}
        </dd>
      </dl>
      <CollectionProgress symbol={h.symbol} onComplete={refresh} />
      <div className="mt-auto flex flex-wrap gap-2">
        <Link href={`/stocks/${h.symbol}`} className="inline-flex min-h-9 items-center rounded-md border border-line px-3 text-sm hover:bg-subtle">
          {m.portfolio.openDetail}
        </Link>
        <Button variant="ghost" onClick={onEdit} aria-label={`${m.common.edit} ${h.symbol}`}>
          <Pencil aria-hidden className="size-4" />
          {m.common.edit}
        </Button>
        <Button variant="ghost" onClick={onDelete} aria-label={`${m.common.delete} ${h.symbol}`} className="text-down">
          <Trash2 aria-hidden className="size-4" />
          {m.common.delete}
        </Button>
      </div>
    </article>
  );
}
