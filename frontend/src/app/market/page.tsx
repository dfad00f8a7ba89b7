import { titled } from "@/lib/page-title";
import { MarketOverviewView } from "@/features/stocks/components/market-overview";

export const generateMetadata = titled((m) => m.market.title);
export default function Page() {
  return <MarketOverviewView />;
}
