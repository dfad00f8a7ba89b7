import { queryOptions, useQuery } from "@tanstack/react-query";
import { zApiV1StocksApiMarketOverviewRetrieveResponse } from "@/api";
import { apiRequest } from "@/lib/api-client";

export function getMarketOverview(signal?: AbortSignal) {
  return apiRequest("/api/v1/stocks/api/market/overview/", zApiV1StocksApiMarketOverviewRetrieveResponse, { signal });
}

export function getMarketOverviewQueryOptions() {
  return queryOptions({ queryKey: ["stocks", "market", "overview"], queryFn: ({ signal }) => getMarketOverview(signal), staleTime: 60_000 });
}

export function useMarketOverview() {
  return useQuery(getMarketOverviewQueryOptions());
}
