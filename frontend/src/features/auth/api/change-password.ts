import { useMutation } from "@tanstack/react-query";
import { z } from "zod";
import { apiRequest } from "@/lib/api-client";

export function changePassword(input: { old_password: string; new_password: string }) {
  return apiRequest("/api/v1/users/me/password/", z.unknown(), { method: "POST", body: input, auth: true });
}

export function useChangePassword() {
  return useMutation({ mutationFn: changePassword });
}
