import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { API, server } from "@/test/msw-server";
import { renderWithProviders } from "@/test/render";
import { ko } from "@/i18n/ko";
import { TransactionForm } from "../components/transaction-form";

describe("TransactionForm", () => {
  it("validates, posts a typed transaction and shows the server's field errors", async () => {
    const posted: unknown[] = [];
    server.use(
      http.post(`${API}/users/portfolio/transactions/`, async ({ request }) => {
        const body = (await request.json()) as { type: string };
        posted.push(body);
        if (body.type === "sell")
          return HttpResponse.json(
            {
              message: "quantity: AAPL: selling 50 on 2026-01-05 exceeds the 2 held on that date.",
              code: "insufficient_quantity",
              extra: { symbol: "AAPL", quantity: "50", date: "2026-01-05", held: "2", fields: { quantity: ["AAPL: selling 50 on 2026-01-05 exceeds the 2 held on that date."] }, field_codes: { quantity: ["insufficient_quantity"] } },
            },
            { status: 400 },
          );
        return HttpResponse.json({ id: 9, holding_id: 1, symbol: "AAPL", type: "buy", date: "2026-01-05", quantity: 2, ratio: null, price: 150, fee: 1, import_id: null, created_at: "2026-01-05T00:00:00Z" }, { status: 201 });
      }),
    );
    const user = userEvent.setup();
    renderWithProviders(<TransactionForm />);
    await user.click(screen.getByRole("button", { name: ko.portfolio.addTransaction }));
    expect(screen.getAllByText(ko.common.required).length).toBeGreaterThanOrEqual(2);
    expect(posted).toHaveLength(0);

    await user.clear(screen.getByLabelText(ko.portfolio.date));
    await user.type(screen.getByLabelText(ko.portfolio.date), "2026-01-05");
    await user.type(screen.getByLabelText(ko.portfolio.symbol), "aapl");
    await user.type(screen.getByLabelText(ko.portfolio.quantity), "2");
    await user.type(screen.getByLabelText(ko.portfolio.tradePrice), "150");
    await user.clear(screen.getByLabelText(ko.portfolio.fee));
    await user.type(screen.getByLabelText(ko.portfolio.fee), "1");
    await user.click(screen.getByRole("button", { name: ko.portfolio.addTransaction }));
    expect(await screen.findByText(ko.portfolio.transactionSaved)).toBeInTheDocument();
    expect(posted[0]).toEqual({ date: "2026-01-05", symbol: "AAPL", type: "buy", quantity: 2, price: 150, fee: 1 });

    await user.selectOptions(screen.getByLabelText(ko.portfolio.type), "sell");
    await user.type(screen.getByLabelText(ko.portfolio.quantity), "50");
    await user.type(screen.getByLabelText(ko.portfolio.tradePrice), "160");
    await user.click(screen.getByRole("button", { name: ko.portfolio.addTransaction }));
    await waitFor(() => expect(screen.getByText("2026-01-05에 50주를 매도하면 그날 보유한 2주를 넘습니다.")).toBeInTheDocument());
  });

  it("sends a split as its exact new:old ratio", async () => {
    const posted: unknown[] = [];
    server.use(
      http.post(`${API}/users/portfolio/transactions/`, async ({ request }) => {
        posted.push(await request.json());
        return HttpResponse.json({ id: 9, holding_id: 1, symbol: "AAPL", type: "split", date: "2026-01-05", quantity: 0.333333333333, ratio: "1:3", price: 0, fee: 0, import_id: null, created_at: "2026-01-05T00:00:00Z" }, { status: 201 });
      }),
    );
    const user = userEvent.setup();
    renderWithProviders(<TransactionForm />);
    await user.clear(screen.getByLabelText(ko.portfolio.date));
    await user.type(screen.getByLabelText(ko.portfolio.date), "2026-01-05");
    await user.type(screen.getByLabelText(ko.portfolio.symbol), "aapl");
    await user.selectOptions(screen.getByLabelText(ko.portfolio.type), "split");
    await user.type(screen.getByLabelText(ko.portfolio.splitRatio), "1:0");
    await user.type(screen.getByLabelText(ko.portfolio.tradePrice), "0");
    await user.click(screen.getByRole("button", { name: ko.portfolio.addTransaction }));
    expect(await screen.findByText(ko.common.positiveNumber)).toBeInTheDocument();
    expect(posted).toHaveLength(0);

    await user.clear(screen.getByLabelText(ko.portfolio.splitRatio));
    await user.type(screen.getByLabelText(ko.portfolio.splitRatio), "1:3");
    await user.click(screen.getByRole("button", { name: ko.portfolio.addTransaction }));
    expect(await screen.findByText(ko.portfolio.transactionSaved)).toBeInTheDocument();
    expect(posted[0]).toEqual({ date: "2026-01-05", symbol: "AAPL", type: "split", ratio: "1:3", price: 0, fee: 0 });
  });
});
