import { useMutation, useQueryClient } from "@tanstack/react-query";
import { zApiV1UsersWatchlistDestroyResponse } from "@/api";
import { apiRequest } from "@/lib/api-client";

export function removeWatch(id: number) {
  return apiRequest(`/api/v1/users/watchlist/${id}/`, zApiV1UsersWatchlistDestroyResponse, { method: "DELETE", auth: true });
}

export function useRemoveWatch() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: removeWatch, onSuccess: () => qc.invalidateQueries({ queryKey: ["watchlist"] }) });
}
