import { queryOptions, useQuery } from "@tanstack/react-query";
import { zStocksSearchValidateResponse } from "@/api";
import { apiRequest } from "@/lib/api-client";

/** Whether a symbol is stored here ("local"), known to the market-data provider ("provider") or neither ("invalid"). */
export function validateSymbol(symbol: string, signal?: AbortSignal) {
  return apiRequest(`/api/v1/stocks/api/search/validate/${encodeURIComponent(symbol)}/`, zStocksSearchValidateResponse, { signal });
}

export function getValidateSymbolQueryOptions(symbol: string) {
  return queryOptions({ queryKey: ["stocks", symbol, "validate"], queryFn: ({ signal }) => validateSymbol(symbol, signal), staleTime: 5 * 60_000 });
}

export function useValidateSymbol(symbol: string) {
  return useQuery(getValidateSymbolQueryOptions(symbol));
}
