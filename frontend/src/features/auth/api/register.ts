import { useMutation } from "@tanstack/react-query";
import { zApiV1UsersRegisterCreateResponse } from "@/api";
import { apiRequest } from "@/lib/api-client";

export function register(input: { username: string; email: string; password: string }) {
  return apiRequest("/api/v1/users/register/", zApiV1UsersRegisterCreateResponse, { method: "POST", body: input });
}

export function useRegister() {
  return useMutation({ mutationFn: register });
}
