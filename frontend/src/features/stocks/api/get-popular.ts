import { queryOptions, useQuery } from "@tanstack/react-query";
import { zStocksSearchPopularResponse } from "@/api";
import { apiRequest } from "@/lib/api-client";

export function getPopular(signal?: AbortSignal) {
  return apiRequest("/api/v1/stocks/api/search/popular/", zStocksSearchPopularResponse, { signal });
}

export function getPopularQueryOptions() {
  return queryOptions({ queryKey: ["stocks", "popular"], queryFn: ({ signal }) => getPopular(signal), staleTime: 10 * 60_000 });
}

export function usePopular() {
  return useQuery(getPopularQueryOptions());
}
