import { useMutation, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { apiRequest } from "@/lib/api-client";

export function removeWatch(id: number | string) {
  return apiRequest(`/api/v1/users/watchlist/${id}/`, z.unknown(), { method: "DELETE", auth: true });
}

export function useRemoveWatch() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: removeWatch, onSuccess: () => qc.invalidateQueries({ queryKey: ["watchlist"] }) });
}
