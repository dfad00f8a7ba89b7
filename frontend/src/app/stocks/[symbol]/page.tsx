/**
 * Stock detail. The server prefetches the overview and the default chart with the same query options
 * the client hooks use, so the first paint has data; everything else loads on the client. A symbol with no
 * stored stock (the overview answers `stock_not_found`) gets the one unknown-symbol page instead of the panels.
 */
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { HydrationBoundary, dehydrate } from "@tanstack/react-query";
import { ApiError } from "@/lib/api-error";
import { makeQueryClient } from "@/lib/query-client";
import { getOverviewQueryOptions } from "@/features/stocks/api/get-overview";
import { getPriceBarsQueryOptions } from "@/features/stocks/api/get-price-bars";
import { DEFAULT_ADJUSTMENT } from "@/features/stocks/schemas";
import { StockPageBody } from "./stock-page-body";
import { UnknownSymbolBody } from "./unknown-symbol-body";

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
  const overview = getOverviewQueryOptions(symbol);
  await Promise.all([qc.prefetchQuery(overview), qc.prefetchQuery(getPriceBarsQueryOptions({ symbol, type: "daily", period: "1y", adjustment: DEFAULT_ADJUSTMENT }))]);
  const error = qc.getQueryState(overview.queryKey)?.error;
  if (error instanceof ApiError && error.code === "stock_not_found") return <UnknownSymbolBody symbol={symbol} />;
  return (
    <HydrationBoundary state={dehydrate(qc)}>
      <StockPageBody symbol={symbol} />
    </HydrationBoundary>
  );
}
