import { queryOptions, useQuery } from "@tanstack/react-query";
import { zApiV1UsersPortfolioSummaryRetrieveResponse } from "@/api";
import { apiRequest } from "@/lib/api-client";

export function getSummary(signal?: AbortSignal) {
  return apiRequest("/api/v1/users/portfolio/summary/", zApiV1UsersPortfolioSummaryRetrieveResponse, { auth: true, signal });
}

export function getSummaryQueryOptions() {
  return queryOptions({ queryKey: ["portfolio", "summary"], queryFn: ({ signal }) => getSummary(signal), refetchInterval: 60_000 });
}

export function useSummary() {
  return useQuery(getSummaryQueryOptions());
}
