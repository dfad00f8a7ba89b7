/** Typed errors for API calls: HTTP errors carry the server's code, values and English message; schema errors mean a contract drift. */
import { z } from "zod";

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly extra: Record<string, unknown>;
  readonly retryAfter: number | null;

  constructor(opts: { status: number; message: string; code?: string; extra?: Record<string, unknown> | null; retryAfter?: number | null }) {
    super(opts.message);
    this.name = "ApiError";
    this.status = opts.status;
    this.code = opts.code ?? "error";
    this.extra = opts.extra ?? {};
    this.retryAfter = opts.retryAfter ?? null;
  }

  /**
   * The first error code per input field from `extra.field_codes` (the same structure as `extra.fields`, holding
   * codes: `{"quantity": ["min_value"]}`; nested lists and objects for list fields). The catalogues word them.
   */
  fieldCodes(): Record<string, string> {
    const source = this.extra.field_codes;
    const out: Record<string, string> = {};
    if (typeof source !== "object" || source === null || Array.isArray(source)) return out;
    for (const [key, value] of Object.entries(source as Record<string, unknown>)) {
      const code = firstCode(value);
      if (code !== null) out[key] = code;
    }
    return out;
  }
}

function firstCode(value: unknown): string | null {
  if (typeof value === "string") return value;
  const items = Array.isArray(value) ? value : typeof value === "object" && value !== null ? Object.values(value) : [];
  for (const item of items) {
    const code = firstCode(item);
    if (code !== null) return code;
  }
  return null;
}

/**
 * The server answered 2xx with a body the generated contract schema rejects: the backend and the web app
 * disagree about the contract. `url` is the request (path and query), `path` the first field that failed.
 */
export class SchemaError extends Error {
  readonly url: string;
  readonly path: string;
  readonly issues: z.core.$ZodIssue[];

  constructor(url: string, issues: z.core.$ZodIssue[]) {
    const first = issues[0];
    const path = first ? z.core.toDotPath(first.path) || "(response body)" : "(response body)";
    super(`Unexpected response shape from ${url} at ${path}: ${first?.message ?? "invalid"}`);
    this.name = "SchemaError";
    this.url = url;
    this.path = path;
    this.issues = issues;
  }
}

/** A SchemaError for `url`, logged with the URL and the failing field path before the caller throws or handles it. */
export function schemaErrorLogged(url: string, issues: z.core.$ZodIssue[]): SchemaError {
  const error = new SchemaError(url, issues);
  console.error(`[api] ${error.message}`, { url: error.url, path: error.path });
  return error;
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}
