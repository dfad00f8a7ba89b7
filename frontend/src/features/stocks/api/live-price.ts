"use client";
/** Live price stream for one symbol over /ws/stocks/<symbol>/, parsed with zod, into the last-price store. */
import { useCallback } from "react";
import { useWebSocket } from "@/lib/use-websocket";
import { priceUpdateSchema, type PriceUpdate } from "../schemas";
import { useLivePriceStore } from "./last-price";

export function useLivePrice(symbol: string, onUpdate?: (update: PriceUpdate) => void) {
  const push = useLivePriceStore((s) => s.push);
  const handle = useCallback(
    (data: unknown) => {
      const parsed = priceUpdateSchema.safeParse(data);
      if (!parsed.success || parsed.data.symbol.toUpperCase() !== symbol.toUpperCase()) return;
      push(parsed.data);
      onUpdate?.(parsed.data);
    },
    [symbol, onUpdate, push],
  );
  const { status } = useWebSocket(`/ws/stocks/${encodeURIComponent(symbol)}/`, handle);
  return { status };
}
