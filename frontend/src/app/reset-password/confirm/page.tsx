import { titled } from "@/lib/page-title";
import { Suspense } from "react";
import { PasswordResetConfirmForm } from "@/features/auth/components/password-reset-forms";

export const generateMetadata = titled((m) => m.auth.resetConfirmTitle);
export default function Page() {
  return (
    <Suspense>
      <PasswordResetConfirmForm />
    </Suspense>
  );
}
