import { act, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it, vi } from "vitest";
import { API, server } from "@/test/msw-server";
import { collectionStatusBody, watchlistEntryBody } from "@/test/fixtures";
import { renderWithProviders } from "@/test/render";
import { useAuthStore } from "@/stores/auth-store";
import { en } from "@/i18n/en";
import { ko } from "@/i18n/ko";
import { UnknownSymbolBody } from "../stocks/[symbol]/unknown-symbol-body";

const refresh = vi.fn();
vi.mock("next/navigation", () => ({ useRouter: () => ({ push: vi.fn(), replace: vi.fn(), refresh }) }));

const validate = (symbol: string, status: "provider" | "invalid", name = "") =>
  http.get(`${API}/stocks/api/search/validate/${symbol}/`, () =>
    HttpResponse.json({ symbol, valid: status !== "invalid", status, name, reason: "", code: status === "invalid" ? "unknown_symbol" : "", retry_after_seconds: null }),
  );

describe("unknown symbol page", () => {
  it("says plainly that there is no such symbol when the provider does not know it, with no chart or live badge", async () => {
    server.use(validate("ZZZZQ", "invalid"));
    renderWithProviders(<UnknownSymbolBody symbol="ZZZZQ" />);
    expect(await screen.findByText("ZZZZQ이라는 종목을 찾을 수 없습니다. 심볼을 확인하세요.")).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("ZZZZQ: 데이터 없음");
    expect(screen.queryByRole("button", { name: ko.unknownSymbol.collect })).not.toBeInTheDocument();
    expect(screen.queryByText(ko.stock.live.open)).not.toBeInTheDocument();
    expect(screen.queryByRole("group", { name: ko.stock.period })).not.toBeInTheDocument();
    expect(screen.queryAllByRole("alert")).toHaveLength(0);
  });

  it("offers sign-in to collect a symbol the provider knows", async () => {
    act(() => useAuthStore.setState({ access: null, refresh: null, username: null, hydrated: true }));
    server.use(validate("NEWCO", "provider", "New Company Inc."));
    renderWithProviders(<UnknownSymbolBody symbol="NEWCO" />, { lang: "en" });
    expect(await screen.findByText(/The market-data provider lists NEWCO \(New Company Inc\.\)/)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: en.unknownSymbol.signInToCollect })).toHaveAttribute("href", "/signin?next=%2Fstocks%2FNEWCO");
  });

  it("collects it for a signed-in user: watches it, shows progress and refreshes the page when done", async () => {
    act(() => useAuthStore.setState({ access: "a", refresh: "r", username: "kim", hydrated: true }));
    const watched: unknown[] = [];
    server.use(
      validate("NEWCO", "provider", "New Company Inc."),
      http.post(`${API}/users/watchlist/`, async ({ request }) => {
        watched.push(await request.json());
        return HttpResponse.json({ ...watchlistEntryBody, symbol: "NEWCO" }, { status: 201 });
      }),
      http.get(`${API}/users/portfolio/symbol/NEWCO/status/`, () => HttpResponse.json({ ...collectionStatusBody(true), symbol: "NEWCO" })),
    );
    const user = userEvent.setup();
    renderWithProviders(<UnknownSymbolBody symbol="NEWCO" />);
    await user.click(await screen.findByRole("button", { name: ko.unknownSymbol.collect }));
    expect(watched).toEqual([{ symbol: "NEWCO" }]);
    expect(await screen.findByText(ko.unknownSymbol.collecting)).toBeInTheDocument();
    await waitFor(() => expect(refresh).toHaveBeenCalled());
  });

  it("says it is looking the symbol up, then offers collection once the provider knows it", async () => {
    let calls = 0;
    server.use(
      http.get(`${API}/stocks/api/search/validate/NEWCO/`, () => {
        calls += 1;
        return HttpResponse.json(
          calls === 1
            ? { symbol: "NEWCO", valid: false, status: "looking_up", name: "", reason: "being looked up", code: "symbol_lookup_pending", retry_after_seconds: 1 }
            : { symbol: "NEWCO", valid: true, status: "provider", name: "New Company Inc.", reason: "", code: "", retry_after_seconds: null },
        );
      }),
    );
    renderWithProviders(<UnknownSymbolBody symbol="NEWCO" />);
    expect(await screen.findByTestId("unknown-symbol-looking-up")).toHaveTextContent("시세 제공처에서 NEWCO을(를) 찾는 중…");
    expect(await screen.findByText(/시세 제공처에 NEWCO \(New Company Inc\.\) 종목이 있지만/, {}, { timeout: 3000 })).toBeInTheDocument();
    expect(calls).toBe(2);
  });
});
