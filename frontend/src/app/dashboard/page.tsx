import type { Metadata } from "next";
import { DashboardPage } from "../_components/pages";

export const metadata: Metadata = { title: "Dashboard" };
export default function Page() {
  return <DashboardPage />;
}
