"use client";
/** Route-level error boundary: a render error shows a retry instead of a blank page. */
import { ErrorState } from "@/components/error-state";

export default function RouteError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorState error={error} onRetry={reset} />;
}
