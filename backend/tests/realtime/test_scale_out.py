"""Scaling out on real servers: two ASGI processes and two Celery workers on one Redis and one PostgreSQL."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from decimal import Decimal
from typing import Any

import httpx
import orjson
import pytest
from django_celery_results.models import TaskResult
from websockets.asyncio.client import ClientConnection, connect

from portfolios.models import PortfolioHistory
from portfolios.services.holdings import holding_open
from portfolios.tasks import portfolio_value_snapshot
from stocks.models import IngestionStatus, Stock
from stocks.services.ingestion import ingestion_run
from stocks.tasks import ingest_step
from tests.factories import StockFactory, UserFactory
from tests.realtime.processes import Launcher

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True), pytest.mark.timeout(240)]

SYMBOLS = ["AAPL", "MSFT", "NVDA", "AMZN", "GOOGL", "META", "TSLA", "JPM", "V", "JNJ", "WMT", "PG"]


async def next_price_update(socket: ClientConnection, *, after: str | None = None) -> dict[str, Any]:
    """The next price_update (heartbeats skipped), newer than `after` when given."""
    while True:
        message: dict[str, Any] = orjson.loads(await asyncio.wait_for(socket.recv(), timeout=20))
        if message["type"] == "price_update" and (after is None or message["timestamp"] > after):
            return message


def wait_for_results(task_ids: list[str], timeout: float = 90) -> list[dict[str, Any]]:
    """Outcomes recorded by django-celery-results: worker name and JSON result per task."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = TaskResult.objects.filter(task_id__in=task_ids, status="SUCCESS")
        results = [dict(row) for row in done.values("worker", "result")]
        if len(results) == len(task_ids):
            return results
        time.sleep(0.5)
    outcomes = list(TaskResult.objects.filter(task_id__in=task_ids).values_list("status", "result", "traceback"))
    raise AssertionError(f"{len(outcomes)} of {len(task_ids)} recorded, not all SUCCESS: {outcomes}")


def test_quotes_reach_websocket_clients_of_every_asgi_process_and_tasks_spread_over_workers(
    launcher: Launcher,
) -> None:
    for symbol in SYMBOLS:
        StockFactory.create(symbol=symbol)
    asgi_a, port_a = launcher.asgi("asgi-a")
    asgi_b, port_b = launcher.asgi("asgi-b")
    launcher.worker("worker-1")
    launcher.worker("worker-2")
    launcher.wait_ready()
    for port in (port_a, port_b):
        components = httpx.get(f"http://127.0.0.1:{port}/readyz").json()["components"]
        assert components["database"] == {"state": "up", "backend": "postgresql", "detail": ""}
        assert components["broker"]["backend"] == "redis"

    async def scenario() -> None:
        async with (
            connect(f"ws://127.0.0.1:{port_a}/ws/stocks/aapl/") as client_a,
            connect(f"ws://127.0.0.1:{port_b}/ws/stocks/AAPL/") as client_b,
        ):
            # Stored by this process (the ingestion service sends quote_stored after commit).
            result = await asyncio.to_thread(ingestion_run, symbol="AAPL", step="quote")
            assert result.state == "done"
            first_a, first_b = await next_price_update(client_a), await next_price_update(client_b)
            assert first_a == first_b
            assert first_a["symbol"] == "AAPL"
            assert first_a["price"] > 0
            # Stored by whichever worker takes the task: a third and fourth process.
            ingest_step.apply_async(args=("AAPL", "quote"), queue="high")
            second_a = await next_price_update(client_a, after=first_a["timestamp"])
            second_b = await next_price_update(client_b, after=first_a["timestamp"])
            assert second_a == second_b

    asyncio.run(scenario())

    task_ids = [ingest_step.apply_async(args=(s, "quote"), queue="high").id for s in SYMBOLS]
    results = wait_for_results(task_ids)
    workers = {r["worker"].split("@")[0] for r in results}
    assert workers == {"worker-1", "worker-2"}, [r["worker"] for r in results]
    assert asgi_a.process.poll() is None
    assert asgi_b.process.poll() is None


def test_a_worker_killed_mid_task_is_redelivered_and_nothing_is_duplicated(launcher: Launcher) -> None:
    user = UserFactory.create()
    stock = StockFactory.create(symbol="KO", real_time_price=Decimal("60"), quote_fetched_at=dt.datetime.now(tz=dt.UTC))
    holding_open(user=user, stock=stock, quantity=Decimal(10), price=Decimal(50), date=dt.date(2026, 11, 2))
    slot = dt.datetime(2026, 11, 25, 15, 0, tzinfo=dt.UTC)

    doomed = launcher.worker("worker-doomed", app="tests.realtime.slow_worker", queues="default")
    launcher.wait_ready()
    task_id = portfolio_value_snapshot.apply_async(args=(user.pk, slot.isoformat()), queue="default").id
    deadline = time.monotonic() + 60
    while "committed, pausing" not in doomed.log():
        assert time.monotonic() < deadline, doomed.log()
        time.sleep(0.2)
    # Killed after the snapshot committed and before the task was acknowledged.
    doomed.kill()
    killed_at = time.monotonic()
    assert PortfolioHistory.objects.filter(user=user).count() == 1

    # kombu restores an unacked message once it is older than the visibility timeout (5 s here), in a sweep when a
    # worker starts and then only every ~100 s: the survivor starts after the timeout, as a replacement would.
    time.sleep(max(0.0, killed_at + 6 - time.monotonic()))
    launcher.worker("worker-survivor", queues="default")
    launcher.wait_ready()
    (result,) = wait_for_results([task_id])
    assert result["worker"].startswith("worker-survivor@")
    assert orjson.loads(result["result"]) is False  # the redelivered task found the slot's snapshot
    assert PortfolioHistory.objects.filter(user=user).count() == 1


def test_temporary_provider_errors_are_retried_by_a_real_worker_and_permanent_ones_are_not(
    launcher: Launcher,
) -> None:
    StockFactory.create(symbol="KO")
    StockFactory.create(symbol="NOPE")  # stored, but unknown to the provider
    worker = launcher.worker("worker-flaky", app="tests.realtime.flaky_worker", queues="high")
    launcher.wait_ready()

    retried = ingest_step.apply_async(args=("KO", "quote"), queue="high").id
    (outcome,) = wait_for_results([retried], timeout=120)
    assert orjson.loads(outcome["result"])["state"] == "done"
    assert worker.log().count("quote call for KO") == 3  # two timeouts, then success
    assert worker.log().count("Retry in") == 2
    assert Stock.objects.get(symbol="KO").real_time_price is not None

    permanent = ingest_step.apply_async(args=("NOPE", "quote"), queue="high").id
    (outcome,) = wait_for_results([permanent])
    assert orjson.loads(outcome["result"])["state"] == "failed"
    assert worker.log().count("quote call for NOPE") == 1  # not found: tried once
    status = IngestionStatus.objects.get(stock_id="NOPE", step="quote")
    assert status.state == "failed"
    assert "NOPE" in status.reason
