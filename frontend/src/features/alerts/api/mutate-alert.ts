import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { zApiV1UsersAlertsCreateResponse, zApiV1UsersAlertsDestroyResponse, zApiV1UsersAlertsPartialUpdateResponse } from "@/api";
import type { AlertKind } from "../schemas";

export function createAlert(input: { symbol: string; kind: AlertKind; threshold: number }) {
  return apiRequest("/api/v1/users/alerts/", zApiV1UsersAlertsCreateResponse, { method: "POST", body: input, auth: true });
}

export function updateAlert({ id, ...patch }: { id: number; armed?: boolean; threshold?: number }) {
  return apiRequest(`/api/v1/users/alerts/${id}/`, zApiV1UsersAlertsPartialUpdateResponse, { method: "PATCH", body: patch, auth: true });
}

export function deleteAlert(id: number) {
  return apiRequest(`/api/v1/users/alerts/${id}/`, zApiV1UsersAlertsDestroyResponse, { method: "DELETE", auth: true });
}

function useAlertMutation<TVars, TData>(fn: (v: TVars) => Promise<TData>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: ["alerts"] }) });
}

export const useCreateAlert = () => useAlertMutation(createAlert);
export const useUpdateAlert = () => useAlertMutation(updateAlert);
export const useDeleteAlert = () => useAlertMutation(deleteAlert);
