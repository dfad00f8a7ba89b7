import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { zApiV1UsersPortfolioCashRetrieveResponse, zApiV1UsersPortfolioCashTransactionsCreateResponse, zApiV1UsersPortfolioCashTransactionsDestroyResponse, zApiV1UsersPortfolioCashTransactionsListResponse } from "@/api";
import { apiRequest } from "@/lib/api-client";

export const CASH_TYPES = ["deposit", "withdrawal", "interest", "fee", "tax"] as const;
export type CashType = (typeof CASH_TYPES)[number];
export interface CashInput {
  type: CashType;
  date: string;
  amount: number;
}

/** The cash account (balance and what made it) and its latest entries; both change with every trade too. */
export function getCashAccountQueryOptions() {
  return queryOptions({
    queryKey: ["portfolio", "cash"],
    queryFn: ({ signal }) => apiRequest("/api/v1/users/portfolio/cash/", zApiV1UsersPortfolioCashRetrieveResponse, { auth: true, signal }),
  });
}

export function getCashEntriesQueryOptions() {
  return queryOptions({
    queryKey: ["portfolio", "cash", "entries"],
    queryFn: ({ signal }) => apiRequest("/api/v1/users/portfolio/cash/transactions/", zApiV1UsersPortfolioCashTransactionsListResponse, { auth: true, signal, query: { limit: 50, offset: 0 } }),
  });
}

export const useCashAccount = () => useQuery(getCashAccountQueryOptions());
export const useCashEntries = () => useQuery(getCashEntriesQueryOptions());

export function useCreateCashEntry() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CashInput) => apiRequest("/api/v1/users/portfolio/cash/transactions/", zApiV1UsersPortfolioCashTransactionsCreateResponse, { method: "POST", body: input, auth: true }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["portfolio"] }),
  });
}

export function useDeleteCashEntry() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => apiRequest(`/api/v1/users/portfolio/cash/transactions/${id}/`, zApiV1UsersPortfolioCashTransactionsDestroyResponse, { method: "DELETE", auth: true }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["portfolio"] }),
  });
}
