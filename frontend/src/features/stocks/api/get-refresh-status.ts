import { queryOptions, useQuery } from "@tanstack/react-query";
import { zApiV1StocksApiRefreshStatusRetrieveResponse } from "@/api";
import { apiRequest } from "@/lib/api-client";

export function getRefreshStatus(signal?: AbortSignal) {
  return apiRequest("/api/v1/stocks/api/refresh-status/", zApiV1StocksApiRefreshStatusRetrieveResponse, { signal });
}

export function getRefreshStatusQueryOptions() {
  return queryOptions({ queryKey: ["stocks", "refresh-status"], queryFn: ({ signal }) => getRefreshStatus(signal), refetchInterval: 60_000 });
}

export function useRefreshStatus() {
  return useQuery(getRefreshStatusQueryOptions());
}
