import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { zApiV1UsersPortfolioSymbolStatusRetrieveResponse } from "@/api";
import type { SymbolStatus } from "../schemas";

/** The seed polls every 10 s until collection is complete. */
export const STATUS_POLL_MS = 10_000;

export function getSymbolStatus(symbol: string, signal?: AbortSignal) {
  return apiRequest(`/api/v1/users/portfolio/symbol/${encodeURIComponent(symbol)}/status/`, zApiV1UsersPortfolioSymbolStatusRetrieveResponse, { auth: true, signal });
}

/** Poll interval for a status: keep polling while a collection runs; stop once complete or nothing is collecting. */
export function statusRefetchInterval(data: SymbolStatus | undefined, intervalMs = STATUS_POLL_MS): number | false {
  if (data === undefined) return intervalMs;
  return data.is_complete || !data.collecting ? false : intervalMs;
}

export function getSymbolStatusQueryOptions(symbol: string, intervalMs = STATUS_POLL_MS) {
  return queryOptions({
    queryKey: ["portfolio", "symbol-status", symbol],
    queryFn: ({ signal }) => getSymbolStatus(symbol, signal),
    refetchInterval: (query) => statusRefetchInterval(query.state.data, intervalMs),
    refetchIntervalInBackground: true,
    staleTime: 0,
  });
}

export function useSymbolStatus(symbol: string, intervalMs = STATUS_POLL_MS) {
  return useQuery(getSymbolStatusQueryOptions(symbol, intervalMs));
}
