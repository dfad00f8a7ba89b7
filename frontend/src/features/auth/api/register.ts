import { useMutation } from "@tanstack/react-query";
import { z } from "zod";
import { apiRequest } from "@/lib/api-client";

export function register(input: { username: string; email: string; password: string }) {
  return apiRequest("/api/v1/users/register/", z.unknown(), { method: "POST", body: input });
}

export function useRegister() {
  return useMutation({ mutationFn: register });
}
