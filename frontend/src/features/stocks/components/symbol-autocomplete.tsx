"use client";
/**
 * Symbol input with a debounced (300 ms) search dropdown (ARIA combobox).
 * A 429 from the search endpoint shows "해당 종목은 관찰되지 않습니다." (the seed's rule).
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { useMessages } from "@/i18n/use-messages";
import { ApiError } from "@/lib/api-error";
import { useDebouncedValue } from "@/lib/use-debounced-value";
import { codeText, errorText } from "@/i18n/errors";
import { cx, inputClass } from "@/components/ui";
import { useSymbolSearch } from "../api/search-symbols";
import type { SymbolMatch } from "../schemas";

export const SEARCH_DEBOUNCE_MS = 300;

interface Props {
  id?: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  onSelect: (match: SymbolMatch) => void;
  invalid?: boolean;
  describedBy?: string;
  placeholder?: string;
  hideLabel?: boolean;
}

export function SymbolAutocomplete({ id, label, value, onChange, onSelect, invalid, describedBy, placeholder, hideLabel }: Props) {
  const { m, lang } = useMessages();
  const autoId = useId();
  const inputId = id ?? `${autoId}-input`;
  const listId = `${autoId}-list`;
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const blurTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(blurTimer.current), []);
  const debounced = useDebouncedValue(value, SEARCH_DEBOUNCE_MS);
  const search = useSymbolSearch(debounced);
  const results = search.data?.results ?? [];
  const rateLimited = search.error instanceof ApiError && search.error.status === 429;
  const lookup = search.data?.lookup;
  const showList = open && debounced.trim().length > 0;

  const choose = (match: SymbolMatch) => {
    onSelect(match);
    setOpen(false);
    setActive(-1);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(results.length - 1, a + 1));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === "Enter" && showList && active >= 0) {
      const match = results[active];
      if (match) {
        e.preventDefault();
        choose(match);
      }
    } else if (e.key === "Escape") {
      setOpen(false);
    }
  };

  return (
    <div className="relative min-w-0">
      <label htmlFor={inputId} className={hideLabel ? "sr-only" : "mb-1 block text-sm font-medium"}>
        {label}
      </label>
      <input
        id={inputId}
        role="combobox"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={active >= 0 ? `${listId}-${active}` : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        autoComplete="off"
        placeholder={placeholder ?? m.search.placeholder}
        className={inputClass}
        value={value}
        onChange={(e) => {
          onChange(e.target.value);
          clearTimeout(blurTimer.current);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => {
          clearTimeout(blurTimer.current);
          setOpen(true);
        }}
        onBlur={() => {
          blurTimer.current = setTimeout(() => setOpen(false), 150);
        }}
        onKeyDown={onKeyDown}
      />
      {showList && (
        <div className="absolute z-40 mt-1 w-full rounded-md border border-line bg-surface shadow-lg">
          {rateLimited ? (
            <p role="alert" className="p-3 text-sm text-warn">
              {m.search.rateLimited}
            </p>
          ) : search.isError ? (
            <p role="alert" className="p-3 text-sm text-down">
              {errorText(search.error, m, lang)}
            </p>
          ) : lookup?.state === "pending" && results.length === 0 ? (
            <p role="status" className="p-3 text-sm text-muted" data-testid="search-looking-up">
              {m.search.lookingUp}
            </p>
          ) : search.isFetching && results.length === 0 ? (
            <p role="status" className="p-3 text-sm text-muted">
              {m.search.searching}
            </p>
          ) : (lookup?.state === "limited" || lookup?.state === "failed") && results.length === 0 ? (
            <p role="status" className="p-3 text-sm text-warn">
              {codeText(m, lang, lookup.code, { retry_after_seconds: lookup.retry_after_seconds ?? 60 })}
            </p>
          ) : results.length === 0 ? (
            <p role="status" className="p-3 text-sm text-muted">
              {m.search.noResults}
            </p>
          ) : null}
          <ul id={listId} role="listbox" aria-label={label} className="max-h-64 overflow-y-auto">
            {!rateLimited &&
              results.map((r, i) => (
                <li
                  key={r.symbol}
                  id={`${listId}-${i}`}
                  role="option"
                  aria-selected={i === active}
                  onMouseDown={(e) => {
                    e.preventDefault();
                    choose(r);
                  }}
                  className={cx("flex cursor-pointer items-center justify-between gap-2 px-3 py-2 text-sm", i === active ? "bg-subtle" : "hover:bg-subtle")}
                >
                  <span className="min-w-0 truncate">
                    <strong>{r.symbol}</strong>{" "}
                    {lang === "ko" && r.korean_name ? (
                      <span className="text-muted">
                        {r.korean_name} · <span lang="en">{r.name}</span>
                      </span>
                    ) : (
                      <span lang="en" className="text-muted">
                        {r.name}
                      </span>
                    )}
                  </span>
                  {r.in_database && <span className="shrink-0 text-xs text-up">{m.search.stored}</span>}
                </li>
              ))}
          </ul>
        </div>
      )}
    </div>
  );
}
