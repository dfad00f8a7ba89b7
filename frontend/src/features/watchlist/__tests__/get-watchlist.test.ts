import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { LIST_PAGE } from "@/lib/pages";
import { useAuthStore } from "@/stores/auth-store";
import { watchlistEntryBody } from "@/test/fixtures";
import { API, server } from "@/test/msw-server";
import { getWatchlist } from "../api/get-watchlist";

describe("the watchlist, a paginated list", () => {
  it("walks every page in order, asking for the API's largest page", async () => {
    useAuthStore.setState({ access: "a", refresh: "r" });
    const asked: Array<[string | null, string | null]> = [];
    server.use(
      http.get(`${API}/users/watchlist/`, ({ request }) => {
        const url = new URL(request.url);
        const offset = Number(url.searchParams.get("offset") ?? 0);
        asked.push([url.searchParams.get("limit"), url.searchParams.get("offset")]);
        const results = offset === 0 ? [watchlistEntryBody, { ...watchlistEntryBody, id: 2, symbol: "MSFT" }] : [{ ...watchlistEntryBody, id: 3, symbol: "KO" }];
        return HttpResponse.json({ count: 3, next: offset === 0 ? `${API}/users/watchlist/?limit=2&offset=2` : null, previous: null, results });
      }),
    );
    const entries = await getWatchlist();
    expect(entries.map((e) => e.symbol)).toEqual(["GOOGL", "MSFT", "KO"]);
    expect(asked).toEqual([[String(LIST_PAGE), "0"], [String(LIST_PAGE), String(LIST_PAGE)]]);
  });
});
