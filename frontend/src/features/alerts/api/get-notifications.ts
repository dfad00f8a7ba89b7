import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { zApiV1UsersAlertsNotificationsListResponse } from "@/api";

/** The newest notifications only: the list grows with every fired alert, so older pages are not fetched. */
export const NOTIFICATIONS_SHOWN = 200;

export async function getNotifications(signal?: AbortSignal) {
  const page = await apiRequest("/api/v1/users/alerts/notifications/", zApiV1UsersAlertsNotificationsListResponse, {
    auth: true,
    signal,
    query: { limit: NOTIFICATIONS_SHOWN },
  });
  return page.results;
}

export function getNotificationsQueryOptions() {
  return queryOptions({ queryKey: ["alerts", "notifications"], queryFn: ({ signal }) => getNotifications(signal), refetchInterval: 60_000 });
}

export function useNotifications() {
  return useQuery(getNotificationsQueryOptions());
}
