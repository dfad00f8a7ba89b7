"use client";
/**
 * Error display: the API's own message for HTTP errors; for a contract mismatch (SchemaError) a title saying the
 * server answered in an unexpected shape, and the field and request that failed.
 */
import { AlertTriangle } from "lucide-react";
import { ApiError, SchemaError } from "@/lib/api-error";
import { fmt } from "@/i18n/format";
import { useMessages } from "@/i18n/use-messages";
import type { Messages } from "@/i18n/ko";
import { Button } from "./ui";

export function errorMessage(error: unknown, m: Messages): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof SchemaError) return m.common.schemaError;
  if (error instanceof TypeError) return m.common.networkError;
  return error instanceof Error ? error.message : m.common.errorTitle;
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { m } = useMessages();
  return (
    <div role="alert" className="flex flex-col items-start gap-2 rounded-md border border-down/40 bg-down/5 p-4 text-sm">
      <p className="flex items-center gap-2 font-semibold text-down">
        <AlertTriangle aria-hidden className="size-4" />
        {error instanceof SchemaError ? m.common.schemaErrorTitle : m.common.errorTitle}
      </p>
      <p>{errorMessage(error, m)}</p>
      {error instanceof SchemaError && (
        <p className="text-xs text-muted" data-testid="schema-error-field">
          {fmt(m.common.schemaErrorField, { path: error.path, url: error.url })}
        </p>
      )}
      {onRetry && (
        <Button variant="secondary" onClick={onRetry}>
          {m.common.retry}
        </Button>
      )}
    </div>
  );
}

export function FormError({ error }: { error: unknown }) {
  const { m } = useMessages();
  if (!error) return null;
  return (
    <p role="alert" className="text-sm text-down">
      {errorMessage(error, m)}
    </p>
  );
}
