import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { zApiV1UsersPortfolioCreateResponse } from "@/api";
import type { HoldingInput } from "../schemas";

export function createHolding(input: HoldingInput) {
  return apiRequest("/api/v1/users/portfolio/", zApiV1UsersPortfolioCreateResponse, { method: "POST", body: input, auth: true });
}

export function useCreateHolding() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: createHolding, onSuccess: () => qc.invalidateQueries({ queryKey: ["portfolio"] }) });
}
