"use client";
/** The stock page body. Chart interval and period live here so the chart and the signals share one indicators query. */
import { useState, type ReactNode } from "react";
import { useIndicators } from "../api/get-indicators";
import { usePatterns } from "../api/get-patterns";
import { DEFAULT_ADJUSTMENT, type Adjustment, type ChartType, type Period } from "../schemas";
import { ChartSection } from "./chart-section";
import { FinancialsPanel } from "./financials-panel";
import { OverviewPanel } from "./overview-panel";
import { PatternsPanel } from "./patterns-panel";
import { SignalsPanel } from "./signals-panel";
import { StockHeader } from "./stock-header";

export const DEFAULT_CHART = { type: "daily" as ChartType, period: "1y" as Period };

export function StockDetail({ symbol, navigation, actions, extra }: { symbol: string; navigation?: ReactNode; actions?: ReactNode; extra?: ReactNode }) {
  const [type, setType] = useState<ChartType>(DEFAULT_CHART.type);
  const [period, setPeriod] = useState<Period>(DEFAULT_CHART.period);
  const [adjustment, setAdjustment] = useState<Adjustment>(DEFAULT_ADJUSTMENT);
  const indicators = useIndicators({ symbol, type, period });
  const patterns = usePatterns(symbol);
  // While a new interval loads, the previous (placeholder) indicators would not line up with the bars.
  const sameInterval = !indicators.data?.type || indicators.data.type === type;
  return (
    <div className="flex flex-col gap-4">
      {navigation}
      <div className="flex flex-wrap items-start justify-between gap-3">
        <StockHeader symbol={symbol} />
        {actions}
      </div>
      <ChartSection
        symbol={symbol}
        type={type}
        period={period}
        adjustment={adjustment}
        onTypeChange={setType}
        onPeriodChange={setPeriod}
        onAdjustmentChange={setAdjustment}
        indicators={sameInterval ? indicators.data : undefined}
        patterns={patterns.data} />
      <div className="grid gap-4 lg:grid-cols-2">
        <SignalsPanel query={indicators} />
        <OverviewPanel symbol={symbol} />
      </div>
      <PatternsPanel query={patterns} />
      <FinancialsPanel symbol={symbol} />
      {extra}
    </div>
  );
}
