"""Sliding-window throttles: the request over the rate is a 429 whose Retry-After counts down, the budget comes
back as the window slides, parallel requests never pass the rate, and a Redis that dies mid-run lets requests in.
Each runs on the in-process cache and on a real Redis (REDIS_URL)."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from typing import Any

import pytest
import redis
from django.core.cache import cache
from django.test import override_settings
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from core import throttles
from core.throttles import FailOpenAnonRateThrottle, FailOpenRateThrottle

RATE = 5
WINDOW = 60


class Clock:
    def __init__(self) -> None:
        self.now = 1_700_000_020.0  # 40 s into a minute window (1_699_999_980 = 28_333_333 * 60)

    def __call__(self) -> float:
        return self.now


class Throttled(APIView):
    authentication_classes = ()
    permission_classes = ()
    throttle_classes = (FailOpenAnonRateThrottle,)

    def get(self, request: Any) -> Response:
        return Response({"ok": True})


VIEW = Throttled.as_view()
FACTORY = APIRequestFactory()


def call(address: str = "10.1.0.1") -> Any:
    return VIEW(FACTORY.get("/", REMOTE_ADDR=address))


def statuses(count: int, address: str = "10.1.0.1") -> list[int]:
    return [call(address).status_code for _ in range(count)]


LOCAL = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "throttles"}}


def redis_caches(url: str) -> dict[str, Any]:
    options = {"socket_connect_timeout": 0.2, "socket_timeout": 0.2}
    return {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url, "OPTIONS": options}}


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.integration)])
def backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    if request.param == "redis" and not os.environ.get("REDIS_URL"):
        pytest.skip(
            "no REDIS_URL: the Redis counter (one Lua script) only runs where Redis is configured; without it the "
            "throttle counts in the in-process cache, which the 'memory' cases test. CI sets REDIS_URL and runs these."
        )
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": f"{RATE}/min"})
    with override_settings(CACHES=LOCAL if request.param == "memory" else redis_caches(os.environ["REDIS_URL"])):
        cache.clear()
        yield request.param
        cache.clear()


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(FailOpenRateThrottle, "timer", fake)
    return fake


def test_the_request_over_the_rate_is_429_and_retry_after_counts_down(backend: str, clock: Clock) -> None:
    assert statuses(RATE) == [200] * RATE
    refused = call()
    assert refused.status_code == 429
    assert refused["Retry-After"] == "20"  # the window ends 20 s from now
    assert refused.data["extra"] == {"retry_after": 20}
    clock.now += 12.5
    assert call()["Retry-After"] == "8"
    clock.now += 7
    assert call()["Retry-After"] == "1"
    assert call("10.1.0.2").status_code == 200  # another client has its own budget


def test_the_budget_comes_back_as_the_window_slides_and_refusals_are_not_counted(backend: str, clock: Clock) -> None:
    assert statuses(RATE + 3) == [200] * RATE + [429] * 3
    clock.now += 21  # 1 s into the next window: the full last window still weighs 59/60 of 5 = 4.9
    assert statuses(2) == [200, 429]
    refused = call()
    # 5 x weight + 1 drops below 5 once the last window weighs under 4/5: 12 s into this one, 11 s from now.
    assert refused["Retry-After"] == "11"
    clock.now += 11.5
    assert statuses(2) == [200, 429]
    clock.now += 2 * WINDOW  # both windows have passed: the whole budget again
    assert statuses(RATE + 1) == [200] * RATE + [429]


def test_parallel_requests_never_pass_the_rate(backend: str, clock: Clock) -> None:
    answers: list[int] = []
    start = threading.Barrier(16)

    def client() -> None:
        start.wait()
        answers.extend(statuses(2))

    threads = [threading.Thread(target=client) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answers) == [200] * RATE + [429] * (32 - RATE)


@pytest.mark.parametrize("backend", [pytest.param("redis", marks=pytest.mark.integration)], indirect=True)
def test_a_redis_that_dies_mid_run_lets_requests_in_with_a_warning(
    backend: str, clock: Clock, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    assert statuses(RATE + 1) == [200] * RATE + [429]

    def gone(*args: Any, **kwargs: Any) -> Any:
        raise redis.ConnectionError("Connection reset by peer")

    monkeypatch.setattr(redis.Redis, "evalsha", gone)
    assert statuses(3) == [200, 200, 200]
    assert "unavailable for throttle check (ConnectionError: Connection reset by peer)" in caplog.text


def test_an_unreachable_redis_lets_every_request_in_with_a_warning(
    clock: Clock, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "1/min"})
    with override_settings(CACHES=redis_caches("redis://127.0.0.1:1/0")):
        assert statuses(4) == [200] * 4
    assert "unavailable for throttle check (ConnectionError" in caplog.text


@pytest.mark.parametrize("backend", [pytest.param("redis", marks=pytest.mark.integration)], indirect=True)
def test_a_server_without_the_script_cached_runs_it_with_eval(
    backend: str, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    # An unknown digest is what EVALSHA meets on a new or restarted server (SCRIPT FLUSH would hit every db).
    monkeypatch.setattr(throttles, "_CHECK_AND_COUNT_SHA", "0" * 40)
    assert statuses(RATE + 1) == [200] * RATE + [429]
