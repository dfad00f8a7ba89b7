import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it, vi } from "vitest";
import { API, server } from "@/test/msw-server";
import { searchBody } from "@/test/fixtures";
import { renderWithProviders } from "@/test/render";
import { ko } from "@/i18n/ko";
import { SymbolAutocomplete } from "@/features/stocks/components/symbol-autocomplete";
import { HoldingFormModal, type SymbolFieldProps } from "../components/holding-form-modal";
import { marketToday } from "../schemas";

// The app composes the modal with the stocks feature's autocomplete; the test does the same.
const symbolField = (p: SymbolFieldProps) => <SymbolAutocomplete id={p.id} label={p.label} value={p.value} onChange={p.onChange} onSelect={(s) => p.onChange(s.symbol)} invalid={p.invalid} />;

describe("Add-stock modal (PortfolioModal)", () => {
  it('shows "해당 종목은 관찰되지 않습니다." when the symbol search answers 429', async () => {
    server.use(
      http.get(`${API}/stocks/api/search/symbols/`, () => HttpResponse.json({ message: "Too many requests", code: "rate_limited", extra: {} }, { status: 429, headers: { "Retry-After": "60" } })),
    );
    const user = userEvent.setup();
    renderWithProviders(<HoldingFormModal open onClose={() => {}} renderSymbolField={symbolField} />);
    expect(screen.getByRole("dialog", { name: ko.portfolio.addStock })).toBeInTheDocument();
    await user.type(screen.getByRole("combobox", { name: ko.portfolio.symbol }), "QQQQ");
    await waitFor(() => expect(screen.getByText("해당 종목은 관찰되지 않습니다.")).toBeInTheDocument());
  });

  it("validates before sending and posts a valid holding", async () => {
    let posted: unknown = null;
    server.use(
      http.get(`${API}/stocks/api/search/symbols/`, () => HttpResponse.json(searchBody("AAP", [{ symbol: "AAPL", name: "Apple Inc", in_database: true }]))),
      http.post(`${API}/users/portfolio/`, async ({ request }) => {
        posted = await request.json();
        return HttpResponse.json({ id: 7, symbol: "AAPL", name: "Apple Inc.", quantity: 10, average_price: 150, notes: "", created_at: "2026-01-02T00:00:00Z", updated_at: "2026-01-02T00:00:00Z", collection: { started: false, stock_created: false, status_url: "/api/v1/users/portfolio/symbol/AAPL/status/" } }, { status: 201 });
      }),
    );
    const onClose = vi.fn();
    const onCreated = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<HoldingFormModal open onClose={onClose} onCreated={onCreated} renderSymbolField={symbolField} />);
    await user.click(screen.getByRole("button", { name: ko.common.save }));
    expect(screen.getByText(ko.common.required)).toBeInTheDocument();
    expect(screen.getAllByText(ko.common.positiveNumber)).toHaveLength(2);
    expect(posted).toBeNull();

    await user.type(screen.getByRole("combobox"), "AAP");
    await user.click(await screen.findByRole("option", { name: /AAPL/ }));
    await user.type(screen.getByLabelText(ko.portfolio.quantity), "10");
    await user.type(screen.getByLabelText(ko.portfolio.purchasePrice), "150");
    await user.click(screen.getByRole("button", { name: ko.common.save }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(posted).toEqual({ symbol: "AAPL", quantity: 10, average_price: 150, date: marketToday(), fee: 0 });
    expect(onCreated).toHaveBeenCalledWith(expect.objectContaining({ id: 7, quantity: 10, average_price: 150 }));
  });

  it("words the server's field errors from their codes, in Korean", async () => {
    server.use(
      http.post(`${API}/users/portfolio/`, () =>
        HttpResponse.json(
          { message: "symbol: AAPL is already in your portfolio; record a buy transaction to add shares.", code: "already_held", extra: { symbol: "AAPL", holding_id: 3, fields: { symbol: ["AAPL is already held."] }, field_codes: { symbol: ["already_held"] } } },
          { status: 409 },
        ),
      ),
    );
    const user = userEvent.setup();
    renderWithProviders(<HoldingFormModal open onClose={() => {}} />);
    await user.type(screen.getByLabelText(ko.portfolio.symbol), "AAPL");
    await user.type(screen.getByLabelText(ko.portfolio.quantity), "1");
    await user.type(screen.getByLabelText(ko.portfolio.purchasePrice), "1");
    await user.click(screen.getByRole("button", { name: ko.common.save }));
    expect(await screen.findByText("AAPL은(는) 이미 보유 중입니다. 수량을 늘리려면 매수 거래를 기록하세요.")).toBeInTheDocument();
    expect(screen.queryByText(/already/)).not.toBeInTheDocument();
  });

  it("opens a holding bought before today with its purchase date, price and fee", async () => {
    let posted: unknown = null;
    server.use(
      http.post(`${API}/users/portfolio/`, async ({ request }) => {
        posted = await request.json();
        return HttpResponse.json({ id: 8, symbol: "AAPL", name: "Apple Inc.", quantity: 10, average_price: 100, notes: "", created_at: "2026-01-02T00:00:00Z", updated_at: "2026-01-02T00:00:00Z", collection: { started: false, stock_created: false, status_url: "/api/v1/users/portfolio/symbol/AAPL/status/" } }, { status: 201 });
      }),
    );
    const onClose = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<HoldingFormModal open onClose={onClose} />);
    await user.type(screen.getByLabelText(ko.portfolio.symbol), "AAPL");
    await user.type(screen.getByLabelText(ko.portfolio.quantity), "10");
    await user.type(screen.getByLabelText(ko.portfolio.purchasePrice), "98");
    const date = screen.getByLabelText(ko.portfolio.purchaseDate);
    await user.clear(date);
    await user.type(date, "2999-01-01");
    const fee = screen.getByLabelText(ko.portfolio.purchaseFee);
    await user.clear(fee);
    await user.type(fee, "20");
    await user.click(screen.getByRole("button", { name: ko.common.save }));
    expect(screen.getByText("미래 날짜는 입력할 수 없습니다.")).toBeInTheDocument();
    expect(posted).toBeNull();

    await user.clear(date);
    await user.type(date, "2023-03-01");
    await user.click(screen.getByRole("button", { name: ko.common.save }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(posted).toEqual({ symbol: "AAPL", quantity: 10, average_price: 98, date: "2023-03-01", fee: 20 });
  });
});
