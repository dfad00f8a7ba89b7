import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { useIsSignedIn } from "@/stores/auth-store";
import { meSchema } from "../schemas";

export function getMe(signal?: AbortSignal) {
  return apiRequest("/api/v1/users/me/", meSchema, { auth: true, signal });
}

export function getMeQueryOptions() {
  return queryOptions({ queryKey: ["me"], queryFn: ({ signal }) => getMe(signal) });
}

export function useMe() {
  const signedIn = useIsSignedIn();
  return useQuery({ ...getMeQueryOptions(), enabled: signedIn });
}
