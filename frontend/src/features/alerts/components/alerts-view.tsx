"use client";
import { Trash2 } from "lucide-react";
import { useState, type FormEvent, type ReactNode } from "react";
import { useMessages } from "@/i18n/use-messages";
import { formatNumber } from "@/i18n/format";
import { DateTime } from "@/components/date-time";
import { fieldErrorTexts } from "@/i18n/errors";
import { alertFiredText } from "@/i18n/alert-text";
import { ErrorState, FormError } from "@/components/error-state";
import { Button, Card, EmptyState, Field, Skeleton, inputClass } from "@/components/ui";
import { useAlerts } from "../api/get-alerts";
import { useNotifications } from "../api/get-notifications";
import { useCreateAlert, useDeleteAlert, useUpdateAlert } from "../api/mutate-alert";
import { ALERT_KINDS, alertInputSchema, type AlertKind } from "../schemas";

export interface AlertSymbolFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  invalid: boolean;
}

export function AlertsView({ renderSymbolField }: { renderSymbolField: (p: AlertSymbolFieldProps) => ReactNode }) {
  const { m, lang } = useMessages();
  const alerts = useAlerts();
  const notifications = useNotifications();
  const create = useCreateAlert();
  const update = useUpdateAlert();
  const remove = useDeleteAlert();
  const [symbol, setSymbol] = useState("");
  const [kind, setKind] = useState<AlertKind>("price_above");
  const [threshold, setThreshold] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = alertInputSchema.safeParse({ symbol, kind, threshold: threshold === "" ? Number.NaN : threshold });
    if (!parsed.success) {
      const next: Record<string, string> = {};
      for (const i of parsed.error.issues) {
        const key = String(i.path[0]);
        next[key] = key === "threshold" && threshold.trim() !== "" ? m.common.number : key === "symbol" && symbol.trim() !== "" ? m.errors.codes.invalid_symbol : m.common.required;
      }
      setErrors(next);
      return;
    }
    setErrors({});
    create.mutate(parsed.data, {
      onSuccess: () => {
        setSymbol("");
        setThreshold("");
      },
      onError: (err) => {
        setErrors(fieldErrorTexts(err, m, lang));
      },
    });
  };

  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-bold">{m.alerts.title}</h1>
      <Card title={m.alerts.create} titleId="alert-create-title">
        <form noValidate onSubmit={submit} className="grid gap-3 sm:grid-cols-[2fr_2fr_1fr_auto] sm:items-end">
          <div>
            {renderSymbolField({ id: "alert-symbol", label: m.portfolio.symbol, value: symbol, onChange: setSymbol, invalid: Boolean(errors.symbol) })}
            {errors.symbol && <p className="mt-1 text-xs text-down">{errors.symbol}</p>}
          </div>
          <Field id="alert-kind" label={m.alerts.kind}>
            <select id="alert-kind" className={inputClass} value={kind} onChange={(e) => setKind(e.target.value as AlertKind)}>
              {ALERT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {m.alerts.kinds[k]}
                </option>
              ))}
            </select>
          </Field>
          <Field id="alert-threshold" label={m.alerts.threshold} error={errors.threshold}>
            <input id="alert-threshold" inputMode="decimal" className={inputClass} value={threshold} onChange={(e) => setThreshold(e.target.value)} aria-invalid={Boolean(errors.threshold) || undefined} />
          </Field>
          <Button type="submit" disabled={create.isPending}>
            {m.common.add}
          </Button>
        </form>
        {create.error && Object.keys(fieldErrorTexts(create.error, m, lang)).length === 0 && <FormError error={create.error} />}
      </Card>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title={m.alerts.title} titleId="alert-list-title">
          <FormError error={update.error ?? remove.error} />
          {alerts.isPending ? (
            <Skeleton className="h-24 w-full" label={m.common.loading} />
          ) : alerts.isError ? (
            <ErrorState error={alerts.error} onRetry={() => void alerts.refetch()} />
          ) : alerts.data.length === 0 ? (
            <EmptyState>{m.alerts.empty}</EmptyState>
          ) : (
            <ul className="divide-y divide-line">
              {alerts.data.map((a) => (
                <li key={a.id} className="flex flex-wrap items-center gap-2 py-2 text-sm">
                  <strong>{a.symbol}</strong>
                  <span>
                    {m.alerts.kinds[a.kind]} {formatNumber(lang, a.threshold)}
                  </span>
                  {a.triggered_at && (
                    <span className="text-xs text-warn">
                      {m.alerts.fired} <DateTime value={a.triggered_at} lang={lang} />
                    </span>
                  )}
                  <label className="ml-auto inline-flex items-center gap-1 text-xs">
                    <input type="checkbox" checked={a.armed} onChange={(e) => update.mutate({ id: a.id, armed: e.target.checked })} />
                    {m.alerts.active}
                  </label>
                  <Button variant="ghost" aria-label={`${m.common.delete} ${a.symbol} ${m.alerts.kinds[a.kind]}`} onClick={() => remove.mutate(a.id)}>
                    <Trash2 aria-hidden className="size-4" />
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title={m.alerts.notifications} titleId="notifications-title">
          {notifications.isPending ? (
            <Skeleton className="h-24 w-full" label={m.common.loading} />
          ) : notifications.isError ? (
            <ErrorState error={notifications.error} onRetry={() => void notifications.refetch()} />
          ) : notifications.data.length === 0 ? (
            <EmptyState>{m.alerts.notificationsEmpty}</EmptyState>
          ) : (
            <ul className="divide-y divide-line text-sm">
              {notifications.data.map((n) => (
                <li key={n.id} className="py-2">
                  <p>
                    {n.symbol && <strong>{n.symbol} </strong>}
                    {alertFiredText(m, lang, n)}
                  </p>
                  <p className="text-xs text-muted"><DateTime value={n.created_at} lang={lang} /></p>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </div>
  );
}
