import { queryOptions, useQuery } from "@tanstack/react-query";
import { zApiV1UsersPortfolioListResponse } from "@/api";
import { apiRequest } from "@/lib/api-client";
import { allPages } from "@/lib/pages";

export function getHoldings(signal?: AbortSignal) {
  return allPages((offset, limit) =>
    apiRequest("/api/v1/users/portfolio/", zApiV1UsersPortfolioListResponse, { auth: true, signal, query: { limit, offset } }),
  );
}

export function getHoldingsQueryOptions() {
  return queryOptions({ queryKey: ["portfolio", "holdings"], queryFn: ({ signal }) => getHoldings(signal) });
}

export function useHoldings(options: { enabled?: boolean } = {}) {
  return useQuery({ ...getHoldingsQueryOptions(), enabled: options.enabled ?? true });
}
