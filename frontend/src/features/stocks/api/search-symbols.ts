import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { symbolSearchSchema } from "../schemas";

export function searchSymbols(keywords: string, signal?: AbortSignal) {
  return apiRequest("/api/v1/stocks/api/search/symbols/", symbolSearchSchema, { query: { keywords }, signal });
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
