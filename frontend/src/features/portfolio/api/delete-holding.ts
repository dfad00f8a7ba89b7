import { useMutation, useQueryClient } from "@tanstack/react-query";
import { zApiV1UsersPortfolioDestroyResponse } from "@/api";
import { apiRequest } from "@/lib/api-client";

export function deleteHolding(id: number) {
  return apiRequest(`/api/v1/users/portfolio/${id}/`, zApiV1UsersPortfolioDestroyResponse, { method: "DELETE", auth: true });
}

export function useDeleteHolding() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: deleteHolding, onSuccess: () => qc.invalidateQueries({ queryKey: ["portfolio"] }) });
}
