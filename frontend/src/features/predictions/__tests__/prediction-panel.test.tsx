import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { describe, expect, it } from "vitest";
import { API, server } from "@/test/msw-server";
import { predictionBody } from "@/test/fixtures";
import { renderWithProviders } from "@/test/render";
import { ko } from "@/i18n/ko";
import { PredictionPanel } from "../components/prediction-panel";

describe("PredictionPanel", () => {
  it("shows the price forecast with its evaluation and test, the API's message when a model cannot run, and \"being prepared\"", async () => {
    server.use(
      http.get(`${API}/analysis/predict/AAPL/`, ({ request }) => {
        const type = new URL(request.url).searchParams.get("model_type");
        if (type === "trend_analysis") return HttpResponse.json({ message: "Not enough price history to train and evaluate.", code: "insufficient_history", extra: { symbol: "AAPL", bars: 40 } }, { status: 409 });
        if (type === "risk_assessment") return HttpResponse.json({ status: "preparing", symbol: "AAPL", model_type: "risk_assessment", queued: true, retry_after_seconds: 15 });
        return HttpResponse.json(predictionBody);
      }),
    );
    const user = userEvent.setup();
    renderWithProviders(<PredictionPanel symbol="AAPL" />);
    expect(await screen.findByText("191.2")).toBeInTheDocument();
    expect(screen.getByText(ko.predict.beatsBaseline)).toBeInTheDocument();
    expect(screen.getByText(/p-값 0\.004 · 우세 구간 3\/4 · 독립 검증 시점 48/)).toBeInTheDocument();
    expect(screen.getByText(/179 – 203 \(실제 적중률 95/)).toBeInTheDocument();
    expect(screen.getByText("투자 조언이 아닙니다.")).toBeInTheDocument();
    expect(screen.getByText(/모델: 저장된 전체 종목 공통 · IC 0\.042 · 순위 IC 0\.039 · ICIR 0\.35 \(1,260일\)/)).toBeInTheDocument();
    await user.click(screen.getByRole("tab", { name: ko.predict.trend }));
    expect(await screen.findByRole("alert")).toHaveTextContent("AAPL의 가격 이력이 부족해 예측할 수 없습니다 (현재 40개 봉).");
    await user.click(screen.getByRole("tab", { name: ko.predict.risk }));
    expect(await screen.findByRole("status")).toHaveTextContent(ko.predict.preparing);
  });

  it("shows the no-change baseline instead of the model's price when the model did not beat it", async () => {
    const noSkill = { ...predictionBody, evaluation: { ...predictionBody.evaluation, p_value: 0.41, q_value: 0.41, beats_baseline: false } };
    server.use(http.get(`${API}/analysis/predict/AAPL/`, () => HttpResponse.json(noSkill)));
    renderWithProviders(<PredictionPanel symbol="AAPL" />);
    expect(await screen.findByText(ko.predict.noBetter)).toBeInTheDocument();
    expect(screen.getByText(ko.predict.baselineForecast)).toBeInTheDocument();
    expect(screen.queryByText("191.2")).not.toBeInTheDocument();
    expect(screen.queryByText(ko.predict.predicted)).not.toBeInTheDocument();
  });

  it("names a per-symbol model plainly, without universe scores", async () => {
    const own = { ...predictionBody, model_scope: "per_symbol", universe_metrics: null };
    server.use(http.get(`${API}/analysis/predict/AAPL/`, () => HttpResponse.json(own)));
    renderWithProviders(<PredictionPanel symbol="AAPL" />);
    expect(await screen.findByText(`${ko.predict.modelScope}: ${ko.predict.scopes.per_symbol}`)).toBeInTheDocument();
    expect(screen.queryByText(/순위 IC/)).not.toBeInTheDocument();
  });
});
