/** Typed errors for API calls: HTTP errors carry the server's message; schema errors mean a contract drift. */
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

  /** Field errors, when the server put them under `extra` as `{field: [messages]}` or `extra.fields`. */
  fieldErrors(): Record<string, string> {
    const source = (typeof this.extra.fields === "object" && this.extra.fields !== null ? this.extra.fields : this.extra) as Record<string, unknown>;
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(source)) {
      if (typeof value === "string") out[key] = value;
      else if (Array.isArray(value) && typeof value[0] === "string") out[key] = value[0];
    }
    return out;
  }
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
