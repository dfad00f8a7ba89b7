import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, type RenderOptions } from "@testing-library/react";
import type { ReactElement, ReactNode } from "react";
import { PreferencesProvider } from "@/stores/preferences-store";
import type { Lang } from "@/i18n/format";

export function makeTestQueryClient() {
  return new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity }, mutations: { retry: false } } });
}

export function renderWithProviders(ui: ReactElement, { lang = "ko", client = makeTestQueryClient(), ...options }: { lang?: Lang; client?: QueryClient } & RenderOptions = {}) {
  const Wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>
      <PreferencesProvider initial={{ lang, theme: "light" }}>{children}</PreferencesProvider>
    </QueryClientProvider>
  );
  return { client, ...render(ui, { wrapper: Wrapper, ...options }) };
}
