import { useMutation } from "@tanstack/react-query";
import { z } from "zod";
import { zApiV1UsersPasswordResetConfirmCreateResponse } from "@/api";
import { apiRequest } from "@/lib/api-client";

/** 202 with no body whether or not the email has an account (the contract declares no body for it). */
export function requestPasswordReset(input: { email: string }) {
  return apiRequest("/api/v1/users/password-reset/", z.void(), { method: "POST", body: input });
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
