/**
 * The one HTTP client: relative URLs in the browser (same origin, proxied by server.mjs),
 * the backend directly on the server. Every response is parsed with the zod schema generated from the API
 * contract (src/api); a body it rejects throws SchemaError and is logged with the URL and the failing field.
 */
import { z } from "zod";
import { zApiV1UsersTokenRefreshCreateResponse, zError } from "@/api";
import { ApiError, schemaErrorLogged } from "./api-error";
import { useAuthStore } from "@/stores/auth-store";

export interface RequestOptions {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  body?: unknown;
  /** Send the access token and refresh it once on 401. */
  auth?: boolean;
  signal?: AbortSignal;
  query?: Record<string, string | number | undefined>;
}

async function baseUrl(): Promise<string> {
  // Same origin in the browser (server.mjs proxies /api); absolute so it also works under jsdom.
  if (typeof window !== "undefined") return window.location.origin;
  const { serverEnv } = await import("./env");
  const env = serverEnv();
  return `http://${env.API_HOST}:${env.API_PORT}`;
}

function buildPath(path: string, query?: RequestOptions["query"]): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== "") params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function toApiError(res: Response): Promise<ApiError> {
  const retryHeader = res.headers.get("Retry-After");
  const retryAfter = retryHeader !== null && /^\d+$/.test(retryHeader) ? Number(retryHeader) : null;
  let message = res.statusText || `HTTP ${res.status}`;
  let code: string | undefined;
  let extra: Record<string, unknown> | null | undefined;
  try {
    // Any code string is kept: a server newer than this build may send a code the generated enum lacks, and the
    // catalogues then fall back to a generic sentence naming it.
    const parsed = zError.extend({ code: z.string() }).safeParse(await res.json());
    if (parsed.success) ({ message, code, extra } = parsed.data);
  } catch {
    // Body was not JSON (for example a proxy error page); keep the status text.
  }
  return new ApiError({ status: res.status, message, code, extra, retryAfter });
}

let refreshInFlight: Promise<boolean> | null = null;

/** Refresh the access token once; concurrent 401s share one refresh call. */
async function refreshAccess(): Promise<boolean> {
  const { refresh, setTokens, signOut } = useAuthStore.getState();
  if (!refresh) return false;
  refreshInFlight ??= (async () => {
    try {
      const res = await fetch(`${await baseUrl()}/api/v1/users/token/refresh/`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ refresh }),
      });
      if (!res.ok) {
        signOut();
        return false;
      }
      const data = zApiV1UsersTokenRefreshCreateResponse.safeParse(await res.json());
      if (!data.success) {
        schemaErrorLogged("/api/v1/users/token/refresh/", data.error.issues);
        signOut();
        return false;
      }
      setTokens({ access: data.data.access, refresh: data.data.refresh });
      return true;
    } catch {
      return false;
    } finally {
      refreshInFlight = null;
    }
  })();
  return refreshInFlight;
}

async function send(path: string, opts: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: "application/json" };
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) body = opts.body;
  else if (opts.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(opts.body);
  }
  if (opts.auth) {
    const token = useAuthStore.getState().access;
    if (token) headers.Authorization = `Bearer ${token}`;
  }
  // Server-side calls go straight to Django over the private hop behind the site's TLS proxy; they say so as that
  // proxy does, or the production settings' HTTPS redirect (SECURE_SSL_REDIRECT) would turn them into redirects
  // to an https:// URL that only the proxy serves. Django's local settings do not redirect, so this changes nothing there.
  if (typeof window === "undefined") headers["X-Forwarded-Proto"] = "https";
  return fetch(`${await baseUrl()}${buildPath(path, opts.query)}`, {
    method: opts.method ?? "GET",
    headers,
    body,
    signal: opts.signal,
    cache: "no-store",
  });
}

export async function apiRequest<S extends z.ZodType>(path: string, schema: S, opts: RequestOptions = {}): Promise<z.output<S>> {
  let res = await send(path, opts);
  if (res.status === 401 && opts.auth) {
    if (await refreshAccess()) res = await send(path, opts);
    else useAuthStore.getState().signOut();
    if (res.status === 401) useAuthStore.getState().signOut();
  }
  if (!res.ok) throw await toApiError(res);
  // 204 has no body: the contract's schema for it is z.void().
  const json: unknown = res.status === 204 ? undefined : await res.json().catch(() => undefined);
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw schemaErrorLogged(buildPath(path, opts.query), parsed.error.issues);
  return parsed.data;
}
