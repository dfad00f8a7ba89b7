import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { zApiV1UsersAlertsNotificationsListResponse } from "@/api";

export function getNotifications(signal?: AbortSignal) {
  return apiRequest("/api/v1/users/alerts/notifications/", zApiV1UsersAlertsNotificationsListResponse, { auth: true, signal });
}

export function getNotificationsQueryOptions() {
  return queryOptions({ queryKey: ["alerts", "notifications"], queryFn: ({ signal }) => getNotifications(signal), refetchInterval: 60_000 });
}

export function useNotifications() {
  return useQuery(getNotificationsQueryOptions());
}
