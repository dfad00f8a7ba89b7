"use client";
/**
 * The one last price of a symbol on the stock page: the header, the chart's last-price line and the live badge all
 * read it from here. It is the overview's `last_price` (the backend's last-price selector) or the newest
 * `price_update` the live feed put in the store, whichever was observed later.
 */
import { useMemo } from "react";
import { create } from "zustand";
import type { LastPrice } from "@/api";
import type { PriceUpdate } from "../schemas";
import { useOverview } from "./get-overview";

export interface ShownPrice {
  price: number;
  change: number | null;
  change_percent: number | null;
  previous_close: number | null;
  /** The trading session the price belongs to (YYYY-MM-DD), when known. */
  session: string | null;
  /** When the price was observed ("as of"). */
  observed_at: string | null;
  /** True when the price came from a live message. */
  live: boolean;
}

interface LivePrices {
  bySymbol: Readonly<Record<string, PriceUpdate>>;
  push: (update: PriceUpdate) => void;
}

/** The newest live message per symbol (upper case), written by the live feed (useLivePrice). */
export const useLivePriceStore = create<LivePrices>()((set) => ({
  bySymbol: {},
  push: (update) => set((s) => ({ bySymbol: { ...s.bySymbol, [update.symbol.toUpperCase()]: update } })),
}));

function fromStored(p: LastPrice): ShownPrice {
  return { price: p.price, change: p.change, change_percent: p.change_percent, previous_close: p.previous_close, session: p.date, observed_at: p.observed_at, live: false };
}

function fromLive(u: PriceUpdate): ShownPrice {
  return {
    price: u.price,
    change: u.change,
    change_percent: u.change_percent,
    previous_close: u.previous_close ?? null,
    session: u.session ?? null,
    observed_at: u.observed_at ?? u.timestamp,
    live: true,
  };
}

/** The newer observation of the stored price and the live message; the live one when either time is unknown or they tie. */
export function pickLastPrice(stored: LastPrice | null | undefined, live: PriceUpdate | undefined): ShownPrice | null {
  if (!live) return stored ? fromStored(stored) : null;
  const shownLive = fromLive(live);
  if (!stored || !shownLive.observed_at) return shownLive;
  return Date.parse(stored.observed_at) > Date.parse(shownLive.observed_at) ? fromStored(stored) : shownLive;
}

export function useLastPrice(symbol: string): ShownPrice | null {
  const overview = useOverview(symbol);
  const live = useLivePriceStore((s) => s.bySymbol[symbol.toUpperCase()]);
  const stored = overview.data?.last_price;
  return useMemo(() => pickLastPrice(stored, live), [stored, live]);
}
