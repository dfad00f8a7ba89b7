import { act, renderHook } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { backoffDelay, useWebSocket } from "../use-websocket";

class FakeSocket {
  static instances: FakeSocket[] = [];
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  constructor(
    public url: string,
    public protocols?: string[],
  ) {
    FakeSocket.instances.push(this);
  }
  close() {}
}

describe("useWebSocket", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeSocket.instances = [];
    vi.stubGlobal("WebSocket", FakeSocket);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("backs off exponentially up to 30 s", () => {
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    expect([0, 1, 2, 3, 10].map((a) => backoffDelay(a))).toEqual([1000, 2000, 4000, 8000, 30000]);
  });

  it("connects to the same host, delivers messages and reconnects after a drop", () => {
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    const onMessage = vi.fn();
    const { result } = renderHook(() => useWebSocket("/ws/stocks/AAPL/", onMessage));
    expect(FakeSocket.instances[0]?.url).toBe("ws://localhost:3000/ws/stocks/AAPL/");
    act(() => FakeSocket.instances[0]?.onopen?.());
    expect(result.current.status).toBe("open");
    act(() => FakeSocket.instances[0]?.onmessage?.({ data: '{"type":"price_update","price":1}' }));
    expect(onMessage).toHaveBeenCalledWith({ type: "price_update", price: 1 });

    act(() => FakeSocket.instances[0]?.onclose?.());
    expect(result.current.status).toBe("reconnecting");
    act(() => vi.advanceTimersByTime(999));
    expect(FakeSocket.instances).toHaveLength(1);
    act(() => vi.advanceTimersByTime(1));
    expect(FakeSocket.instances).toHaveLength(2);
    act(() => FakeSocket.instances[1]?.onclose?.());
    act(() => vi.advanceTimersByTime(1999));
    expect(FakeSocket.instances).toHaveLength(2);
    act(() => vi.advanceTimersByTime(1));
    expect(FakeSocket.instances).toHaveLength(3);
    act(() => FakeSocket.instances[2]?.onopen?.());
    expect(result.current.status).toBe("open");
  });

  it("sends the access token as a subprotocol, never in the URL", () => {
    renderHook(() => useWebSocket("/ws/portfolio/", vi.fn(), "header.payload.signature"));
    expect(FakeSocket.instances[0]?.url).toBe("ws://localhost:3000/ws/portfolio/");
    expect(FakeSocket.instances[0]?.protocols).toEqual(["stockvis.jwt", "header.payload.signature"]);
  });
});
