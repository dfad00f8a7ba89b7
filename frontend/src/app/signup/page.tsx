import { titled } from "@/lib/page-title";
import { SignUpForm } from "@/features/auth/components/sign-up-form";

export const generateMetadata = titled((m) => m.auth.signUpTitle);
export default function Page() {
  return <SignUpForm />;
}
