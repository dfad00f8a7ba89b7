import { queryOptions, useQuery } from "@tanstack/react-query";
import { zStockOverview } from "@/api";
import { apiRequest } from "@/lib/api-client";

export function getOverview(symbol: string, signal?: AbortSignal) {
  return apiRequest(`/api/v1/stocks/api/overview/${encodeURIComponent(symbol)}/`, zStockOverview, { signal });
}

export function getOverviewQueryOptions(symbol: string) {
  return queryOptions({ queryKey: ["stocks", symbol, "overview"], queryFn: ({ signal }) => getOverview(symbol, signal) });
}

export function useOverview(symbol: string) {
  return useQuery(getOverviewQueryOptions(symbol));
}
