import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { transactionListSchema } from "../schemas";

export function getTransactions(signal?: AbortSignal) {
  return apiRequest("/api/v1/users/portfolio/transactions/", transactionListSchema, { auth: true, signal });
}

export function getTransactionsQueryOptions() {
  return queryOptions({ queryKey: ["portfolio", "transactions"], queryFn: ({ signal }) => getTransactions(signal) });
}

export function useTransactions() {
  return useQuery(getTransactionsQueryOptions());
}
