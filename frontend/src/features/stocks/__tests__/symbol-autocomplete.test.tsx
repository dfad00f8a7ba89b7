import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { API, server } from "@/test/msw-server";
import { searchBody } from "@/test/fixtures";
import { renderWithProviders } from "@/test/render";
import { ko } from "@/i18n/ko";
import { SEARCH_DEBOUNCE_MS, SymbolAutocomplete } from "../components/symbol-autocomplete";

function Harness({ onSelect = () => {} }: { onSelect?: (s: string) => void }) {
  const [value, setValue] = useState("");
  return <SymbolAutocomplete label="종목" value={value} onChange={setValue} onSelect={(m) => onSelect(m.symbol)} />;
}

describe("SymbolAutocomplete", () => {
  it("debounces the search by 300 ms: one request for a burst of keystrokes", async () => {
    const seen: string[] = [];
    server.use(
      http.get(`${API}/stocks/api/search/symbols/`, ({ request }) => {
        seen.push(new URL(request.url).searchParams.get("keywords") ?? "");
        return HttpResponse.json(searchBody("AAP", [{ symbol: "AAPL", name: "Apple Inc", in_database: true }]));
      }),
    );
    expect(SEARCH_DEBOUNCE_MS).toBe(300);
    const user = userEvent.setup();
    renderWithProviders(<Harness />);
    const start = Date.now();
    await user.type(screen.getByRole("combobox"), "AAPL");
    // Typing took well under 300 ms, so nothing has been sent yet.
    await new Promise((r) => setTimeout(r, 150));
    expect(seen).toEqual([]);
    expect(await screen.findByRole("option", { name: /AAPL/ })).toBeInTheDocument();
    expect(Date.now() - start).toBeGreaterThanOrEqual(300);
    expect(seen).toEqual(["AAPL"]);
  });

  it("selects with the keyboard", async () => {
    server.use(http.get(`${API}/stocks/api/search/symbols/`, () => HttpResponse.json(searchBody("MS", [{ symbol: "MSFT", name: "Microsoft", in_database: false }]))));
    const onSelect = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<Harness onSelect={onSelect} />);
    await user.type(screen.getByRole("combobox"), "MS");
    await screen.findByRole("option", { name: /MSFT/ });
    await user.keyboard("{ArrowDown}{Enter}");
    expect(onSelect).toHaveBeenCalledWith("MSFT");
  });

  it("shows the not-tracked message on HTTP 429", async () => {
    server.use(
      http.get(`${API}/stocks/api/search/symbols/`, () =>
        HttpResponse.json({ message: "Rate limited", code: "rate_limited", extra: {} }, { status: 429, headers: { "Retry-After": "30" } }),
      ),
    );
    const user = userEvent.setup();
    renderWithProviders(<Harness />);
    await user.type(screen.getByRole("combobox"), "XYZ");
    await waitFor(() => expect(screen.getByRole("alert")).toHaveTextContent(ko.search.rateLimited));
  });

  it("says it is looking a query up, polls, then shows what the provider found", async () => {
    let calls = 0;
    server.use(
      http.get(`${API}/stocks/api/search/symbols/`, () => {
        calls += 1;
        return HttpResponse.json(
          calls === 1
            ? searchBody("Zebra Technologies", [], { state: "pending", code: "symbol_lookup_pending", retry_after_seconds: 1 })
            : searchBody("Zebra Technologies", [{ symbol: "ZBRA", name: "Zebra Technologies Corp", in_database: false }], { state: "done", code: "", retry_after_seconds: null }),
        );
      }),
    );
    const user = userEvent.setup();
    renderWithProviders(<Harness />);
    await user.type(screen.getByRole("combobox"), "Zebra Technologies");
    expect(await screen.findByTestId("search-looking-up")).toHaveTextContent(ko.search.lookingUp);
    expect(await screen.findByRole("option", { name: /ZBRA/ }, { timeout: 3000 })).toBeInTheDocument();
    expect(calls).toBe(2);
    expect(screen.queryByTestId("search-looking-up")).not.toBeInTheDocument();
  });

  it("shows a spent anonymous lookup budget as a Korean sentence, not the server's English", async () => {
    server.use(
      http.get(`${API}/stocks/api/search/symbols/`, () =>
        HttpResponse.json(searchBody("QZXW", [], { state: "limited", code: "lookup_limit_anonymous", retry_after_seconds: 120 })),
      ),
    );
    const user = userEvent.setup();
    renderWithProviders(<Harness />);
    await user.type(screen.getByRole("combobox"), "QZXW");
    const note = await screen.findByText(/로그인/);
    expect(note).toHaveTextContent("120초");
  });

  it("shows the Korean name next to a Korean search's match", async () => {
    server.use(
      http.get(`${API}/stocks/api/search/symbols/`, () =>
        HttpResponse.json(searchBody("애플", [{ symbol: "AAPL", name: "Apple Inc", in_database: true, korean_name: "애플" }])),
      ),
    );
    const user = userEvent.setup();
    renderWithProviders(<Harness />);
    await user.type(screen.getByRole("combobox"), "애플");
    expect(await screen.findByRole("option", { name: /AAPL 애플 · Apple Inc/ })).toBeInTheDocument();
  });
});
