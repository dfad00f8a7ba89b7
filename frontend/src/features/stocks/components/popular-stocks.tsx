"use client";
import Link from "next/link";
import { useMessages } from "@/i18n/use-messages";
import { ErrorState } from "@/components/error-state";
import { Card, EmptyState, Skeleton } from "@/components/ui";
import { usePopular } from "../api/get-popular";

export function PopularStocks() {
  const { m } = useMessages();
  const q = usePopular();
  return (
    <Card title={m.search.popular} titleId="popular-title">
      {q.isPending ? (
        <Skeleton className="h-24 w-full" label={m.common.loading} />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : q.data.results.length === 0 ? (
        <EmptyState>{m.home.popularEmpty}</EmptyState>
      ) : (
        <ul className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-5">
          {q.data.results.map((s) => (
            <li key={s.symbol}>
              <Link href={`/stocks/${s.symbol}`} className="block rounded-md border border-line p-3 hover:bg-subtle focus-visible:outline-2 focus-visible:outline-accent">
                <span className="block font-semibold">{s.symbol}</span>
                <span lang="en" className="block truncate text-xs text-muted">{s.name}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
