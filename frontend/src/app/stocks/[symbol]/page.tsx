/**
 * Stock detail. The server prefetches the overview and the default chart with the same query options
 * the client hooks use, so the first paint has data; everything else loads on the client.
 */
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import { makeQueryClient } from "@/lib/query-client";
import { getOverviewQueryOptions } from "@/features/stocks/api/get-overview";
import { getPriceBarsQueryOptions } from "@/features/stocks/api/get-price-bars";
import { DEFAULT_ADJUSTMENT } from "@/features/stocks/schemas";
import { StockPageBody } from "./stock-page-body";

const SYMBOL = /^[A-Z0-9][A-Z0-9.-]{0,11}$/;

type Params = Promise<{ symbol: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { symbol } = await params;
  return { title: decodeURIComponent(symbol).toUpperCase() };
}

export default async function StockPage({ params }: { params: Params }) {
  const symbol = decodeURIComponent((await params).symbol).trim().toUpperCase();
  if (!SYMBOL.test(symbol)) notFound();
  const qc = makeQueryClient();
  await Promise.all([
    qc.prefetchQuery(getOverviewQueryOptions(symbol)),
    qc.prefetchQuery(getPriceBarsQueryOptions({ symbol, type: "daily", period: "1y", adjustment: DEFAULT_ADJUSTMENT })),
  ]);
  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <StockPageBody symbol={symbol} />
    </HydrationBoundary>
  );
}
