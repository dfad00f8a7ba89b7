import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { API, server } from "@/test/msw-server";
import { renderWithProviders } from "@/test/render";
import { en } from "@/i18n/en";
import { ko } from "@/i18n/ko";
import OptimisationPanel, { optimisationBody } from "../components/optimisation-panel";
import { frontierScale } from "../components/frontier-chart";
import type { OptimisationResult } from "../schemas";

const point = (expected_return: number, volatility: number) => ({ expected_return, volatility, sharpe: (expected_return - 0.02) / volatility });

const result: OptimisationResult = {
  method: "max_sharpe",
  symbols: ["AAPL", "MSFT"],
  start: "2024-01-02",
  end: "2026-01-02",
  bars: 505,
  risk_free_rate: 0.02,
  min_weight: 0,
  max_weight: 0.7,
  positions: [
    { symbol: "AAPL", weight: 0.7, current_weight: 0.4, last_price: 200, current_shares: 10, target_shares: 17, trade_shares: 7 },
    { symbol: "MSFT", weight: 0.3, current_weight: 0.6, last_price: 300, current_shares: 10, target_shares: 5, trade_shares: -5 },
  ],
  performance: point(0.18, 0.2),
  current: point(0.12, 0.22),
  equal_weight: point(0.14, 0.21),
  min_volatility: point(0.1, 0.15),
  max_return: 0.22,
  frontier: [point(0.1, 0.15), point(0.14, 0.17), point(0.18, 0.2), point(0.22, 0.26)],
  portfolio_value: 5000,
  trade_leftover: 100,
  allocation: { cash: 1000, shares: { AAPL: 3, MSFT: 1 }, leftover: 100 },
  out_of_sample: {
    train_days: 504,
    hold_days: 63,
    periods: 12,
    start: "2023-01-03",
    end: "2026-01-02",
    fallback_periods: 0,
    strategies: [
      { name: "optimised", annual_return: 0.08, volatility: 0.2, sharpe: 0.3, max_drawdown: -0.25, total_return: 0.26 },
      { name: "current", annual_return: 0.1, volatility: 0.22, sharpe: 0.36, max_drawdown: -0.3, total_return: 0.33 },
      { name: "equal_weight", annual_return: 0.09, volatility: 0.21, sharpe: 0.33, max_drawdown: -0.28, total_return: 0.3 },
    ],
  },
};

describe("OptimisationPanel", () => {
  it("sends the method and limits, draws the frontier with both portfolios and lists weights, trades and the out-of-sample record", async () => {
    let sent: unknown = null;
    server.use(
      http.post(`${API}/users/portfolio/optimise/`, async ({ request }) => {
        sent = await request.json();
        return HttpResponse.json(result);
      }),
    );
    const user = userEvent.setup();
    renderWithProviders(<OptimisationPanel />);
    await user.type(screen.getByLabelText(ko.optimise.maxWeight), "70");
    await user.type(screen.getByLabelText(ko.optimise.cash), "1000");
    await user.click(screen.getByRole("button", { name: ko.optimise.run }));

    const chart = await screen.findByRole("img", { name: /효율적 투자선: 변동성 15\.00%–26\.00%, 수익률 10\.00%–22\.00%/ });
    expect(sent).toEqual({ method: "max_sharpe", max_weight: 0.7, cash: 1000 });
    // The optimal portfolio sits on the frontier's third point; the current one lies below and to the right of it.
    const line = within(chart).getByTestId("frontier-line").getAttribute("points")?.split(" ") ?? [];
    const optimal = within(chart).getByTestId("marker-optimal");
    expect(`${Number(optimal.getAttribute("cx")).toFixed(1)},${Number(optimal.getAttribute("cy")).toFixed(1)}`).toBe(line[2]);
    const current = within(chart).getByTestId("marker-current");
    expect(Number(current.getAttribute("cx"))).toBeGreaterThan(Number(optimal.getAttribute("cx")));
    expect(Number(current.getAttribute("cy"))).toBeGreaterThan(Number(optimal.getAttribute("cy")));

    const targets = screen.getByRole("table", { name: ko.optimise.targets });
    const aapl = within(targets).getByRole("row", { name: /AAPL/ });
    expect(aapl).toHaveTextContent("40.00%");
    expect(aapl).toHaveTextContent("70.00%");
    expect(aapl).toHaveTextContent(`${ko.optimise.buy} 7`);
    expect(within(targets).getByRole("row", { name: /MSFT/ })).toHaveTextContent(`${ko.optimise.sell} 5`);
    expect(screen.getByRole("list", { name: ko.optimise.shares })).toHaveTextContent("AAPL 3");

    const record = screen.getByRole("table", { name: ko.optimise.outOfSample });
    const optimised = within(record).getByRole("row", { name: new RegExp(ko.optimise.strategies.optimised.replace(/[()]/g, "\\$&")) });
    expect(optimised).toHaveTextContent("+8.00%");
    expect(optimised).toHaveTextContent("-25.00%");
    expect(within(record).getByRole("row", { name: new RegExp(ko.optimise.strategies.current) })).toHaveTextContent("+10.00%");
    expect(screen.getByText(/매 63거래일마다 직전 504거래일만으로/)).toBeInTheDocument();
  }, 20_000); // typing and a full render: slow on a loaded shared machine, not a speed check

  it("shows a refused limit under its field in the user's language", async () => {
    server.use(
      http.post(`${API}/users/portfolio/optimise/`, () =>
        HttpResponse.json(
          {
            message: "max_weight: 3 positions of at most 0.2 cannot add up to 1.",
            code: "infeasible_weights",
            extra: { fields: { max_weight: ["..."] }, field_codes: { max_weight: ["infeasible_weights"] }, count: 3, max_weight: 0.2 },
          },
          { status: 400 },
        ),
      ),
    );
    const user = userEvent.setup();
    renderWithProviders(<OptimisationPanel />, { lang: "en" });
    await user.type(screen.getByLabelText(en.optimise.maxWeight), "20");
    await user.click(screen.getByRole("button", { name: en.optimise.run }));
    expect(await screen.findByText("With these weight limits 3 positions cannot add up to 100%.")).toBeInTheDocument();
    expect(screen.getByLabelText(en.optimise.maxWeight)).toHaveAttribute("aria-invalid", "true");
  });

  it("asks for a target with the target methods", async () => {
    const user = userEvent.setup();
    renderWithProviders(<OptimisationPanel />);
    expect(screen.queryByLabelText(ko.optimise.targetReturn)).not.toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText(ko.optimise.method), "efficient_return");
    expect(screen.getByLabelText(ko.optimise.targetReturn)).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText(ko.optimise.method), "hrp");
    expect(screen.queryByLabelText(ko.optimise.maxWeight)).not.toBeInTheDocument();
  });
});

describe("optimisationBody", () => {
  it("turns percentages into fractions and sends only what the method takes", () => {
    expect(optimisationBody("efficient_return", { target: "12", max_weight: "40", cash: "" })).toEqual({ method: "efficient_return", target_return: 0.12, max_weight: 0.4 });
    expect(optimisationBody("efficient_risk", { target: "15", max_weight: "", cash: "500" })).toEqual({ method: "efficient_risk", target_volatility: 0.15, cash: 500 });
    expect(optimisationBody("hrp", { target: "12", max_weight: "40", cash: "" })).toEqual({ method: "hrp" });
    expect(optimisationBody("max_sharpe", { target: "", max_weight: "forty", cash: "" })).toBeNull();
  });
});

describe("frontierScale", () => {
  it("maps the lowest and highest values inside the padded plot box", () => {
    const s = frontierScale([point(0.1, 0.1), point(0.3, 0.2)]);
    expect(s.x0).toBeCloseTo(0.095);
    expect(s.x1).toBeCloseTo(0.205);
    expect(s.x(0.1)).toBeLessThan(s.x(0.2));
    expect(s.y(0.1)).toBeGreaterThan(s.y(0.3)); // SVG y grows downward: higher returns are drawn higher up
  });
});
