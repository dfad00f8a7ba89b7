import { titled } from "@/lib/page-title";
import { WatchlistPage } from "../_components/pages";

export const generateMetadata = titled((m) => m.nav.watchlist);
export default function Page() {
  return <WatchlistPage />;
}
