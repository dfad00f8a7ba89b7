import { queryOptions, useQuery } from "@tanstack/react-query";
import { zApiV1UsersPortfolioTransactionsListResponse } from "@/api";
import { apiRequest } from "@/lib/api-client";

export function getTransactions(signal?: AbortSignal) {
  return apiRequest("/api/v1/users/portfolio/transactions/", zApiV1UsersPortfolioTransactionsListResponse, { auth: true, signal });
}

export function getTransactionsQueryOptions() {
  return queryOptions({ queryKey: ["portfolio", "transactions"], queryFn: ({ signal }) => getTransactions(signal) });
}

export function useTransactions() {
  return useQuery(getTransactionsQueryOptions());
}
