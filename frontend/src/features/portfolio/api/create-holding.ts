import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { holdingSchema, type HoldingInput } from "../schemas";

export function createHolding(input: HoldingInput) {
  return apiRequest("/api/v1/users/portfolio/", holdingSchema, { method: "POST", body: input, auth: true });
}

export function useCreateHolding() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: createHolding, onSuccess: () => qc.invalidateQueries({ queryKey: ["portfolio"] }) });
}
