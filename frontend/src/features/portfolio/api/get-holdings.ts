import { queryOptions, useQuery } from "@tanstack/react-query";
import { zApiV1UsersPortfolioListResponse } from "@/api";
import { apiRequest } from "@/lib/api-client";

export function getHoldings(signal?: AbortSignal) {
  return apiRequest("/api/v1/users/portfolio/", zApiV1UsersPortfolioListResponse, { auth: true, signal });
}

export function getHoldingsQueryOptions() {
  return queryOptions({ queryKey: ["portfolio", "holdings"], queryFn: ({ signal }) => getHoldings(signal) });
}

export function useHoldings(options: { enabled?: boolean } = {}) {
  return useQuery({ ...getHoldingsQueryOptions(), enabled: options.enabled ?? true });
}
