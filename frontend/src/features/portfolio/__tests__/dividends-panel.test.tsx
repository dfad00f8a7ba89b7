import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { API, server } from "@/test/msw-server";
import { renderWithProviders } from "@/test/render";
import { ko } from "@/i18n/ko";
import { DividendsPanel } from "../components/dividends-panel";

const report = (on: boolean) => ({
  currency: "USD", book_dividends: on, total_received: on ? 4.7 : 0, booked_records: on ? 2 : 0,
  by_year: on ? [{ year: 2023, received: 2.3 }, { year: 2024, received: 2.4 }] : [],
  by_symbol: [{ symbol: "AAPL", received: on ? 4.7 : 0, last_365_days: on ? 2.4 : 0, cost: 1000, yield_on_cost: on ? 0.24 : 0 }],
  upcoming: [{ symbol: "AAPL", ex_date: "2024-08-09", amount_per_share: 0.25, quantity: 10, expected: 2.5 }],
  yield_on_cost_method: "dividends received in the last 365 days / cost basis of the shares held now x 100",
});

describe("DividendsPanel", () => {
  it("shows received, yield on cost and upcoming, and switches booking off", async () => {
    let on = true;
    const patched: unknown[] = [];
    server.use(
      http.get(`${API}/users/portfolio/dividends/`, () => HttpResponse.json(report(on))),
      http.patch(`${API}/users/portfolio/settings/`, async ({ request }) => {
        patched.push(await request.json());
        on = false;
        return HttpResponse.json({ book_dividends: false });
      }),
    );
    const user = userEvent.setup();
    renderWithProviders(<DividendsPanel />);
    expect(await screen.findByTestId("dividends-total")).toHaveTextContent("US$4.70");
    expect(screen.getByRole("cell", { name: "2023" })).toBeInTheDocument();
    expect(screen.getByRole("cell", { name: "0.24%" })).toBeInTheDocument();
    expect(screen.getByRole("cell", { name: "2024-08-09" })).toBeInTheDocument();
    expect(screen.getByRole("cell", { name: "US$2.50" })).toBeInTheDocument();
    const box = screen.getByRole("checkbox", { name: ko.portfolio.bookDividends });
    expect(box).toBeChecked();
    await user.click(box);
    await waitFor(() => expect(screen.getByTestId("dividends-total")).toHaveTextContent("US$0.00"));
    expect(box).not.toBeChecked();
    expect(patched).toEqual([{ book_dividends: false }]);
  }, 20_000);
});
