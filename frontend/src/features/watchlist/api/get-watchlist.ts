import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { useIsSignedIn } from "@/stores/auth-store";
import { watchListSchema } from "../schemas";

export function getWatchlist(signal?: AbortSignal) {
  return apiRequest("/api/v1/users/watchlist/", watchListSchema, { auth: true, signal });
}

export function getWatchlistQueryOptions() {
  return queryOptions({ queryKey: ["watchlist"], queryFn: ({ signal }) => getWatchlist(signal), refetchInterval: 60_000 });
}

export function useWatchlist() {
  const signedIn = useIsSignedIn();
  return useQuery({ ...getWatchlistQueryOptions(), enabled: signedIn });
}
