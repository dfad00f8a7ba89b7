import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { zStatementWithItems } from "@/api";
import type { StatementKind, StatementPeriod } from "../schemas";

export interface StatementParams {
  symbol: string;
  kind: StatementKind;
  period: StatementPeriod;
  limit?: number;
}

export function getStatement({ symbol, kind, period, limit = 5 }: StatementParams, signal?: AbortSignal) {
  return apiRequest(`/api/v1/stocks/api/${kind}/${encodeURIComponent(symbol)}/`, zStatementWithItems, { query: { period, limit }, signal });
}

export function getStatementQueryOptions(params: StatementParams) {
  return queryOptions({
    queryKey: ["stocks", params.symbol, "statement", params.kind, params.period, params.limit ?? 5],
    queryFn: ({ signal }) => getStatement(params, signal),
    staleTime: 10 * 60_000,
  });
}

export function useStatement(params: StatementParams) {
  return useQuery(getStatementQueryOptions(params));
}
