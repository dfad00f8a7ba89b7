import { useMutation } from "@tanstack/react-query";
import { zApiV1UsersPortfolioOptimiseCreateResponse } from "@/api";
import { apiRequest } from "@/lib/api-client";
import type { OptimisationInput } from "../schemas";

/** POST: the optimisation of the signed-in user's holdings (weights, frontier, trades, walk-forward test). */
export function optimisePortfolio(input: OptimisationInput) {
  return apiRequest("/api/v1/users/portfolio/optimise/", zApiV1UsersPortfolioOptimiseCreateResponse, { method: "POST", body: input, auth: true });
}

export function useOptimisePortfolio() {
  return useMutation({ mutationFn: optimisePortfolio });
}
