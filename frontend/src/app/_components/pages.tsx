"use client";
/** Client page bodies that compose features (features never import each other). */
import { RequireAuth } from "@/components/require-auth";
import { AlertsView } from "@/features/alerts/components/alerts-view";
import { MyPage } from "@/features/auth/components/my-page";
import { DashboardView } from "@/features/portfolio/components/dashboard-view";
import { PortfolioView } from "@/features/portfolio/components/portfolio-view";
import { WatchlistView } from "@/features/watchlist/components/watchlist-view";
import { LiveIndicator } from "@/features/stocks/components/live-indicator";
import { MarketStatus } from "@/features/stocks/components/market-status";
import type { SocketStatus } from "@/lib/use-websocket";
import { AlertSymbolField, HoldingSymbolField, WatchSymbolField } from "./symbol-fields";

export function DashboardPage() {
  return (
    <RequireAuth>
      <DashboardView marketStatus={<MarketStatus />} liveIndicator={(s) => <LiveIndicator status={s as SocketStatus} />} />
    </RequireAuth>
  );
}

export function PortfolioPage() {
  return (
    <RequireAuth>
      <PortfolioView renderSymbolField={(p) => <HoldingSymbolField {...p} />} />
    </RequireAuth>
  );
}

export function WatchlistPage() {
  return (
    <RequireAuth>
      <WatchlistView renderSymbolField={(p) => <WatchSymbolField {...p} />} />
    </RequireAuth>
  );
}

export function AlertsPage() {
  return (
    <RequireAuth>
      <AlertsView renderSymbolField={(p) => <AlertSymbolField {...p} />} />
    </RequireAuth>
  );
}

export function MyPageBody() {
  return (
    <RequireAuth>
      <MyPage />
    </RequireAuth>
  );
}
