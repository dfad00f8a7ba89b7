import { useMutation } from "@tanstack/react-query";
import { zApiV1UsersMePasswordCreateResponse } from "@/api";
import { apiRequest } from "@/lib/api-client";

export function changePassword(input: { old_password: string; new_password: string }) {
  return apiRequest("/api/v1/users/me/password/", zApiV1UsersMePasswordCreateResponse, { method: "POST", body: input, auth: true });
}

export function useChangePassword() {
  return useMutation({ mutationFn: changePassword });
}
