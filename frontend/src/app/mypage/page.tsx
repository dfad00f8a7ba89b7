import { titled } from "@/lib/page-title";
import { MyPageBody } from "../_components/pages";

export const generateMetadata = titled((m) => m.nav.mypage);
export default function Page() {
  return <MyPageBody />;
}
