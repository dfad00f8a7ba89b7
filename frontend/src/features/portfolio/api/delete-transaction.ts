import { useMutation, useQueryClient } from "@tanstack/react-query";
import { zApiV1UsersPortfolioTransactionsDestroyResponse } from "@/api";
import { apiRequest } from "@/lib/api-client";

export function deleteTransaction(id: number) {
  return apiRequest(`/api/v1/users/portfolio/transactions/${id}/`, zApiV1UsersPortfolioTransactionsDestroyResponse, { method: "DELETE", auth: true });
}

export function useDeleteTransaction() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: deleteTransaction, onSuccess: () => qc.invalidateQueries({ queryKey: ["portfolio"] }) });
}
