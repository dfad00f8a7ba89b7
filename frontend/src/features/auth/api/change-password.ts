import { useMutation } from "@tanstack/react-query";
import { zApiV1UsersMePasswordCreateResponse } from "@/api";
import { apiRequest } from "@/lib/api-client";
import { useAuthStore } from "@/stores/auth-store";

export function changePassword(input: { old_password: string; new_password: string }) {
  return apiRequest("/api/v1/users/me/password/", zApiV1UsersMePasswordCreateResponse, { method: "POST", body: input, auth: true });
}

/** The change signs every other session out; this one goes on with the new tokens the answer carries. */
export function useChangePassword() {
  return useMutation({
    mutationFn: changePassword,
    onSuccess: (tokens) => useAuthStore.getState().setTokens(tokens),
  });
}
