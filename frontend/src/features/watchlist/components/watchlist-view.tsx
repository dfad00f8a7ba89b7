"use client";
import Link from "next/link";
import { Trash2 } from "lucide-react";
import { useState, type FormEvent, type ReactNode } from "react";
import { useMessages } from "@/i18n/use-messages";
import { changeClass, formatChange, formatFixed } from "@/i18n/format";
import { ErrorState, FormError } from "@/components/error-state";
import { Button, Card, EmptyState, Skeleton } from "@/components/ui";
import { useAddWatch } from "../api/add-watch";
import { useRemoveWatch } from "../api/remove-watch";
import { useWatchlist } from "../api/get-watchlist";

export interface WatchSymbolFieldProps {
  value: string;
  onChange: (v: string) => void;
  onPick: (symbol: string) => void;
}

export function WatchlistView({ renderSymbolField }: { renderSymbolField: (p: WatchSymbolFieldProps) => ReactNode }) {
  const { m, lang } = useMessages();
  const list = useWatchlist();
  const add = useAddWatch();
  const remove = useRemoveWatch();
  const [symbol, setSymbol] = useState("");
  const submit = (e?: FormEvent, picked?: string) => {
    e?.preventDefault();
    const s = (picked ?? symbol).trim().toUpperCase();
    if (!s) return;
    add.mutate(s, { onSuccess: () => setSymbol("") });
  };
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{m.watchlist.title}</h1>
      <form onSubmit={submit} className="flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1">{renderSymbolField({ value: symbol, onChange: setSymbol, onPick: (s) => submit(undefined, s) })}</div>
        <Button type="submit" disabled={add.isPending}>
          {m.watchlist.add}
        </Button>
      </form>
      <FormError error={add.error ?? remove.error} />
      <Card>
        {list.isPending ? (
          <Skeleton className="h-32 w-full" label={m.common.loading} />
        ) : list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : list.data.length === 0 ? (
          <EmptyState>{m.watchlist.empty}</EmptyState>
        ) : (
          <ul className="divide-y divide-line">
            {list.data.map((w) => (
              <li key={w.id} className="flex items-center justify-between gap-2 py-2">
                <Link href={`/stocks/${w.symbol}`} className="min-w-0 hover:underline">
                  <strong>{w.symbol}</strong> <span lang="en" className="truncate text-sm text-muted">{w.name}</span>
                </Link>
                <span className="ml-auto text-right text-sm tabular-nums">
                  {formatFixed(lang, w.price?.price)}{" "}
                  <span className={changeClass(w.price?.change)}>
                    {formatChange(lang, w.price?.change, w.price?.change_percent)}
                  </span>
                </span>
                <Button variant="ghost" aria-label={`${m.common.delete} ${w.symbol}`} onClick={() => remove.mutate(w.id)}>
                  <Trash2 aria-hidden className="size-4" />
                </Button>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
