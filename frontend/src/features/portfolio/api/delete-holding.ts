import { useMutation, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { apiRequest } from "@/lib/api-client";

export function deleteHolding(id: number | string) {
  return apiRequest(`/api/v1/users/portfolio/${id}/`, z.unknown(), { method: "DELETE", auth: true });
}

export function useDeleteHolding() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: deleteHolding, onSuccess: () => qc.invalidateQueries({ queryKey: ["portfolio"] }) });
}
