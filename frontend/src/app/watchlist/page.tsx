import type { Metadata } from "next";
import { WatchlistPage } from "../_components/pages";

export const metadata: Metadata = { title: "Watchlist" };
export default function Page() {
  return <WatchlistPage />;
}
