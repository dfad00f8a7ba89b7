import { titled } from "@/lib/page-title";
import { PortfolioPage } from "../_components/pages";

export const generateMetadata = titled((m) => m.nav.portfolio);
export default function Page() {
  return <PortfolioPage />;
}
