/** Auth tokens (client only). Persisted to localStorage; rehydrated after mount to avoid SSR mismatches. */
import { create } from "zustand";
import { createJSONStorage, persist } from "zustand/middleware";

export interface AuthState {
  access: string | null;
  refresh: string | null;
  username: string | null;
  hydrated: boolean;
  setTokens: (tokens: { access: string; refresh: string }, username?: string | null) => void;
  signOut: () => void;
  markHydrated: () => void;
}

export const useAuthStore = create<AuthState>()(
  persist(
    (set) => ({
      access: null,
      refresh: null,
      username: null,
      hydrated: false,
      setTokens: (tokens, username) =>
        set((s) => ({ access: tokens.access, refresh: tokens.refresh, username: username ?? s.username })),
      signOut: () => set({ access: null, refresh: null, username: null }),
      markHydrated: () => set({ hydrated: true }),
    }),
    {
      name: "stockvis-auth",
      storage: createJSONStorage(() => localStorage),
      partialize: (s) => ({ access: s.access, refresh: s.refresh, username: s.username }),
      skipHydration: true,
    },
  ),
);

export function useIsSignedIn(): boolean {
  return useAuthStore((s) => s.access !== null);
}
