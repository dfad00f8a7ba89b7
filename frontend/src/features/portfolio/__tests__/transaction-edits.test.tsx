import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { API, server } from "@/test/msw-server";
import { transactionBody } from "@/test/fixtures";
import { renderWithProviders } from "@/test/render";
import { ko } from "@/i18n/ko";
import { TransactionsPanel } from "../components/transactions-panel";

const TX = `${API}/users/portfolio/transactions/`;
const sale = { ...transactionBody, id: 2, type: "sell", date: "2026-02-02", quantity: 8, price: 170, fee: 0 };
const refused = {
  message: "quantity: AAPL: selling 8 on 2026-02-02 exceeds the 5 held on that date.",
  code: "insufficient_quantity",
  extra: { symbol: "AAPL", quantity: "8", date: "2026-02-02", held: "5", transaction_id: 2, fields: { quantity: ["AAPL: selling 8 on 2026-02-02 exceeds the 5 held on that date."] }, field_codes: { quantity: ["insufficient_quantity"] } },
};

function listing(imports: unknown[] = []) {
  server.use(
    http.get(TX, () => HttpResponse.json({ count: 2, next: null, previous: null, results: [sale, transactionBody] })),
    http.get(`${TX}import/`, () => HttpResponse.json(imports)),
  );
}

describe("Editing and deleting transactions", () => {
  it("sends the edited fields and words a ledger refusal in Korean, naming the later sale", async () => {
    listing();
    const patches: unknown[] = [];
    server.use(
      http.patch(`${TX}1/`, async ({ request }) => {
        patches.push(await request.json());
        return patches.length === 1 ? HttpResponse.json(refused, { status: 400 }) : HttpResponse.json({ ...transactionBody, quantity: 9 });
      }),
    );
    const user = userEvent.setup();
    renderWithProviders(<TransactionsPanel />);
    await user.click(await screen.findByRole("button", { name: "2026-01-02 AAPL 매수 수정" }, { timeout: 5000 }));
    const dialog = screen.getByRole("dialog", { name: `${ko.portfolio.editTransaction}: AAPL` });
    const quantity = within(dialog).getByLabelText(ko.portfolio.quantity);
    await user.clear(quantity);
    await user.type(quantity, "5");
    await user.click(within(dialog).getByRole("button", { name: ko.common.save }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("2026-02-02에 8주를 매도하면 그날 보유한 5주를 넘습니다.");
    expect(patches[0]).toEqual({ date: "2026-01-02", quantity: 5, price: 150.5, fee: 1 });

    await user.clear(quantity);
    await user.type(quantity, "9");
    await user.click(within(dialog).getByRole("button", { name: ko.common.save }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(patches[1]).toEqual({ date: "2026-01-02", quantity: 9, price: 150.5, fee: 1 });
  }, 20_000);

  it("deletes only after the confirm dialog, and shows a refusal inside it", async () => {
    listing();
    const deleted: string[] = [];
    server.use(
      http.delete(`${TX}:id/`, ({ params }) => {
        deleted.push(String(params.id));
        return params.id === "1" ? HttpResponse.json(refused, { status: 400 }) : new HttpResponse(null, { status: 204 });
      }),
    );
    const user = userEvent.setup();
    renderWithProviders(<TransactionsPanel />);
    await user.click(await screen.findByRole("button", { name: "2026-01-02 AAPL 매수 삭제" }, { timeout: 5000 }));
    const dialog = screen.getByRole("dialog", { name: ko.portfolio.deleteTransaction });
    expect(dialog).toHaveTextContent("2026-01-02 AAPL 매수 거래를 삭제할까요?");
    await user.click(within(dialog).getByRole("button", { name: ko.common.cancel }));
    expect(deleted).toEqual([]);

    await user.click(screen.getByRole("button", { name: "2026-01-02 AAPL 매수 삭제" }));
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: ko.common.delete }));
    expect(await within(screen.getByRole("dialog")).findByRole("alert")).toHaveTextContent("보유한 5주를 넘습니다");

    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: ko.common.cancel }));
    await user.click(screen.getByRole("button", { name: "2026-02-02 AAPL 매도 삭제" }));
    await user.click(within(screen.getByRole("dialog")).getByRole("button", { name: ko.common.delete }));
    expect(await screen.findByText(ko.portfolio.transactionDeleted)).toBeInTheDocument();
    expect(deleted).toEqual(["1", "2"]);
  }, 20_000);
});

describe("Undoing an import", () => {
  it("lists the imported files and undoes one after confirming", async () => {
    listing([{ id: 4, filename: "trades.csv", sha256: "ab".repeat(32), rows: 2, transactions: 2, created_at: "2026-03-01T10:00:00Z" }]);
    const undone: string[] = [];
    server.use(
      http.delete(`${TX}import/:id/`, ({ params }) => {
        undone.push(String(params.id));
        return HttpResponse.json({ holdings_removed: ["MSFT"] });
      }),
    );
    const user = userEvent.setup();
    renderWithProviders(<TransactionsPanel />);
    const row = (await screen.findByRole("cell", { name: "trades.csv" })).closest("tr") as HTMLElement;
    expect(within(row).getByRole("cell", { name: "2026-03-01" })).toBeInTheDocument();
    await user.click(within(row).getByRole("button", { name: "trades.csv 가져오기 취소" }));
    const dialog = screen.getByRole("dialog", { name: ko.portfolio.undoImport });
    expect(dialog).toHaveTextContent("trades.csv 가져오기를 취소할까요? 거래 2건을 지우고");
    await user.click(within(dialog).getByRole("button", { name: ko.portfolio.undoImport }));
    expect(await screen.findByText(ko.portfolio.importUndone)).toBeInTheDocument();
    expect(undone).toEqual(["4"]);
  });

  it("says so when there is nothing imported", async () => {
    listing([]);
    renderWithProviders(<TransactionsPanel />);
    expect(await screen.findByText(ko.portfolio.importsEmpty)).toBeInTheDocument();
  });
});
