import { screen, within } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { API, server } from "@/test/msw-server";
import { collectionStatusBody, historyBody, holdingBody, summaryBody, summaryHoldingBody } from "@/test/fixtures";
import type { PricedHolding } from "../schemas";
import { renderWithProviders } from "@/test/render";
import { ko } from "@/i18n/ko";
import { DashboardView } from "../components/dashboard-view";
import { PortfolioStockCard } from "../components/portfolio-stock-card";

const nesn: PricedHolding = {
  ...summaryHoldingBody,
  id: 2, symbol: "NESN", name: "Nestle", currency: "CHF", market_value: 1100, base: null, weight: null,
};
const krwSummary = {
  ...summaryBody,
  currency: "KRW",
  holdings: [
    { ...summaryHoldingBody, base: { ...summaryHoldingBody.base, currency: "KRW", market_value: 2_375_000 } },
    nesn,
  ],
  totals: { ...summaryBody.totals, market_value: 2_375_000, cost: 2_000_000, partial_reason: "fx_missing" },
  unconverted_symbols: ["NESN"],
  fx_missing: [{ currency: "CHF", date: "2023-12-20", until: "2023-12-20", days: 1 }],
};

describe("DashboardView in a base currency", () => {
  it("shows the totals in the base currency, says which holding lacks a rate and lists the labelled returns", async () => {
    server.use(
      http.get(`${API}/users/portfolio/summary/`, () => HttpResponse.json(krwSummary)),
      http.get(`${API}/users/portfolio/history/`, () => HttpResponse.json(historyBody)),
    );
    renderWithProviders(<DashboardView />);
    expect(await screen.findByTestId("base-currency")).toHaveTextContent(`${ko.dashboard.baseCurrency}: KRW`);
    expect(screen.getByTestId("summary")).toHaveTextContent(/₩\s?2,375,000/);
    const notice = screen.getByTestId("fx-missing");
    expect(notice).toHaveTextContent(`${ko.dashboard.fxMissing}: NESN`);
    expect(notice).toHaveTextContent("CHF 2023-12-20");
    const returns = screen.getByTestId("returns");
    expect(within(returns).getByText(ko.dashboard.roai).parentElement).toHaveTextContent("+7.03%");
    expect(within(returns).getByText(ko.dashboard.roai).parentElement).toHaveTextContent(`${ko.dashboard.beforeFees} +7.71%`);
    const periods = screen.getByTestId("period-pl");
    for (const label of Object.values(ko.dashboard.periods)) expect(periods).toHaveTextContent(label);
  });
});

describe("PortfolioStockCard currencies", () => {
  it("shows the holding's trading currency and its value in the base currency, or that the rate is missing", () => {
    server.use(http.get(`${API}/users/portfolio/symbol/NESN/status/`, () => HttpResponse.json({ ...collectionStatusBody(true), symbol: "NESN" })));
    const chf: PricedHolding = { ...nesn, base: { ...summaryHoldingBody.base, currency: "KRW", market_value: 1_650_000 } };
    const { unmount } = renderWithProviders(<PortfolioStockCard holding={{ ...holdingBody, id: 2, symbol: "NESN" }} priced={chf} onEdit={() => {}} onDelete={() => {}} />);
    expect(screen.getByTestId("holding-currency")).toHaveTextContent("CHF");
    expect(screen.getByText(/CHF\s?1,100/)).toBeInTheDocument();
    expect(screen.getByTestId("holding-base-value")).toHaveTextContent(/₩\s?1,650,000/);
    unmount();
    renderWithProviders(<PortfolioStockCard holding={{ ...holdingBody, id: 2, symbol: "NESN" }} priced={nesn} onEdit={() => {}} onDelete={() => {}} />);
    expect(screen.getByTestId("holding-base-value")).toHaveTextContent(ko.portfolio.noRate);
  });
});
