import { act, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { renderWithProviders } from "@/test/render";
import { useAuthStore } from "@/stores/auth-store";
import { ko } from "@/i18n/ko";
import { en } from "@/i18n/en";
import { Header } from "../_components/header";

vi.mock("next/navigation", () => ({ usePathname: () => "/", useRouter: () => ({ push: vi.fn(), replace: vi.fn() }) }));

describe("Header", () => {
  it("shows sign-in and sign-up when signed out", () => {
    act(() => useAuthStore.setState({ hydrated: true }));
    renderWithProviders(<Header />);
    expect(screen.getByRole("link", { name: ko.nav.signIn })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: ko.nav.signUp })).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: ko.nav.portfolio })).not.toBeInTheDocument();
  });

  it("shows the signed-in navigation and sign out when a token is present", () => {
    act(() => useAuthStore.setState({ access: "a", refresh: "r", username: "kim", hydrated: true }));
    renderWithProviders(<Header />);
    for (const name of [ko.nav.dashboard, ko.nav.portfolio, ko.nav.watchlist, ko.nav.alerts, ko.nav.mypage]) {
      expect(screen.getByRole("link", { name })).toBeInTheDocument();
    }
    expect(screen.getByRole("button", { name: ko.nav.signOut })).toBeInTheDocument();
    expect(screen.queryByRole("link", { name: ko.nav.signIn })).not.toBeInTheDocument();
  });

  it("switches the language from the header", async () => {
    renderWithProviders(<Header />);
    await act(async () => screen.getByRole("button", { name: /언어/ }).click());
    expect(screen.getByRole("link", { name: en.nav.signIn })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe("en");
    expect(document.cookie).toContain("lang=en");
  });
});
