"use client";
/** Site header: navigation depends on the sign-in state; search, language and theme switches. */
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { BarChart3, Languages, LogIn, LogOut, Menu, Moon, Sun, UserPlus, X } from "lucide-react";
import { useState } from "react";
import { useMessages } from "@/i18n/use-messages";
import { useAuthStore } from "@/stores/auth-store";
import { usePreferences } from "@/stores/preferences-store";
import { useSignOut } from "@/features/auth/api/sign-out";
import { StockSearch } from "@/features/stocks/components/stock-search";
import { cx } from "@/components/ui";

export function Header() {
  const { m, lang } = useMessages();
  const pathname = usePathname();
  const router = useRouter();
  const hydrated = useAuthStore((s) => s.hydrated);
  const signedIn = useAuthStore((s) => s.access !== null);
  const username = useAuthStore((s) => s.username);
  const setLang = usePreferences((s) => s.setLang);
  const theme = usePreferences((s) => s.theme);
  const setTheme = usePreferences((s) => s.setTheme);
  const signOut = useSignOut();
  const [open, setOpen] = useState(false);

  const links = signedIn
    ? [
        { href: "/dashboard", label: m.nav.dashboard },
        { href: "/market", label: m.nav.market },
        { href: "/portfolio", label: m.nav.portfolio },
        { href: "/watchlist", label: m.nav.watchlist },
        { href: "/alerts", label: m.nav.alerts },
        { href: "/mypage", label: m.nav.mypage },
      ]
    : [
        { href: "/", label: m.nav.home },
        { href: "/market", label: m.nav.market },
      ];

  const isDark = theme === "dark" || (theme === "system" && typeof document !== "undefined" && document.documentElement.classList.contains("dark"));
  const linkClass = (href: string) =>
    cx("rounded-md px-2.5 py-1.5 text-sm font-medium hover:bg-subtle", pathname === href || (href !== "/" && pathname.startsWith(href)) ? "text-accent" : "text-fg");

  return (
    <header className="sticky top-0 z-30 border-b border-line bg-surface/95 backdrop-blur">
      <div className="mx-auto flex max-w-6xl items-center gap-2 px-3 py-2 sm:px-6">
        <Link href={signedIn ? "/dashboard" : "/"} className="flex shrink-0 items-center gap-1.5 font-bold text-accent">
          <BarChart3 aria-hidden className="size-5" />
          {m.app.name}
        </Link>
        <div className="hidden min-w-0 flex-1 md:block md:max-w-xs">
          <StockSearch compact />
        </div>
        <nav aria-label={m.nav.mainNav} className="ml-auto hidden items-center gap-1 lg:flex">
          {hydrated &&
            links.map((l) => (
              <Link key={l.href} href={l.href} className={linkClass(l.href)} aria-current={pathname === l.href ? "page" : undefined}>
                {l.label}
              </Link>
            ))}
        </nav>
        <div className="ml-auto flex items-center gap-1 lg:ml-0">
          <button type="button" onClick={() => setLang(lang === "ko" ? "en" : "ko")} className="rounded-md p-2 hover:bg-subtle" aria-label={`${m.nav.language}: ${lang === "ko" ? "English" : "한국어"}`}>
            <Languages aria-hidden className="size-4" />
          </button>
          <button type="button" onClick={() => setTheme(isDark ? "light" : "dark")} className="rounded-md p-2 hover:bg-subtle" aria-label={`${m.nav.theme}: ${isDark ? m.nav.themeLight : m.nav.themeDark}`}>
            {isDark ? <Sun aria-hidden className="size-4" /> : <Moon aria-hidden className="size-4" />}
          </button>
          {hydrated && !signedIn && (
            <div className="hidden items-center gap-1 sm:flex">
              <Link href="/signin" className="inline-flex items-center gap-1 rounded-md px-2.5 py-1.5 text-sm hover:bg-subtle">
                <LogIn aria-hidden className="size-4" />
                {m.nav.signIn}
              </Link>
              <Link href="/signup" className="inline-flex items-center gap-1 rounded-md bg-accent px-2.5 py-1.5 text-sm text-on-accent">
                <UserPlus aria-hidden className="size-4" />
                {m.nav.signUp}
              </Link>
            </div>
          )}
          {hydrated && signedIn && (
            <button
              type="button"
              className="hidden items-center gap-1 rounded-md px-2.5 py-1.5 text-sm hover:bg-subtle sm:inline-flex"
              onClick={() => signOut.mutate(undefined, { onSettled: () => router.push("/") })}
              title={username ?? undefined}
            >
              <LogOut aria-hidden className="size-4" />
              {m.nav.signOut}
            </button>
          )}
          <button type="button" className="rounded-md p-2 hover:bg-subtle lg:hidden" aria-expanded={open} aria-controls="mobile-nav" aria-label={m.nav.menu} onClick={() => setOpen((o) => !o)}>
            {open ? <X aria-hidden className="size-5" /> : <Menu aria-hidden className="size-5" />}
          </button>
        </div>
      </div>
      {open && (
        <div id="mobile-nav" className="border-t border-line px-3 pb-3 lg:hidden">
          <div className="py-2 md:hidden">
            <StockSearch compact />
          </div>
          <nav aria-label={m.nav.mainNav} className="flex flex-col" onClick={() => setOpen(false)}>
            {links.map((l) => (
              <Link key={l.href} href={l.href} className={linkClass(l.href)}>
                {l.label}
              </Link>
            ))}
            {hydrated && !signedIn && (
              <>
                <Link href="/signin" className={linkClass("/signin")}>
                  {m.nav.signIn}
                </Link>
                <Link href="/signup" className={linkClass("/signup")}>
                  {m.nav.signUp}
                </Link>
              </>
            )}
            {hydrated && signedIn && (
              <button type="button" className="rounded-md px-2.5 py-1.5 text-left text-sm hover:bg-subtle" onClick={() => signOut.mutate(undefined, { onSettled: () => router.push("/") })}>
                {m.nav.signOut}
              </button>
            )}
          </nav>
        </div>
      )}
    </header>
  );
}
