import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import type { PredictionResponse } from "@/api";
import { API, server } from "@/test/msw-server";
import { predictionBody, riskBody, trendBody } from "@/test/fixtures";
import { renderWithProviders } from "@/test/render";
import { ko } from "@/i18n/ko";
import { en } from "@/i18n/en";
import { PredictionPanel } from "../components/prediction-panel";

// The first render of a test file also loads the catalogues and the generated schema: more than the default second
// on a busy machine.
const FIRST_RENDER = { timeout: 5000 };

function serve(bodies: Record<string, PredictionResponse>) {
  server.use(http.get(`${API}/analysis/predict/AAPL/`, ({ request }) => HttpResponse.json(bodies[new URL(request.url).searchParams.get("model_type") ?? ""])));
}

describe("PredictionPanel: track record, drift, reliability and labelled risk", () => {
  it("shows the price model's live track record on this stock and on all, and the input drift", async () => {
    serve({ price_prediction: predictionBody });
    renderWithProviders(<PredictionPanel symbol="AAPL" />);
    const record = await screen.findByRole("region", { name: ko.predict.trackRecord }, FIRST_RENDER);
    expect(within(record).getByText(/채점 12건 · 오차 비율 1\.05 \(1 미만이면 변동 없음 예측보다 정확\) · 80% 구간 적중 75\.00% · 95% 구간 적중 91\.67%/)).toBeInTheDocument();
    expect(within(record).getByText(/아직 채점된 예측이 없습니다 \(기간이 지나기를 기다리는 예측 40건\)/)).toBeInTheDocument();
    expect(screen.getByText(ko.predict.driftFlags.drift)).toBeInTheDocument();
    expect(screen.getByText(/가장 큰 변화: 20일 변동성 \(PSI 0\.41, 과거 최대 0\.3\)/)).toBeInTheDocument();
  });

  it("draws the reliability chart from the calibration table, with the trend's Brier against the base rate", async () => {
    serve({ price_prediction: predictionBody, trend_analysis: trendBody });
    const user = userEvent.setup();
    renderWithProviders(<PredictionPanel symbol="AAPL" />);
    await user.click(await screen.findByRole("tab", { name: ko.predict.trend }, FIRST_RENDER));
    const chart = await screen.findByRole("img", { name: /신뢰도 도표: 예측 확률 구간 3개/ });
    const points = within(chart).getAllByTestId("reliability-point");
    expect(points).toHaveLength(3); // empty bins are not drawn
    // The 0.4-0.6 bin (predicted 0.52, observed 0.55) sits on the diagonal's neighbourhood: x = 28 + 0.52 * 104.
    const middle = points[1] as HTMLElement;
    expect(Number(middle.getAttribute("cx"))).toBeCloseTo(28 + 0.52 * 104);
    expect(Number(middle.getAttribute("cy"))).toBeCloseTo(160 - 28 - 0.55 * 104);
    expect(within(middle).getByText("40.00%–60.00%: 예측 52.00%, 실제 55.00% (600건)")).toBeInTheDocument();
    expect(screen.getByText(/브라이어 점수 0\.241 \(기저율 0\.248\)/, { selector: "figcaption" })).toBeInTheDocument();
    expect(screen.getByText(/채점 28건 · 브라이어 0\.236 \(기저율 0\.251\) · 방향 적중 60\.71%/)).toBeInTheDocument();
  });

  it("labels each risk figure with its window and returns, adds Sharpe, Sortino and Kupiec's test, and explains a missing beta in Korean", async () => {
    serve({ price_prediction: predictionBody, risk_assessment: riskBody({ beta: null, beta_reason: "the benchmark's daily return variance is below 1e-08", beta_reason_code: "flat_benchmark" }) });
    const user = userEvent.setup();
    renderWithProviders(<PredictionPanel symbol="AAPL" />);
    await user.click(await screen.findByRole("tab", { name: ko.predict.risk }));
    expect(await screen.findByText(ko.predict.sharpe, undefined, FIRST_RENDER)).toBeInTheDocument();
    expect(screen.getAllByText("최근 252거래일, 일간 로그수익률")).toHaveLength(3); // volatility, VaR, CVaR
    expect(screen.getByText("저장된 전체 기간, 일간 종가 (배당·분할 조정)")).toBeInTheDocument(); // drawdown
    expect(screen.getAllByText("최근 252거래일, 무위험 수익률을 뺀 일간 단순수익률 · 무위험 수익률 연 4.00%")).toHaveLength(2);
    expect(screen.getByText("0.82")).toBeInTheDocument();
    expect(screen.getByText(ko.predict.betaNone)).toBeInTheDocument();
    expect(screen.getByText(ko.predict.betaReasons.flat_benchmark)).toBeInTheDocument();
    expect(screen.queryByText(/variance is below/)).not.toBeInTheDocument(); // the API's English reason is not shown
    expect(screen.getByText(ko.predict.kupiecRejected)).toBeInTheDocument();
    expect(screen.getByText("1,000일 중 81일 손실이 VaR 초과 (8.10%, 기대 5.00%) · p-값 < 0.001")).toBeInTheDocument();
    expect(screen.queryByRole("region", { name: ko.predict.trackRecord })).not.toBeInTheDocument(); // risk is not scored
  });

  it("shows a defined beta with its shared days, in English too", async () => {
    serve({ price_prediction: predictionBody, risk_assessment: riskBody({ beta: 1.23, beta_reason: null, beta_reason_code: null }) });
    const user = userEvent.setup();
    renderWithProviders(<PredictionPanel symbol="AAPL" />, { lang: "en" });
    await user.click(await screen.findByRole("tab", { name: en.predict.risk }));
    expect(await screen.findByText("1.23", undefined, FIRST_RENDER)).toBeInTheDocument();
    expect(screen.getByText("last 252 trading days, daily simple returns · 251 trading days shared with SPY")).toBeInTheDocument();
  });
});
