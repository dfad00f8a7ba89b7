import { http, HttpResponse } from "msw";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { API, server } from "@/test/msw-server";
import { useAuthStore } from "@/stores/auth-store";
import { apiRequest } from "../api-client";
import { ApiError, SchemaError } from "../api-error";

const me = z.object({ username: z.string() });

describe("apiRequest", () => {
  it("refreshes the access token once on 401 and retries", async () => {
    useAuthStore.setState({ access: "old", refresh: "r1" });
    const seen: string[] = [];
    server.use(
      http.get(`${API}/users/me/`, ({ request }) => {
        seen.push(request.headers.get("Authorization") ?? "");
        return request.headers.get("Authorization") === "Bearer new" ? HttpResponse.json({ username: "kim" }) : HttpResponse.json({ message: "expired", code: "token_not_valid", extra: {} }, { status: 401 });
      }),
      http.post(`${API}/users/token/refresh/`, () => HttpResponse.json({ access: "new", refresh: "r2" })),
    );
    await expect(apiRequest("/api/v1/users/me/", me, { auth: true })).resolves.toEqual({ username: "kim" });
    expect(seen).toEqual(["Bearer old", "Bearer new"]);
    expect(useAuthStore.getState()).toMatchObject({ access: "new", refresh: "r2" });
  });

  it("signs out when the refresh fails", async () => {
    useAuthStore.setState({ access: "old", refresh: "bad" });
    server.use(
      http.get(`${API}/users/me/`, () => HttpResponse.json({ message: "expired", code: "token_not_valid", extra: {} }, { status: 401 })),
      http.post(`${API}/users/token/refresh/`, () => HttpResponse.json({ message: "invalid", code: "token_not_valid", extra: {} }, { status: 401 })),
    );
    await expect(apiRequest("/api/v1/users/me/", me, { auth: true })).rejects.toBeInstanceOf(ApiError);
    expect(useAuthStore.getState().access).toBeNull();
  });

  it("exposes message, code, extra and Retry-After from error responses", async () => {
    server.use(http.get(`${API}/x/`, () => HttpResponse.json({ message: "Slow down", code: "rate_limited", extra: { scope: "search" } }, { status: 429, headers: { "Retry-After": "12" } })));
    const err = await apiRequest("/api/v1/x/", me).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 429, message: "Slow down", code: "rate_limited", retryAfter: 12, extra: { scope: "search" } });
  });

  it("throws SchemaError with the request URL and failing field, and logs both", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    server.use(http.get(`${API}/y/`, () => HttpResponse.json({ username: 5 })));
    const err = await apiRequest("/api/v1/y/", me, { query: { q: "a" } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SchemaError);
    expect(err).toMatchObject({ url: "/api/v1/y/?q=a", path: "username" });
    expect(log).toHaveBeenCalledWith(expect.stringContaining("/api/v1/y/?q=a at username"), { url: "/api/v1/y/?q=a", path: "username" });
    log.mockRestore();
  });
});
