import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { allPages } from "@/lib/pages";
import { zApiV1UsersAlertsListResponse } from "@/api";

export function getAlerts(signal?: AbortSignal) {
  return allPages((offset, limit) =>
    apiRequest("/api/v1/users/alerts/", zApiV1UsersAlertsListResponse, { auth: true, signal, query: { limit, offset } }),
  );
}

export function getAlertsQueryOptions() {
  return queryOptions({ queryKey: ["alerts", "list"], queryFn: ({ signal }) => getAlerts(signal) });
}

export function useAlerts() {
  return useQuery(getAlertsQueryOptions());
}
