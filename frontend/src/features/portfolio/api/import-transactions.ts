import { useMutation, useQueryClient } from "@tanstack/react-query";
import { zApiV1UsersPortfolioTransactionsImportCreateResponse } from "@/api";
import { apiRequest } from "@/lib/api-client";

export function importTransactions(file: File) {
  const body = new FormData();
  body.append("file", file);
  return apiRequest("/api/v1/users/portfolio/transactions/import/", zApiV1UsersPortfolioTransactionsImportCreateResponse, { method: "POST", body, auth: true });
}

export function useImportTransactions() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: importTransactions, onSuccess: () => qc.invalidateQueries({ queryKey: ["portfolio"] }) });
}
