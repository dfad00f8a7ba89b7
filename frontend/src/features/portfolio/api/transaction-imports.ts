import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { zApiV1UsersPortfolioTransactionsImportDestroyResponse, zApiV1UsersPortfolioTransactionsImportListResponse } from "@/api";
import { apiRequest } from "@/lib/api-client";

/** The user's imported CSV files, newest first; undoing one removes its transactions (the ledger is replayed). */
export function getTransactionImports(signal?: AbortSignal) {
  return apiRequest("/api/v1/users/portfolio/transactions/import/", zApiV1UsersPortfolioTransactionsImportListResponse, { auth: true, signal });
}

export function getTransactionImportsQueryOptions() {
  return queryOptions({ queryKey: ["portfolio", "imports"], queryFn: ({ signal }) => getTransactionImports(signal) });
}

export function useTransactionImports() {
  return useQuery(getTransactionImportsQueryOptions());
}

export function undoTransactionImport(id: number) {
  return apiRequest(`/api/v1/users/portfolio/transactions/import/${id}/`, zApiV1UsersPortfolioTransactionsImportDestroyResponse, { method: "DELETE", auth: true });
}

export function useUndoTransactionImport() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: undoTransactionImport, onSuccess: () => qc.invalidateQueries({ queryKey: ["portfolio"] }) });
}
