"use client";
/** /ws/portfolio/ (the access token as a subprotocol): value updates refresh the summary; fired alerts are surfaced
 * to the caller. */
import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { useAuthStore } from "@/stores/auth-store";
import { useWebSocket } from "@/lib/use-websocket";
import { portfolioSocketMessageSchema, type PortfolioSocketMessage } from "../schemas";

export function usePortfolioLive(onAlert?: (msg: PortfolioSocketMessage) => void) {
  const token = useAuthStore((s) => s.access);
  const qc = useQueryClient();
  const handle = useCallback(
    (data: unknown) => {
      const parsed = portfolioSocketMessageSchema.safeParse(data);
      if (!parsed.success) return;
      if (parsed.data.type === "portfolio_update") void qc.invalidateQueries({ queryKey: ["portfolio", "summary"] });
      else {
        void qc.invalidateQueries({ queryKey: ["alerts"] });
        onAlert?.(parsed.data);
      }
    },
    [qc, onAlert],
  );
  return useWebSocket(token ? "/ws/portfolio/" : null, handle, token);
}
