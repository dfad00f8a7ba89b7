import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { holdingListSchema } from "../schemas";

export function getHoldings(signal?: AbortSignal) {
  return apiRequest("/api/v1/users/portfolio/", holdingListSchema, { auth: true, signal });
}

export function getHoldingsQueryOptions() {
  return queryOptions({ queryKey: ["portfolio", "holdings"], queryFn: ({ signal }) => getHoldings(signal) });
}

export function useHoldings(options: { enabled?: boolean } = {}) {
  return useQuery({ ...getHoldingsQueryOptions(), enabled: options.enabled ?? true });
}
