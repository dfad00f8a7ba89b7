import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { zApiV1UsersAlertsListResponse } from "@/api";

export function getAlerts(signal?: AbortSignal) {
  return apiRequest("/api/v1/users/alerts/", zApiV1UsersAlertsListResponse, { auth: true, signal });
}

export function getAlertsQueryOptions() {
  return queryOptions({ queryKey: ["alerts", "list"], queryFn: ({ signal }) => getAlerts(signal) });
}

export function useAlerts() {
  return useQuery(getAlertsQueryOptions());
}
