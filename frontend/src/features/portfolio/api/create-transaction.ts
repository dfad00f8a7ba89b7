import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { zApiV1UsersPortfolioTransactionsCreateResponse } from "@/api";
import type { TransactionInput } from "../schemas";

export function createTransaction(input: TransactionInput) {
  return apiRequest("/api/v1/users/portfolio/transactions/", zApiV1UsersPortfolioTransactionsCreateResponse, { method: "POST", body: input, auth: true });
}

export function useCreateTransaction() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: createTransaction, onSuccess: () => qc.invalidateQueries({ queryKey: ["portfolio"] }) });
}
