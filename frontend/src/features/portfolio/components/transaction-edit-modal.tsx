"use client";
/** Edit one transaction: the server replays the whole ledger and refuses an edit that no longer balances, naming
 * the row that would break (a later sale), with nothing changed. */
import { useState, type FormEvent } from "react";
import { useMessages } from "@/i18n/use-messages";
import { fieldErrorTexts } from "@/i18n/errors";
import { labelOf } from "@/i18n/format";
import { ApiError } from "@/lib/api-error";
import { FormError } from "@/components/error-state";
import { Modal } from "@/components/modal";
import { Button, Field, inputClass } from "@/components/ui";
import { useUpdateTransaction } from "../api/update-transaction";
import { SPLIT_RATIO, type Transaction } from "../schemas";

type Key = "date" | "quantity" | "price" | "fee";

export function TransactionEditModal({ transaction, onClose }: { transaction: Transaction; onClose: () => void }) {
  const { m, lang } = useMessages();
  const update = useUpdateTransaction();
  const split = transaction.type === "split";
  const [values, setValues] = useState<Record<Key, string>>({
    date: transaction.date,
    quantity: split ? (transaction.ratio ?? "") : String(transaction.quantity),
    price: String(transaction.price),
    fee: String(transaction.fee),
  });
  const [errors, setErrors] = useState<Partial<Record<Key, string>>>({});
  const set = (k: Key) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [k]: e.target.value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next: Partial<Record<Key, string>> = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.date)) next.date = m.portfolio.invalidValue;
    const quantityOk = split ? SPLIT_RATIO.test(values.quantity) && Number(values.quantity) !== 0 : Number(values.quantity) > 0;
    if (!quantityOk) next.quantity = values.quantity.trim() === "" ? m.common.required : m.common.positiveNumber;
    if (!split && !(Number(values.price) > 0)) next.price = m.common.positiveNumber;
    if (values.fee.trim() === "" || !(Number(values.fee) >= 0)) next.fee = m.portfolio.invalidValue;
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    const patch = split
      ? { id: transaction.id, date: values.date, ratio: values.quantity.trim(), fee: Number(values.fee) }
      : { id: transaction.id, date: values.date, quantity: Number(values.quantity), price: Number(values.price), fee: Number(values.fee) };
    update.mutate(patch, {
      onSuccess: onClose,
      onError: (err) => {
        const { ratio, ...fields } = fieldErrorTexts(err, m, lang) as Partial<Record<Key | "ratio", string>>;
        // A ledger refusal names another row (a later sale): shown as the form's error, not under this row's quantity.
        if (err instanceof ApiError && err.code === "insufficient_quantity") delete fields.quantity;
        setErrors(ratio ? { ...fields, quantity: ratio } : fields);
      },
    });
  };

  const input = (key: Key, label: string, type = "text") => (
    <Field id={`edit-tx-${key}`} label={label} error={errors[key]}>
      <input
        id={`edit-tx-${key}`}
        type={type}
        inputMode={key === "date" ? undefined : "decimal"}
        className={inputClass}
        value={values[key]}
        onChange={set(key)}
        aria-invalid={Boolean(errors[key]) || undefined}
        aria-describedby={errors[key] ? `edit-tx-${key}-error` : undefined}
      />
    </Field>
  );

  const fieldErrorShown = Object.keys(errors).length > 0;
  return (
    <Modal open onClose={onClose} title={`${m.portfolio.editTransaction}: ${transaction.symbol}`}>
      <form noValidate onSubmit={submit} className="flex flex-col gap-3">
        <p className="text-sm text-muted">{labelOf(m.portfolio.txTypes, transaction.type)}</p>
        <div className="grid grid-cols-2 gap-3">
          {input("date", m.portfolio.date, "date")}
          {input("quantity", split ? m.portfolio.splitRatio : m.portfolio.quantity)}
          {!split && input("price", m.portfolio.tradePrice)}
          {input("fee", m.portfolio.fee)}
        </div>
        {update.error && !fieldErrorShown && <FormError error={update.error} />}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            {m.common.cancel}
          </Button>
          <Button type="submit" disabled={update.isPending}>
            {update.isPending ? m.common.saving : m.common.save}
          </Button>
        </div>
      </form>
    </Modal>
  );
}
