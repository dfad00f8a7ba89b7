import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { notificationListSchema } from "../schemas";

export function getNotifications(signal?: AbortSignal) {
  return apiRequest("/api/v1/users/alerts/notifications/", notificationListSchema, { auth: true, signal });
}

export function getNotificationsQueryOptions() {
  return queryOptions({ queryKey: ["alerts", "notifications"], queryFn: ({ signal }) => getNotifications(signal), refetchInterval: 60_000 });
}

export function useNotifications() {
  return useQuery(getNotificationsQueryOptions());
}
