import { infiniteQueryOptions, useInfiniteQuery } from "@tanstack/react-query";
import { zApiV1UsersPortfolioTransactionsListResponse } from "@/api";
import { apiRequest } from "@/lib/api-client";

/** Transactions come a page at a time, newest first (the API's limit/offset, at most 500 a page). */
export const TRANSACTIONS_PAGE = 100;

export function getTransactions(offset: number, signal?: AbortSignal) {
  return apiRequest("/api/v1/users/portfolio/transactions/", zApiV1UsersPortfolioTransactionsListResponse, {
    auth: true,
    signal,
    query: { limit: TRANSACTIONS_PAGE, offset },
  });
}

export function getTransactionsQueryOptions() {
  return infiniteQueryOptions({
    queryKey: ["portfolio", "transactions"],
    queryFn: ({ pageParam, signal }) => getTransactions(pageParam, signal),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => (last.next ? pages.length * TRANSACTIONS_PAGE : undefined),
  });
}

export function useTransactions() {
  return useInfiniteQuery(getTransactionsQueryOptions());
}
