import { queryOptions, useQuery } from "@tanstack/react-query";
import { zApiV1UsersMeRetrieveResponse } from "@/api";
import { apiRequest } from "@/lib/api-client";
import { useIsSignedIn } from "@/stores/auth-store";

export function getMe(signal?: AbortSignal) {
  return apiRequest("/api/v1/users/me/", zApiV1UsersMeRetrieveResponse, { auth: true, signal });
}

export function getMeQueryOptions() {
  return queryOptions({ queryKey: ["me"], queryFn: ({ signal }) => getMe(signal) });
}

export function useMe() {
  const signedIn = useIsSignedIn();
  return useQuery({ ...getMeQueryOptions(), enabled: signedIn });
}
