"use client";
/**
 * Add-stock modal (PortfolioModal in the seed) and edit modal. The symbol field is rendered by the caller
 * (the app composes it with the stocks feature's autocomplete), so features stay independent.
 */
import { useState, type FormEvent, type ReactNode } from "react";
import { useMessages } from "@/i18n/use-messages";
import { fieldErrorTexts } from "@/i18n/errors";
import { FormError } from "@/components/error-state";
import { Modal } from "@/components/modal";
import { Button, Field, inputClass } from "@/components/ui";
import { useCreateHolding } from "../api/create-holding";
import { useUpdateHolding } from "../api/update-holding";
import { holdingInputSchema, marketToday, type CreatedHolding, type Holding } from "../schemas";

export interface SymbolFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  invalid: boolean;
  describedBy?: string;
}

interface Props {
  open: boolean;
  onClose: () => void;
  /** Edit mode when given. */
  holding?: Holding;
  renderSymbolField?: (props: SymbolFieldProps) => ReactNode;
  onCreated?: (h: CreatedHolding) => void;
}

type Errors = Partial<Record<"symbol" | "quantity" | "average_price" | "date" | "fee" | "notes", string>>;

export function HoldingFormModal({ open, onClose, holding, renderSymbolField, onCreated }: Props) {
  const { m, lang } = useMessages();
  const create = useCreateHolding();
  const update = useUpdateHolding();
  const [symbol, setSymbol] = useState(holding?.symbol ?? "");
  const [quantity, setQuantity] = useState(holding ? String(holding.quantity) : "");
  const [averagePrice, setAveragePrice] = useState(holding ? String(holding.average_price) : "");
  const [notes, setNotes] = useState(holding?.notes ?? "");
  // A new holding's opening buy: when it was bought (so the value history starts there), at what price and fee.
  const [date, setDate] = useState(marketToday);
  const [fee, setFee] = useState("0");
  const [errors, setErrors] = useState<Errors>({});
  const mutation = holding ? update : create;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const opening = holding ? {} : { date, fee: fee.trim() === "" ? 0 : fee };
    const parsed = holdingInputSchema.safeParse({ symbol: holding?.symbol ?? symbol, quantity, average_price: averagePrice, ...opening, notes: notes || undefined });
    const future = !holding && date > marketToday();
    if (!parsed.success || future) {
      const next: Errors = {};
      for (const issue of parsed.success ? [] : parsed.error.issues) {
        const key = issue.path[0];
        if (key === "symbol") next.symbol = symbol.trim() ? m.portfolio.selectSymbol : m.common.required;
        if (key === "quantity" || key === "average_price") next[key] = m.common.positiveNumber;
        if (key === "date") next.date = date ? m.portfolio.invalidValue : m.common.required;
        if (key === "fee") next.fee = m.portfolio.invalidValue;
      }
      if (future) next.date = m.errors.codes.future_date;
      setErrors(next);
      return;
    }
    setErrors({});
    try {
      if (holding) {
        await update.mutateAsync({ id: holding.id, quantity: parsed.data.quantity, average_price: parsed.data.average_price, notes: parsed.data.notes ?? "" });
      } else {
        const created = await create.mutateAsync(parsed.data);
        onCreated?.(created);
      }
      onClose();
    } catch (err) {
      setErrors(fieldErrorTexts(err, m, lang) as Errors);
    }
  };

  return (
    <Modal open={open} onClose={onClose} title={holding ? `${m.portfolio.editStock}: ${holding.symbol}` : m.portfolio.addStock}>
      <form noValidate onSubmit={(e) => void submit(e)} className="flex flex-col gap-3">
        {!holding &&
          (renderSymbolField ? (
            <div>
              {renderSymbolField({ id: "holding-symbol", label: m.portfolio.symbol, value: symbol, onChange: setSymbol, invalid: Boolean(errors.symbol), describedBy: errors.symbol ? "holding-symbol-error" : undefined })}
              {errors.symbol && (
                <p id="holding-symbol-error" className="mt-1 text-xs text-down">
                  {errors.symbol}
                </p>
              )}
            </div>
          ) : (
            <Field id="holding-symbol" label={m.portfolio.symbol} error={errors.symbol}>
              <input id="holding-symbol" className={inputClass} value={symbol} onChange={(e) => setSymbol(e.target.value)} aria-invalid={Boolean(errors.symbol) || undefined} />
            </Field>
          ))}
        <div className="grid grid-cols-2 gap-3">
          <Field id="holding-quantity" label={m.portfolio.quantity} error={errors.quantity}>
            <input id="holding-quantity" inputMode="decimal" className={inputClass} value={quantity} onChange={(e) => setQuantity(e.target.value)} aria-invalid={Boolean(errors.quantity) || undefined} aria-describedby={errors.quantity ? "holding-quantity-error" : undefined} />
          </Field>
          <Field id="holding-average-price" label={holding ? m.portfolio.averagePrice : m.portfolio.purchasePrice} error={errors.average_price}>
            <input id="holding-average-price" inputMode="decimal" className={inputClass} value={averagePrice} onChange={(e) => setAveragePrice(e.target.value)} aria-invalid={Boolean(errors.average_price) || undefined} aria-describedby={errors.average_price ? "holding-average-price-error" : undefined} />
          </Field>
        </div>
        {!holding && (
          <div className="grid grid-cols-2 gap-3">
            <Field id="holding-date" label={m.portfolio.purchaseDate} error={errors.date}>
              <input id="holding-date" type="date" max={marketToday()} className={inputClass} value={date} onChange={(e) => setDate(e.target.value)} aria-invalid={Boolean(errors.date) || undefined} aria-describedby={errors.date ? "holding-date-error" : undefined} />
            </Field>
            <Field id="holding-fee" label={m.portfolio.purchaseFee} error={errors.fee}>
              <input id="holding-fee" inputMode="decimal" className={inputClass} value={fee} onChange={(e) => setFee(e.target.value)} aria-invalid={Boolean(errors.fee) || undefined} aria-describedby={errors.fee ? "holding-fee-error" : undefined} />
            </Field>
          </div>
        )}
        <Field id="holding-notes" label={m.portfolio.notes} error={errors.notes}>
          <textarea id="holding-notes" rows={2} className={inputClass} value={notes} onChange={(e) => setNotes(e.target.value)} />
        </Field>
        {mutation.error && Object.keys(fieldErrorTexts(mutation.error, m, lang)).length === 0 && <FormError error={mutation.error} />}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            {m.common.cancel}
          </Button>
          <Button type="submit" disabled={mutation.isPending}>
            {mutation.isPending ? m.common.saving : m.common.save}
          </Button>
        </div>
      </form>
    </Modal>
  );
}
