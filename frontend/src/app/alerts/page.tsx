import type { Metadata } from "next";
import { AlertsPage } from "../_components/pages";

export const metadata: Metadata = { title: "Alerts" };
export default function Page() {
  return <AlertsPage />;
}
