"use client";
/** Global search box: picking a result (or pressing Enter on a symbol) opens its stock page. */
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useMessages } from "@/i18n/use-messages";
import { SymbolAutocomplete } from "./symbol-autocomplete";

const SYMBOL = /^[A-Z0-9][A-Z0-9.-]{0,11}$/;

export function StockSearch({ compact = false }: { compact?: boolean }) {
  const { m } = useMessages();
  const router = useRouter();
  const [value, setValue] = useState("");
  return (
    <form
      role="search"
      className="w-full min-w-0"
      onSubmit={(e) => {
        e.preventDefault();
        const s = value.trim().toUpperCase();
        if (SYMBOL.test(s)) router.push(`/stocks/${s}`);
      }}
    >
      <SymbolAutocomplete
        label={m.search.label}
        hideLabel={compact}
        value={value}
        onChange={setValue}
        onSelect={(match) => {
          setValue("");
          router.push(`/stocks/${match.symbol}`);
        }}
      />
    </form>
  );
}
