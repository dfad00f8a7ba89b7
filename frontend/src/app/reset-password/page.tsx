import { titled } from "@/lib/page-title";
import { PasswordResetRequestForm } from "@/features/auth/components/password-reset-forms";

export const generateMetadata = titled((m) => m.auth.resetTitle);
export default function Page() {
  return <PasswordResetRequestForm />;
}
