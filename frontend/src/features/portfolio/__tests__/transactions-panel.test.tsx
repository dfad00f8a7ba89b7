import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { beforeEach, describe, expect, it } from "vitest";
import { API, server } from "@/test/msw-server";
import { transactionBody } from "@/test/fixtures";
import { renderWithProviders } from "@/test/render";
import { ko } from "@/i18n/ko";
import { TransactionsPanel } from "../components/transactions-panel";

// The panel also lists the imported files.
beforeEach(() => server.use(http.get(`${API}/users/portfolio/transactions/import/`, () => HttpResponse.json([]))));

describe("TransactionsPanel", () => {
  it("lists transactions and reports the imported CSV rows", async () => {
    let uploaded = "";
    server.use(
      http.get(`${API}/users/portfolio/transactions/`, () =>
        HttpResponse.json({ count: 1, next: null, previous: null, results: [transactionBody] }),
      ),
      http.post(`${API}/users/portfolio/transactions/import/`, async ({ request }) => {
        uploaded = request.headers.get("content-type") ?? "";
        return HttpResponse.json({ import_id: 3, rows: 1, holdings_created: ["MSFT"] }, { status: 201 });
      }),
    );
    const user = userEvent.setup();
    renderWithProviders(<TransactionsPanel />);
    expect(await screen.findByRole("cell", { name: "AAPL" })).toBeInTheDocument();
    expect(screen.getByRole("cell", { name: ko.portfolio.txTypes.buy })).toBeInTheDocument();

    const csv = "date,symbol,type,quantity,price,fee\n2026-01-05,MSFT,buy,1,400,0\n";
    await user.upload(screen.getByLabelText(ko.portfolio.chooseFile), new File([csv], "tx.csv", { type: "text/csv" }));
    await user.click(screen.getByRole("button", { name: ko.portfolio.importCsv }));
    const report = await screen.findByTestId("import-report");
    expect(report).toHaveTextContent("가져온 행: 1");
    expect(report).toHaveTextContent("MSFT");
    expect(report).not.toHaveTextContent("거부된 행");
    expect(uploaded).toMatch(/^multipart\/form-data; boundary=/);
  });
});

describe("TransactionsPanel pages", () => {
  it("shows how many of the total are listed and fetches the next page on request", async () => {
    const offsets: string[] = [];
    server.use(
      http.get(`${API}/users/portfolio/transactions/`, ({ request }) => {
        const offset = new URL(request.url).searchParams.get("offset") ?? "";
        offsets.push(offset);
        const first = offset === "0";
        const item = { ...transactionBody, id: first ? 1 : 2, symbol: first ? "AAPL" : "MSFT" };
        return HttpResponse.json({ count: 101, next: first ? `${API}/users/portfolio/transactions/?limit=100&offset=100` : null, previous: null, results: [item] });
      }),
    );
    const user = userEvent.setup();
    renderWithProviders(<TransactionsPanel />);
    expect(await screen.findByText("101건 중 1건 표시")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: ko.portfolio.txMore }));
    expect(await screen.findByRole("cell", { name: "MSFT" })).toBeInTheDocument();
    expect(screen.getByText("101건 중 2건 표시")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: ko.portfolio.txMore })).not.toBeInTheDocument();
    expect(offsets).toEqual(["0", "100"]);
  });
});

describe("TransactionsPanel refused import", () => {
  it("lists every bad row from the error's extra.errors", async () => {
    server.use(
      http.get(`${API}/users/portfolio/transactions/`, () => HttpResponse.json({ count: 0, next: null, previous: null, results: [] })),
      http.post(`${API}/users/portfolio/transactions/import/`, () =>
        HttpResponse.json(
          {
            message: "3 problem(s) in 2 row(s) of the file; nothing was imported.",
            code: "invalid_rows",
            extra: {
              count: 3,
              lines: 2,
              errors: [
                { line: 2, field: "type", reason: "'gift' is not one of buy, sell, dividend, split.", code: "invalid_type", params: { value: "gift", allowed: "buy, sell, dividend, split" } },
                { line: 2, field: "price", reason: "'abc' is not a number.", code: "not_a_number", params: { value: "abc" } },
                { line: 4, field: "date", reason: "2099-01-01 is in the future.", code: "future_date", params: { date: "2099-01-01" } },
              ],
            },
          },
          { status: 400 },
        ),
      ),
    );
    const user = userEvent.setup();
    renderWithProviders(<TransactionsPanel />);
    expect(await screen.findByText(ko.portfolio.txEmpty)).toBeInTheDocument();
    await user.upload(screen.getByLabelText(ko.portfolio.chooseFile), new File(["x"], "tx.csv", { type: "text/csv" }));
    await user.click(screen.getByRole("button", { name: ko.portfolio.importCsv }));
    expect(await screen.findByText("파일의 2개 행에 문제가 있어 아무것도 가져오지 않았습니다.")).toBeInTheDocument();
    const report = screen.getByTestId("import-report");
    expect(report).toHaveTextContent("거부된 행: 2");
    expect(report).toHaveTextContent("'gift'은(는) 거래 유형이 아닙니다 (buy, sell, dividend, split 중 하나).");
    expect(report).toHaveTextContent("'abc'은(는) 숫자가 아닙니다.");
    expect(report).toHaveTextContent("미래 날짜는 입력할 수 없습니다.");
    expect(report).toHaveTextContent("가격");
    expect(report).not.toHaveTextContent("future");
  });
});
