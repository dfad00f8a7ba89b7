import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { zPatternsResponse } from "@/api";

/** Occurrences on this many newest daily bars are marked on the chart and listed. */
export const RECENT_PATTERN_BARS = 60;

export function getPatterns(symbol: string, signal?: AbortSignal) {
  return apiRequest(`/api/v1/analysis/patterns/${encodeURIComponent(symbol)}/`, zPatternsResponse, {
    query: { recent_bars: RECENT_PATTERN_BARS },
    signal,
  });
}

export function getPatternsQueryOptions(symbol: string) {
  return queryOptions({ queryKey: ["stocks", symbol, "patterns"], queryFn: ({ signal }) => getPatterns(symbol, signal) });
}

export function usePatterns(symbol: string) {
  return useQuery(getPatternsQueryOptions(symbol));
}
