import { queryOptions, useQuery } from "@tanstack/react-query";
import { zApiV1UsersWatchlistListResponse } from "@/api";
import { apiRequest } from "@/lib/api-client";
import { allPages } from "@/lib/pages";
import { useIsSignedIn } from "@/stores/auth-store";

export function getWatchlist(signal?: AbortSignal) {
  return allPages((offset, limit) =>
    apiRequest("/api/v1/users/watchlist/", zApiV1UsersWatchlistListResponse, { auth: true, signal, query: { limit, offset } }),
  );
}

export function getWatchlistQueryOptions() {
  return queryOptions({ queryKey: ["watchlist"], queryFn: ({ signal }) => getWatchlist(signal), refetchInterval: 60_000 });
}

export function useWatchlist() {
  const signedIn = useIsSignedIn();
  return useQuery({ ...getWatchlistQueryOptions(), enabled: signedIn });
}
