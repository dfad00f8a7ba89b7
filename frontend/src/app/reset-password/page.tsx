import type { Metadata } from "next";
import { PasswordResetRequestForm } from "@/features/auth/components/password-reset-forms";

export const metadata: Metadata = { title: "Reset password" };
export default function Page() {
  return <PasswordResetRequestForm />;
}
