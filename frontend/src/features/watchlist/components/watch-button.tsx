"use client";
/** "Add to watchlist" on the stock page; hidden when signed out. */
import { Star } from "lucide-react";
import { useMessages } from "@/i18n/use-messages";
import { useIsSignedIn } from "@/stores/auth-store";
import { FormError } from "@/components/error-state";
import { Button } from "@/components/ui";
import { useAddWatch } from "../api/add-watch";
import { useWatchlist } from "../api/get-watchlist";

export function WatchButton({ symbol }: { symbol: string }) {
  const { m } = useMessages();
  const signedIn = useIsSignedIn();
  const list = useWatchlist();
  const add = useAddWatch();
  if (!signedIn) return null;
  const watching = list.data?.some((w) => w.symbol.toUpperCase() === symbol.toUpperCase()) ?? false;
  return (
    <div className="flex flex-col items-end gap-1">
      <Button variant="secondary" disabled={watching || add.isPending || !list.data} onClick={() => add.mutate(symbol)} aria-pressed={watching}>
        <Star aria-hidden className={watching ? "size-4 fill-current text-warn" : "size-4"} />
        {watching ? m.stock.watching : m.stock.addWatch}
      </Button>
      <FormError error={add.error} />
    </div>
  );
}
