"""Smoke test of a running production process set (scripts/deployed-stack.sh starts it and calls this).

Checks what a user and an operator notice: liveness and readiness on plain HTTP, the HTTPS redirect of the API,
a chart, sign-in, the portfolio summary, a prediction, a quote stored by a worker arriving over WebSocket, and an
uncollected symbol collected by the workers after it is added to a portfolio. Exits non-zero naming the first
failed check; prints each check's duration.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections.abc import Callable
from typing import Any

import httpx
import websockets

# The stack has no TLS proxy in front; requests carry the header that proxy would add (SECURE_PROXY_SSL_HEADER).
BEHIND_TLS = {"X-Forwarded-Proto": "https"}


class SmokeError(AssertionError):
    pass


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise SmokeError(message)


def answer(response: httpx.Response, status: int = 200) -> Any:
    expect(
        response.status_code == status,
        f"{response.request.method} {response.request.url.path} answered {response.status_code}, "
        f"expected {status}: {response.text[:300]}",
    )
    return response.json() if response.content else None


class Smoke:
    def __init__(self, api: str, username: str, password: str, new_symbol: str, timeout: float) -> None:
        self.api = api.rstrip("/")
        self.username, self.password = username, password
        self.new_symbol = new_symbol
        self.timeout = timeout
        self.plain = httpx.Client(base_url=self.api, timeout=30, follow_redirects=False)
        self.client = httpx.Client(base_url=self.api, timeout=120, headers=BEHIND_TLS, follow_redirects=False)
        self.access = ""

    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.access}"}

    def probes_on_plain_http(self) -> str:
        expect(answer(self.plain.get("/healthz")) == {"status": "ok"}, "/healthz body is not {'status': 'ok'}")
        ready = answer(self.plain.get("/readyz"))
        backends = {name: c["backend"] for name, c in ready["components"].items()}
        expect(ready["status"] == "ready", f"/readyz: {ready}")
        expect(backends == {"database": "postgresql", "cache": "redis", "broker": "redis"}, f"backends: {backends}")
        redirect = self.plain.get("/api/v1/stocks/api/search/popular/")
        expect(redirect.status_code == 301, f"plain-HTTP API request answered {redirect.status_code}, not 301")
        expect(redirect.headers["location"].startswith("https://"), f"redirect to {redirect.headers['location']}")
        return f"readyz {backends}; plain-HTTP API -> 301 https"

    def chart(self) -> str:
        body = answer(self.client.get("/api/v1/stocks/api/chart/AAPL/", params={"type": "daily", "period": "1y"}))
        times = [bar["time"] for bar in body["data"]]
        expect(body["count"] == len(times) > 200, f"chart count {body['count']} for {len(times)} bars")
        expect(times == sorted(times), "chart bars are not oldest first")
        return f"{body['count']} daily bars, {times[0]} .. {times[-1]}"

    def sign_in(self) -> str:
        tokens = answer(
            self.client.post("/api/v1/users/token/", json={"username": self.username, "password": self.password})
        )
        self.access = tokens["access"]
        me = answer(self.client.get("/api/v1/users/me/", headers=self.auth()))
        expect(me["username"] == self.username, f"/me is {me['username']}")
        return f"signed in as {self.username}"

    def portfolio_summary(self) -> str:
        body = answer(self.client.get("/api/v1/users/portfolio/summary/", headers=self.auth()))
        symbols = sorted(h["symbol"] for h in body["holdings"])
        value = float(body["totals"]["market_value"])
        expect(len(symbols) > 0 and value > 0, f"summary: {symbols}, value {value}")
        return f"{len(symbols)} holdings ({', '.join(symbols)}), market value {value:,.2f} {body['currency']}"

    def prediction(self) -> str:
        """As the web app does: while a worker trains the model the API answers "preparing"; ask again after
        its retry_after_seconds until the prediction is ready."""
        deadline = time.monotonic() + 300
        waits = 0
        while True:
            body = answer(
                self.client.get("/api/v1/analysis/predict/AAPL/", params={"model_type": "price_prediction"}, timeout=60)
            )
            if body.get("status") != "preparing":
                break
            expect(time.monotonic() < deadline, f"prediction still preparing after 300 s: {str(body)[:300]}")
            waits += 1
            time.sleep(min(float(body.get("retry_after_seconds") or 2), 5))
        expect(body["symbol"] == "AAPL" and body["prediction"], f"prediction: {str(body)[:300]}")
        return f"model {body['model']} as of {body['as_of']} (after {waits} 'preparing' answers)"

    def live_quote(self) -> str:
        return asyncio.run(self._live_quote())

    async def _live_quote(self) -> str:
        url = self.api.replace("http", "ws", 1) + "/ws/stocks/AAPL/"
        deadline = time.monotonic() + self.timeout
        async with websockets.connect(url, open_timeout=10) as socket:
            while (left := deadline - time.monotonic()) > 0:
                try:
                    message = json.loads(await asyncio.wait_for(socket.recv(), timeout=left))
                except TimeoutError:
                    break
                if message.get("type") == "price_update":
                    expect(message["symbol"] == "AAPL" and float(message["price"]) > 0, f"update: {message}")
                    return f"price_update AAPL {message['price']} at {message['timestamp']}"
        raise SmokeError(f"no price_update for AAPL within {self.timeout:.0f} s (beat -> planner -> worker -> ws)")

    def collection(self) -> str:
        symbol = self.new_symbol
        status_path = f"/api/v1/users/portfolio/symbol/{symbol}/status/"
        before = answer(self.client.get(status_path, headers=self.auth()))
        expect(not before["has_prices"], f"{symbol} already has prices: pick a symbol load_demo_data left out")
        answer(
            self.client.post(
                "/api/v1/users/portfolio/",
                json={"symbol": symbol, "quantity": "3", "average_price": "50"},
                headers=self.auth(),
            ),
            201,
        )
        deadline = time.monotonic() + self.timeout
        status: dict[str, Any] = {}
        while time.monotonic() < deadline:
            status = answer(self.client.get(status_path, headers=self.auth()))
            if status["is_complete"]:
                chart = answer(self.client.get(f"/api/v1/stocks/api/chart/{symbol}/", params={"period": "1m"}))
                expect(chart["count"] > 0, f"{symbol} complete but its chart is empty")
                return f"{symbol} collected by the workers ({status['details']})"
            expect(status.get("collection_state") != "failed", f"{symbol} collection failed: {status}")
            time.sleep(1)
        raise SmokeError(f"{symbol} not collected within {self.timeout:.0f} s: {status}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--api", required=True, help="the ASGI server, e.g. http://127.0.0.1:18700")
    parser.add_argument("--username", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--new-symbol", required=True, help="a symbol the provider knows but the database lacks")
    parser.add_argument("--timeout", type=float, default=120, help="seconds to wait for the workers")
    args = parser.parse_args()
    smoke = Smoke(args.api, args.username, args.password, args.new_symbol, args.timeout)
    checks: list[tuple[str, Callable[[], str]]] = [
        ("healthz and readyz on plain HTTP", smoke.probes_on_plain_http),
        ("chart", smoke.chart),
        ("sign-in", smoke.sign_in),
        ("portfolio summary", smoke.portfolio_summary),
        ("prediction", smoke.prediction),
        ("quote stored by a worker reaches a WebSocket client", smoke.live_quote),
        ("uncollected symbol collected through the workers", smoke.collection),
    ]
    for name, check in checks:
        started = time.monotonic()
        try:
            outcome = check()
        except (SmokeError, httpx.HTTPError, OSError, KeyError) as exc:
            print(f"  FAIL {name} ({time.monotonic() - started:.1f} s): {type(exc).__name__}: {exc}", flush=True)
            return 1
        print(f"  ok   {name} ({time.monotonic() - started:.1f} s): {outcome}", flush=True)
    print(f"{len(checks)} passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
