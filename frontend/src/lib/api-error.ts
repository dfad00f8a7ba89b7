/** Typed errors for API calls: HTTP errors carry the server's message; schema errors mean a contract drift. */
import { z } from "zod";

export const apiErrorBodySchema = z.object({
  message: z.string(),
  code: z.string().optional(),
  extra: z.record(z.string(), z.unknown()).nullish(),
});

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

export class SchemaError extends Error {
  readonly url: string;
  readonly issues: z.core.$ZodIssue[];

  constructor(url: string, issues: z.core.$ZodIssue[]) {
    super(`Unexpected response from ${url}`);
    this.name = "SchemaError";
    this.url = url;
    this.issues = issues;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}
