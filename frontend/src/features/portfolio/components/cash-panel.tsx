"use client";
/** The cash account: balance (negative shown, as in Portfolio Performance), deposit/withdrawal/interest/fee/tax
 * form, and the latest entries with delete. */
import { Trash2 } from "lucide-react";
import { useState, type FormEvent } from "react";
import { ErrorState, FormError } from "@/components/error-state";
import { Button, Card, EmptyState, Field, Skeleton, inputClass } from "@/components/ui";
import { fieldErrorTexts } from "@/i18n/errors";
import { fmt, formatMoney, labelOf } from "@/i18n/format";
import { useMessages } from "@/i18n/use-messages";
import { CASH_TYPES, useCashAccount, useCashEntries, useCreateCashEntry, useDeleteCashEntry, type CashType } from "../api/cash";
import { marketToday } from "../schemas";

type Key = "date" | "amount";

export function CashPanel() {
  const { m, lang } = useMessages();
  const account = useCashAccount();
  const entries = useCashEntries();
  const create = useCreateCashEntry();
  const remove = useDeleteCashEntry();
  const [type, setType] = useState<CashType>("deposit");
  const [values, setValues] = useState<Record<Key, string>>({ date: marketToday(), amount: "" });
  const [errors, setErrors] = useState<Partial<Record<Key, string>>>({});

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next: Partial<Record<Key, string>> = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.date)) next.date = values.date ? m.portfolio.invalidValue : m.common.required;
    else if (values.date > marketToday()) next.date = m.errors.codes.future_date;
    if (!(Number(values.amount) > 0)) next.amount = values.amount.trim() ? m.common.positiveNumber : m.common.required;
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    create.mutate(
      { type, date: values.date, amount: Number(values.amount) },
      { onSuccess: () => setValues((v) => ({ ...v, amount: "" })), onError: (err) => setErrors(fieldErrorTexts(err, m, lang) as Partial<Record<Key, string>>) },
    );
  };

  const balance = account.data?.balance ?? 0;
  return (
    <Card title={m.portfolio.cash} titleId="cash-title">
      {account.isPending ? (
        <Skeleton className="h-10 w-full" label={m.common.loading} />
      ) : account.isError ? (
        <ErrorState error={account.error} onRetry={() => void account.refetch()} />
      ) : (
        <>
        <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-4">
          <div>
            <dt className="text-xs text-muted">{m.portfolio.cashBalance}</dt>
            <dd data-testid="cash-balance" className={balance < 0 ? "font-semibold tabular-nums text-down" : "font-semibold tabular-nums"}>
              {formatMoney(lang, balance, account.data.currency)}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-muted">{m.portfolio.cashTypes.deposit}</dt>
            <dd className="tabular-nums">{formatMoney(lang, account.data.deposits, account.data.currency)}</dd>
          </div>
          <div>
            <dt className="text-xs text-muted">{m.portfolio.cashTypes.withdrawal}</dt>
            <dd className="tabular-nums">{formatMoney(lang, account.data.withdrawals, account.data.currency)}</dd>
          </div>
          <div>
            <dt className="text-xs text-muted">{m.portfolio.tradesNet}</dt>
            <dd className="tabular-nums">{formatMoney(lang, account.data.trades_net, account.data.currency)}</dd>
          </div>
        </dl>
        {/* Outside the list: a definition list holds only its terms and descriptions (axe: definition-list). */}
        {balance < 0 && <p className="mt-2 text-xs text-muted">{m.portfolio.cashNegative}</p>}
        </>
      )}
      <form noValidate onSubmit={submit} className="mt-4 flex flex-col gap-2 border-t border-line pt-4" aria-labelledby="cash-form-title">
        <h3 id="cash-form-title" className="text-sm font-semibold">
          {m.portfolio.addCash}
        </h3>
        <div className="grid grid-cols-2 gap-2 sm:grid-cols-3">
          <Field id="cash-type" label={m.portfolio.type}>
            <select id="cash-type" className={inputClass} value={type} onChange={(e) => setType(e.target.value as CashType)}>
              {CASH_TYPES.map((t) => (
                <option key={t} value={t}>
                  {m.portfolio.cashTypes[t]}
                </option>
              ))}
            </select>
          </Field>
          <Field id="cash-date" label={m.portfolio.date} error={errors.date}>
            <input id="cash-date" type="date" max={marketToday()} className={inputClass} value={values.date} onChange={(e) => setValues((v) => ({ ...v, date: e.target.value }))} aria-invalid={Boolean(errors.date) || undefined} aria-describedby={errors.date ? "cash-date-error" : undefined} />
          </Field>
          <Field id="cash-amount" label={m.portfolio.amount} error={errors.amount}>
            <input id="cash-amount" inputMode="decimal" className={inputClass} value={values.amount} onChange={(e) => setValues((v) => ({ ...v, amount: e.target.value }))} aria-invalid={Boolean(errors.amount) || undefined} aria-describedby={errors.amount ? "cash-amount-error" : undefined} />
          </Field>
        </div>
        {create.error && Object.keys(fieldErrorTexts(create.error, m, lang)).length === 0 && <FormError error={create.error} />}
        {create.isSuccess && (
          <p role="status" className="text-sm text-up">
            {m.portfolio.cashSaved}
          </p>
        )}
        <Button type="submit" variant="secondary" className="self-start" disabled={create.isPending}>
          {create.isPending ? m.common.saving : m.portfolio.addCash}
        </Button>
      </form>
      <div className="mt-4">
        {entries.isPending ? null : entries.isError ? (
          <ErrorState error={entries.error} onRetry={() => void entries.refetch()} />
        ) : entries.data.results.length === 0 ? (
          <EmptyState>{m.portfolio.cashEmpty}</EmptyState>
        ) : (
          <ul className="divide-y divide-line text-sm">
            {entries.data.results.map((e) => {
              const label = labelOf(m.portfolio.cashTypes, e.type);
              const amount = formatMoney(lang, e.amount);
              return (
                <li key={e.id} className="flex items-center justify-between gap-2 py-1.5">
                  <span>
                    {e.date} · {label}
                  </span>
                  <span className="flex items-center gap-2 tabular-nums">
                    {amount}
                    <Button variant="ghost" className="px-2" aria-label={fmt(m.portfolio.deleteCashRow, { type: label, amount, date: e.date })} onClick={() => remove.mutate(e.id)} disabled={remove.isPending}>
                      <Trash2 aria-hidden className="size-4" />
                    </Button>
                  </span>
                </li>
              );
            })}
          </ul>
        )}
        <FormError error={remove.error} />
      </div>
    </Card>
  );
}
