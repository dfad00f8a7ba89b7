import { titled } from "@/lib/page-title";
import { AlertsPage } from "../_components/pages";

export const generateMetadata = titled((m) => m.nav.alerts);
export default function Page() {
  return <AlertsPage />;
}
