import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { zIndicatorsWithSignals } from "@/api";
import { INDICATOR_NAMES, type ChartType, type Period } from "../schemas";

export interface IndicatorsParams {
  symbol: string;
  type: ChartType;
  period: Period;
}

export function getIndicators({ symbol, type, period }: IndicatorsParams, signal?: AbortSignal) {
  return apiRequest(`/api/v1/stocks/api/indicators/${encodeURIComponent(symbol)}/`, zIndicatorsWithSignals, {
    query: { type, period, indicators: INDICATOR_NAMES.join(",") },
    signal,
  });
}

export function getIndicatorsQueryOptions(params: IndicatorsParams) {
  return queryOptions({
    queryKey: ["stocks", params.symbol, "indicators", params.type, params.period],
    queryFn: ({ signal }) => getIndicators(params, signal),
  });
}

export function useIndicators(params: IndicatorsParams) {
  return useQuery({ ...getIndicatorsQueryOptions(params), placeholderData: (prev) => prev });
}
