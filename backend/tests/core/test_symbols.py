"""The one symbol normaliser."""

from __future__ import annotations

import pytest

from core.symbols import InvalidSymbolError, normalize_symbol


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("aapl", "AAPL"), ("  msft \n", "MSFT"), ("brk.b", "BRK.B"), ("BF-B", "BF-B"), ("7203", "7203")],
)
def test_normalises_case_and_whitespace(raw: str, expected: str) -> None:
    assert normalize_symbol(raw) == expected


@pytest.mark.parametrize("raw", ["", "   ", ".AAPL", "AAPL!", "A" * 13, "AA PL", "../etc", "😀", "-X"])
def test_rejects_what_cannot_be_a_symbol_and_names_it(raw: str) -> None:
    with pytest.raises(InvalidSymbolError) as caught:
        normalize_symbol(raw)
    assert caught.value.status_code == 400
    assert caught.value.code == "invalid_symbol"
    assert raw.strip()[:40] in caught.value.message


def test_rejects_non_strings() -> None:
    with pytest.raises(InvalidSymbolError):
        normalize_symbol(None)
