import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { watchItemSchema } from "../schemas";

export function addWatch(symbol: string) {
  return apiRequest("/api/v1/users/watchlist/", watchItemSchema, { method: "POST", body: { symbol }, auth: true });
}

export function useAddWatch() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: addWatch, onSuccess: () => qc.invalidateQueries({ queryKey: ["watchlist"] }) });
}
