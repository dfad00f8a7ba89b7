/**
 * Errors in the user's language: an API error is worded from its `code` and the values in `extra` (or, for bad
 * input, from each field's code in `extra.field_codes`). The server's English `message` is shown only in English
 * and only for a code this build does not know; Korean then says so in Korean, naming the code.
 */
import { ApiError, SchemaError } from "@/lib/api-error";
import type { Messages } from "./ko";
import type { Lang } from "./format";

type Params = Readonly<Record<string, unknown>>;

function fill(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = params[key];
    return typeof value === "string" || typeof value === "number" ? String(value) : whole;
  });
}

function known(m: Messages, code: string): string | null {
  return Object.hasOwn(m.errors.codes, code) ? m.errors.codes[code as keyof Messages["errors"]["codes"]] : null;
}

/** The sentence for `code` with `params`; `fallback` (the server's English) only in English, else a generic one. */
export function codeText(m: Messages, lang: Lang, code: string, params: Params = {}, fallback?: string): string {
  const sentence = known(m, code);
  if (sentence !== null) return fill(sentence, params);
  if (lang === "en" && fallback) return fallback;
  return fill(m.errors.generic, { code });
}

export function fieldLabel(m: Messages, field: string): string {
  return Object.hasOwn(m.errors.fields, field) ? m.errors.fields[field as keyof Messages["errors"]["fields"]] : field;
}

/** One sentence per field that the server refused, keyed by field name (for the form's own field errors). */
export function fieldErrorTexts(error: unknown, m: Messages, lang: Lang): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const [field, code] of Object.entries(error.fieldCodes())) {
    out[field] = known(m, code) !== null ? codeText(m, lang, code, error.extra) : fill(m.errors.fieldGeneric, { code });
  }
  return out;
}

function apiErrorText(error: ApiError, m: Messages, lang: Lang): string {
  const extra = error.extra;
  if (error.code === "not_a_transaction_file" && typeof extra.reason === "string") {
    return `${codeText(m, lang, error.code, extra)} ${codeText(m, lang, extra.reason, extra)}`;
  }
  if (error.code !== "invalid_input" && known(m, error.code) !== null) return codeText(m, lang, error.code, extra);
  const [first] = Object.entries(error.fieldCodes());
  if (first) {
    const [field, code] = first;
    const sentence = known(m, code) !== null ? codeText(m, lang, code, extra) : fill(m.errors.fieldGeneric, { code });
    return field === "non_field_errors" ? sentence : `${fieldLabel(m, field)}: ${sentence}`;
  }
  return codeText(m, lang, error.code, extra, error.message);
}

/** The sentence to show for any error a query or mutation ended with. */
export function errorText(error: unknown, m: Messages, lang: Lang): string {
  if (error instanceof ApiError) return apiErrorText(error, m, lang);
  if (error instanceof SchemaError) return m.common.schemaError;
  if (error instanceof TypeError) return m.common.networkError;
  return lang === "en" && error instanceof Error && error.message ? error.message : m.errors.unexpected;
}

/** An import row's reason from its code and params (the English `reason` only in English for an unknown code). */
export function rowReasonText(m: Messages, lang: Lang, row: { code?: string; params?: Params; reason: string }): string {
  if (row.code) return codeText(m, lang, row.code, row.params ?? {}, row.reason);
  return lang === "en" ? row.reason : m.portfolio.invalidValue;
}
