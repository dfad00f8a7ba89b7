import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { popularSchema } from "../schemas";

export function getPopular(signal?: AbortSignal) {
  return apiRequest("/api/v1/stocks/api/search/popular/", popularSchema, { signal });
}

export function getPopularQueryOptions() {
  return queryOptions({ queryKey: ["stocks", "popular"], queryFn: ({ signal }) => getPopular(signal), staleTime: 10 * 60_000 });
}

export function usePopular() {
  return useQuery(getPopularQueryOptions());
}
