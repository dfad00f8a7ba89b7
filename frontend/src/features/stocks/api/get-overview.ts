import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { overviewSchema } from "../schemas";

export function getOverview(symbol: string, signal?: AbortSignal) {
  return apiRequest(`/api/v1/stocks/api/overview/${encodeURIComponent(symbol)}/`, overviewSchema, { signal });
}

export function getOverviewQueryOptions(symbol: string) {
  return queryOptions({ queryKey: ["stocks", symbol, "overview"], queryFn: ({ signal }) => getOverview(symbol, signal) });
}

export function useOverview(symbol: string) {
  return useQuery(getOverviewQueryOptions(symbol));
}
