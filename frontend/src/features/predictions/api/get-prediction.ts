import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { zAnalysisPredictResponse } from "@/api";
import type { ModelType } from "../schemas";

export function getPrediction(symbol: string, modelType: ModelType, signal?: AbortSignal) {
  return apiRequest(`/api/v1/analysis/predict/${encodeURIComponent(symbol)}/`, zAnalysisPredictResponse, { query: { model_type: modelType }, signal });
}

export function getPredictionQueryOptions(symbol: string, modelType: ModelType) {
  return queryOptions({
    queryKey: ["predictions", symbol, modelType],
    queryFn: ({ signal }) => getPrediction(symbol, modelType, signal),
    staleTime: 10 * 60_000,
    // While a worker trains the models the API says "preparing"; ask again when it suggests.
    refetchInterval: (query) => (query.state.data?.status === "preparing" ? query.state.data.retry_after_seconds * 1000 : false),
  });
}

export function usePrediction(symbol: string, modelType: ModelType) {
  return useQuery(getPredictionQueryOptions(symbol, modelType));
}
