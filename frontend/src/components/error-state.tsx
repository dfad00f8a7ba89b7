"use client";
/**
 * Error display: HTTP errors worded from their code in the user's language (i18n/errors); for a contract mismatch
 * (SchemaError) a title saying the server answered in an unexpected shape, and the field and request that failed.
 */
import { AlertTriangle } from "lucide-react";
import { SchemaError } from "@/lib/api-error";
import { fmt } from "@/i18n/format";
import { useMessages } from "@/i18n/use-messages";
import { errorText } from "@/i18n/errors";
import { Button } from "./ui";

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { m, lang } = useMessages();
  return (
    <div role="alert" className="flex flex-col items-start gap-2 rounded-md border border-down/40 bg-down/5 p-4 text-sm">
      <p className="flex items-center gap-2 font-semibold text-down">
        <AlertTriangle aria-hidden className="size-4" />
        {error instanceof SchemaError ? m.common.schemaErrorTitle : m.common.errorTitle}
      </p>
      <p>{errorText(error, m, lang)}</p>
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
  const { m, lang } = useMessages();
  if (!error) return null;
  return (
    <p role="alert" className="text-sm text-down">
      {errorText(error, m, lang)}
    </p>
  );
}
