import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { holdingSchema } from "../schemas";

export interface HoldingPatch {
  id: number | string;
  quantity?: number;
  average_price?: number;
  notes?: string;
}

export function updateHolding({ id, ...patch }: HoldingPatch) {
  return apiRequest(`/api/v1/users/portfolio/${id}/`, holdingSchema, { method: "PATCH", body: patch, auth: true });
}

export function useUpdateHolding() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: updateHolding, onSuccess: () => qc.invalidateQueries({ queryKey: ["portfolio"] }) });
}
