"use client";
/** App-level composition: feature forms get the stocks feature's autocomplete without importing it. */
import { SymbolAutocomplete } from "@/features/stocks/components/symbol-autocomplete";
import type { SymbolFieldProps } from "@/features/portfolio/components/holding-form-modal";
import type { WatchSymbolFieldProps } from "@/features/watchlist/components/watchlist-view";
import type { AlertSymbolFieldProps } from "@/features/alerts/components/alerts-view";
import { useMessages } from "@/i18n/use-messages";

export function HoldingSymbolField(p: SymbolFieldProps) {
  return <SymbolAutocomplete id={p.id} label={p.label} value={p.value} onChange={p.onChange} onSelect={(s) => p.onChange(s.symbol)} invalid={p.invalid} describedBy={p.describedBy} />;
}

export function WatchSymbolField(p: WatchSymbolFieldProps) {
  const { m } = useMessages();
  return <SymbolAutocomplete label={m.search.label} value={p.value} onChange={p.onChange} onSelect={(s) => p.onPick(s.symbol)} />;
}

export function AlertSymbolField(p: AlertSymbolFieldProps) {
  return <SymbolAutocomplete id={p.id} label={p.label} value={p.value} onChange={p.onChange} onSelect={(s) => p.onChange(s.symbol)} invalid={p.invalid} />;
}
