import { queryOptions, useQuery } from "@tanstack/react-query";
import { zStocksSearchSymbolsResponse, type SearchResponse } from "@/api";
import { apiRequest } from "@/lib/api-client";

export function searchSymbols(keywords: string, signal?: AbortSignal) {
  return apiRequest("/api/v1/stocks/api/search/symbols/", zStocksSearchSymbolsResponse, { query: { keywords }, signal });
}

/** While the server looks a query up with the provider ("pending"), ask again when it says; otherwise not. */
export function searchRefetchInterval(data: SearchResponse | undefined): number | false {
  if (data?.lookup.state !== "pending") return false;
  return Math.max(1, data.lookup.retry_after_seconds ?? 2) * 1000;
}

export function searchSymbolsQueryOptions(keywords: string) {
  return queryOptions({
    queryKey: ["stocks", "search", keywords],
    queryFn: ({ signal }) => searchSymbols(keywords, signal),
    enabled: keywords.trim().length > 0,
    staleTime: 5 * 60_000,
    refetchInterval: (query) => searchRefetchInterval(query.state.data),
  });
}

/** `keywords` must already be debounced by the caller. */
export function useSymbolSearch(keywords: string) {
  return useQuery(searchSymbolsQueryOptions(keywords.trim()));
}
