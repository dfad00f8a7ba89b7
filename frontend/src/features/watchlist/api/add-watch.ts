import { useMutation, useQueryClient } from "@tanstack/react-query";
import { zApiV1UsersWatchlistCreateResponse } from "@/api";
import { apiRequest } from "@/lib/api-client";

export function addWatch(symbol: string) {
  return apiRequest("/api/v1/users/watchlist/", zApiV1UsersWatchlistCreateResponse, { method: "POST", body: { symbol }, auth: true });
}

export function useAddWatch() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: addWatch, onSuccess: () => qc.invalidateQueries({ queryKey: ["watchlist"] }) });
}
