"use client";
/** The imported CSV files, each with an undo (confirmed first): its transactions go and the ledger is replayed; the
 * server refuses, naming the later row, when a later transaction needs the imported ones. */
import { Undo2 } from "lucide-react";
import { useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { ErrorState } from "@/components/error-state";
import { Button, EmptyState, Skeleton } from "@/components/ui";
import { fmt, formatNumber } from "@/i18n/format";
import { useMessages } from "@/i18n/use-messages";
import { useTransactionImports, useUndoTransactionImport } from "../api/transaction-imports";
import type { TransactionImportOutput } from "@/api";

export function TransactionImportsList() {
  const { m, lang } = useMessages();
  const q = useTransactionImports();
  const undo = useUndoTransactionImport();
  const [target, setTarget] = useState<TransactionImportOutput | null>(null);
  const name = (i: TransactionImportOutput) => i.filename || m.portfolio.importedFile;

  const close = () => {
    setTarget(null);
    undo.reset();
  };

  return (
    <section aria-labelledby="imports-title" className="mt-4 border-t border-line pt-4">
      <h3 id="imports-title" className="text-sm font-semibold">
        {m.portfolio.imports}
      </h3>
      {q.isPending ? (
        <Skeleton className="h-10 w-full" label={m.common.loading} />
      ) : q.isError ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : q.data.length === 0 ? (
        <EmptyState>{m.portfolio.importsEmpty}</EmptyState>
      ) : (
        <table className="mt-2 w-full text-sm">
          <thead>
            <tr className="border-b border-line text-left text-xs text-muted">
              <th scope="col" className="py-2">{m.portfolio.chooseFile}</th>
              <th scope="col">{m.portfolio.importedAt}</th>
              <th scope="col" className="text-right">{m.portfolio.importRows}</th>
              <th scope="col" className="text-right">{m.portfolio.actions}</th>
            </tr>
          </thead>
          <tbody>
            {q.data.map((i) => (
              <tr key={i.id} className="border-b border-line/60">
                <td className="py-1.5 break-all">{name(i)}</td>
                <td>{i.created_at.slice(0, 10)}</td>
                <td className="text-right tabular-nums">{formatNumber(lang, i.transactions, 0)}</td>
                <td className="text-right">
                  <Button variant="ghost" aria-label={fmt(m.portfolio.undoRow, { file: name(i) })} onClick={() => setTarget(i)}>
                    <Undo2 aria-hidden className="size-4" />
                    {m.portfolio.undoImport}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {undo.isSuccess && (
        <p role="status" className="mt-2 text-sm text-up">
          {m.portfolio.importUndone}
        </p>
      )}
      {target && (
        <ConfirmDialog
          open
          title={m.portfolio.undoImport}
          question={fmt(m.portfolio.confirmUndoImport, { file: name(target), n: target.transactions })}
          confirmLabel={m.portfolio.undoImport}
          busy={undo.isPending}
          error={undo.error}
          onClose={close}
          onConfirm={() => undo.mutate(target.id, { onSuccess: () => setTarget(null) })}
        />
      )}
    </section>
  );
}
