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
});
