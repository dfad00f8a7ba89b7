import type { Metadata } from "next";
import { Suspense } from "react";
import { PasswordResetConfirmForm } from "@/features/auth/components/password-reset-forms";

export const metadata: Metadata = { title: "Set a new password" };
export default function Page() {
  return (
    <Suspense>
      <PasswordResetConfirmForm />
    </Suspense>
  );
}
