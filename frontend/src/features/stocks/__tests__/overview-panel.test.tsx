import { screen } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { afterEach, describe, expect, it, vi } from "vitest";
import { API, server } from "@/test/msw-server";
import { overviewBody } from "@/test/fixtures";
import { renderWithProviders } from "@/test/render";
import { en } from "@/i18n/en";
import { ko } from "@/i18n/ko";
import { OverviewPanel } from "../components/overview-panel";

describe("OverviewPanel", () => {
  afterEach(() => vi.restoreAllMocks());

  it("renders the key metrics of a response in the contract's shape", async () => {
    server.use(http.get(`${API}/stocks/api/overview/AAPL/`, () => HttpResponse.json(overviewBody)));
    renderWithProviders(<OverviewPanel symbol="AAPL" />);
    expect(await screen.findByText(ko.stock.marketCap)).toBeInTheDocument();
    expect(screen.getByText("NASDAQ")).toBeInTheDocument();
    expect(screen.getByText("TECHNOLOGY")).toBeInTheDocument();
    expect(screen.getByText("0.44%")).toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it.each([
    ["ko", ko],
    ["en", en],
  ] as const)("names an unexpected response shape and the failing field, and logs it (%s)", async (lang, messages) => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    // The flat shape an older web app tolerated: company fields beside `symbol` instead of under `overview`.
    const { overview, ...meta } = overviewBody;
    server.use(http.get(`${API}/stocks/api/overview/AAPL/`, () => HttpResponse.json({ ...meta, ...overview })));
    renderWithProviders(<OverviewPanel symbol="AAPL" />, { lang });
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent(messages.common.schemaErrorTitle);
    expect(alert).toHaveTextContent(messages.common.schemaError);
    expect(screen.getByTestId("schema-error-field")).toHaveTextContent("overview (/api/v1/stocks/api/overview/AAPL/)");
    expect(screen.queryByText(messages.stock.marketCap)).not.toBeInTheDocument();
    expect(log).toHaveBeenCalledWith(expect.stringContaining("/api/v1/stocks/api/overview/AAPL/"), { url: "/api/v1/stocks/api/overview/AAPL/", path: "overview" });
  });

  it("names a nested field that has the wrong type", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    server.use(http.get(`${API}/stocks/api/overview/AAPL/`, () => HttpResponse.json({ ...overviewBody, overview: { ...overviewBody.overview, market_capitalization: "lots" } })));
    renderWithProviders(<OverviewPanel symbol="AAPL" />);
    expect(await screen.findByTestId("schema-error-field")).toHaveTextContent("overview.market_capitalization");
    expect(log).toHaveBeenCalledWith(expect.any(String), { url: "/api/v1/stocks/api/overview/AAPL/", path: "overview.market_capitalization" });
  });

  it("words an HTTP error from its code, not the server's English", async () => {
    server.use(
      http.get(`${API}/stocks/api/overview/ZZZZ/`, () => HttpResponse.json({ message: "No stock 'ZZZZ' is stored.", code: "stock_not_found", extra: { symbol: "ZZZZ" } }, { status: 404 })),
    );
    renderWithProviders(<OverviewPanel symbol="ZZZZ" />);
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("ZZZZ 종목의 데이터가 없습니다.");
    expect(alert).not.toHaveTextContent("is stored");
    expect(alert).not.toHaveTextContent(ko.common.schemaErrorTitle);
  });
});
