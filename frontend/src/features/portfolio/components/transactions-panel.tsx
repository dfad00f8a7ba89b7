"use client";
/** Transactions list with edit and delete (replayed by the server), CSV import with a per-row report of rejected
 * lines, and the imported files with undo. */
import { Pencil, Trash2, Upload } from "lucide-react";
import { useState, type FormEvent } from "react";
import { useMessages } from "@/i18n/use-messages";
import { ApiError } from "@/lib/api-error";
import { importErrorsSchema } from "../schemas";
import { fmt, formatNumber, labelOf } from "@/i18n/format";
import { ErrorState, FormError } from "@/components/error-state";
import { fieldLabel, rowReasonText } from "@/i18n/errors";
import { Button, Card, EmptyState, Skeleton } from "@/components/ui";
import { useImportTransactions } from "../api/import-transactions";
import { useTransactions } from "../api/get-transactions";
import { useDeleteTransaction } from "../api/delete-transaction";
import type { Transaction } from "../schemas";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { TransactionEditModal } from "./transaction-edit-modal";
import { TransactionForm } from "./transaction-form";
import { TransactionImportsList } from "./transaction-imports-list";

export function TransactionsPanel() {
  const { m, lang } = useMessages();
  const q = useTransactions();
  const rows = q.data?.pages.flatMap((page) => page.results) ?? [];
  const total = q.data?.pages[0]?.count ?? 0;
  const importer = useImportTransactions();
  const [file, setFile] = useState<File | null>(null);
  const [editing, setEditing] = useState<Transaction | null>(null);
  const [deleting, setDeleting] = useState<Transaction | null>(null);
  const remove = useDeleteTransaction();
  const rowVars = (t: Transaction) => ({ type: labelOf(m.portfolio.txTypes, t.type), symbol: t.symbol, date: t.date });
  const closeDelete = () => {
    setDeleting(null);
    remove.reset();
  };

  // A refused import lists every bad row in the error's extra.errors (nothing was imported).
  const refused = importer.error instanceof ApiError ? importErrorsSchema.safeParse(importer.error.extra.errors) : null;
  const rejectedRows = refused?.success ? refused.data : [];
  const rejectedLines = new Set(rejectedRows.map((r) => r.line)).size;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (file) importer.mutate(file);
  };

  return (
    <Card title={m.portfolio.transactions} titleId="transactions-title">
      {q.isPending ? (
        <Skeleton className="h-24 w-full" label={m.common.loading} />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState>{m.portfolio.txEmpty}</EmptyState>
      ) : (
        <div role="region" aria-label={m.portfolio.transactions} tabIndex={0} className="max-h-80 overflow-auto focus-visible:outline-2 focus-visible:outline-accent">
          <table className="w-full min-w-[480px] text-sm">
            <thead>
              <tr className="border-b border-line text-left text-xs text-muted">
                <th scope="col" className="py-2">{m.portfolio.date}</th>
                <th scope="col">{m.portfolio.symbol}</th>
                <th scope="col">{m.portfolio.type}</th>
                <th scope="col" className="text-right">{m.portfolio.quantity}</th>
                <th scope="col" className="text-right">{m.portfolio.tradePrice}</th>
                <th scope="col" className="text-right">{m.portfolio.fee}</th>
                <th scope="col" className="text-right">{m.portfolio.actions}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((t) => (
                <tr key={t.id} className="border-b border-line/60">
                  <td className="py-1.5">{t.date}</td>
                  <td>{t.symbol}</td>
                  <td>{labelOf(m.portfolio.txTypes, t.type)}</td>
                  <td className="text-right tabular-nums">{formatNumber(lang, t.quantity, 4)}</td>
                  <td className="text-right tabular-nums">{formatNumber(lang, t.price)}</td>
                  <td className="text-right tabular-nums">{formatNumber(lang, t.fee)}</td>
                  <td className="whitespace-nowrap text-right">
                    <Button variant="ghost" className="px-2" aria-label={fmt(m.portfolio.editRow, rowVars(t))} onClick={() => setEditing(t)}>
                      <Pencil aria-hidden className="size-4" />
                    </Button>
                    <Button variant="ghost" className="px-2" aria-label={fmt(m.portfolio.deleteRow, rowVars(t))} onClick={() => setDeleting(t)}>
                      <Trash2 aria-hidden className="size-4" />
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="mt-2 flex items-center gap-3 text-xs text-muted">
            <span role="status">{fmt(m.portfolio.txShown, { n: rows.length, total })}</span>
            {q.hasNextPage && (
              <Button variant="secondary" onClick={() => void q.fetchNextPage()} disabled={q.isFetchingNextPage}>
                {q.isFetchingNextPage ? m.common.loading : m.portfolio.txMore}
              </Button>
            )}
          </div>
        </div>
      )}
      {remove.isSuccess && (
        <p role="status" className="mt-2 text-sm text-up">
          {m.portfolio.transactionDeleted}
        </p>
      )}
      {editing && <TransactionEditModal key={editing.id} transaction={editing} onClose={() => setEditing(null)} />}
      {deleting && (
        <ConfirmDialog
          open
          title={m.portfolio.deleteTransaction}
          question={fmt(m.portfolio.confirmDeleteTransaction, rowVars(deleting))}
          confirmLabel={m.common.delete}
          busy={remove.isPending}
          error={remove.error}
          onClose={closeDelete}
          onConfirm={() => remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}
        />
      )}
      <div className="mt-4">
        <TransactionForm />
      </div>
      <form onSubmit={submit} className="mt-4 flex flex-col gap-2 border-t border-line pt-4">
        <h3 className="text-sm font-semibold">{m.portfolio.importCsv}</h3>
        <p id="csv-help" className="text-xs text-muted">
          {m.portfolio.importHelp}
        </p>
        <div className="flex flex-wrap items-center gap-2">
          <label htmlFor="csv-file" className="sr-only">
            {m.portfolio.chooseFile}
          </label>
          <input id="csv-file" type="file" accept=".csv,text/csv" aria-describedby="csv-help" className="min-w-0 max-w-full text-sm" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          <Button type="submit" variant="secondary" disabled={!file || importer.isPending}>
            <Upload aria-hidden className="size-4" />
            {importer.isPending ? m.portfolio.importing : m.portfolio.importCsv}
          </Button>
        </div>
        <FormError error={importer.error} />
        {(importer.data || rejectedRows.length > 0) && (
          <div role="status" className="text-sm" data-testid="import-report">
            <p>{fmt(m.portfolio.imported, { n: importer.data?.rows ?? 0 })}</p>
            {importer.data && importer.data.holdings_created.length > 0 && <p className="text-muted">{importer.data.holdings_created.join(", ")}</p>}
            {rejectedRows.length > 0 && (
              <>
                <p className="text-down">{fmt(m.portfolio.rejected, { n: rejectedLines })}</p>
                <table className="mt-1 text-xs">
                  <thead>
                    <tr>
                      <th scope="col" className="pr-3 text-left">{m.portfolio.line}</th>
                      <th scope="col" className="pr-3 text-left">{m.portfolio.field}</th>
                      <th scope="col" className="text-left">{m.portfolio.reason}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rejectedRows.map((r, i) => (
                      <tr key={`${r.line}-${i}`}>
                        <td className="pr-3 tabular-nums">{r.line}</td>
                        <td className="pr-3">{r.field ? fieldLabel(m, r.field) : "—"}</td>
                        <td>{rowReasonText(m, lang, r)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
          </div>
        )}
      </form>
      <TransactionImportsList />
    </Card>
  );
}
