import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import type { z } from "zod";
import { zBacktestResponse, type zBacktestModeEnum, type zBacktestRuleEnum } from "@/api";

export type BacktestRule = z.infer<typeof zBacktestRuleEnum>;
export type BacktestMode = z.infer<typeof zBacktestModeEnum>;
export type Backtest = z.infer<typeof zBacktestResponse>;

export interface BacktestParams {
  symbol: string;
  rule: BacktestRule;
  mode: BacktestMode;
  commissionBps: number;
  slippageBps: number;
}

export function getBacktest({ symbol, rule, mode, commissionBps, slippageBps }: BacktestParams, signal?: AbortSignal) {
  return apiRequest(`/api/v1/analysis/backtest/${encodeURIComponent(symbol)}/`, zBacktestResponse, {
    query: { rule, mode, commission_bps: commissionBps, slippage_bps: slippageBps },
    signal,
  });
}

export function getBacktestQueryOptions(params: BacktestParams) {
  return queryOptions({
    queryKey: ["stocks", params.symbol, "backtest", params.rule, params.mode, params.commissionBps, params.slippageBps],
    queryFn: ({ signal }) => getBacktest(params, signal),
  });
}

/** Fetched only while `enabled` (the backtest disclosure is open), keeping the previous result while costs change. */
export function useBacktest(params: BacktestParams, enabled: boolean) {
  return useQuery({ ...getBacktestQueryOptions(params), enabled, placeholderData: (prev) => prev });
}
