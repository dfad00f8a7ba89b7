"use client";
import { Wifi, WifiOff } from "lucide-react";
import { useMessages } from "@/i18n/use-messages";
import type { SocketStatus } from "@/lib/use-websocket";
import { cx } from "@/components/ui";

export function LiveIndicator({ status }: { status: SocketStatus }) {
  const { m } = useMessages();
  const color = status === "open" ? "bg-up" : status === "closed" ? "bg-down" : "bg-warn";
  return (
    <span role="status" aria-live="polite" data-testid="live-status" data-status={status} className="inline-flex items-center gap-1.5 text-xs text-muted">
      <span aria-hidden className={cx("size-2 rounded-full", color, status !== "open" && status !== "closed" && "animate-pulse")} />
      {status === "open" ? <Wifi aria-hidden className="size-3.5" /> : <WifiOff aria-hidden className="size-3.5" />}
      {m.stock.live[status]}
    </span>
  );
}
