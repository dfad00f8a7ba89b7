import { useMutation } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { useAuthStore } from "@/stores/auth-store";
import { tokenPairSchema } from "../schemas";

export function signIn(input: { username: string; password: string }) {
  return apiRequest("/api/v1/users/token/", tokenPairSchema, { method: "POST", body: input });
}

export function useSignIn() {
  const setTokens = useAuthStore((s) => s.setTokens);
  return useMutation({
    mutationFn: signIn,
    onSuccess: (tokens, input) => setTokens(tokens, input.username),
  });
}
