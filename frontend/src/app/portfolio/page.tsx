import type { Metadata } from "next";
import { PortfolioPage } from "../_components/pages";

export const metadata: Metadata = { title: "Portfolio" };
export default function Page() {
  return <PortfolioPage />;
}
