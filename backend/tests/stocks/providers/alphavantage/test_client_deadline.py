"""Every Alpha Vantage read ends by its total deadline, however slowly a server drips the body (issue 18)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from stocks.providers.alphavantage.client import AlphaVantageClient
from stocks.providers.errors import ProviderTemporaryError
from stocks.providers.resilience import CircuitBreaker, RetryPolicy
from tests.stocks.providers.alphavantage.test_client import UnlimitedQuota

BODY = b'{"Symbol": "IBM", "Name": "International Business Machines", "Exchange": "NYSE"}'


class DrippingServer(ThreadingHTTPServer):
    """Sends headers at once, then the body one byte per `gap` seconds; records how many bytes went out."""

    daemon_threads = True

    def __init__(self, gap: float) -> None:
        super().__init__(("127.0.0.1", 0), _Dripper)
        self.gap = gap
        self.sent = 0
        self.finished = threading.Event()


class _Dripper(BaseHTTPRequestHandler):
    server: DrippingServer

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(BODY)))
        self.end_headers()
        try:
            for byte in BODY:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                self.server.sent += 1
                time.sleep(self.server.gap)
        except OSError:
            pass  # the client hung up: what the deadline is for
        finally:
            self.server.finished.set()

    def log_message(self, format: str, *args: Any) -> None:
        return


@pytest.fixture
def dripping() -> Iterator[DrippingServer]:
    server = DrippingServer(gap=0.05)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def _client(server: DrippingServer, *, total_deadline: float) -> AlphaVantageClient:
    host, port = server.server_address[:2]
    return AlphaVantageClient(
        api_key="KEY",
        base_url=f"http://{host!s}:{port}",
        limiter=UnlimitedQuota(),
        breaker=CircuitBreaker("av-deadline-test", threshold=100),
        retry_policy=RetryPolicy(attempts=1, sleep=lambda _s: None),
        timeout=1.0,  # each byte comes within 0.05 s: this timeout alone never ends the read
        total_deadline=total_deadline,
    )


def test_a_dripped_body_is_cut_at_the_total_deadline(dripping: DrippingServer) -> None:
    client = _client(dripping, total_deadline=0.5)
    try:
        with pytest.raises(ProviderTemporaryError, match="timed out"):
            client.overview("IBM")
    finally:
        client.close()
    assert dripping.finished.wait(5)
    assert dripping.sent < len(BODY)  # the client stopped reading long before the server was done


def test_the_same_drip_within_the_deadline_is_read_whole(dripping: DrippingServer) -> None:
    """The control: a body that takes longer than the read timeout, but not the deadline, arrives whole."""
    client = _client(dripping, total_deadline=20.0)
    try:
        payload = client.overview("IBM")
    finally:
        client.close()
    assert payload == {"Symbol": "IBM", "Name": "International Business Machines", "Exchange": "NYSE"}
    assert dripping.sent == len(BODY)
