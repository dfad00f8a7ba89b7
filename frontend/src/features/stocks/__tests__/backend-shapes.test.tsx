import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { afterEach, describe, expect, it, vi } from "vitest";
import { API, server } from "@/test/msw-server";
import { indicatorsBody, overviewBody, refreshStatusBody } from "@/test/fixtures";
import { renderWithProviders } from "@/test/render";
import { ko } from "@/i18n/ko";
import { useIndicators } from "../api/get-indicators";
import { SignalsPanel } from "../components/signals-panel";
import { StockHeader } from "../components/stock-header";

function Signals() {
  return <SignalsPanel query={useIndicators({ symbol: "AAPL", type: "daily", period: "1y" })} />;
}

describe("stock panels render the backend's shapes", () => {
  afterEach(() => vi.restoreAllMocks());

  it("labels simulated data and shows the price", async () => {
    server.use(
      http.get(`${API}/stocks/api/overview/AAPL/`, () => HttpResponse.json(overviewBody)),
      http.get(`${API}/stocks/api/refresh-status/`, () => HttpResponse.json(refreshStatusBody)),
    );
    renderWithProviders(<StockHeader symbol="AAPL" />);
    expect(await screen.findByText(ko.common.simulated)).toBeInTheDocument();
    expect(screen.getByText("190.50")).toBeInTheDocument();
    expect(screen.getByText("Apple Inc")).toBeInTheDocument();
    expect(screen.getByTestId("freshness")).toHaveTextContent(ko.common.nextUpdate);
  });

  it("renders rules with stance, explanation and track record", async () => {
    server.use(http.get(`${API}/stocks/api/indicators/AAPL/`, () => HttpResponse.json(indicatorsBody)));
    const user = userEvent.setup();
    renderWithProviders(<Signals />);
    expect(await screen.findByText("RSI는 55입니다.")).toBeInTheDocument();
    expect(screen.getByText("2개 신호의 평균은 +0.35입니다: 매수.")).toBeInTheDocument();
    expect(screen.getByText(ko.stock.stances.unavailable)).toBeInTheDocument();
    expect(screen.getByText("2026-11-20")).toBeInTheDocument();
    await user.click(screen.getAllByText(ko.stock.trackRecord)[0]!);
    expect(screen.getAllByRole("row")).toHaveLength(5);
    expect(screen.getAllByText("55.00%").length).toBeGreaterThan(0);
    expect(screen.getByText(ko.stock.signalRules.rsi)).toBeInTheDocument();
    expect(screen.getAllByRole("cell", { name: "20일" }).length).toBeGreaterThan(0);
    expect(screen.queryByRole("cell", { name: "20d" })).not.toBeInTheDocument();
  });

  it("shows the unexpected-shape error instead of an empty signals list for the legacy `items` shape", async () => {
    const { as_of, composite } = indicatorsBody.signals;
    server.use(http.get(`${API}/stocks/api/indicators/AAPL/`, () => HttpResponse.json({ ...indicatorsBody, signals: { as_of, composite, items: [{ indicator: "rsi", signal: "buy" }] } })));
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    renderWithProviders(<Signals />);
    expect(await screen.findByRole("alert")).toHaveTextContent(ko.common.schemaErrorTitle);
    expect(screen.queryByText(ko.stock.noSignals)).not.toBeInTheDocument();
    expect(screen.getByTestId("schema-error-field")).toHaveTextContent("signals.rules");
    expect(log).toHaveBeenCalledWith(expect.stringContaining("signals.rules"), expect.objectContaining({ path: "signals.rules" }));
  });
});
