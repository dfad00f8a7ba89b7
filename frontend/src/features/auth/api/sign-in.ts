import { useMutation } from "@tanstack/react-query";
import { zApiV1UsersTokenCreateResponse } from "@/api";
import { apiRequest } from "@/lib/api-client";
import { useAuthStore } from "@/stores/auth-store";

export function signIn(input: { username: string; password: string }) {
  return apiRequest("/api/v1/users/token/", zApiV1UsersTokenCreateResponse, { method: "POST", body: input });
}

export function useSignIn() {
  const setTokens = useAuthStore((s) => s.setTokens);
  return useMutation({
    mutationFn: signIn,
    onSuccess: (tokens, input) => setTokens(tokens, input.username),
  });
}
