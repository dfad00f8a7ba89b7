import { queryOptions, useQuery } from "@tanstack/react-query";
import { zApiV1StocksApiMarketEconomicListResponse } from "@/api";
import { apiRequest } from "@/lib/api-client";

export function getEconomicIndicators(signal?: AbortSignal) {
  return apiRequest("/api/v1/stocks/api/market/economic/", zApiV1StocksApiMarketEconomicListResponse, { signal });
}

export function getEconomicIndicatorsQueryOptions() {
  return queryOptions({ queryKey: ["stocks", "market", "economic"], queryFn: ({ signal }) => getEconomicIndicators(signal), staleTime: 10 * 60_000 });
}

export function useEconomicIndicators() {
  return useQuery(getEconomicIndicatorsQueryOptions());
}
