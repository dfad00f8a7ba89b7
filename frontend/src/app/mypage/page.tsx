import type { Metadata } from "next";
import { MyPageBody } from "../_components/pages";

export const metadata: Metadata = { title: "My page" };
export default function Page() {
  return <MyPageBody />;
}
