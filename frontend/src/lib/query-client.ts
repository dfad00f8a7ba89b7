/** QueryClient factory: one per request on the server, a singleton in the browser (TanStack App Router pattern). */
import { QueryClient, isServer } from "@tanstack/react-query";
import { ApiError, SchemaError } from "./api-error";

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // Retrying a contract mismatch or a 4xx cannot help; transient failures get one retry.
        retry: (count, error) => {
          if (error instanceof SchemaError) return false;
          if (error instanceof ApiError && error.status < 500) return false;
          return count < 1;
        },
      },
    },
  });
}

let browserClient: QueryClient | undefined;

export function getQueryClient(): QueryClient {
  if (isServer) return makeQueryClient();
  browserClient ??= makeQueryClient();
  return browserClient;
}
