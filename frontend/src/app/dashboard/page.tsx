import { titled } from "@/lib/page-title";
import { DashboardPage } from "../_components/pages";

export const generateMetadata = titled((m) => m.nav.dashboard);
export default function Page() {
  return <DashboardPage />;
}
