"use client";
/**
 * A WebSocket connection with automatic reconnect and exponential backoff (1 s, 2 s, 4 s … 30 s, with jitter).
 * Messages go to `onMessage` (kept in a ref), so consumers can push them into a chart series without re-rendering.
 * A `token` (JWT access) travels as the subprotocols ["stockvis.jwt", token], never in the URL, so it stays out of
 * access logs; the server accepts with "stockvis.jwt" (backend core/websocket.py).
 */
import { useEffect, useRef, useState } from "react";

export type SocketStatus = "connecting" | "open" | "reconnecting" | "closed";

export function backoffDelay(attempt: number, base = 1000, max = 30_000): number {
  const exp = Math.min(max, base * 2 ** attempt);
  return Math.round(exp * (0.8 + Math.random() * 0.4));
}

export function wsUrl(path: string): string {
  const { protocol, host } = window.location;
  return `${protocol === "https:" ? "wss:" : "ws:"}//${host}${path}`;
}

export const JWT_SUBPROTOCOL = "stockvis.jwt";

export function useWebSocket(
  path: string | null,
  onMessage: (data: unknown) => void,
  token?: string | null,
): { status: SocketStatus; attempts: number } {
  const [status, setStatus] = useState<SocketStatus>("connecting");
  const [attempts, setAttempts] = useState(0);
  const handler = useRef(onMessage);
  useEffect(() => {
    handler.current = onMessage;
  }, [onMessage]);

  useEffect(() => {
    if (!path) return;
    let socket: WebSocket | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    let disposed = false;

    const connect = () => {
      setStatus(attempt === 0 ? "connecting" : "reconnecting");
      socket = token ? new WebSocket(wsUrl(path), [JWT_SUBPROTOCOL, token]) : new WebSocket(wsUrl(path));
      socket.onopen = () => {
        attempt = 0;
        setAttempts(0);
        setStatus("open");
      };
      socket.onmessage = (event: MessageEvent) => {
        if (typeof event.data !== "string") return;
        try {
          handler.current(JSON.parse(event.data) as unknown);
        } catch {
          // Ignore frames that are not JSON.
        }
      };
      socket.onclose = () => {
        if (disposed) return;
        setStatus("reconnecting");
        timer = setTimeout(connect, backoffDelay(attempt));
        attempt += 1;
        setAttempts(attempt);
      };
    };
    connect();
    return () => {
      disposed = true;
      clearTimeout(timer);
      if (socket) {
        socket.onclose = null;
        socket.close();
      }
    };
  }, [path, token]);

  return { status: path ? status : "closed", attempts };
}
