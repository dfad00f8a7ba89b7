import { useMutation, useQueryClient } from "@tanstack/react-query";
import { zApiV1UsersPortfolioPartialUpdateResponse } from "@/api";
import { apiRequest } from "@/lib/api-client";

export interface HoldingPatch {
  id: number;
  quantity?: number;
  average_price?: number;
  notes?: string;
}

export function updateHolding({ id, ...patch }: HoldingPatch) {
  return apiRequest(`/api/v1/users/portfolio/${id}/`, zApiV1UsersPortfolioPartialUpdateResponse, { method: "PATCH", body: patch, auth: true });
}

export function useUpdateHolding() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: updateHolding, onSuccess: () => qc.invalidateQueries({ queryKey: ["portfolio"] }) });
}
