import { useMutation } from "@tanstack/react-query";
import { zApiV1UsersPasswordResetConfirmCreateResponse, zApiV1UsersPasswordResetCreateResponse } from "@/api";
import { apiRequest } from "@/lib/api-client";

/** The same 202 whether or not the email has an account. */
export function requestPasswordReset(input: { email: string }) {
  return apiRequest("/api/v1/users/password-reset/", zApiV1UsersPasswordResetCreateResponse, { method: "POST", body: input });
}

export function useRequestPasswordReset() {
  return useMutation({ mutationFn: requestPasswordReset });
}

export function confirmPasswordReset(input: { uid: string; token: string; new_password: string }) {
  return apiRequest("/api/v1/users/password-reset/confirm/", zApiV1UsersPasswordResetConfirmCreateResponse, { method: "POST", body: input });
}

export function useConfirmPasswordReset() {
  return useMutation({ mutationFn: confirmPasswordReset });
}
