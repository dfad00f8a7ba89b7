"use client";
/** Record a buy, sell, dividend or split; validated before sending, server field errors shown per field. */
import { useState, type FormEvent } from "react";
import { useMessages } from "@/i18n/use-messages";
import { fieldErrorTexts } from "@/i18n/errors";
import { FormError } from "@/components/error-state";
import { Button, Field, inputClass } from "@/components/ui";
import { useCreateTransaction } from "../api/create-transaction";
import { TX_TYPES, transactionInputSchema } from "../schemas";

type Key = "date" | "symbol" | "type" | "quantity" | "price" | "fee";
const today = () => new Date().toISOString().slice(0, 10);

export function TransactionForm() {
  const { m, lang } = useMessages();
  const create = useCreateTransaction();
  const [values, setValues] = useState<Record<Key, string>>({ date: today(), symbol: "", type: "buy", quantity: "", price: "", fee: "0" });
  const [errors, setErrors] = useState<Partial<Record<Key, string>>>({});
  const set = (k: Key) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [k]: e.target.value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = transactionInputSchema.safeParse({ ...values, fee: values.fee === "" ? 0 : values.fee });
    if (!parsed.success) {
      const next: Partial<Record<Key, string>> = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path[0] as Key;
        next[key] = values[key].trim() === "" ? m.common.required : key === "quantity" ? m.common.positiveNumber : m.portfolio.invalidValue;
      }
      setErrors(next);
      return;
    }
    setErrors({});
    create.mutate(parsed.data, {
      onSuccess: () => setValues((v) => ({ ...v, quantity: "", price: "", fee: "0" })),
      onError: (err) => {
        const { ratio, ...fields } = fieldErrorTexts(err, m, lang) as Partial<Record<Key | "ratio", string>>;
        setErrors(ratio ? { ...fields, quantity: ratio } : fields);
      },
    });
  };

  const input = (key: Key, label: string, type = "text") => (
    <Field id={`tx-${key}`} label={label} error={errors[key]}>
      <input
        id={`tx-${key}`}
        type={type}
        inputMode={key === "quantity" || key === "price" || key === "fee" ? "decimal" : undefined}
        className={inputClass}
        value={values[key]}
        onChange={set(key)}
        aria-invalid={Boolean(errors[key]) || undefined}
        aria-describedby={errors[key] ? `tx-${key}-error` : undefined}
      />
    </Field>
  );

  const fieldErrorShown = Object.keys(fieldErrorTexts(create.error, m, lang)).length > 0;
  return (
    <form noValidate onSubmit={submit} className="flex flex-col gap-2 border-t border-line pt-4" aria-labelledby="tx-form-title">
      <h3 id="tx-form-title" className="text-sm font-semibold">
        {m.portfolio.addTransaction}
      </h3>
      <div className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-6">
        {input("date", m.portfolio.date, "date")}
        {input("symbol", m.portfolio.symbol)}
        <Field id="tx-type" label={m.portfolio.type}>
          <select id="tx-type" className={inputClass} value={values.type} onChange={set("type")}>
            {TX_TYPES.map((t) => (
              <option key={t} value={t}>
                {m.portfolio.txTypes[t]}
              </option>
            ))}
          </select>
        </Field>
        {input("quantity", values.type === "split" ? m.portfolio.splitRatio : m.portfolio.quantity)}
        {input("price", m.portfolio.tradePrice)}
        {input("fee", m.portfolio.fee)}
      </div>
      {create.error && !fieldErrorShown && <FormError error={create.error} />}
      {create.isSuccess && (
        <p role="status" className="text-sm text-up">
          {m.portfolio.transactionSaved}
        </p>
      )}
      <Button type="submit" variant="secondary" className="self-start" disabled={create.isPending}>
        {create.isPending ? m.common.saving : m.portfolio.addTransaction}
      </Button>
    </form>
  );
}
