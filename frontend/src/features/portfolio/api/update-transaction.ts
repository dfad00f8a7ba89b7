import { useMutation, useQueryClient } from "@tanstack/react-query";
import { zApiV1UsersPortfolioTransactionsPartialUpdateResponse } from "@/api";
import { apiRequest } from "@/lib/api-client";

/** The fields an edit may change; a split changes its `ratio`, the other kinds their `quantity`. */
export interface TransactionPatch {
  id: number;
  date?: string;
  quantity?: number;
  ratio?: string;
  price?: number;
  fee?: number;
}

export function updateTransaction({ id, ...patch }: TransactionPatch) {
  return apiRequest(`/api/v1/users/portfolio/transactions/${id}/`, zApiV1UsersPortfolioTransactionsPartialUpdateResponse, { method: "PATCH", body: patch, auth: true });
}

export function useUpdateTransaction() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: updateTransaction, onSuccess: () => qc.invalidateQueries({ queryKey: ["portfolio"] }) });
}
