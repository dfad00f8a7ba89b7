import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { zChartResponse, zIntradayChartResponse } from "@/api";
import { isIntradayPeriod, type Adjustment, type ChartType, type IntradayBars, type Period, type PriceBars } from "../schemas";

export interface PriceBarsParams {
  symbol: string;
  type: ChartType;
  period: Period;
  adjustment: Adjustment;
}

/** 1D and 5D answer 5-minute bars (or daily ones with a fallback note); every other period daily or weekly bars. */
export function getPriceBars({ symbol, type, period, adjustment }: PriceBarsParams, signal?: AbortSignal): Promise<PriceBars | IntradayBars> {
  const path = `/api/v1/stocks/api/chart/${encodeURIComponent(symbol)}/`;
  const options = { query: { type, period, adjustment }, signal };
  return isIntradayPeriod(period) ? apiRequest(path, zIntradayChartResponse, options) : apiRequest(path, zChartResponse, options);
}

export function getPriceBarsQueryOptions(params: PriceBarsParams) {
  return queryOptions({
    queryKey: ["stocks", params.symbol, "chart", params.type, params.period, params.adjustment],
    queryFn: ({ signal }) => getPriceBars(params, signal),
  });
}

/** 1D and 5D refetch every minute: the planner stores a new 5-minute bar while someone is viewing the chart. */
export function usePriceBars(params: PriceBarsParams) {
  return useQuery({
    ...getPriceBarsQueryOptions(params),
    placeholderData: (prev) => prev,
    refetchInterval: isIntradayPeriod(params.period) ? 60_000 : false,
  });
}
