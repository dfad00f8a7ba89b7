import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { zStocksChartResponse } from "@/api";
import type { Adjustment, ChartType, Period } from "../schemas";

export interface PriceBarsParams {
  symbol: string;
  type: ChartType;
  period: Period;
  adjustment: Adjustment;
}

export function getPriceBars({ symbol, type, period, adjustment }: PriceBarsParams, signal?: AbortSignal) {
  return apiRequest(`/api/v1/stocks/api/chart/${encodeURIComponent(symbol)}/`, zStocksChartResponse, { query: { type, period, adjustment }, signal });
}

export function getPriceBarsQueryOptions(params: PriceBarsParams) {
  return queryOptions({
    queryKey: ["stocks", params.symbol, "chart", params.type, params.period, params.adjustment],
    queryFn: ({ signal }) => getPriceBars(params, signal),
  });
}

export function usePriceBars(params: PriceBarsParams) {
  return useQuery({ ...getPriceBarsQueryOptions(params), placeholderData: (prev) => prev });
}
