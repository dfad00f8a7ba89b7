import type { Metadata } from "next";
import { Suspense } from "react";
import { SignInForm } from "@/features/auth/components/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };
export default function Page() {
  return (
    <Suspense>
      <SignInForm />
    </Suspense>
  );
}
