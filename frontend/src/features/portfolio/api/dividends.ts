import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { zApiV1UsersPortfolioDividendsRetrieveResponse, zApiV1UsersPortfolioSettingsPartialUpdateResponse } from "@/api";
import { apiRequest } from "@/lib/api-client";

/** The dividend report (received by year and symbol, upcoming, yield on cost) with the booking toggle's state. */
export function getDividendReportQueryOptions() {
  return queryOptions({
    queryKey: ["portfolio", "dividends"],
    queryFn: ({ signal }) => apiRequest("/api/v1/users/portfolio/dividends/", zApiV1UsersPortfolioDividendsRetrieveResponse, { auth: true, signal }),
  });
}

export const useDividendReport = () => useQuery(getDividendReportQueryOptions());

/** Turning booking on books the stored events at once; off removes the booked records (every portfolio view changes). */
export function useSetDividendBooking() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (on: boolean) => apiRequest("/api/v1/users/portfolio/settings/", zApiV1UsersPortfolioSettingsPartialUpdateResponse, { method: "PATCH", body: { book_dividends: on }, auth: true }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["portfolio"] }),
  });
}
