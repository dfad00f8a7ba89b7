import { useMutation, useQueryClient } from "@tanstack/react-query";
import { zApiV1UsersLogoutCreateResponse } from "@/api";
import { apiRequest } from "@/lib/api-client";
import { useAuthStore } from "@/stores/auth-store";

export function signOutRequest(refresh: string) {
  return apiRequest("/api/v1/users/logout/", zApiV1UsersLogoutCreateResponse, { method: "POST", body: { refresh }, auth: true });
}

/** Blacklists the refresh token server-side (best effort) and always clears local state. */
export function useSignOut() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const { refresh } = useAuthStore.getState();
      if (refresh) await signOutRequest(refresh).catch(() => undefined);
    },
    onSettled: () => {
      useAuthStore.getState().signOut();
      qc.removeQueries({ queryKey: ["portfolio"] });
      qc.removeQueries({ queryKey: ["me"] });
      qc.removeQueries({ queryKey: ["watchlist"] });
      qc.removeQueries({ queryKey: ["alerts"] });
    },
  });
}
