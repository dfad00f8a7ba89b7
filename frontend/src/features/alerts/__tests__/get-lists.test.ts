import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { useAuthStore } from "@/stores/auth-store";
import { alertBody } from "@/test/fixtures";
import { API, server } from "@/test/msw-server";
import { getAlerts } from "../api/get-alerts";
import { getNotifications, NOTIFICATIONS_SHOWN } from "../api/get-notifications";

describe("alerts and notifications, paginated lists", () => {
  it("stops after the last page of alerts and fetches only the newest page of notifications", async () => {
    useAuthStore.setState({ access: "a", refresh: "r" });
    const notificationLimits: Array<string | null> = [];
    server.use(
      http.get(`${API}/users/alerts/`, () => HttpResponse.json({ count: 1, next: null, previous: null, results: [alertBody] })),
      http.get(`${API}/users/alerts/notifications/`, ({ request }) => {
        notificationLimits.push(new URL(request.url).searchParams.get("limit"));
        return HttpResponse.json({ count: 900, next: `${API}/users/alerts/notifications/?limit=200&offset=200`, previous: null, results: [] });
      }),
    );
    expect((await getAlerts()).map((a) => a.id)).toEqual([1]);
    expect(await getNotifications()).toEqual([]);
    expect(notificationLimits).toEqual([String(NOTIFICATIONS_SHOWN)]);
  });
});
