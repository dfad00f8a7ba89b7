import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { summarySchema } from "../schemas";

export function getSummary(signal?: AbortSignal) {
  return apiRequest("/api/v1/users/portfolio/summary/", summarySchema, { auth: true, signal });
}

export function getSummaryQueryOptions() {
  return queryOptions({ queryKey: ["portfolio", "summary"], queryFn: ({ signal }) => getSummary(signal), refetchInterval: 60_000 });
}

export function useSummary() {
  return useQuery(getSummaryQueryOptions());
}
