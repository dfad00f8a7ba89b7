import { queryOptions, useQuery } from "@tanstack/react-query";
import { zPortfolioHistoryWithBenchmark } from "@/api";
import { apiRequest } from "@/lib/api-client";

export function getHistory(signal?: AbortSignal) {
  return apiRequest("/api/v1/users/portfolio/history/", zPortfolioHistoryWithBenchmark, { auth: true, signal });
}

export function getHistoryQueryOptions() {
  return queryOptions({ queryKey: ["portfolio", "history"], queryFn: ({ signal }) => getHistory(signal), staleTime: 5 * 60_000 });
}

export function useHistory() {
  return useQuery(getHistoryQueryOptions());
}
