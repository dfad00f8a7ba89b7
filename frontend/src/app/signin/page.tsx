import { titled } from "@/lib/page-title";
import { Suspense } from "react";
import { SignInForm } from "@/features/auth/components/sign-in-form";

export const generateMetadata = titled((m) => m.auth.signInTitle);
export default function Page() {
  return (
    <Suspense>
      <SignInForm />
    </Suspense>
  );
}
