import { screen } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it, vi } from "vitest";
import { API, server } from "@/test/msw-server";
import { collectionStatusBody } from "@/test/fixtures";
import { renderWithProviders } from "@/test/render";
import { ko } from "@/i18n/ko";
import { STATUS_POLL_MS, statusRefetchInterval } from "../api/get-symbol-status";
import { CollectionProgress } from "../components/collection-progress";

const status = collectionStatusBody;

describe("data-collection polling", () => {
  it("polls every 10 s while incomplete and stops once complete", () => {
    expect(STATUS_POLL_MS).toBe(10_000);
    expect(statusRefetchInterval(undefined)).toBe(10_000);
    expect(statusRefetchInterval(status(false))).toBe(10_000);
    expect(statusRefetchInterval(status(true))).toBe(false);
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
