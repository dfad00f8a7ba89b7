"use client";
/** Quick navigation between the user's portfolio stocks on the stock page (signed in only). */
import Link from "next/link";
import { ChevronLeft, ChevronRight } from "lucide-react";
import { useMessages } from "@/i18n/use-messages";
import { useIsSignedIn } from "@/stores/auth-store";
import { cx } from "@/components/ui";
import { useHoldings } from "../api/get-holdings";

export function PortfolioQuickNav({ current }: { current: string }) {
  const { m } = useMessages();
  const signedIn = useIsSignedIn();
  const q = useHoldings({ enabled: signedIn });
  if (!signedIn || !q.data || q.data.length === 0) return null;
  const symbols = q.data.map((h) => h.symbol.toUpperCase());
  const i = symbols.indexOf(current.toUpperCase());
  const prev = i > 0 ? symbols[i - 1] : symbols[symbols.length - 1];
  const next = i >= 0 && i < symbols.length - 1 ? symbols[i + 1] : symbols[0];
  return (
    <nav aria-label={m.stock.portfolioNav} className="flex min-w-0 items-center gap-2">
      {symbols.length > 1 && prev && (
        <Link href={`/stocks/${prev}`} aria-label={`${m.stock.prev}: ${prev}`} className="rounded-md p-1.5 hover:bg-subtle">
          <ChevronLeft aria-hidden className="size-4" />
        </Link>
      )}
      <ul className="flex min-w-0 gap-1 overflow-x-auto">
        {symbols.map((s) => (
          <li key={s}>
            <Link
              href={`/stocks/${s}`}
              aria-current={s === current.toUpperCase() ? "page" : undefined}
              className={cx("block rounded-full px-3 py-1 text-xs font-semibold", s === current.toUpperCase() ? "bg-accent text-on-accent" : "bg-subtle hover:bg-line")}
            >
              {s}
            </Link>
          </li>
        ))}
      </ul>
      {symbols.length > 1 && next && (
        <Link href={`/stocks/${next}`} aria-label={`${m.stock.next}: ${next}`} className="rounded-md p-1.5 hover:bg-subtle">
          <ChevronRight aria-hidden className="size-4" />
        </Link>
      )}
    </nav>
  );
}
