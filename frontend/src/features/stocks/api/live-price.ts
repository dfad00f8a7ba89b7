"use client";
/** Live price stream for one symbol over /ws/stocks/<symbol>/, parsed with zod. */
import { useCallback, useState } from "react";
import { useWebSocket } from "@/lib/use-websocket";
import { priceUpdateSchema, type PriceUpdate } from "../schemas";

export function useLivePrice(symbol: string, onUpdate?: (update: PriceUpdate) => void) {
  const [last, setLast] = useState<PriceUpdate | null>(null);
  const handle = useCallback(
    (data: unknown) => {
      const parsed = priceUpdateSchema.safeParse(data);
      if (!parsed.success || parsed.data.symbol.toUpperCase() !== symbol.toUpperCase()) return;
      setLast(parsed.data);
      onUpdate?.(parsed.data);
    },
    [symbol, onUpdate],
  );
  const { status } = useWebSocket(`/ws/stocks/${encodeURIComponent(symbol)}/`, handle);
  return { status, last };
}
