import { screen, waitFor } from "@testing-library/react";
import { http, HttpResponse } from "msw";
import { describe, expect, it, vi } from "vitest";
import { API, server } from "@/test/msw-server";
import { collectionStatusBody, etfStatusBody, QUOTA_RETRY_AT } from "@/test/fixtures";
import { formatDateTime } from "@/i18n/format";
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
    expect(statusRefetchInterval({ ...status(false), collecting: false, collection_state: "failed" })).toBe(false);
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

  it("names the step waiting for quota and until when, and counts applicable steps only", async () => {
    server.use(http.get(`${API}/users/portfolio/symbol/AAPL/status/`, () => HttpResponse.json(status(false))));
    renderWithProviders(<CollectionProgress symbol="AAPL" intervalMs={60_000} />);
    expect(await screen.findByText(`${ko.portfolio.collecting} (1/4)`)).toBeInTheDocument();
    expect(screen.getByTestId("collection-waiting")).toHaveTextContent(
      `${ko.portfolio.steps.financials}: API 호출 한도로 대기 중 (${formatDateTime("ko", QUOTA_RETRY_AT)}에 다시 시도)`,
    );
  });

  it("shows an ETF whose statements do not apply as collected, not 4/5 forever (issue 16)", async () => {
    server.use(http.get(`${API}/users/portfolio/symbol/SPY/status/`, () => HttpResponse.json(etfStatusBody())));
    renderWithProviders(<CollectionProgress symbol="SPY" intervalMs={60_000} />);
    expect(await screen.findByTestId("collection-complete")).toHaveTextContent(ko.portfolio.collected);
    expect(screen.queryByTestId("collection-progress")).not.toBeInTheDocument();
  });

  it("shows no progress for a stored symbol nobody is collecting", async () => {
    let calls = 0;
    server.use(
      http.get(`${API}/users/portfolio/symbol/AAPL/status/`, () => {
        calls += 1;
        return HttpResponse.json({ ...status(false), collecting: false, collection_state: "idle", steps: {}, steps_done: 0, steps_total: 0, waiting_for_quota: null });
      }),
    );
    renderWithProviders(<CollectionProgress symbol="AAPL" intervalMs={40} />);
    await waitFor(() => expect(calls).toBe(1));
    await new Promise((r) => setTimeout(r, 200));
    expect(screen.queryByTestId("collection-progress")).not.toBeInTheDocument();
    expect(calls).toBe(1); // and stops asking
  });
});
