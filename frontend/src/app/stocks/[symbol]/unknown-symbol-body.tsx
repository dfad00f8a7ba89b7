"use client";
/** An unknown symbol's page: the stocks feature's message, with "collect" = watch it (which starts collection) and progress. */
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback } from "react";
import { useMessages } from "@/i18n/use-messages";
import { useIsSignedIn } from "@/stores/auth-store";
import { Button } from "@/components/ui";
import { FormError } from "@/components/error-state";
import { UnknownSymbol } from "@/features/stocks/components/unknown-symbol";
import { useAddWatch } from "@/features/watchlist/api/add-watch";
import { CollectionProgress } from "@/features/portfolio/components/collection-progress";

function CollectSymbol({ symbol }: { symbol: string }) {
  const { m } = useMessages();
  const router = useRouter();
  const signedIn = useIsSignedIn();
  const add = useAddWatch();
  const onComplete = useCallback(() => router.refresh(), [router]);
  if (!signedIn)
    return (
      <Link href={`/signin?next=${encodeURIComponent(`/stocks/${symbol}`)}`} className="text-accent underline">
        {m.unknownSymbol.signInToCollect}
      </Link>
    );
  if (add.isSuccess)
    return (
      <div className="flex flex-col gap-2" role="status">
        <p>{m.unknownSymbol.collecting}</p>
        <CollectionProgress symbol={symbol} onComplete={onComplete} />
      </div>
    );
  return (
    <div className="flex flex-col items-start gap-1">
      <Button onClick={() => add.mutate(symbol)} disabled={add.isPending}>
        {m.unknownSymbol.collect}
      </Button>
      <p className="text-xs text-muted">{m.unknownSymbol.collectHint}</p>
      <FormError error={add.error} />
    </div>
  );
}

export function UnknownSymbolBody({ symbol }: { symbol: string }) {
  return <UnknownSymbol symbol={symbol} collect={<CollectSymbol symbol={symbol} />} />;
}
