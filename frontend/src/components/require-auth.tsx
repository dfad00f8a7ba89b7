"use client";
/** Client gate for signed-in pages: waits for token rehydration, then redirects to /signin?next=… if signed out. */
import { usePathname, useRouter } from "next/navigation";
import { useEffect, type ReactNode } from "react";
import { useAuthStore } from "@/stores/auth-store";
import { useMessages } from "@/i18n/use-messages";
import { Skeleton } from "./ui";

export function RequireAuth({ children }: { children: ReactNode }) {
  const { m } = useMessages();
  const hydrated = useAuthStore((s) => s.hydrated);
  const signedIn = useAuthStore((s) => s.access !== null);
  const router = useRouter();
  const pathname = usePathname();
  useEffect(() => {
    if (hydrated && !signedIn) router.replace(`/signin?next=${encodeURIComponent(pathname)}`);
  }, [hydrated, signedIn, router, pathname]);
  if (!hydrated || !signedIn) return <Skeleton className="h-64 w-full" label={m.common.signInRequired} />;
  return <>{children}</>;
}
