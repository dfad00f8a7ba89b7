"use client";
/**
 * The page for a symbol with no stored data: one message instead of the stock page's panels (no chart controls, no
 * live badge). The provider knows it: `collect` (composed by the app) starts collection. It does not: no such symbol.
 */
import Link from "next/link";
import { SearchX } from "lucide-react";
import type { ReactNode } from "react";
import { fmt } from "@/i18n/format";
import { codeText, errorText } from "@/i18n/errors";
import { useMessages } from "@/i18n/use-messages";
import { Card, Skeleton } from "@/components/ui";
import { useValidateSymbol } from "../api/validate-symbol";

export function UnknownSymbol({ symbol, collect }: { symbol: string; collect: ReactNode }) {
  const { m, lang } = useMessages();
  const q = useValidateSymbol(symbol);
  const home = (
    <Link href="/" className="text-accent underline">
      {m.unknownSymbol.searchAgain}
    </Link>
  );
  let body: ReactNode;
  if (q.isPending) body = <Skeleton className="h-16 w-full" label={m.common.loading} />;
  else if (q.isError) body = <p>{fmt(m.unknownSymbol.cannotCheck, { reason: errorText(q.error, m, lang) })}</p>;
  else if (q.data.status === "provider")
    body = (
      <>
        <p>{fmt(m.unknownSymbol.providerKnows, { symbol, name: q.data.name || symbol })}</p>
        {collect}
      </>
    );
  else if (q.data.status === "looking_up")
    body = (
      <p role="status" data-testid="unknown-symbol-looking-up">
        {fmt(m.unknownSymbol.lookingUp, { symbol })}
      </p>
    );
  else if (q.data.status === "unverified")
    body = <p>{fmt(m.unknownSymbol.cannotLookUp, { symbol, reason: codeText(m, lang, q.data.code, { retry_after_seconds: q.data.retry_after_seconds ?? 60 }) })}</p>;
  else if (q.data.status === "local")
    body = (
      <p>
        {m.unknownSymbol.nowStored}{" "}
        <Link href={`/stocks/${encodeURIComponent(symbol)}`} className="text-accent underline">
          {m.unknownSymbol.open}
        </Link>
      </p>
    );
  else body = <p>{fmt(m.unknownSymbol.noSuchSymbol, { symbol })}</p>;
  return (
    <Card className="mx-auto w-full max-w-xl">
      <div className="flex flex-col items-start gap-3" data-testid="unknown-symbol">
        <h1 className="flex items-center gap-2 text-2xl font-bold">
          <SearchX aria-hidden className="size-6 text-muted" />
          {fmt(m.unknownSymbol.title, { symbol })}
        </h1>
        {body}
        {home}
      </div>
    </Card>
  );
}
