"use client";
/**
 * Language and theme (client state). One store per provider so the server never shares state
 * between requests; the initial values come from cookies read by the root layout.
 */
import { createContext, useContext, useState, type ReactNode } from "react";
import { createStore, useStore, type StoreApi } from "zustand";
import type { Lang } from "@/i18n/format";

export type Theme = "light" | "dark" | "system";

export interface PreferencesState {
  lang: Lang;
  theme: Theme;
  setLang: (lang: Lang) => void;
  setTheme: (theme: Theme) => void;
}

const YEAR = 60 * 60 * 24 * 365;

function writeCookie(name: string, value: string) {
  document.cookie = `${name}=${value}; path=/; max-age=${YEAR}; samesite=lax`;
}

export function applyTheme(theme: Theme) {
  const dark = theme === "dark" || (theme === "system" && window.matchMedia("(prefers-color-scheme: dark)").matches);
  document.documentElement.classList.toggle("dark", dark);
}

export function createPreferencesStore(initial: { lang: Lang; theme: Theme }): StoreApi<PreferencesState> {
  return createStore<PreferencesState>()((set) => ({
    ...initial,
    setLang: (lang) => {
      writeCookie("lang", lang);
      document.documentElement.lang = lang;
      set({ lang });
    },
    setTheme: (theme) => {
      writeCookie("theme", theme);
      applyTheme(theme);
      set({ theme });
    },
  }));
}

const PreferencesContext = createContext<StoreApi<PreferencesState> | null>(null);

export function PreferencesProvider({ initial, children }: { initial: { lang: Lang; theme: Theme }; children: ReactNode }) {
  const [store] = useState(() => createPreferencesStore(initial));
  return <PreferencesContext.Provider value={store}>{children}</PreferencesContext.Provider>;
}

export function usePreferences<T>(selector: (s: PreferencesState) => T): T {
  const store = useContext(PreferencesContext);
  if (!store) throw new Error("usePreferences must be used inside PreferencesProvider");
  return useStore(store, selector);
}
