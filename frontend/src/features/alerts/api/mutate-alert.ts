import { useMutation, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { apiRequest } from "@/lib/api-client";
import { alertSchema, type AlertKind } from "../schemas";

export function createAlert(input: { symbol: string; kind: AlertKind; threshold: number }) {
  return apiRequest("/api/v1/users/alerts/", alertSchema, { method: "POST", body: input, auth: true });
}

export function updateAlert({ id, ...patch }: { id: number | string; armed?: boolean; threshold?: number }) {
  return apiRequest(`/api/v1/users/alerts/${id}/`, alertSchema, { method: "PATCH", body: patch, auth: true });
}

export function deleteAlert(id: number | string) {
  return apiRequest(`/api/v1/users/alerts/${id}/`, z.unknown(), { method: "DELETE", auth: true });
}

function useAlertMutation<TVars, TData>(fn: (v: TVars) => Promise<TData>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: ["alerts"] }) });
}

export const useCreateAlert = () => useAlertMutation(createAlert);
export const useUpdateAlert = () => useAlertMutation(updateAlert);
export const useDeleteAlert = () => useAlertMutation(deleteAlert);
