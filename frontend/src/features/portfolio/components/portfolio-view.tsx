"use client";
/** The portfolio page body: holdings grid, add/edit/delete, optimisation, transactions, the cash account, dividends. */
import { Plus } from "lucide-react";
import { lazy, Suspense, useMemo, useState, type ReactNode } from "react";
import { useMessages } from "@/i18n/use-messages";
import { ErrorState, FormError } from "@/components/error-state";
import { Button, Card, EmptyState, Skeleton } from "@/components/ui";
import { useDeleteHolding } from "../api/delete-holding";
import { useHoldings } from "../api/get-holdings";
import { useSummary } from "../api/get-summary";
import type { Holding } from "../schemas";
import { HoldingFormModal, type SymbolFieldProps } from "./holding-form-modal";
import { PortfolioStockCard } from "./portfolio-stock-card";
import { CashPanel } from "./cash-panel";
import { DividendsPanel } from "./dividends-panel";
import { TransactionsPanel } from "./transactions-panel";

// The optimisation panel (form, frontier SVG, tables) loads only on a portfolio with something to optimise.
const OptimisationPanel = lazy(() => import("./optimisation-panel"));

export function PortfolioView({ renderSymbolField }: { renderSymbolField?: (p: SymbolFieldProps) => ReactNode }) {
  const { m } = useMessages();
  const holdings = useHoldings();
  // The list has notes; the summary has prices, value and P/L per holding. Cards show both.
  const summary = useSummary();
  const priced = useMemo(() => new Map((summary.data?.holdings ?? []).map((h) => [h.id, h])), [summary.data]);
  const remove = useDeleteHolding();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Holding | null>(null);

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{m.portfolio.title}</h1>
        <Button onClick={() => setAdding(true)}>
          <Plus aria-hidden className="size-4" />
          {m.portfolio.addStock}
        </Button>
      </div>
      <FormError error={remove.error} />
      {holdings.isPending ? (
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} className="h-64" label={m.common.loading} />
          ))}
        </div>
      ) : holdings.isError ? (
        <ErrorState error={holdings.error} onRetry={() => void holdings.refetch()} />
      ) : holdings.data.length === 0 ? (
        <EmptyState action={<Button onClick={() => setAdding(true)}>{m.portfolio.addStock}</Button>}>{m.portfolio.empty}</EmptyState>
      ) : (
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {holdings.data.map((h) => (
            <PortfolioStockCard
              key={h.id}
              holding={h}
              priced={priced.get(h.id)}
              onEdit={() => setEditing(h)}
              onDelete={() => {
                if (window.confirm(`${h.symbol}: ${m.common.confirmDelete}`)) remove.mutate(h.id);
              }}
            />
          ))}
        </div>
      )}
      {holdings.isSuccess && holdings.data.length >= 2 ? (
        <Suspense fallback={<Skeleton className="h-40 w-full" label={m.common.loading} />}>
          <OptimisationPanel />
        </Suspense>
      ) : (
        holdings.isSuccess &&
        holdings.data.length === 1 && (
          <Card title={m.optimise.title} titleId="optimise-title">
            <p className="text-sm text-muted">{m.optimise.needTwo}</p>
          </Card>
        )
      )}
      <TransactionsPanel />
      <CashPanel />
      <DividendsPanel />
      {adding && <HoldingFormModal open onClose={() => setAdding(false)} renderSymbolField={renderSymbolField} />}
      {editing && <HoldingFormModal open key={editing.id} holding={editing} onClose={() => setEditing(null)} />}
    </div>
  );
}
