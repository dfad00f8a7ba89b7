import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { API, server } from "@/test/msw-server";
import { renderWithProviders } from "@/test/render";
import { ko } from "@/i18n/ko";
import { CashPanel } from "../components/cash-panel";

const CASH = `${API}/users/portfolio/cash/`;
const account = (balance: number) => ({ currency: "USD", balance, deposits: 100, withdrawals: 0, interest: 0, fees: 0, taxes: 0, trades_net: balance - 100, entries_net: 100, series: [], external_flows: [] });

describe("CashPanel", () => {
  it("shows a negative balance with why, and records a deposit", async () => {
    let balance = -150;
    const posted: unknown[] = [];
    server.use(
      http.get(CASH, () => HttpResponse.json(account(balance))),
      http.get(`${CASH}transactions/`, () => HttpResponse.json({ count: 0, next: null, previous: null, results: [] })),
      http.post(`${CASH}transactions/`, async ({ request }) => {
        posted.push(await request.json());
        balance = 50;
        return HttpResponse.json({ id: 1, type: "deposit", date: "2026-01-05", amount: 200, note: "", created_at: "2026-01-05T00:00:00Z" }, { status: 201 });
      }),
    );
    const user = userEvent.setup();
    renderWithProviders(<CashPanel />);
    expect(await screen.findByTestId("cash-balance")).toHaveTextContent("-US$150.00");
    expect(screen.getByText(ko.portfolio.cashNegative)).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: ko.portfolio.addCash }));
    expect(screen.getByText(ko.common.required)).toBeInTheDocument();
    expect(posted).toEqual([]);

    const date = screen.getByLabelText(ko.portfolio.date);
    await user.clear(date);
    await user.type(date, "2026-01-05");
    await user.type(screen.getByLabelText(ko.portfolio.amount), "200");
    await user.click(screen.getByRole("button", { name: ko.portfolio.addCash }));
    expect(await screen.findByText(ko.portfolio.cashSaved)).toBeInTheDocument();
    expect(posted).toEqual([{ type: "deposit", date: "2026-01-05", amount: 200 }]);
    await waitFor(() => expect(screen.getByTestId("cash-balance")).toHaveTextContent("US$50.00"));
    expect(screen.queryByText(ko.portfolio.cashNegative)).not.toBeInTheDocument();
  }, 20_000);
});
