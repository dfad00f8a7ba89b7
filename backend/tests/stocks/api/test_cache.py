"""The stocks cache helper: validated, hashed, versioned keys; failures fall through and are not retried at once."""

from __future__ import annotations

from typing import Any

import pytest

from core.failsafe import shared_state
from core.symbols import InvalidSymbolError
from stocks import cache as stock_cache
from stocks.cache import cache_key, cached_body


def test_keys_are_hashed_and_carry_kind_symbol_and_version() -> None:
    key = cache_key("chart", symbol="AAPL", version=7, params={"period": "max", "days": None})
    assert key.startswith(f"stocks:{stock_cache.KEY_VERSION}:chart:AAPL:v7:")
    assert "max" not in key
    assert key != cache_key("chart", symbol="AAPL", version=8, params={"period": "max", "days": None})
    assert key == cache_key("chart", symbol="AAPL", version=7, params={"days": None, "period": "max"})


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"kind": "everything", "symbol": "AAPL", "params": {}}, ValueError),
        ({"kind": "chart", "symbol": "aapl", "params": {}}, ValueError),
        ({"kind": "chart", "symbol": "$$", "params": {}}, InvalidSymbolError),
        ({"kind": "chart", "symbol": "AAPL", "params": {"Bad Name": 1}}, ValueError),
        ({"kind": "chart", "symbol": "AAPL", "params": {"period": ["1y"]}}, TypeError),
    ],
)
def test_unexpected_inputs_are_refused(kwargs: dict[str, Any], error: type[Exception]) -> None:
    kind = kwargs.pop("kind")
    with pytest.raises(error):
        cache_key(kind, version=1, **kwargs)


class ExplodingCache:
    def __init__(self) -> None:
        self.calls = 0

    def get(self, key: str) -> Any:
        self.calls += 1
        raise ConnectionError("redis is down")

    def set(self, key: str, value: Any, timeout: int) -> None:
        self.calls += 1
        raise ConnectionError("redis is down")


def test_a_failing_cache_is_logged_then_left_alone_for_a_while(monkeypatch: pytest.MonkeyPatch, caplog: Any) -> None:
    broken = ExplodingCache()
    monkeypatch.setattr(stock_cache, "caches", {"default": broken})
    shared_state.reset()
    builds: list[int] = []

    def build() -> dict[str, Any]:
        builds.append(1)
        return {"value": len(builds)}

    first = cached_body("overview", symbol="AAPL", version=1, params={}, build=build)
    second = cached_body("overview", symbol="AAPL", version=1, params={}, build=build)
    assert first.body == b'{"value":1}'
    assert second.body == b'{"value":2}'  # served from the database again, never an error
    assert broken.calls == 1  # after the first failure the cache is skipped instead of timing out again
    assert "redis is down" in caplog.text
    shared_state.reset()
