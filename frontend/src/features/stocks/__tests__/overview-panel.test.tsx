import { screen } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { API, server } from "@/test/msw-server";
import { renderWithProviders } from "@/test/render";
import { ko } from "@/i18n/ko";
import { OverviewPanel } from "../components/overview-panel";

const overview = {
  symbol: "AAPL", name: "Apple Inc", exchange: "NASDAQ", currency: "USD", sector: "Technology", industry: "Consumer Electronics",
  description: "Apple designs phones.", market_cap: 3.1e12, pe_ratio: 31.2, eps: 6.1, dividend_yield: 0.0045, beta: 1.2,
  week_52_high: 199.6, week_52_low: 164.1, price: 190.5, change: 1.2, change_percent: 0.63, volume: 51234567,
  latest_trading_day: "2026-11-26", source: "simulated", as_of: "2026-11-26T21:00:00Z", extra_metric: 42,
};

describe("OverviewPanel", () => {
  it("renders key metrics and tolerates extra keys", async () => {
    server.use(http.get(`${API}/stocks/api/overview/AAPL/`, () => HttpResponse.json(overview)));
    renderWithProviders(<OverviewPanel symbol="AAPL" />);
    expect(await screen.findByText(ko.stock.marketCap)).toBeInTheDocument();
    expect(screen.getByText("NASDAQ")).toBeInTheDocument();
    expect(screen.getByText("Technology")).toBeInTheDocument();
  });

  it("shows the error state, not a broken page, when the response does not match the schema", async () => {
    server.use(http.get(`${API}/stocks/api/overview/AAPL/`, () => HttpResponse.json({ ...overview, symbol: 123, market_cap: "lots" })));
    renderWithProviders(<OverviewPanel symbol="AAPL" />);
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent(ko.common.schemaError);
    expect(screen.queryByText(ko.stock.marketCap)).not.toBeInTheDocument();
  });

  it("shows the API's own message for an HTTP error", async () => {
    server.use(
      http.get(`${API}/stocks/api/overview/ZZZZ/`, () => HttpResponse.json({ message: "Unknown symbol ZZZZ", code: "not_found", extra: {} }, { status: 404 })),
    );
    renderWithProviders(<OverviewPanel symbol="ZZZZ" />);
    expect(await screen.findByRole("alert")).toHaveTextContent("Unknown symbol ZZZZ");
  });
});
