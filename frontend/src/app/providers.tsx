"use client";
/** Client providers: TanStack Query, preferences store, and auth rehydration from localStorage. */
import { QueryClientProvider } from "@tanstack/react-query";
import { useEffect, type ReactNode } from "react";
import { getQueryClient } from "@/lib/query-client";
import { useAuthStore } from "@/stores/auth-store";
import { PreferencesProvider, applyTheme, usePreferences, type Theme } from "@/stores/preferences-store";
import type { Lang } from "@/i18n/format";

function AuthHydrator() {
  useEffect(() => {
    void Promise.resolve(useAuthStore.persist.rehydrate()).then(() => useAuthStore.getState().markHydrated());
  }, []);
  return null;
}

/** Keeps the `dark` class in sync with the theme preference and, for "system", with the OS setting. */
function ThemeSync() {
  const theme = usePreferences((s) => s.theme);
  useEffect(() => {
    applyTheme(theme);
    if (theme !== "system") return;
    const mq = window.matchMedia("(prefers-color-scheme: dark)");
    const onChange = () => applyTheme("system");
    mq.addEventListener("change", onChange);
    return () => mq.removeEventListener("change", onChange);
  }, [theme]);
  return null;
}

export function Providers({ children, lang, theme }: { children: ReactNode; lang: Lang; theme: Theme }) {
  const queryClient = getQueryClient();
  return (
    <QueryClientProvider client={queryClient}>
      <PreferencesProvider initial={{ lang, theme }}>
        <AuthHydrator />
        <ThemeSync />
        {children}
      </PreferencesProvider>
    </QueryClientProvider>
  );
}
