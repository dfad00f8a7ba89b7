"use client";
import { PortfolioQuickNav } from "@/features/portfolio/components/portfolio-quick-nav";
import { StockDetail } from "@/features/stocks/components/stock-detail";
import { WatchButton } from "@/features/watchlist/components/watch-button";
import { PredictionPanel } from "@/features/predictions/components/prediction-panel";

export function StockPageBody({ symbol }: { symbol: string }) {
  return <StockDetail symbol={symbol} navigation={<PortfolioQuickNav current={symbol} />} actions={<WatchButton symbol={symbol} />} extra={<PredictionPanel symbol={symbol} />} />;
}
