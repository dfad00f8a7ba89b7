import type { Metadata } from "next";
import { MarketOverviewView } from "@/features/stocks/components/market-overview";

export const metadata: Metadata = { title: "Market overview" };
export default function Page() {
  return <MarketOverviewView />;
}
