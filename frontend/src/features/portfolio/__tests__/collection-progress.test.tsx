import { screen } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it, vi } from "vitest";
import { API, server } from "@/test/msw-server";
import { renderWithProviders } from "@/test/render";
import { ko } from "@/i18n/ko";
import { STATUS_POLL_MS, statusRefetchInterval } from "../api/get-symbol-status";
import { CollectionProgress } from "../components/collection-progress";

const step = (state: string) => ({ state, reason: state === "waiting_for_quota" ? "Daily quota used" : null, updated_at: null });
const status = (complete: boolean) => ({
  symbol: "AAPL",
  stock_exists: true,
  has_overview: true,
  has_prices: complete,
  has_financial: complete,
  is_complete: complete,
  details: { daily_prices: complete ? 730 : 0, weekly_prices: 0, balance_sheets: 0, income_statements: 0, cash_flows: 0 },
  steps: { overview: step("done"), daily: step(complete ? "done" : "running"), weekly: step(complete ? "done" : "pending"), financials: step(complete ? "done" : "waiting_for_quota") },
});

describe("data-collection polling", () => {
  it("polls every 10 s while incomplete and stops once complete", () => {
    expect(STATUS_POLL_MS).toBe(10_000);
    expect(statusRefetchInterval(undefined)).toBe(10_000);
    expect(statusRefetchInterval({ ...status(false) } as never)).toBe(10_000);
    expect(statusRefetchInterval({ ...status(true) } as never)).toBe(false);
  });

  it("stops requesting the status endpoint after is_complete", async () => {
    let calls = 0;
    server.use(
      http.get(`${API}/users/portfolio/symbol/AAPL/status/`, () => {
        calls += 1;
        return HttpResponse.json(status(calls >= 3));
      }),
    );
    const onComplete = vi.fn();
    // Same hook and options as production, with a short interval so the test runs fast.
    renderWithProviders(<CollectionProgress symbol="AAPL" onComplete={onComplete} intervalMs={40} />);
    expect(await screen.findByText(new RegExp(ko.portfolio.collecting))).toBeInTheDocument();
    expect(screen.getByText(`${ko.portfolio.steps.financials}: ${ko.portfolio.states.waiting_for_quota}`)).toBeInTheDocument();
    expect(await screen.findByText(ko.portfolio.collected, {}, { timeout: 2000 })).toBeInTheDocument();
    expect(onComplete).toHaveBeenCalledTimes(1);
    const atComplete = calls;
    await new Promise((r) => setTimeout(r, 300));
    expect(calls).toBe(atComplete);
    expect(atComplete).toBe(3);
  });
});
