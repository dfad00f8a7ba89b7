import { queryOptions, useQuery } from "@tanstack/react-query";
import { zStocksSearchValidateResponse, type ValidateResponse } from "@/api";
import { apiRequest } from "@/lib/api-client";

/**
 * Whether a symbol is stored here ("local"), known to the market-data provider ("provider"), neither ("invalid"),
 * being looked up with the provider ("looking_up": asked again when the server says) or not checkable now ("unverified").
 */
export function validateSymbol(symbol: string, signal?: AbortSignal) {
  return apiRequest(`/api/v1/stocks/api/search/validate/${encodeURIComponent(symbol)}/`, zStocksSearchValidateResponse, { signal });
}

export function validateRefetchInterval(data: ValidateResponse | undefined): number | false {
  if (data?.status !== "looking_up") return false;
  return Math.max(1, data.retry_after_seconds ?? 2) * 1000;
}

export function getValidateSymbolQueryOptions(symbol: string) {
  return queryOptions({
    queryKey: ["stocks", symbol, "validate"],
    queryFn: ({ signal }) => validateSymbol(symbol, signal),
    staleTime: 5 * 60_000,
    refetchInterval: (query) => validateRefetchInterval(query.state.data),
  });
}

export function useValidateSymbol(symbol: string) {
  return useQuery(getValidateSymbolQueryOptions(symbol));
}
