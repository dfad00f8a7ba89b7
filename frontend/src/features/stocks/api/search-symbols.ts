import { queryOptions, useQuery } from "@tanstack/react-query";
import { zStocksSearchSymbolsResponse } from "@/api";
import { apiRequest } from "@/lib/api-client";

export function searchSymbols(keywords: string, signal?: AbortSignal) {
  return apiRequest("/api/v1/stocks/api/search/symbols/", zStocksSearchSymbolsResponse, { query: { keywords }, signal });
}

export function searchSymbolsQueryOptions(keywords: string) {
  return queryOptions({
    queryKey: ["stocks", "search", keywords],
    queryFn: ({ signal }) => searchSymbols(keywords, signal),
    enabled: keywords.trim().length > 0,
    staleTime: 5 * 60_000,
  });
}

/** `keywords` must already be debounced by the caller. */
export function useSymbolSearch(keywords: string) {
  return useQuery(searchSymbolsQueryOptions(keywords.trim()));
}
